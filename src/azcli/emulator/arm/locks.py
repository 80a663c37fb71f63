"""Management locks (Microsoft.Authorization/locks) at subscription, group and resource scope.

A lock is a row of ``resources`` (type microsoft.authorization/locks) whose ``parent_lc`` is its
scope; its id keeps the caller's casing. Deleting a scope deletes its locks (store.delete_under).
Enforcement is the domain layer's (domain/locking.py); lock management itself is never refused.
"""
import re

from ..domain import resources
from ..domain.locking import TYPE, related
from ..store import records
from ..common.errors import ArmError, resource_group_not_found
from ..wire.http import empty, json_response

LEVELS = {"cannotdelete": "CanNotDelete", "readonly": "ReadOnly"}
_NAME = re.compile(r"^[^<>*%&:\\?/+]{1,90}$")


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
