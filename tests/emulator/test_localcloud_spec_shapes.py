"""Responses validate against the published OpenAPI definitions (shared/arm-specs)."""
import json
import os
import re

import pytest
from jsonschema import Draft4Validator

# The specs come with the repository's sibling ../shared; without them these tests fail, never skip.
SHARED = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "..", "shared")
SPECS = os.path.normpath(os.path.join(SHARED, "arm-specs/specification/resources/resource-manager/Microsoft.Resources"))
RESOURCES = os.path.join(SPECS, "resources/stable/2025-04-01/resources.json")
SUBSCRIPTIONS = os.path.join(SPECS, "subscriptions/stable/2022-12-01/subscriptions.json")
DEPLOYMENTS = os.path.join(SPECS, "deployments/stable/2026-06-01/deployments.json")


def test_the_specs_are_there():
    assert os.path.exists(RESOURCES) and os.path.exists(DEPLOYMENTS), "missing OpenAPI specs under %s" % SPECS


class Definitions:
    """Swagger definitions from several files, with every $ref rewritten to one flat namespace."""

    def __init__(self):
        self.files = {}
        self.definitions = {}

    def _load(self, path):
        if path not in self.files:
            with open(path, encoding="utf-8") as f:
                self.files[path] = json.load(f)
        return self.files[path]

    def key(self, path, name):
        key = re.sub(r"\W", "_", "%s__%s" % (os.path.relpath(path, SPECS), name))  # a JSON-pointer-safe name
        if key not in self.definitions:
            self.definitions[key] = {}  # placeholder: recursive definitions refer to themselves
            self.definitions[key] = self._rewrite(self._load(path)["definitions"][name], path)
        return key

    def _rewrite(self, node, path):
        if isinstance(node, list):
            return [self._rewrite(n, path) for n in node]
        if not isinstance(node, dict):
            return node
        if "$ref" in node:
            target, _, pointer = node["$ref"].partition("#/definitions/")
            target_path = os.path.normpath(os.path.join(os.path.dirname(path), target)) if target else path
            return {"$ref": "#/definitions/" + self.key(target_path, pointer)}
        return {k: self._rewrite(v, path) for k, v in node.items() if not k.startswith("x-ms-")}

    def validator(self, path, name):
        key = self.key(path, name)
        return Draft4Validator({"$ref": "#/definitions/" + key, "definitions": self.definitions})


@pytest.fixture(scope="module")
def spec():
    return Definitions()


def check(spec, path, name, body):
    errors = sorted(spec.validator(path, name).iter_errors(body), key=str)
    assert not errors, "\n".join(str(e) for e in errors[:3])


def test_resource_group_shapes(spec, cloud):
    r = cloud.call("PUT", cloud.group_path("shaped"), {"location": "westus", "tags": {"a": "b"}, "managedBy": "x"})
    check(spec, RESOURCES, "ResourceGroup", r.json)
    r = cloud.call("GET", "/subscriptions/%s/resourcegroups" % cloud.sub, query={"$top": "1"})
    check(spec, RESOURCES, "ResourceGroupListResult", r.json)
    check(spec, RESOURCES, "CloudError", cloud.call("GET", cloud.group_path("absent")).json)


def test_subscription_shapes(spec, cloud):
    v = "2022-12-01"
    check(spec, SUBSCRIPTIONS, "SubscriptionListResult", cloud.call("GET", "/subscriptions", api_version=v).json)
    check(spec, SUBSCRIPTIONS, "Subscription", cloud.call("GET", "/subscriptions/" + cloud.sub, api_version=v).json)
    check(spec, SUBSCRIPTIONS, "TenantListResult", cloud.call("GET", "/tenants", api_version=v).json)
    locations = cloud.call("GET", "/subscriptions/%s/locations" % cloud.sub, api_version=v).json
    check(spec, SUBSCRIPTIONS, "LocationListResult", locations)
    check(spec, SUBSCRIPTIONS, "CloudError", cloud.call("GET", "/subscriptions/nope", api_version=v).json)


# --- Every operation of the rest of the ARM surface, by operationId ------------------------------
# Each route of the nouns below maps to the spec operations it serves (ROUTES) or says why no
# Microsoft.Resources/Authorization spec describes it (EXEMPT). test_every_operation_validates runs
# each operation, validates status and body against the operation's response schema for that status
# (no schema: empty body), and fails when an operation in ROUTES was not exercised.
LOCKS = os.path.normpath(os.path.join(SHARED, "arm-specs/specification/resources/resource-manager/"
                                     "Microsoft.Authorization/locks/stable/2020-05-01/locks.json"))
_GENERIC = "/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}/providers/{rest*}"
_LOCK_SUB = "/subscriptions/{subscriptionId}/providers/Microsoft.Authorization/locks"
_LOCK_SCOPED = "/subscriptions/{subscriptionId}/{scope*}/providers/Microsoft.Authorization/locks"
_TAGS_SUB = "/subscriptions/{subscriptionId}/providers/Microsoft.Resources/tags/default"
_TAGS_SCOPED = "/subscriptions/{subscriptionId}/{scope*}/providers/Microsoft.Resources/tags/default"
ROUTES = {
    ("GET", "/subscriptions/{subscriptionId}/providers"): ["Providers_List"],
    ("GET", "/subscriptions/{subscriptionId}/providers/{namespace}"): ["Providers_Get"],
    ("GET", "/subscriptions/{subscriptionId}/providers/{namespace}/resourceTypes"): ["ProviderResourceTypes_List"],
    ("POST", "/subscriptions/{subscriptionId}/providers/{namespace}/register"): ["Providers_Register"],
    ("POST", "/subscriptions/{subscriptionId}/providers/{namespace}/unregister"): ["Providers_Unregister"],
    ("POST", "/providers/Microsoft.Management/managementGroups/{groupId}/providers/{namespace}/register"):
        ["Providers_RegisterAtManagementGroupScope"],
    ("GET", "/providers"): ["Providers_ListAtTenantScope"],
    ("GET", "/providers/{namespace}"): ["Providers_GetAtTenantScope"],
    ("GET", "/providers/{namespace}/operations"): ["Operations_List", "AuthorizationOperations_List"],
    ("GET", "/subscriptions/{subscriptionId}/resources"): ["Resources_List"],
    ("GET", "/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}/resources"):
        ["Resources_ListByResourceGroup"],
    ("POST", "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/moveResources"):
        ["Resources_MoveResources"],
    ("POST", "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/validateMoveResources"):
        ["Resources_ValidateMoveResources"],
    ("POST", "/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}/exportTemplate"):
        ["ResourceGroups_ExportTemplate"],
    ("GET", "/subscriptions/{subscriptionId}/tagNames"): ["Tags_List"],
    ("PUT", "/subscriptions/{subscriptionId}/tagNames/{tagName}"): ["Tags_CreateOrUpdate"],
    ("DELETE", "/subscriptions/{subscriptionId}/tagNames/{tagName}"): ["Tags_Delete"],
    ("PUT", "/subscriptions/{subscriptionId}/tagNames/{tagName}/tagValues/{tagValue}"): ["Tags_CreateOrUpdateValue"],
    ("DELETE", "/subscriptions/{subscriptionId}/tagNames/{tagName}/tagValues/{tagValue}"): ["Tags_DeleteValue"],
    ("GET", _TAGS_SUB): ["Tags_GetAtScope"], ("GET", _TAGS_SCOPED): ["Tags_GetAtScope"],
    ("PUT", _TAGS_SUB): ["Tags_CreateOrUpdateAtScope"], ("PUT", _TAGS_SCOPED): ["Tags_CreateOrUpdateAtScope"],
    ("PATCH", _TAGS_SUB): ["Tags_UpdateAtScope"], ("PATCH", _TAGS_SCOPED): ["Tags_UpdateAtScope"],
    ("DELETE", _TAGS_SUB): ["Tags_DeleteAtScope"], ("DELETE", _TAGS_SCOPED): ["Tags_DeleteAtScope"],
    ("GET", _LOCK_SUB): ["ManagementLocks_ListAtSubscriptionLevel"],
    ("GET", _LOCK_SUB + "/{lockName}"): ["ManagementLocks_GetAtSubscriptionLevel"],
    ("PUT", _LOCK_SUB + "/{lockName}"): ["ManagementLocks_CreateOrUpdateAtSubscriptionLevel"],
    ("DELETE", _LOCK_SUB + "/{lockName}"): ["ManagementLocks_DeleteAtSubscriptionLevel"],
    ("GET", _LOCK_SCOPED): ["ManagementLocks_ListAtResourceGroupLevel", "ManagementLocks_ListAtResourceLevel",
                            "ManagementLocks_ListByScope"],
    ("GET", _LOCK_SCOPED + "/{lockName}"): ["ManagementLocks_GetAtResourceGroupLevel",
                                            "ManagementLocks_GetAtResourceLevel", "ManagementLocks_GetByScope"],
    ("PUT", _LOCK_SCOPED + "/{lockName}"): ["ManagementLocks_CreateOrUpdateAtResourceGroupLevel",
                                            "ManagementLocks_CreateOrUpdateAtResourceLevel",
                                            "ManagementLocks_CreateOrUpdateByScope"],
    ("DELETE", _LOCK_SCOPED + "/{lockName}"): ["ManagementLocks_DeleteAtResourceGroupLevel",
                                               "ManagementLocks_DeleteAtResourceLevel",
                                               "ManagementLocks_DeleteByScope"],
    ("PUT", _GENERIC): ["Resources_CreateOrUpdate", "Resources_CreateOrUpdateById"],
    ("GET", _GENERIC): ["Resources_Get", "Resources_GetById"],
    ("HEAD", _GENERIC): ["Resources_CheckExistence", "Resources_CheckExistenceById"],
    ("PATCH", _GENERIC): ["Resources_Update", "Resources_UpdateById"],
    ("DELETE", _GENERIC): ["Resources_Delete", "Resources_DeleteById"],
}
EXEMPT = {
    ("GET", "/subscriptions/{subscriptionId}/operationresults/{operationId}"):
        "ARM's Location polling endpoint (not an operation of the Resources spec)",
    ("GET", "/subscriptions/{subscriptionId}/providers/{namespace}/locations/{location}/operations/{operationId}"):
        "an RP's operation-status endpoint (each RP's own spec)",
    ("GET", "/subscriptions/{subscriptionId}/providers/{namespace}/locations/{location}/operationResults/"
            "{operationId}"): "an RP's operation-result endpoint (each RP's own spec)",
    ("GET", "/subscriptions/{subscriptionId}/providers/{namespace}/locations/{location}/asyncoperations/"
            "{operationId}"): "Microsoft.Storage's operation-result endpoint",
    ("GET", "/subscriptions/{subscriptionId}/providers/{namespace}/{resourceType}"):
        "an RP's list-by-subscription operation (each RP's own spec)",
    ("POST", _GENERIC): "RP actions (listKeys, powerOff...: each RP's own spec)",
    ("GET", "/providers/Microsoft.Authorization/providerOperations"):
        "authorization ProviderOperationsMetadata (spec not in shared/arm-specs)",
    ("GET", "/providers/Microsoft.Authorization/providerOperations/{namespace}"):
        "authorization ProviderOperationsMetadata (spec not in shared/arm-specs)",
}
NOUNS = ("arm.providers", "arm.operations", "arm.resourcelist", "arm.moves", "arm.export", "arm.tags", "arm.locks",
         "arm.generic")


class Operations:
    """Spec operations by operationId; ``check`` validates a response and records the operation."""

    def __init__(self, spec):
        self.spec = spec
        self.ops = {}
        self.covered = set()
        for path in (RESOURCES, LOCKS):
            for route, methods in spec._load(path)["paths"].items():
                for method, op in methods.items():
                    if method != "parameters":
                        self.ops[op["operationId"]] = (path, method.upper(), op["responses"])

    def check(self, operation_id, response):
        path, method, responses = self.ops[operation_id]
        status = str(response.status_code)
        if status not in responses:
            assert int(status) >= 400, "%s answered %s; the spec allows %s" % (operation_id, status, sorted(responses))
            status = "default"
        schema = responses[status].get("schema")
        if schema is None:
            assert response.data == b"", "%s %s must have no body" % (operation_id, status)
        else:
            target, _, name = schema["$ref"].partition("#/definitions/")
            if target:
                path = os.path.normpath(os.path.join(os.path.dirname(path), target))
            check(self.spec, path, name, response.json)
        self.covered.add(operation_id)
        return response


def test_routes_have_spec_checks():
    import importlib
    from azcli.emulator.wire import route_table
    from azcli.emulator.wire.router import Router
    assert set(NOUNS) <= set(route_table.NOUNS)
    for noun in NOUNS:
        router = Router()
        importlib.import_module("azcli.emulator." + noun).register(router)
        for route in router.routes:
            for method in route.methods:
                key = (method, route.template)
                assert key in ROUTES or key in EXEMPT, "route %s %s has no spec check" % key


def test_every_operation_validates(spec, cloud):
    ops = Operations(spec)
    c, sub = cloud.call, "/subscriptions/" + cloud.sub
    group = cloud.group_path("rg")
    c("PUT", group, {"location": "westus"})
    c("PUT", cloud.group_path("dst"), {"location": "westus"})
    v, net, lk = "2025-04-01", "2024-05-01", "2020-05-01"
    # Providers
    ops.check("Providers_List", c("GET", sub + "/providers", query={"$top": "3"}))
    ops.check("Providers_Get", c("GET", sub + "/providers/Microsoft.Network"))
    ops.check("Providers_Get", c("GET", sub + "/providers/Microsoft.Nope"))
    ops.check("ProviderResourceTypes_List", c("GET", sub + "/providers/Microsoft.Storage/resourceTypes"))
    ops.check("Providers_Register", c("POST", sub + "/providers/Microsoft.Confluent/register"))
    ops.check("Providers_Unregister", c("POST", sub + "/providers/Microsoft.Confluent/unregister"))
    ops.check("Providers_RegisterAtManagementGroupScope",
              c("POST", "/providers/Microsoft.Management/managementGroups/%s/providers/Microsoft.Storage/register"
                % cloud.tenant))
    ops.check("Providers_ListAtTenantScope", c("GET", "/providers"))
    ops.check("Providers_GetAtTenantScope", c("GET", "/providers/Microsoft.Compute"))
    ops.check("Operations_List", c("GET", "/providers/Microsoft.Resources/operations"))
    ops.check("AuthorizationOperations_List", c("GET", "/providers/Microsoft.Authorization/operations", api_version=lk))
    # Generic resources (by path and by id: the same URLs)
    vnet = group + "/providers/Microsoft.Network/virtualNetworks/v1"
    ident = group + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id1"
    sa = group + "/providers/Microsoft.Storage/storageAccounts/sa1"
    ops.check("Resources_CreateOrUpdate", c("PUT", vnet, {"location": "westus", "tags": {"a": "b"}}, api_version=net))
    ops.check("Resources_CreateOrUpdate", c("PUT", vnet + "/subnets/s1", {"properties": {}}, api_version=net))
    ops.check("Resources_CreateOrUpdateById", c("PUT", ident, {"location": "westus", "identity": {
        "type": "SystemAssigned"}}, api_version="2023-01-31"))
    ops.check("Resources_CreateOrUpdateById", c("PUT", ident, {"location": "westus"}, api_version="2023-01-31"))
    ops.check("Resources_CreateOrUpdate", c("PUT", sa, {"location": "westus", "sku": {"name": "Standard_LRS"}},
                                            api_version="2023-05-01"))
    ops.check("Resources_CreateOrUpdate", c("PUT", group + "/providers/Microsoft.Network/virtualNetworks/x",
                                            {"location": "westus"}, api_version="2099-01-01"))
    ops.check("Resources_Get", c("GET", vnet, api_version=net))
    ops.check("Resources_GetById", c("GET", sa, api_version="2023-05-01"))
    ops.check("Resources_Get", c("GET", vnet + "x", api_version=net))
    ops.check("Resources_CheckExistence", c("HEAD", vnet, api_version=net))
    ops.check("Resources_CheckExistenceById", c("HEAD", vnet + "x", api_version=net))
    ops.check("Resources_Update", c("PATCH", vnet, {"tags": {"c": "d"}}, api_version=net))
    ops.check("Resources_UpdateById", c("PATCH", ident, {"tags": {}}, api_version="2023-01-31"))
    # Lists
    ops.check("Resources_List", c("GET", sub + "/resources", query={"$top": "1", "$expand": "createdTime,changedTime,"
                                                                                     "provisioningState"}))
    ops.check("Resources_List", c("GET", sub + "/resources", query={"$filter": "bad"}))
    ops.check("Resources_ListByResourceGroup", c("GET", group + "/resources", query={"$filter": "tagName eq 'a'"}))
    # Tags
    ops.check("Tags_CreateOrUpdate", c("PUT", sub + "/tagNames/t1"))
    ops.check("Tags_CreateOrUpdate", c("PUT", sub + "/tagNames/t1"))
    ops.check("Tags_CreateOrUpdateValue", c("PUT", sub + "/tagNames/t1/tagValues/v1"))
    ops.check("Tags_List", c("GET", sub + "/tagNames"))
    ops.check("Tags_DeleteValue", c("DELETE", sub + "/tagNames/t1/tagValues/v1"))
    ops.check("Tags_Delete", c("DELETE", sub + "/tagNames/t1"))
    ops.check("Tags_Delete", c("DELETE", sub + "/tagNames/t1"))
    for scope in (sub, group, ident):
        tags = scope + "/providers/Microsoft.Resources/tags/default"
        ops.check("Tags_CreateOrUpdateAtScope", c("PUT", tags, {"properties": {"tags": {"k": "v"}}}))
        ops.check("Tags_UpdateAtScope", c("PATCH", tags, {"operation": "Merge", "properties": {"tags": {"l": "w"}}}))
        ops.check("Tags_GetAtScope", c("GET", tags))
        ops.check("Tags_DeleteAtScope", c("DELETE", tags))
    # Locks
    body = {"properties": {"level": "CanNotDelete", "notes": "n", "owners": [{"applicationId": "x"}]}}
    for scope, level in ((sub, "SubscriptionLevel"), (group, "ResourceGroupLevel"), (vnet + "/subnets/s1",
                                                                                      "ResourceLevel"),
                         (ident, "Scope")):
        lock = scope + "/providers/Microsoft.Authorization/locks/l1"
        name = "ByScope" if level == "Scope" else "At" + level
        ops.check("ManagementLocks_CreateOrUpdate" + name, c("PUT", lock, body, api_version=lk))
        ops.check("ManagementLocks_CreateOrUpdate" + name, c("PUT", lock, body, api_version=lk))
        ops.check("ManagementLocks_Get" + name, c("GET", lock, api_version=lk))
        ops.check("ManagementLocks_List" + ("ByScope" if level == "Scope" else "At" + level),
                  c("GET", scope + "/providers/Microsoft.Authorization/locks", api_version=lk))
    ops.check("Resources_Delete", c("DELETE", vnet, api_version=net))  # locked below: 409 ScopeLocked
    for scope, name in ((sub, "AtSubscriptionLevel"), (group, "AtResourceGroupLevel"),
                        (vnet + "/subnets/s1", "AtResourceLevel"), (ident, "ByScope")):
        lock = scope + "/providers/Microsoft.Authorization/locks/l1"
        ops.check("ManagementLocks_Delete" + name, c("DELETE", lock, api_version=lk))
        ops.check("ManagementLocks_Delete" + name, c("DELETE", lock, api_version=lk))
        ops.check("ManagementLocks_Get" + name, c("GET", lock, api_version=lk))
    # Moves and export
    move = {"resources": [ident.replace("resourcegroups", "resourceGroups")],
            "targetResourceGroup": sub + "/resourceGroups/dst"}
    ops.check("Resources_ValidateMoveResources", c("POST", group + "/validateMoveResources", move))
    ops.check("Resources_MoveResources", c("POST", group + "/moveResources", move))
    ops.check("Resources_MoveResources", c("POST", group + "/moveResources", dict(move, resources=[vnet + "x"])))
    ops.check("ResourceGroups_ExportTemplate", c("POST", group + "/exportTemplate", {"resources": ["*"]}))
    ops.check("ResourceGroups_ExportTemplate", c("POST", cloud.group_path("nope") + "/exportTemplate",
                                                 {"resources": ["*"]}))
    # Deletes: synchronous 200, long-running 202, missing 204
    ops.check("Resources_DeleteById", c("DELETE", sa, api_version="2023-05-01"))
    ops.check("Resources_Delete", c("DELETE", vnet, api_version=net))
    ops.check("Resources_DeleteById", c("DELETE", sa, api_version="2023-05-01"))
    expected = {op for names in ROUTES.values() for op in names}
    assert ops.covered == expected, sorted(expected ^ ops.covered)


def test_cassette_shapes_where_they_differ_from_the_spec(cloud):
    """SHAPES.md: lock items put properties first and omit notes/owners when unset; provider documents of
    big RPs use ``authorizations``; generic list items carry createdTime... only with $expand."""
    cloud.call("PUT", cloud.group_path("rg"), {"location": "westus"})
    lock = cloud.call("PUT", cloud.group_path("rg") + "/providers/Microsoft.Authorization/locks/l",
                      {"properties": {"level": "CanNotDelete"}}, api_version="2016-09-01").json
    assert list(lock) == ["properties", "id", "type", "name"] and lock["properties"] == {"level": "CanNotDelete"}
    doc = cloud.call("GET", "/subscriptions/%s/providers/Microsoft.ClassicInfrastructureMigrate" % cloud.sub).json
    assert list(doc) == ["id", "namespace", "authorization", "resourceTypes", "registrationState",
                         "registrationPolicy"]
    assert "authorizations" in cloud.call("GET", "/subscriptions/%s/providers/Microsoft.Network" % cloud.sub).json
