"""Management groups (Microsoft.Management/managementGroups): a tenant's hierarchy above its subscriptions.

The model, read side. The writes are Operations in managementgroup_writes.py.

Storage: rows of ``resources`` with ``sub_lc = ''`` (tenant level, so no subscription query sees them):
- a group: id ``/providers/Microsoft.Management/managementGroups/{name}``, type TYPE, ``parent_lc`` the
  parent group's id (the root's is ``/tenants/{tenant}``); body ``{"tenantId", "displayName", "parent"
  (name as stored, None for the root), "version", "updatedTime" (epoch), "updatedBy", "owner"}``.
- a subscription's place: id ``{group id}/subscriptions/{subscriptionId}``, type SUBSCRIPTION_TYPE,
  ``parent_lc`` the group's id, name the subscription id. A subscription without such a row sits directly
  under the tenant root group.
Group names are unique in the local cloud (ARM: in a directory); another tenant's group is invisible.

The tenant root group is named after the tenant id and exists from the tenant's first use: until a
write materializes its row, reads see it as it would be created (``ensure_root``).

Access (roles are not distinguished, as elsewhere in the local cloud): a principal may read and write a
group when it has access at ``/``, at the group or at one of its ancestors (an ``access`` row whose scope
is the group id), or created the group or an ancestor (ARM makes the creator Owner). The built-in
principal is Owner at the tenant root of the built-in tenant. Any principal of the tenant may create a
group under the root (ARM's default hierarchy setting). Without access, a group - existing or not -
answers 403 AuthorizationFailed, as ARM does; with access at the root, a missing group is a 404.

Functions other emulator code relies on (the deployment engine resolves ``managementGroup()`` and
management-group-scope deployments with them; keep them stable):
- ``find(db, tenant_lc, group_name) -> document or None``: the group's GET document (no expansions), or
  None when the tenant has no such group. Names are case-insensitive; the document spells them as stored.
- ``ancestors(db, tenant_lc, group_name) -> [names root-first] or None``: the names of the group's
  ancestors from the tenant root down to its parent (ARM's ``managementGroupAncestors`` order reversed
  to root-first; the group itself excluded); ``[]`` for the root; None when the group does not exist.
"""
import json

from ..common.errors import ArmError, authorization_failed
from ..common.values import iso
from ..identity import directory
from ..store import records
from ..store.db import get_meta

TYPE = "Microsoft.Management/managementGroups"
SUBSCRIPTION_TYPE = "Microsoft.Management/managementGroups/subscriptions"
PREFIX = "/providers/Microsoft.Management/managementGroups/"
ROOT_DISPLAY_NAME = "Tenant Root Group"
MAX_DEPTH = 6  # levels below the root
READ = "Microsoft.Management/managementGroups/read"
WRITE = "Microsoft.Management/managementGroups/write"
DELETE = "Microsoft.Management/managementGroups/delete"


def group_id(name):
    return PREFIX + name


def bad_request(message):
    return ArmError(400, "BadRequest", message, gateway=False)


def not_found(name):
    return ArmError(404, "NotFound", "The management group '%s' could not be found." % name, gateway=False)


def group_name(reference):
    """A group named by its name or its id (``/providers/Microsoft.Management/managementGroups/{name}``)."""
    if reference is None:
        return None
    if not isinstance(reference, str) or not reference.strip("/"):
        raise bad_request("The management group id '%s' is invalid." % reference)
    if reference.lower().startswith(PREFIX.lower()):
        reference = reference[len(PREFIX):]
    elif "/" in reference:
        raise bad_request("The management group id '%s' is invalid. Use "
                          "'/providers/Microsoft.Management/managementGroups/{groupId}'." % reference)
    return reference.strip("/")


# --- Nodes: a group as the domain sees it -----------------------------------------------------

class Node:
    __slots__ = ("name", "tenant", "display_name", "parent", "version", "updated", "updated_by", "owner", "state",
                 "stored")

    def __init__(self, name, tenant, display_name, parent, version, updated, updated_by=None, owner=None,
                 state=None, stored=True):
        self.name, self.tenant, self.display_name, self.parent = name, tenant, display_name, parent
        self.version, self.updated, self.updated_by, self.owner = version, updated, updated_by, owner
        self.state, self.stored = state, stored

    @property
    def id(self):
        return group_id(self.name)

    @property
    def is_root(self):
        return self.parent is None


def _node(row):
    body = json.loads(row["body"])
    return Node(row["name"], body["tenantId"], body["displayName"], body.get("parent"), body["version"],
                body["updatedTime"], body.get("updatedBy"), body.get("owner"), row["state"])


def _virtual_root(db, tenant_lc):
    tenant = directory.tenant(db, tenant_lc)
    if tenant is None:
        return None
    return Node(tenant["tenant_id"], tenant["tenant_lc"], ROOT_DISPLAY_NAME, None, 1, tenant["created"],
                stored=False)


def node(db, tenant_lc, name):
    """The tenant's group ``name`` (case-insensitive), or None."""
    tenant_lc = tenant_lc.lower()
    row = records.get(db, group_id(name))
    if row is not None and row["type_lc"] == TYPE.lower():
        found = _node(row)
        return found if found.tenant == tenant_lc else None
    if name.lower() == tenant_lc:
        return _virtual_root(db, tenant_lc)
    return None


def taken_elsewhere(db, tenant_lc, name):
    """Whether another tenant's group has this name."""
    row = records.get(db, group_id(name))
    return row is not None and row["type_lc"] == TYPE.lower() and json.loads(row["body"])["tenantId"] != tenant_lc


def chain(db, tenant_lc, start):
    """[root, ..., start]: the nodes from the tenant root down to start."""
    nodes = [start]
    while nodes[0].parent is not None and len(nodes) <= MAX_DEPTH + 2:
        parent = node(db, tenant_lc, nodes[0].parent)
        if parent is None:
            break
        nodes.insert(0, parent)
    return nodes


def child_groups(db, found):
    rows = db.execute("SELECT * FROM resources WHERE parent_lc = ? AND type_lc = ? ORDER BY seq",
                      (found.id.lower(), TYPE.lower())).fetchall()
    return [_node(r) for r in rows]


def descendants(db, found):
    """Every group below found (depth first)."""
    out = []
    for child in child_groups(db, found):
        out.append(child)
        out.extend(descendants(db, child))
    return out


def _placement_rows(db):
    return db.execute("SELECT * FROM resources WHERE sub_lc = '' AND type_lc = ? ORDER BY seq",
                      (SUBSCRIPTION_TYPE.lower(),)).fetchall()


def placement(db, subscription_id):
    """The placement row of a subscription (None: it sits under its tenant's root group)."""
    return db.execute("SELECT * FROM resources WHERE sub_lc = '' AND type_lc = ? AND lower(name) = ?",
                      (SUBSCRIPTION_TYPE.lower(), subscription_id.lower())).fetchone()


def subscription_group(db, tenant_lc, subscription_id):
    """The name of the group a subscription of the tenant sits in directly (None: not the tenant's)."""
    row = directory.subscription(db, subscription_id)
    if row is None or row["tenant_lc"] != tenant_lc.lower():
        return None
    placed = placement(db, subscription_id)
    if placed is None:
        return _virtual_root(db, tenant_lc).name
    return json.loads(placed["body"])["group"]


def member_subscriptions(db, found):
    """The subscriptions rows directly in the group found."""
    if found.is_root:
        placed = {r["name"].lower() for r in _placement_rows(db)}
        rows = db.execute("SELECT * FROM subscriptions WHERE tenant_lc = ? ORDER BY created, sub_lc",
                          (found.tenant,)).fetchall()
        return [r for r in rows if r["sub_lc"] not in placed]
    rows = db.execute("SELECT * FROM resources WHERE parent_lc = ? AND type_lc = ? ORDER BY seq",
                      (found.id.lower(), SUBSCRIPTION_TYPE.lower())).fetchall()
    return [directory.subscription(db, r["name"]) for r in rows]


def tenant_groups(db, tenant_lc):
    """Every group of the tenant, the root first, then in creation order."""
    rows = db.execute("SELECT * FROM resources WHERE sub_lc = '' AND type_lc = ? AND "
                      "json_extract(body, '$.tenantId') = ? ORDER BY seq", (TYPE.lower(), tenant_lc)).fetchall()
    nodes = [_node(r) for r in rows]
    roots = [n for n in nodes if n.is_root] or [_virtual_root(db, tenant_lc)]
    return roots + [n for n in nodes if not n.is_root]


# --- Access -------------------------------------------------------------------------------------

def owns_root(db, principal, tenant_lc):
    scopes = set(directory.scopes_of(db, principal.object_id))
    if "/" in scopes or group_id(tenant_lc).lower() in scopes:
        return True
    builtin = (get_meta(db, "builtin_object") or "").lower()
    return principal.object_id.lower() == builtin and tenant_lc == (get_meta(db, "builtin_tenant") or "").lower()


def can_access(db, principal, found):
    if owns_root(db, principal, found.tenant):
        return True
    scopes = set(directory.scopes_of(db, principal.object_id))
    me = principal.object_id.lower()
    return any(n.id.lower() in scopes or (n.owner or "").lower() == me for n in chain(db, found.tenant, found))


def require(db, caller, name, action):
    """The caller's tenant's group ``name``, or 404 (caller with root access) / 403 (anyone else)."""
    tenant_lc = caller.principal.tenant_id
    found = node(db, tenant_lc, name)
    if found is None:
        if owns_root(db, caller.principal, tenant_lc) and not taken_elsewhere(db, tenant_lc, name):
            raise not_found(name)
        raise authorization_failed(caller.principal, action, group_id(name))
    if not can_access(db, caller.principal, found):
        raise authorization_failed(caller.principal, action, found.id)
    return found


# --- Documents ------------------------------------------------------------------------------------

def _parent_info(db, found):
    parent = node(db, found.tenant, found.parent)
    return {"id": group_id(found.parent), "name": found.parent,
            "displayName": parent.display_name if parent is not None else found.parent}


def _child_infos(db, found, recurse, subscriptions=True):
    children = []
    for child in child_groups(db, found):
        info = {"type": TYPE, "id": child.id, "name": child.name, "displayName": child.display_name}
        if recurse:
            nested = _child_infos(db, child, True, subscriptions)
            if nested:
                info["children"] = nested
        children.append(info)
    if subscriptions:
        for sub in member_subscriptions(db, found):
            children.append({"type": "/subscriptions", "id": "/subscriptions/" + sub["subscription_id"],
                             "name": sub["subscription_id"], "displayName": sub["display_name"]})
    return children


def document(db, found, expand=None, recurse=False, subscriptions=True):
    """The GET document; expand: "children" (recurse: the whole subtree), "path" or "ancestors"."""
    details = {"version": found.version, "updatedTime": iso(found.updated)}
    if found.updated_by:
        details["updatedBy"] = found.updated_by
    if not found.is_root:
        details["parent"] = _parent_info(db, found)
    if expand == "path":
        details["path"] = [{"name": n.name, "displayName": n.display_name} for n in chain(db, found.tenant, found)]
    elif expand == "ancestors":
        above = chain(db, found.tenant, found)[:-1]
        details["managementGroupAncestors"] = [n.name for n in above]
        details["managementGroupAncestorsChain"] = [{"name": n.name, "displayName": n.display_name}
                                                    for n in reversed(above)]
    properties = {"tenantId": found.tenant, "displayName": found.display_name, "details": details}
    if expand == "children":
        properties["children"] = _child_infos(db, found, recurse, subscriptions)
    return {"id": found.id, "type": TYPE, "name": found.name, "properties": properties}


def info_document(found):
    """A group as the list shows it (ManagementGroupInfo)."""
    return {"id": found.id, "type": TYPE, "name": found.name,
            "properties": {"tenantId": found.tenant, "displayName": found.display_name}}


def subscription_document(db, group, sub):
    """A subscription under a group (SubscriptionUnderManagementGroup)."""
    return {"id": "%s/subscriptions/%s" % (group.id, sub["subscription_id"]), "type": SUBSCRIPTION_TYPE,
            "name": sub["subscription_id"],
            "properties": {"tenant": sub["tenant_lc"], "displayName": sub["display_name"],
                           "parent": {"id": group.id},
                           "state": "Active" if sub["state"] == "Enabled" else sub["state"]}}


# --- The stable functions other emulator code calls ---------------------------------------------

def find(db, tenant_lc, group_name):
    """The group's GET document (no expansions), or None. See the module docstring."""
    found = node(db, tenant_lc, group_name)
    return None if found is None else document(db, found)


def ancestors(db, tenant_lc, group_name):
    """[names root-first] above the group (the group excluded; [] for the root), or None when it does
    not exist. See the module docstring."""
    found = node(db, tenant_lc, group_name)
    return None if found is None else [n.name for n in chain(db, tenant_lc, found)[:-1]]
