"""Management-group writes (the model and its rules of access are managementgroups.py).

- ``PutGroup``: create or update (display name, parent). Over HTTP it is long-running as in ARM: the
  request validates and starts a ``managementGroups/create`` operation; its completer re-checks the
  parent and writes the group. ``asynchronous=False`` (the deployment engine) writes at once.
- ``PatchGroup``: displayName and/or parentGroupId, synchronously.
- ``DeleteGroup``: refused while the group has child groups or subscriptions, and for the root;
  long-running (``managementGroups/delete``) over HTTP, re-checked when it completes.
- ``PlaceSubscription`` / ``RemoveSubscription``: move a subscription under a group, or back under the
  tenant root group.
The tenant root group's row is written by the first write in the tenant (``ensure_root``).
"""
import json
import re

from . import lro
from . import managementgroups as mg
from .operations import Operation, Outcome
from ..common.errors import authorization_failed, invalid_request_content, subscription_not_found
from ..identity import directory
from ..store import db as store
from ..store import records

CREATE, DELETE = "managementGroups/create", "managementGroups/delete"
_NAME = re.compile(r"^[\w().-]{1,90}$")  # letters and digits (Unicode), _ ( ) - .
SUBSCRIPTION_WRITE = "Microsoft.Management/managementGroups/subscriptions/write"


def validate_name(name):
    if not _NAME.match(name) or name.endswith("."):
        raise mg.bad_request("The management group name '%s' is invalid. Names are 1 to 90 characters: letters, "
                             "digits, underscores, hyphens, periods and parentheses, not ending in a period." % name)


def ensure_root(db, tenant_lc, now):
    """The tenant root group's node, its row written if it was not yet."""
    root = mg.node(db, tenant_lc, tenant_lc)
    if root is not None and not root.stored:
        body = {"tenantId": root.tenant, "displayName": root.display_name, "parent": None, "version": 1,
                "updatedTime": now}
        records.put(db, root.id, mg.TYPE, "", None, "/tenants/" + root.tenant, root.name, None, body, now)
        root = mg.node(db, tenant_lc, tenant_lc)
    return root


def write_group(db, tenant_lc, name, display_name, parent, by, now, owner=None):
    """Create or update a group row (parent: a group name, None for the root); returns its node."""
    ensure_root(db, tenant_lc, now)
    current = mg.node(db, tenant_lc, name)
    if current is not None:
        name, owner = current.name, current.owner
    body = {"tenantId": tenant_lc, "displayName": display_name, "parent": parent,
            "version": current.version + 1 if current is not None else 1, "updatedTime": now, "updatedBy": by}
    if owner:
        body["owner"] = owner
    parent_lc = mg.group_id(parent).lower() if parent else "/tenants/" + tenant_lc
    records.put(db, mg.group_id(name), mg.TYPE, "", None, parent_lc, name, None, body, now)
    db.execute("UPDATE resources SET parent_lc = ? WHERE id_lc = ?", (parent_lc, mg.group_id(name).lower()))
    return mg.node(db, tenant_lc, name)


def _height(db, found):
    return max([_height(db, c) + 1 for c in mg.child_groups(db, found)] or [0])


def placement_problem(db, tenant_lc, name, parent_name):
    """Why group ``name`` (existing or not) cannot sit under parent_name, or None."""
    parent = mg.node(db, tenant_lc, parent_name)
    if parent is None:
        return "The parent management group '%s' was not found." % parent_name
    if parent.state == "Deleting":
        return "The parent management group '%s' is being deleted." % parent.name
    above = mg.chain(db, tenant_lc, parent)
    if any(n.name.lower() == name.lower() for n in above):
        return "The management group '%s' cannot be moved under itself or one of its descendants." % name
    current = mg.node(db, tenant_lc, name)
    if len(above) + (_height(db, current) if current is not None else 0) > mg.MAX_DEPTH:
        return "The hierarchy can have at most %d levels below the root management group." % mg.MAX_DEPTH
    return None


def _check_parent(db, caller, name, parent_name, creating):
    """Access to and validity of the new parent of group ``name``."""
    tenant_lc = caller.principal.tenant_id
    parent = mg.node(db, tenant_lc, parent_name)
    if parent is None and not mg.owns_root(db, caller.principal, tenant_lc):
        raise authorization_failed(caller.principal, mg.WRITE, mg.group_id(parent_name))
    if parent is not None and not (creating and parent.is_root) and not mg.can_access(db, caller.principal, parent):
        raise authorization_failed(caller.principal, mg.WRITE, parent.id)
    problem = placement_problem(db, tenant_lc, name, parent_name)
    if problem:
        raise mg.bad_request(problem)
    return parent


def _display_name(value):
    if value is not None and (not isinstance(value, str) or len(value) > 90):
        raise invalid_request_content("displayName must be a string of at most 90 characters")
    return value


class _GroupWrite(Operation):
    """Shared by PUT and PATCH: who may change the group and where it may go."""

    def _resolve(self, caller, db, name, display_name, parent_ref, creating_allowed):
        tenant_lc = caller.principal.tenant_id
        self.current = mg.node(db, tenant_lc, name)
        if self.current is None:
            if not creating_allowed:
                mg.require(db, caller, name, mg.WRITE)  # 404 or 403
            if mg.taken_elsewhere(db, tenant_lc, name):
                raise authorization_failed(caller.principal, mg.WRITE, mg.group_id(name))
        elif not mg.can_access(db, caller.principal, self.current):
            raise authorization_failed(caller.principal, mg.WRITE, self.current.id)
        elif self.current.state == "Deleting":
            raise mg.bad_request("The management group '%s' is being deleted." % self.current.name)
        requested = mg.group_name(parent_ref)
        if self.current is not None and self.current.is_root:
            if requested is not None and requested.lower() != self.current.name.lower():
                raise mg.bad_request("The root management group cannot be moved.")
            self.parent = None
        else:
            default = self.current.parent if self.current is not None else tenant_lc
            self.parent = (requested or default)
            if self.current is None or self.parent.lower() != (self.current.parent or "").lower():
                self.parent = _check_parent(db, caller, name, self.parent, self.current is None).name
        self.name = self.current.name if self.current is not None else name
        self.display_name = _display_name(display_name) or (self.current.display_name if self.current else name)

    def _write(self, caller, db):
        owner = caller.principal.object_id if self.current is None else None
        return write_group(db, caller.principal.tenant_id, self.name, self.display_name, self.parent,
                           caller.principal.object_id, caller.now, owner)


class PutGroup(_GroupWrite):
    def __init__(self, name, display_name=None, parent_id=None, asynchronous=True):
        self.requested = (name, display_name, parent_id)
        self.asynchronous = asynchronous

    def prepare(self, caller, db):
        validate_name(self.requested[0])
        self._resolve(caller, db, *self.requested, creating_allowed=True)
        return []

    def apply(self, caller, db):
        if not self.asynchronous:
            return Outcome(mg.document(db, self._write(caller, db)), created=self.current is None)
        params = {"tenant": caller.principal.tenant_id, "name": self.name, "displayName": self.display_name,
                  "parent": self.parent, "by": caller.principal.object_id,
                  "owner": caller.principal.object_id if self.current is None else None}
        return Outcome(op_id=lro.start(db, caller, CREATE, mg.group_id(self.name), "", params=params),
                       created=self.current is None)


class PatchGroup(_GroupWrite):
    def __init__(self, name, changes):
        self.name_asked, self.changes = name, changes

    def prepare(self, caller, db):
        self._resolve(caller, db, self.name_asked, self.changes.get("displayName"),
                      self.changes.get("parentGroupId"), creating_allowed=False)
        return []

    def apply(self, caller, db):
        return Outcome(mg.document(db, self._write(caller, db)))


def async_result(name, status, properties=None, error=None):
    body = {"id": mg.group_id(name), "type": mg.TYPE, "name": name, "status": status}
    if properties:
        body["properties"] = properties
    if error:
        body["error"] = error
    return body


@lro.completer(CREATE)
def _finish_create(db, op, now):
    p = json.loads(op["params"])
    problem = placement_problem(db, p["tenant"], p["name"], p["parent"]) if p["parent"] else None
    if problem:
        return 400, async_result(p["name"], "Failed", error={"code": "BadRequest", "message": problem})
    found = write_group(db, p["tenant"], p["name"], p["displayName"], p["parent"], p["by"], now, p.get("owner"))
    return 200, async_result(found.name, "Succeeded", {"tenantId": found.tenant, "displayName": found.display_name})


def children_problem(db, found):
    if mg.child_groups(db, found) or mg.member_subscriptions(db, found):
        return ("The management group '%s' has children (management groups or subscriptions) and cannot be "
                "deleted. Move or delete them first." % found.name)
    return None


class DeleteGroup(Operation):
    def __init__(self, name, asynchronous=True):
        self.name, self.asynchronous = name, asynchronous

    def prepare(self, caller, db):
        tenant_lc = caller.principal.tenant_id
        self.found = mg.node(db, tenant_lc, self.name)
        if self.found is None:
            if mg.taken_elsewhere(db, tenant_lc, self.name) or not mg.owns_root(db, caller.principal, tenant_lc):
                raise authorization_failed(caller.principal, mg.DELETE, mg.group_id(self.name))
            return []  # nothing to delete: 204
        if not mg.can_access(db, caller.principal, self.found):
            raise authorization_failed(caller.principal, mg.DELETE, self.found.id)
        if self.found.is_root:
            raise mg.bad_request("The root management group cannot be deleted.")
        problem = children_problem(db, self.found)
        if problem:
            raise mg.bad_request(problem)
        self.running = lro.running(db, self.found.id, DELETE)
        return []

    def apply(self, caller, db):
        if self.found is None:
            return Outcome(status=204)
        if not self.asynchronous:
            store.delete_under(db, self.found.id.lower())
            return Outcome(status=200)
        if self.running is not None:
            return Outcome(op_id=self.running["op_id"])
        records.set_state(db, self.found.id, "Deleting")
        params = {"tenant": caller.principal.tenant_id, "name": self.found.name}
        return Outcome(op_id=lro.start(db, caller, DELETE, self.found.id, "", params=params))


@lro.completer(DELETE)
def _finish_delete(db, op, now):
    p = json.loads(op["params"])
    found = mg.node(db, p["tenant"], p["name"])
    if found is None:
        return 200, async_result(p["name"], "Succeeded")
    problem = children_problem(db, found)
    if problem:
        records.set_state(db, found.id, None)
        return 400, async_result(found.name, "Failed", error={"code": "BadRequest", "message": problem})
    store.delete_under(db, found.id.lower())
    return 200, async_result(found.name, "Succeeded")


def latest_operation(db, tenant_lc, name, kind):
    """The newest operation of kind on the tenant's group ``name``, or None."""
    for op in db.execute("SELECT * FROM operations WHERE target_lc = ? AND kind = ? ORDER BY started DESC",
                         (mg.group_id(name).lower(), kind)):
        if json.loads(op["params"]).get("tenant") == tenant_lc:
            return op
    return None


class _SubscriptionMove(Operation):
    def __init__(self, group, subscription_id):
        self.group, self.subscription_id = group, subscription_id

    def prepare(self, caller, db):
        tenant_lc = caller.principal.tenant_id
        self.target = mg.require(db, caller, self.group, mg.WRITE)
        self.sub = directory.subscription(db, self.subscription_id)
        if self.sub is None or self.sub["tenant_lc"] != tenant_lc:
            raise subscription_not_found(self.subscription_id)
        self.source = mg.node(db, tenant_lc, mg.subscription_group(db, tenant_lc, self.subscription_id))
        scopes = directory.scopes_of(db, caller.principal.object_id)
        if not (directory.covers(scopes, "/subscriptions/" + self.sub["sub_lc"])
                or mg.can_access(db, caller.principal, self.source)):
            raise authorization_failed(caller.principal, SUBSCRIPTION_WRITE, "/subscriptions/" + self.sub["sub_lc"])
        return []

    def _place(self, caller, db, group):
        db.execute("DELETE FROM resources WHERE sub_lc = '' AND type_lc = ? AND lower(name) = ?",
                   (mg.SUBSCRIPTION_TYPE.lower(), self.sub["sub_lc"]))
        ensure_root(db, caller.principal.tenant_id, caller.now)
        if not group.is_root:
            records.put(db, "%s/subscriptions/%s" % (group.id, self.sub["subscription_id"]), mg.SUBSCRIPTION_TYPE,
                        "", None, group.id, self.sub["subscription_id"], None,
                        {"tenant": group.tenant, "group": group.name}, caller.now)


class PlaceSubscription(_SubscriptionMove):
    """PUT .../managementGroups/{g}/subscriptions/{id}: the subscription moves under g."""

    def prepare(self, caller, db):
        super().prepare(caller, db)
        if self.target.state == "Deleting":
            raise mg.bad_request("The management group '%s' is being deleted." % self.target.name)
        if not self.source.is_root and not mg.can_access(db, caller.principal, self.source):
            raise authorization_failed(caller.principal, mg.WRITE, self.source.id)
        return []

    def apply(self, caller, db):
        self._place(caller, db, self.target)
        return Outcome(mg.subscription_document(db, self.target, self.sub))


class RemoveSubscription(_SubscriptionMove):
    """DELETE .../managementGroups/{g}/subscriptions/{id}: back under the tenant root (204: not in g)."""

    def prepare(self, caller, db):
        super().prepare(caller, db)
        if self.source.name.lower() == self.target.name.lower() and self.target.is_root:
            raise mg.bad_request("A subscription cannot be removed from the root management group; move it to "
                                 "another management group instead.")
        return []

    def apply(self, caller, db):
        if self.source.name.lower() != self.target.name.lower():
            return Outcome(status=204)
        self._place(caller, db, ensure_root(db, caller.principal.tenant_id, caller.now))
        return Outcome(status=200)
