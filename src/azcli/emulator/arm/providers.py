"""Resource providers (Microsoft.Resources/providers): the catalogue, per-subscription registration.

The catalogue (provider_catalog.py) is loaded on first use. A subscription's registration of a
namespace is a row in ``resources`` (id ``/subscriptions/{sub}/providers/{ns}``) holding the target
state and when it was asked for: Registering/Unregistering until ``since`` + the configured LRO
duration, then Registered/Unregistered - resolved when read, like lro.py, without threads.
Namespaces without a row have their catalogue default.
"""
from ..wire import listing
from ..store import records
from ..wire.errors import ArmError
from ..wire.http import json_response

REGISTRATION_TYPE = "Microsoft.Resources/subscriptions/providers"
_CATALOG = None
_TRANSITIONS = {"Registered": "Registering", "Unregistered": "Unregistering"}


class Catalog:
    def __init__(self):
        from ..rp import locations, catalog as provider_catalog
        sets = dict(provider_catalog.LOCATION_SETS)
        sets["all"] = [r[1] for r in locations.REGIONS]
        self.namespaces = {}  # ns_lc -> provider entry (locations expanded)
        self.types = {}  # (ns_lc, type_lc) -> resource type entry
        for entry in provider_catalog.NAMESPACES:
            entry = dict(entry)
            types = []
            for rt in entry["resourceTypes"]:
                rt = dict(rt)
                if isinstance(rt["locations"], str):
                    rt["locations"] = list(sets[rt["locations"][1:]])
                types.append(rt)
                self.types[(entry["namespace"].lower(), rt["resourceType"].lower())] = rt
            entry["resourceTypes"] = types
            self.namespaces[entry["namespace"].lower()] = entry


def catalog():
    global _CATALOG
    if _CATALOG is None:
        _CATALOG = Catalog()
    return _CATALOG


def namespace(name):
    """The catalogue entry of a namespace (any casing), or None."""
    return catalog().namespaces.get(name.lower())


def resource_type(ns, type_path):
    """The catalogue entry of ns/type_path ("virtualNetworks/subnets"), or None."""
    return catalog().types.get((ns.lower(), type_path.lower()))


def newest_stable(rt):
    stable = sorted(v for v in rt["apiVersions"] if "preview" not in v)
    return stable[-1] if stable else sorted(rt["apiVersions"])[-1]


def normalize_location(location):
    return location.replace(" ", "").lower() if isinstance(location, str) else None


def registration_id(sub_id, ns):
    return "/subscriptions/%s/providers/%s" % (sub_id, ns)


def registration_state(db, sub_id, entry, now, duration):
    row = records.get(db, registration_id(sub_id, entry["namespace"]))
    if row is None:
        return "Registered" if entry.get("registered") else "NotRegistered"
    body = records.render(row)
    if now >= body["since"] + duration:
        return body["state"]
    return _TRANSITIONS[body["state"]]


def is_registered(ctx, db, ns):
    entry = namespace(ns)
    return entry is not None and registration_state(
        db, ctx.subscription["subscription_id"], entry, ctx.now, ctx.settings.lro_seconds) == "Registered"


def document(entry, sub_id=None, state=None):
    doc = {"id": ("/subscriptions/%s/providers/%s" % (sub_id, entry["namespace"])) if sub_id
           else "/providers/" + entry["namespace"], "namespace": entry["namespace"]}
    for key in ("authorization", "authorizations"):
        if key in entry:
            doc[key] = entry[key]
    doc["resourceTypes"] = entry["resourceTypes"]
    if state is not None:
        doc["registrationState"] = state
    doc["registrationPolicy"] = entry["registrationPolicy"]
    return doc


def _entry(name):
    entry = namespace(name)
    if entry is None:
        raise ArmError(404, "InvalidResourceNamespace", "The resource namespace '%s' is invalid." % name)
    return entry


def _sub_document(ctx, entry):
    sub_id = ctx.subscription["subscription_id"]
    state = registration_state(ctx.store.read(), sub_id, entry, ctx.now, ctx.settings.lro_seconds)
    return document(entry, sub_id, state)


def _page(ctx, docs):
    start = listing.skip_position(ctx)
    rows = ({"seq": i + 1, "doc": d} for i, d in enumerate(docs) if i + 1 > start)
    return json_response(listing.page(ctx, rows, lambda r: r["doc"]))


def list_providers(ctx, subscriptionId):
    return _page(ctx, [_sub_document(ctx, e) for e in catalog().namespaces.values()])


def get_provider(ctx, subscriptionId, namespace):
    return json_response(_sub_document(ctx, _entry(namespace)))


def list_resource_types(ctx, subscriptionId, namespace):
    return json_response({"value": _entry(namespace)["resourceTypes"]})


def _set_registration(ctx, namespace, target):
    entry = _entry(namespace)
    sub_id = ctx.subscription["subscription_id"]
    with ctx.store.write() as db:
        current = registration_state(db, sub_id, entry, ctx.now, ctx.settings.lro_seconds)
        if current == target or (target == "Unregistered" and current == "NotRegistered"):
            state = current
        elif current == _TRANSITIONS[target]:
            state = current  # already on its way
        else:
            rid = registration_id(sub_id, entry["namespace"])
            records.put(db, rid, REGISTRATION_TYPE, sub_id, None, "/subscriptions/" + sub_id, entry["namespace"],
                        None, {"state": target, "since": ctx.now}, ctx.now)
            state = _TRANSITIONS[target]
    return json_response(document(entry, sub_id, state))


def register_provider(ctx, subscriptionId, namespace):
    return _set_registration(ctx, namespace, "Registered")


def unregister_provider(ctx, subscriptionId, namespace):
    return _set_registration(ctx, namespace, "Unregistered")


def list_tenant_providers(ctx):
    return _page(ctx, [document(e) for e in catalog().namespaces.values()])


def get_tenant_provider(ctx, namespace):
    return json_response(document(_entry(namespace)))


def list_operations(ctx, namespace):
    """Operations of a provider: read/write/delete per resource type (what the RP publishes, in short)."""
    entry = _entry(namespace)
    ns = entry["namespace"]
    value = []
    for rt in entry["resourceTypes"]:
        name = rt["resourceType"]
        for verb, what in (("read", "Get"), ("write", "Create or update"), ("delete", "Delete")):
            value.append({"name": "%s/%s/%s" % (ns, name, verb),
                          "display": {"provider": ns, "resource": name, "operation": "%s %s" % (what, name),
                                      "description": "%s a %s." % (what, name)}})
    return json_response({"value": value})


def _operations_metadata(entry):
    """Microsoft.Authorization/providerOperations metadata of a namespace (az provider operation ...)."""
    ns = entry["namespace"]

    def op(type_name, verb, what):
        return {"name": "%s/%s/%s" % (ns, type_name, verb), "displayName": "%s %s" % (what, type_name),
                "description": "%s a %s." % (what, type_name), "origin": "user,system", "isDataAction": False}
    types = [{"name": rt["resourceType"], "displayName": rt["resourceType"],
              "operations": [op(rt["resourceType"], v, w) for v, w in (("read", "Get"), ("write", "Create or update"),
                                                                         ("delete", "Delete"))]}
             for rt in entry["resourceTypes"]]
    return {"id": "/providers/Microsoft.Authorization/providerOperations/" + ns, "name": ns,
            "type": "Microsoft.Authorization/providerOperations", "displayName": ns, "resourceTypes": types,
            "operations": [op("register", "action", "Register the subscription for")]}


def list_provider_operations(ctx):
    return json_response({"value": [_operations_metadata(e) for e in catalog().namespaces.values()]})


def get_provider_operations(ctx, namespace):
    return json_response(_operations_metadata(_entry(namespace)))


def register(router):
    ops = "/providers/Microsoft.Authorization/providerOperations"
    router.add("GET", ops, list_provider_operations, action="Microsoft.Authorization/providerOperations/read")
    router.add("GET", ops + "/{namespace}", get_provider_operations,
               action="Microsoft.Authorization/providerOperations/read")
    base = "/subscriptions/{subscriptionId}/providers"
    router.add("GET", base, list_providers, action="Microsoft.Resources/subscriptions/providers/read")
    router.add("GET", base + "/{namespace}", get_provider, action="Microsoft.Resources/subscriptions/providers/read")
    router.add("GET", base + "/{namespace}/resourceTypes", list_resource_types,
               action="Microsoft.Resources/subscriptions/providers/read")
    router.add("POST", base + "/{namespace}/register", register_provider, action="{namespace}/register/action")
    router.add("POST", base + "/{namespace}/unregister", unregister_provider, action="{namespace}/unregister/action")
    router.add("GET", "/providers", list_tenant_providers, action="Microsoft.Resources/providers/read")
    router.add("GET", "/providers/{namespace}", get_tenant_provider, action="Microsoft.Resources/providers/read")
    router.add("GET", "/providers/{namespace}/operations", list_operations,
               action="Microsoft.Resources/providers/read")
