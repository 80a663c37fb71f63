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
from ..common.errors import resource_group_not_found, resource_not_found, route_not_found
from ..common.values import iso, new_guid

LOCK_TYPE = "microsoft.authorization/locks"
# Types stored in ``resources`` that are not resources of a group (never listed as such).
INTERNAL_TYPES = ("microsoft.resources/resourcegroups", LOCK_TYPE)
SERVED_ORDER = ("id", "name", "type", "etag", "sku", "kind", "managedBy", "location", "extendedLocation", "zones",
                "identity", "plan", "tags", "properties", "systemData")
_OPTIONAL = ("sku", "kind", "plan", "zones", "managedBy", "extendedLocation")



class Target:
    """A resource path below a group: namespace, types and names as written in the request."""

    def __init__(self, sub_id, group, rest):
        segments = [s for s in rest.split("/") if s]
        if len(segments) < 2 or any(s.lower() == "providers" for s in segments):
            raise route_not_found("/subscriptions/%s/resourceGroups/%s/providers/%s" % (sub_id, group, rest), None)
        self.sub_id = sub_id
        self.group = group
        self.namespace = segments[0]
        pairs = segments[1:]
        # An even count of type/name segments names a resource; one more is an action or a collection.
        self.tail = pairs.pop() if len(pairs) % 2 else None
        self.types = pairs[0::2]
        self.names = pairs[1::2]

    @property
    def type_path(self):
        return "/".join(self.types)

    def group_id(self):
        return groups.group_id(self.sub_id, self.group)

    def id_lc(self, depth=None):
        depth = len(self.types) if depth is None else depth
        parts = [self.group_id(), "providers", self.namespace]
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
    """The parent resource's row of a child resource (404 ParentResourceNotFound), None at top level."""
    if len(target.types) == 1:
        return None
    row = db.execute("SELECT * FROM resources WHERE id_lc = ?", (target.id_lc(len(target.types) - 1),)).fetchone()
    if row is None or row["state"] == "Deleting":
        raise parent_resource_not_found(target.names[-2])
    return row


def render(row, expand=""):
    """The served document of a row (``expand``: a GET's $expand, lower case)."""
    doc = json.loads(row["body"])
    doc.pop("_hidden", None)
    if row["state"]:
        doc.setdefault("properties", {})["provisioningState"] = row["state"]
    return rp.lookup(row["type_lc"]).view(doc, row, expand) if expand else doc


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
        out["tenantId"] = ctx.subscription["tenant_lc"]
    if "userassigned" in parts:
        assigned = {}
        for uid in spec.get("userAssignedIdentities") or {}:
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
    elif parent is not None:
        rid = "%s/%s/%s" % (parent["id"], canonical[-1], target.names[-1])
    else:
        rid = "%s/providers/%s/%s/%s" % (groups.group_id(ctx.subscription["subscription_id"], group["name"]), ns,
                                         canonical[0], target.names[0])
    type_ = "/".join([ns] + canonical)
    type_lc = type_.lower()
    doc = {"id": rid, "name": rid.rsplit("/", 1)[1], "type": type_}
    behaviour = rp.lookup(type_lc)
    if existing is None:
        behaviour.check_name(doc["name"])
    if behaviour.etag:
        doc["etag"] = 'W/"%s"' % new_guid()
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
                           "name." % (doc["name"], old["location"], group["name"], doc["location"]))
    elif tracked:
        raise location_required()
    identity = _identity(ctx, db, body.get("identity"), old.get("identity"))
    if identity is not None:
        doc["identity"] = identity
    if "tags" in body and (body["tags"] is not None or tracked):
        doc["tags"] = groups.validate_tags(body["tags"]) or {}
    properties = body.get("properties")
    if properties is not None and not isinstance(properties, dict):
        raise ArmError(400, "InvalidRequestContent", "The request content was invalid and could not be "
                       "deserialized: 'properties must be an object'.")
    doc["properties"] = dict(properties or {})
    doc["properties"].pop("provisioningState", None)
    behaviour.complete(doc, old.get("properties") or {}, ctx)
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


def store(db, ctx, doc, group, parent, state=None):
    sub_id = ctx.subscription["subscription_id"]
    parent_id = parent["id"] if parent is not None else groups.group_id(sub_id, group["name"])
    records.put(db, doc["id"], doc["type"], sub_id, group["name"], parent_id, doc["name"], doc.get("location"),
                doc, ctx.now)
    records.set_state(db, doc["id"], state)
