"""Lock enforcement: which writes and deletions management locks refuse.

CanNotDelete and ReadOnly locks at or above a scope, or anywhere below it, refuse its deletion (and
a move of it); ReadOnly locks at or above a scope refuse writes (PUT, PATCH, POST actions, tags).
Only the domain's single write path (operations.execute) asks.
"""
import json

from ..common.errors import scope_locked

TYPE = "Microsoft.Authorization/locks"
SEGMENT = "/providers/microsoft.authorization/locks/"


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
