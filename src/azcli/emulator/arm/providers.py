"""Resource providers (Microsoft.Resources/providers): the catalogue, per-subscription registration.

The handlers of the provider documents: the catalogue is rp/catalog.py, a subscription's
registration state domain/registration.py.
"""
from ..wire import listing
from ..domain import registration
from ..rp.catalog import catalog, namespace
from ..common.errors import ArmError
from ..wire.http import empty, json_response

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
    state = registration.state(ctx.store.read(), sub_id, entry, ctx.now, ctx.settings.lro_seconds)
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
    with ctx.store.write() as db:
        state = registration.set_state(ctx, db, entry, target)
    return json_response(document(entry, ctx.subscription["subscription_id"], state))


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


def register_at_management_group(ctx, groupId, namespace):
    """Providers_RegisterAtManagementGroupScope: the namespace and the group must exist; 200, no body."""
    from ..domain import managementgroups
    _entry(namespace)
    managementgroups.require(ctx.store.read(), ctx, groupId, "%s/register/action" % namespace)
    return empty(200)


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
    router.add("POST", "/providers/Microsoft.Management/managementGroups/{groupId}/providers/{namespace}/register",
               register_at_management_group)
    router.add("GET", "/providers", list_tenant_providers, action="Microsoft.Resources/providers/read")
    router.add("GET", "/providers/{namespace}", get_tenant_provider, action="Microsoft.Resources/providers/read")
    router.add("GET", "/providers/{namespace}/operations", list_operations,
               action="Microsoft.Resources/providers/read")
