"""Rows of the ``resources`` table: every ARM object with an id (groups now; any type later).

``body`` is the full JSON document as served (id, name, type, location, tags, properties...);
``state`` overrides ``properties.provisioningState`` while an operation runs on the object
(e.g. "Deleting"). ``parent_lc`` is the id of the containing scope (the subscription for a group,
the group for a top-level resource, the parent resource for a child resource).
"""
import json


def get(db, resource_id):
    return db.execute("SELECT * FROM resources WHERE id_lc = ?", (resource_id.lower(),)).fetchone()


def put(db, resource_id, type_, sub_id, group, parent_id, name, location, body, now):
    """Insert or replace the document at resource_id (keeps its seq and created time)."""
    db.execute(
        "INSERT INTO resources (id_lc, id, type_lc, sub_lc, group_lc, parent_lc, name, location, state, body, "
        "created, changed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?) "
        "ON CONFLICT (id_lc) DO UPDATE SET id = excluded.id, name = excluded.name, location = excluded.location, "
        "body = excluded.body, changed = excluded.changed",
        (resource_id.lower(), resource_id, type_.lower(), sub_id.lower(), group.lower() if group else None,
         parent_id.lower(), name, location, json.dumps(body, separators=(",", ":")), now, now))


def set_state(db, resource_id, state):
    db.execute("UPDATE resources SET state = ? WHERE id_lc = ?", (state, resource_id.lower()))


def render(row):
    """The document of a row as served."""
    doc = json.loads(row["body"])
    if row["state"]:
        doc.setdefault("properties", {})["provisioningState"] = row["state"]
    return doc


def children(db, parent_id, type_, after_seq=0):
    """Rows of type_ directly under parent_id, in creation order, after the seq after_seq."""
    return db.execute(
        "SELECT * FROM resources WHERE parent_lc = ? AND type_lc = ? AND seq > ? ORDER BY seq",
        (parent_id.lower(), type_.lower(), after_seq))


def hidden(row):
    """The emulator state kept with a document and never served (storage keys, VM power state)."""
    return json.loads(row["body"]).get("_hidden") or {}


def update_body(db, row, doc, now):
    """Replace the stored document of row (same id), keeping its hidden state."""
    old = json.loads(row["body"])
    if "_hidden" in old and "_hidden" not in doc:
        doc = dict(doc, _hidden=old["_hidden"])
    db.execute("UPDATE resources SET body = ?, changed = ? WHERE id_lc = ?",
               (json.dumps(doc, separators=(",", ":")), now, row["id_lc"]))


def update_hidden(db, row, **changes):
    """Merge changes into row's hidden state (its changed time stays: no client-visible change)."""
    body = json.loads(row["body"])
    body.setdefault("_hidden", {}).update(changes)
    update_body(db, row, body, row["changed"])
    return body["_hidden"]
