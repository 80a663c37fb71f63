"""Generic resources: ids, type resolution against the provider catalogue, and documents.

A resource is a row of ``resources`` (see records.py): ``type_lc`` the full type in lower case
("microsoft.network/virtualnetworks/subnets"), ``group_lc`` its group, ``parent_lc`` the group id
(top-level resource) or the parent resource id (child resource). ``body`` is the document as served;
the member ``_hidden`` holds emulator state that is never served (storage keys, VM power state).
Locks (Microsoft.Authorization/locks), tag names and provider registrations are rows of the same
table under their own types, so that scoped deletion (store.delete_under) takes them along.
"""
import json
import time

from ..arm import groups, providers
from ..store import records
from ..wire.errors import ArmError, invalid_resource_namespace, invalid_resource_type, location_required
from ..wire.errors import no_registered_provider_found, parent_resource_not_found, resource_group_being_deleted
from ..wire.errors import resource_group_not_found, resource_not_found, route_not_found
from ..wire.http import new_guid

LOCK_TYPE = "microsoft.authorization/locks"
# Types stored in ``resources`` that are not resources of a group (never listed as such).
INTERNAL_TYPES = ("microsoft.resources/resourcegroups", LOCK_TYPE)
SERVED_ORDER = ("id", "name", "type", "etag", "sku", "kind", "managedBy", "location", "extendedLocation", "zones",
                "identity", "plan", "tags", "properties", "systemData")
_OPTIONAL = ("sku", "kind", "plan", "zones", "managedBy", "extendedLocation")


def iso(seconds):
    """ARM's timestamp form: 2022-05-12T19:11:06.3060384Z."""
    return "%s.%07dZ" % (time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds)), int(seconds % 1 * 1e7))


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
    entry = providers.namespace(target.namespace)
    if entry is None:
        raise invalid_resource_namespace(target.namespace)
    ns = entry["namespace"]
    canonical, rt, versions, locations = [], None, None, []
    for depth in range(1, len(target.types) + 1):
        found = providers.resource_type(ns, "/".join(target.types[:depth]))
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


def parent_row(db, target):
    """The parent resource's row of a child resource (404 ParentResourceNotFound), None at top level."""
    if len(target.types) == 1:
        return None
    row = db.execute("SELECT * FROM resources WHERE id_lc = ?", (target.id_lc(len(target.types) - 1),)).fetchone()
    if row is None or row["state"] == "Deleting":
        raise parent_resource_not_found(target.names[-2])
    return row


def render(row, expand=()):
    """The served document of a row."""
    doc = json.loads(row["body"])
    doc.pop("_hidden", None)
    if row["state"]:
        doc.setdefault("properties", {})["provisioningState"] = row["state"]
    return doc


def hidden(row):
    return json.loads(row["body"]).get("_hidden") or {}


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


def _rp_defaults(ctx, type_lc, name, doc, old_props):
    """Read-only properties the RP fills in (stable across updates)."""
    props = doc["properties"]
    keep = lambda key, value: props.__setitem__(key, old_props.get(key, value)) if key not in props else None
    if type_lc == "microsoft.storage/storageaccounts":
        doc.setdefault("kind", "StorageV2")
        sku = doc.setdefault("sku", {"name": "Standard_LRS"})
        if isinstance(sku, dict) and "tier" not in sku:
            sku["tier"] = "Premium" if str(sku.get("name", "")).startswith("Premium") else "Standard"
        keep("primaryEndpoints", {s: "https://%s.%s.core.windows.net/" % (name, s)
                                  for s in ("dfs", "web", "blob", "queue", "table", "file")})
        keep("primaryLocation", doc.get("location"))
        keep("statusOfPrimary", "available")
        keep("creationTime", iso(ctx.now))
    elif type_lc == "microsoft.compute/virtualmachines":
        keep("vmId", new_guid())
    elif type_lc in ("microsoft.network/virtualnetworks", "microsoft.network/networksecuritygroups",
                     "microsoft.network/publicipaddresses", "microsoft.network/networkinterfaces"):
        keep("resourceGuid", new_guid())
    elif type_lc == "microsoft.managedidentity/userassignedidentities":
        keep("tenantId", ctx.subscription["tenant_lc"])
        keep("principalId", new_guid())
        keep("clientId", new_guid())
    elif type_lc == "microsoft.keyvault/vaults":
        keep("vaultUri", "https://%s.vault.azure.net/" % name)
        keep("tenantId", ctx.subscription["tenant_lc"])


def build(ctx, db, target, canonical, rt, body, existing, parent, group):
    """The document of a PUT: body's members in ARM's order, ids/types canonical, RP-generated members."""
    old = render(existing) if existing is not None else {}
    ns = providers.namespace(target.namespace)["namespace"]
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
    if ns == "Microsoft.Network":
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
    _rp_defaults(ctx, type_lc, doc["name"], doc, old.get("properties") or {})
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
    name = providers.normalize_location(location)
    if rt is None or not rt["locations"]:
        return name
    allowed = [providers.normalize_location(x) for x in rt["locations"]]
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


def update_body(db, row, doc, now):
    """Replace the stored document of row (same id), keeping hidden state."""
    old = json.loads(row["body"])
    if "_hidden" in old and "_hidden" not in doc:
        doc = dict(doc, _hidden=old["_hidden"])
    db.execute("UPDATE resources SET body = ?, changed = ? WHERE id_lc = ?",
               (json.dumps(doc, separators=(",", ":")), now, row["id_lc"]))
