"""Management locks (Microsoft.Authorization/locks) at subscription, group and resource scope, and
their enforcement.

A lock is a row of ``resources`` (type microsoft.authorization/locks) whose ``parent_lc`` is its
scope; its id keeps the caller's casing. Deleting a scope deletes its locks (store.delete_under).

Enforcement (``check``): CanNotDelete and ReadOnly locks at or above a scope, or anywhere below it,
refuse its deletion; ReadOnly locks at or above a scope refuse writes (PUT, PATCH, POST actions,
tags). Lock management itself is never refused.
"""
import json
import re

from ..store import records
from ..domain import resources
from ..wire.errors import ArmError, resource_group_not_found, scope_locked
from ..wire.http import empty, json_response

TYPE = "Microsoft.Authorization/locks"
SEGMENT = "/providers/microsoft.authorization/locks/"
LEVELS = {"cannotdelete": "CanNotDelete", "readonly": "ReadOnly"}
_NAME = re.compile(r"^[^<>*%&:\\?/+]{1,90}$")


def ancestors(scope_lc):
    """The scope ids (lower case) at or above scope_lc: subscription, group, parent resources, itself."""
    parts = scope_lc.rstrip("/").split("/")
    out = ["/".join(parts[:3])]
    if len(parts) >= 5:
        out.append("/".join(parts[:5]))
    if len(parts) >= 9 and parts[5] == "providers":
        out += ["/".join(parts[:n]) for n in range(9, len(parts) + 1, 2)]
    return out


def locks_in(db, sub_lc):
    return db.execute("SELECT * FROM resources WHERE sub_lc = ? AND type_lc = ? ORDER BY seq",
                      (sub_lc, TYPE.lower())).fetchall()


def lock_scope(row):
    """The scope of a lock row, as written."""
    return row["id"][:row["id_lc"].rindex(SEGMENT)]


def related(db, scope_lc, below=True):
    """Lock rows at or above scope_lc (and below it when below)."""
    above = set(ancestors(scope_lc))
    out = []
    for row in locks_in(db, scope_lc.split("/")[2]):
        parent = row["parent_lc"]
        if parent in above or (below and parent.startswith(scope_lc.rstrip("/") + "/")):
            out.append(row)
    return out


def check(db, scope, operation):
    """Raise ScopeLocked if locks forbid operation ("delete", "write" or "move") on scope (an id)."""
    scope_lc = scope.lower().rstrip("/")
    rows = related(db, scope_lc, below=operation in ("delete", "move"))
    if operation == "write":
        rows = [r for r in rows if json.loads(r["body"])["properties"]["level"] == "ReadOnly"]
    if rows:
        scopes = []
        for row in rows:
            if lock_scope(row) not in scopes:
                scopes.append(lock_scope(row))
        raise scope_locked(scope, "delete" if operation == "move" else operation, scopes)


def _scope_exists(ctx, db, scope):
    """404 unless the scope (below a subscription, as written) exists."""
    sub_id = ctx.subscription["subscription_id"]
    parts = [p for p in scope.split("/") if p][2:]
    if not parts:
        return
    if len(parts) < 2 or parts[0].lower() != "resourcegroups":
        raise ArmError(400, "InvalidScope", "The scope '%s' is not valid for a management lock." % scope)
    if records.get(db, "/subscriptions/%s/resourceGroups/%s" % (sub_id, parts[1])) is None:
        raise resource_group_not_found(parts[1])
    if len(parts) > 2:
        if parts[2].lower() != "providers":
            raise ArmError(400, "InvalidScope", "The scope '%s' is not valid for a management lock." % scope)
        target = resources.Target(sub_id, parts[1], "/".join(parts[3:]))
        if target.tail is not None or records.get(db, target.id_lc()) is None:
            raise resources.not_found(target)


def _split(ctx):
    """(scope as written, lock name or None) from the request path."""
    path = "/" + "/".join(p for p in ctx.request.path.split("/") if p)  # SDKs send '//' for an empty parent
    i = path.lower().rindex("/providers/microsoft.authorization/locks")
    name = path[i + len("/providers/microsoft.authorization/locks/"):] or None
    return path[:i], name


def _lock_id(scope, name):
    return "%s/providers/%s/%s" % (scope, TYPE, name)


def document(row):
    return records.render(row)


def put_lock(ctx, **params):
    scope, name = _split(ctx)
    if not _NAME.match(name):
        raise ArmError(400, "LockNameInvalid", "The lock name '%s' is invalid. It cannot contain the characters "
                       "'<, >, *, %%, &, :, \\, ?, /, +' and must be at most 90 characters long." % name)
    body = ctx.json_body()
    props = body.get("properties")
    level = props.get("level") if isinstance(props, dict) else None
    if not isinstance(level, str) or level.lower() not in LEVELS:
        raise ArmError(400, "LockLevelInvalid", "The lock level '%s' is invalid. The supported lock levels are "
                       "'CanNotDelete, ReadOnly'." % level)
    lock_props = {"level": LEVELS[level.lower()]}
    if props.get("notes"):
        if len(props["notes"]) > 512:
            raise ArmError(400, "LockNotesTooLong", "The lock notes exceed the maximum length of 512 characters.")
        lock_props["notes"] = props["notes"]
    if props.get("owners"):
        lock_props["owners"] = [{"applicationId": o.get("applicationId")} for o in props["owners"]
                                if isinstance(o, dict)]
    with ctx.store.write() as db:
        _scope_exists(ctx, db, scope)
        existing = records.get(db, _lock_id(scope, name))
        lock_id = existing["id"] if existing is not None else _lock_id(scope, name)
        doc = {"properties": lock_props, "id": lock_id, "type": TYPE, "name": lock_id.rsplit("/", 1)[1]}
        sub_id = ctx.subscription["subscription_id"]
        parts = [p for p in scope.split("/") if p]
        group = parts[3] if len(parts) > 3 else None
        records.put(db, lock_id, TYPE, sub_id, group, scope, doc["name"], None, doc, ctx.now)
    return json_response(doc, 200 if existing is not None else 201)


def get_lock(ctx, **params):
    scope, name = _split(ctx)
    row = records.get(ctx.store.read(), _lock_id(scope, name))
    if row is None:
        raise ArmError(404, "LockNotFound", "The lock '%s' could not be found." % name, gateway=False)
    return json_response(document(row))


def delete_lock(ctx, **params):
    scope, name = _split(ctx)
    with ctx.store.write() as db:
        row = records.get(db, _lock_id(scope, name))
        if row is None:
            return empty(204)
        db.execute("DELETE FROM resources WHERE id_lc = ?", (row["id_lc"],))
    return empty(200)


_FILTER = re.compile(r"^\s*atscope\(\)\s*(?:and\s+name\s+eq\s+'((?:[^']|'')*)')?\s*$", re.IGNORECASE)


def list_locks(ctx, **params):
    scope, _ = _split(ctx)
    text = ctx.args.get("$filter")
    at_scope, name = False, None
    if text and text.strip():
        m = _FILTER.match(text)
        if m is None:
            raise ArmError(400, "InvalidFilter", "The filter '%s' is not supported. Supported filters are "
                           "'atScope()' and \"atScope() and name eq '{name}'\"." % text)
        at_scope, name = True, m.group(1)
    db = ctx.store.read()
    _scope_exists(ctx, db, scope)
    rows = related(db, scope.lower(), below=not at_scope)
    docs = [document(r) for r in rows if name is None or r["name"].lower() == name.replace("''", "'").lower()]
    return json_response({"value": docs})


def register(router):
    sub = "/subscriptions/{subscriptionId}/providers/Microsoft.Authorization/locks"
    scoped = "/subscriptions/{subscriptionId}/{scope*}/providers/Microsoft.Authorization/locks"
    for base in (sub, scoped):
        router.add("GET", base, list_locks, action="Microsoft.Authorization/locks/read")
        router.add("GET", base + "/{lockName}", get_lock, action="Microsoft.Authorization/locks/read")
        router.add("PUT", base + "/{lockName}", put_lock, action="Microsoft.Authorization/locks/write")
        router.add("DELETE", base + "/{lockName}", delete_lock, action="Microsoft.Authorization/locks/delete")
