"""Generic resources: ids, type resolution against the provider catalogue, and documents.

A resource is a row of ``resources`` (see records.py): ``type_lc`` the full type in lower case
("microsoft.network/virtualnetworks/subnets"), ``group_lc`` its group, ``parent_lc`` the group id
(top-level resource) or the parent resource id (child resource). ``body`` is the document as served;
the member ``_hidden`` holds emulator state that is never served (storage keys, VM power state).
Locks (Microsoft.Authorization/locks), tag names and provider registrations are rows of the same
table under their own types, so that scoped deletion (store.delete_under) takes them along.
"""
import json

from . import groups
from .. import rp
from ..rp import catalog
from ..store import records
from ..common.errors import ArmError, invalid_resource_namespace, invalid_resource_type, location_required
from ..common.errors import no_registered_provider_found, parent_resource_not_found, resource_group_being_deleted
from ..common.errors import invalid_request_content, resource_group_not_found, resource_not_found, route_not_found
from ..common.values import iso, new_guid

LOCK_TYPE = "microsoft.authorization/locks"
# Types stored in ``resources`` that are not resources of a group (never listed as such).
INTERNAL_TYPES = ("microsoft.resources/resourcegroups", LOCK_TYPE)
# ... and what a resource listing (GET .../resources) leaves out besides: role assignments on a group.
UNLISTED_TYPES = INTERNAL_TYPES + ("microsoft.authorization/roleassignments",)
SERVED_ORDER = ("id", "name", "type", "etag", "sku", "kind", "managedBy", "location", "extendedLocation", "zones",
                "identity", "plan", "tags", "properties", "systemData")
_OPTIONAL = ("sku", "kind", "plan", "zones", "managedBy", "extendedLocation")



class Target:
    """A resource path: the scope its provider section hangs off, namespace, types and names as written.

    The scope is a resource group (the generic routes), a subscription, a management group, the tenant
    ("") or, for an extension resource (a role assignment on a vault), the resource it extends.
    """

    def __init__(self, sub_id, group, rest, scope=None):
        segments = [s for s in rest.split("/") if s]
        if len(segments) < 2 or any(s.lower() == "providers" for s in segments):
            raise route_not_found("%s/providers/%s" % (scope if scope is not None else groups.group_id(sub_id, group),
                                                        rest), None)
        self.sub_id = sub_id
        self.group = group
        self.scope = scope if scope is not None else groups.group_id(sub_id, group)
        self.namespace = segments[0]
        pairs = segments[1:]
        # An even count of type/name segments names a resource; one more is an action or a collection.
        self.tail = pairs.pop() if len(pairs) % 2 else None
        self.types = pairs[0::2]
        self.names = pairs[1::2]

    @classmethod
    def parse(cls, resource_id):
        """The Target of a full resource id at any scope (ValueError when it names no resource)."""
        lowered = resource_id.lower()
        at = lowered.rfind("/providers/")
        if at < 0:
            raise ValueError(resource_id)
        scope, rest = resource_id[:at].rstrip("/"), resource_id[at + len("/providers/"):]
        parts = [p for p in scope.split("/") if p]
        sub_id = parts[1] if len(parts) >= 2 and parts[0].lower() == "subscriptions" else None
        group = parts[3] if sub_id and len(parts) >= 4 and parts[2].lower() == "resourcegroups" else None
        target = cls(sub_id, group, rest, scope="/" + "/".join(parts) if parts else "")
        if target.tail is not None:
            raise ValueError(resource_id)
        return target

    @property
    def type_path(self):
        return "/".join(self.types)

    @property
    def extends_resource(self):
        """Whether the scope is a resource (an extension resource), rather than a group or above."""
        parts = [p for p in self.scope.lower().split("/") if p]
        if "providers" not in parts:
            return False
        return parts[:3] != ["providers", "microsoft.management", "managementgroups"] or len(parts) > 4

    def group_id(self):
        return groups.group_id(self.sub_id, self.group) if self.group else None

    def id_lc(self, depth=None):
        depth = len(self.types) if depth is None else depth
        parts = [self.scope, "providers", self.namespace]
        for t, n in zip(self.types[:depth], self.names[:depth]):
            parts += [t, n]
        return "/".join(parts).lower()

    def full_type(self, depth=None):
        return "/".join([self.namespace] + self.types[:depth or len(self.types)])


def resolve(ctx, target, location=None):
    """(namespace entry, canonical type segments, type entry or None); raises ARM's errors for an unknown
    namespace or type and an api-version the type does not support."""
    entry = catalog.namespace(target.namespace)
    if entry is None:
        raise invalid_resource_namespace(target.namespace)
    ns = entry["namespace"]
    canonical, rt, versions, locations = [], None, None, []
    for depth in range(1, len(target.types) + 1):
        found = catalog.resource_type(ns, "/".join(target.types[:depth]))
        canonical.append(found["resourceType"].split("/")[-1] if found else target.types[depth - 1])
        if found is not None:
            rt = found if depth == len(target.types) else rt
            versions, locations = found["apiVersions"], found["locations"]
        elif depth == 1:
            raise invalid_resource_type(target.type_path, ns, ctx.api_version)
    # A child type missing from the catalogue takes its nearest catalogued ancestor's versions.
    if ctx.api_version.lower() not in (v.lower() for v in versions):
        raise no_registered_provider_found(location or "", ctx.api_version, "/".join(canonical), versions, locations)
    return entry, canonical, rt


def group_row(db, ctx, target, for_write=False):
    """The target's group row (404, or 409 while it is being deleted), None for a target above groups.
    An extension resource's scope must exist too."""
    if target.extends_resource and records.get(db, target.scope) is None:
        raise ArmError(404, "ResourceNotFound", "The Resource '%s' was not found. For more details please go to "
                       "https://aka.ms/ARMResourceNotFoundFix" % target.scope)
    if target.group is None:
        return None
    row = records.get(db, target.group_id())
    if row is None:
        raise resource_group_not_found(target.group)
    if for_write and row["state"] == "Deleting":
        raise resource_group_being_deleted(row["name"])
    return row


def not_found(target):
    path = [target.namespace]
    for t, n in zip(target.types, target.names):
        path += [t, n]
    return resource_not_found("/".join(path), target.group)


def existing_row(db, caller, target):
    """The row of an existing resource (404 for a missing group or resource)."""
    group_row(db, caller, target)
    row = records.get(db, target.id_lc())
    if row is None:
        raise not_found(target)
    return row


def parent_row(db, target):
    """The parent resource's row of a child resource (404 ParentResourceNotFound), None at top level.

    A parent whose type the catalogue does not list is a path segment the RP provides itself (Cosmos DB's
    ``apis/sql``, an IoT hub's ``eventhubEndpoints/events``, a storage account's ``blobServices/default``):
    the nearest ancestor that is a resource must exist instead. So must it for a missing ``default``
    child, the singleton every storage account, site or server has from its creation on."""
    for depth in range(len(target.types) - 1, 0, -1):
        row = db.execute("SELECT * FROM resources WHERE id_lc = ?", (target.id_lc(depth),)).fetchone()
        if row is not None and row["state"] != "Deleting":
            return row
        implicit = target.names[depth - 1].lower() == "default" or \
            catalog.resource_type(target.namespace, "/".join(target.types[:depth])) is None
        if row is not None or not implicit:
            raise parent_resource_not_found(target.names[depth - 1])
    return None


def render(row, expand="", db=None):
    """The served document of a row (``expand``: a GET's $expand, lower case; ``db`` for expansions that
    read other rows)."""
    doc = json.loads(row["body"])
    doc.pop("_hidden", None)
    if row["state"]:
        doc.setdefault("properties", {})["provisioningState"] = row["state"]
    behaviour = rp.lookup(row["type_lc"])
    doc = behaviour.served(doc)
    return behaviour.view(doc, row, expand, db) if expand else doc


def list_item(row, expand=()):
    """A member of GET .../resources: the resource without properties (GenericResourceExpanded)."""
    doc = json.loads(row["body"])
    item = {k: doc[k] for k in ("id", "name", "type", "sku", "kind", "managedBy", "location", "extendedLocation",
                                "identity", "zones", "plan") if k in doc}
    if "createdTime" in expand:
        item["createdTime"] = iso(row["created"])
    if "changedTime" in expand:
        item["changedTime"] = iso(row["changed"])
    if "provisioningState" in expand:
        item["provisioningState"] = row["state"] or (doc.get("properties") or {}).get("provisioningState", "Succeeded")
    if "tags" in doc:
        item["tags"] = doc["tags"]
    if "systemData" in doc:
        item["systemData"] = doc["systemData"]
    return item


def _identity(ctx, db, spec, existing):
    if spec is None:
        return None
    if not isinstance(spec, dict) or not isinstance(spec.get("type", ""), str):
        raise ArmError(400, "InvalidIdentity", "The identity property of the resource is invalid.")
    kind = spec.get("type") or "None"
    parts = {p.strip().lower() for p in kind.split(",")}
    if not parts <= {"systemassigned", "userassigned", "none"}:
        raise ArmError(400, "InvalidIdentityType", "The identity type '%s' is not supported." % kind)
    out = {"type": kind}
    existing = existing or {}
    if "systemassigned" in parts:
        out["principalId"] = existing.get("principalId") or new_guid()
        out["tenantId"] = ctx.subscription["tenant_lc"] if ctx.subscription is not None else ctx.principal.tenant_id
    if "userassigned" in parts:
        assigned = {}
        wanted = spec.get("userAssignedIdentities") or {}
        if not isinstance(wanted, dict):
            raise ArmError(400, "InvalidIdentity", "The identity property of the resource is invalid: "
                           "userAssignedIdentities must be an object keyed by identity resource ids.")
        for uid in wanted:
            row = records.get(db, uid)
            props = (json.loads(row["body"]).get("properties") or {}) if row is not None else {}
            known = (existing.get("userAssignedIdentities") or {}).get(uid) or {}
            assigned[uid] = {"principalId": props.get("principalId") or known.get("principalId") or new_guid(),
                             "clientId": props.get("clientId") or known.get("clientId") or new_guid()}
        out["userAssignedIdentities"] = assigned
    return out


def build(ctx, db, target, canonical, rt, body, existing, parent, group):
    """The document of a PUT: body's members in ARM's order, ids/types canonical, RP-generated members."""
    old = render(existing) if existing is not None else {}
    ns = catalog.namespace(target.namespace)["namespace"]
    if existing is not None:
        rid = existing["id"]
    elif parent is not None:  # the nearest ancestor that is a resource (see parent_row)
        depth = parent["type_lc"].count("/")
        rid = "/".join([parent["id"]] + ["%s/%s" % pair for pair in zip(canonical[depth:], target.names[depth:])])
    else:
        scope = groups.group_id(target.sub_id, group["name"]) if group is not None and not target.extends_resource \
            else target.scope
        rid = "%s/providers/%s/%s/%s" % (scope, ns,
                                         canonical[0], target.names[0])
    type_ = "/".join([ns] + canonical)
    type_lc = type_.lower()
    doc = {"id": rid, "name": rid.rsplit("/", 1)[1], "type": type_}
    behaviour = rp.lookup(type_lc)
    if existing is None:
        check_resource_name(doc["name"])
        behaviour.check_name(doc["name"])
    if behaviour.etag:
        doc["etag"] = 'W/"%s"' % new_guid()
    check_shapes(body)
    for key in _OPTIONAL:
        if body.get(key) is not None:
            doc[key] = body[key]
    tracked = parent is None and rt is not None and bool(rt["locations"])
    if body.get("location") is not None:
        doc["location"] = check_location(body["location"], type_, rt)
        if existing is not None and old.get("location") and doc["location"] != old["location"]:
            raise ArmError(409, "InvalidResourceLocation",
                           "The resource '%s' already exists in location '%s' in resource group '%s'. A resource "
                           "with the same name cannot be created in location '%s'. Please select a new resource "
                           "name." % (doc["name"], old["location"], group["name"] if group else None, doc["location"]))
    elif tracked:
        raise location_required()
    identity = _identity(ctx, db, body.get("identity"), old.get("identity"))
    if identity is not None:
        doc["identity"] = identity
    if "tags" in body and (body["tags"] is not None or tracked):
        doc["tags"] = groups.validate_tags(body["tags"]) or {}
    doc["properties"] = dict(body.get("properties") or {})
    doc["properties"].pop("provisioningState", None)
    try:
        behaviour.complete(doc, old.get("properties") or {}, ctx)
    except (TypeError, AttributeError):  # the RP met a property of a type its schema does not allow
        raise invalid_request_content("the properties do not match the schema of '%s'." % type_) from None
    if behaviour.provisioning_state:
        doc["properties"]["provisioningState"] = "Succeeded"
    who = ctx.principal.client_id or ctx.principal.object_id
    kind = "Application" if ctx.principal.kind != "User" else "User"
    created = old.get("systemData") or {"createdBy": who, "createdByType": kind, "createdAt": iso(ctx.now)}
    doc["systemData"] = {"createdBy": created["createdBy"], "createdByType": created["createdByType"],
                         "createdAt": created["createdAt"], "lastModifiedBy": who, "lastModifiedByType": kind,
                         "lastModifiedAt": iso(ctx.now)}
    ordered = {k: doc[k] for k in SERVED_ORDER if k in doc}
    if existing is not None and "_hidden" in json.loads(existing["body"]):
        ordered["_hidden"] = json.loads(existing["body"])["_hidden"]
    return ordered


# The members of a resource body that have one JSON type (ARM refuses others when it deserializes the body).
_SHAPES = (("properties", dict, "an object"), ("sku", dict, "an object"), ("plan", dict, "an object"),
           ("extendedLocation", dict, "an object"), ("location", str, "a string"), ("kind", str, "a string"),
           ("managedBy", str, "a string"), ("zones", list, "an array of strings"))


def check_shapes(body):
    """ARM's 400 InvalidRequestContent for a member of the wrong JSON type (null stands for absent)."""
    for key, kind, name in _SHAPES:
        value = body.get(key)
        if value is not None and not isinstance(value, kind):
            raise invalid_request_content("%s must be %s." % (key, name))
    if body.get("zones") is not None and not all(isinstance(zone, str) for zone in body["zones"]):
        raise invalid_request_content("zones must be an array of strings.")


_NAME_RESERVED = set('<>%&\\?/')
NAME_LIMIT = 260


def check_resource_name(name):
    """ARM's rule for the name of any new resource (before its RP's own): 1 to 260 characters, no control
    or reserved characters ('<>%&\\?/'), not ending in '.' or a space."""
    if not name or len(name) > NAME_LIMIT or _NAME_RESERVED.intersection(name) or \
            any(ord(c) < 32 for c in name) or name[-1] in ". ":
        raise ArmError(400, "InvalidResourceName", "The resource name '%s' is invalid. A resource name must be 1 to "
                       "%d characters long, must not contain control characters or any of '<,>,%%,&,\\,?,/' and "
                       "must not end with a period or a space." % (name, NAME_LIMIT))


def check_location(location, type_, rt):
    name = catalog.normalize_location(location)
    if rt is None or not rt["locations"]:
        return name
    allowed = [catalog.normalize_location(x) for x in rt["locations"]]
    if name not in allowed:
        raise ArmError(400, "LocationNotAvailableForResourceType",
                       "The provided location '%s' is not available for resource type '%s'. List of available "
                       "regions for the resource type is '%s'." % (location, type_, ",".join(allowed)))
    return name


def store(db, ctx, doc, target, group, parent, state=None):
    """Insert or replace doc's row: under its parent resource, else under its scope."""
    parent_id = parent["id"] if parent is not None else doc["id"][:doc["id"].lower().rindex("/providers/")]
    records.put(db, doc["id"], doc["type"], target.sub_id or "", group["name"] if group is not None else None,
                parent_id, doc["name"], doc.get("location"), doc, ctx.now)
    records.set_state(db, doc["id"], state)
