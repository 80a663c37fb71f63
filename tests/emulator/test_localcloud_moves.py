"""moveResources / validateMoveResources and group exportTemplate, on the wire and through the SDK."""
import pytest

NET = "2024-05-01"
MSI = "2023-01-31"


@pytest.fixture
def two_groups(cloud):
    for name in ("src", "dst"):
        cloud.call("PUT", cloud.group_path(name), {"location": "westus"})
    vnet = cloud.group_path("src") + "/providers/Microsoft.Network/virtualNetworks/v1"
    cloud.call("PUT", vnet, {"location": "westus", "tags": {"a": "b"}}, api_version=NET)
    cloud.call("PUT", vnet + "/subnets/s1", {"properties": {"addressPrefix": "10.0.0.0/24"}}, api_version=NET)
    ident = cloud.group_path("src") + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id1"
    cloud.call("PUT", ident, {"location": "westus"}, api_version=MSI)
    return vnet, ident


def _ids(cloud, *paths):
    return [p.replace("/resourcegroups/", "/resourceGroups/") for p in paths]


def test_move_rewrites_ids_and_children(slow_cloud):
    cloud = slow_cloud
    for name in ("src", "dst"):
        cloud.call("PUT", cloud.group_path(name), {"location": "westus"})
    ident = cloud.group_path("src") + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id1"
    cloud.call("PUT", ident, {"location": "westus"}, api_version=MSI)
    child = ident + "/federatedIdentityCredentials/fic"
    cloud.call("PUT", child, {"properties": {"issuer": "https://x"}}, api_version=MSI)
    body = {"resources": _ids(cloud, ident), "targetResourceGroup": "/subscriptions/%s/resourceGroups/dst" % cloud.sub}
    r = cloud.call("POST", cloud.group_path("src") + "/moveResources", body)
    assert r.status_code == 202 and "/operationresults/" in r.headers["Location"]
    assert cloud.get_url(r.headers["Location"]).status_code == 202
    assert cloud.call("GET", ident, api_version=MSI).status_code == 200  # not moved until the operation completes
    cloud.app.store.read().execute("UPDATE operations SET due = due - 5")
    assert cloud.get_url(r.headers["Location"]).status_code == 204
    assert cloud.call("GET", ident, api_version=MSI).status_code == 404
    moved = cloud.call("GET", ident.replace("/src/", "/dst/"), api_version=MSI).json
    assert moved["id"] == "/subscriptions/%s/resourceGroups/dst/providers/Microsoft.ManagedIdentity/" \
                          "userAssignedIdentities/id1" % cloud.sub
    assert cloud.call("GET", child.replace("/src/", "/dst/"), api_version=MSI).json["id"].endswith(
        "/resourceGroups/dst/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id1/"
        "federatedIdentityCredentials/fic")
    listed = cloud.call("GET", cloud.group_path("dst") + "/resources").json["value"]
    assert [x["name"] for x in listed] == ["id1"]


@pytest.mark.parametrize("case,status,code", [
    ("missing", 404, "ResourceNotFound"),
    ("no-target", 404, "ResourceGroupNotFound"),
    ("same", 400, "InvalidResourceMoveRequest"),
    ("child", 400, "InvalidResourceMoveRequest"),
    ("empty", 400, "InvalidResourceMoveRequest"),
    ("locked", 409, "ScopeLocked"),
    ("exists", 409, "ResourceExists"),
])
def test_move_and_validate_errors(cloud, two_groups, case, status, code):
    vnet, ident = two_groups
    target = "/subscriptions/%s/resourceGroups/dst" % cloud.sub
    resources = _ids(cloud, ident)
    if case == "missing":
        resources = _ids(cloud, ident + "x")
    elif case == "no-target":
        target = "/subscriptions/%s/resourceGroups/nowhere" % cloud.sub
    elif case == "same":
        target = "/subscriptions/%s/resourceGroups/src" % cloud.sub
    elif case == "child":
        resources = _ids(cloud, vnet + "/subnets/s1")
    elif case == "empty":
        resources = []
    elif case == "locked":
        cloud.call("PUT", ident + "/providers/Microsoft.Authorization/locks/l", {"properties": {"level": "CanNotDelete"}},
                   api_version="2020-05-01")
    elif case == "exists":
        cloud.call("PUT", ident.replace("/src/", "/dst/"), {"location": "westus"}, api_version=MSI)
    for action in ("moveResources", "validateMoveResources"):
        r = cloud.call("POST", cloud.group_path("src") + "/" + action,
                       {"resources": resources, "targetResourceGroup": target})
        assert r.status_code == status, r.json
        assert r.json["error"]["code"] == code


def test_export_template(cloud, two_groups):
    vnet, ident = two_groups
    r = cloud.call("POST", cloud.group_path("src") + "/exportTemplate",
                   {"resources": ["*"], "options": "IncludeParameterDefaultValue"})
    assert r.status_code == 200
    template = r.json["template"]
    assert template["$schema"] == "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"
    assert template["contentVersion"] == "1.0.0.0" and template["variables"] == {}
    assert template["parameters"] == {
        "virtualNetworks_v1_name": {"defaultValue": "v1", "type": "String"},
        "userAssignedIdentities_id1_name": {"defaultValue": "id1", "type": "String"}}
    vnet_t, subnet_t, ident_t = template["resources"]
    # Export writes the newest stable api-version the catalogue lists for the type.
    from azcli.emulator.rp import catalog
    versions = catalog.resource_type("Microsoft.Network", "virtualNetworks")["apiVersions"]
    newest = max(v for v in versions if "preview" not in v)
    assert "2024-07-01" in versions and newest >= "2024-07-01"
    # The Network RP lists a vnet's subnets inline (and export keeps them, as ARM's does).
    assert [s["name"] for s in vnet_t["properties"].pop("subnets")] == ["s1"]
    assert vnet_t == {"type": "Microsoft.Network/virtualNetworks", "apiVersion": newest,
                      "name": "[parameters('virtualNetworks_v1_name')]", "location": "westus", "tags": {"a": "b"},
                      "properties": {"enableDdosProtection": False, "virtualNetworkPeerings": []}}
    assert subnet_t["name"] == "[concat(parameters('virtualNetworks_v1_name'), '/s1')]"
    assert subnet_t["dependsOn"] == ["[resourceId('Microsoft.Network/virtualNetworks', "
                                     "parameters('virtualNetworks_v1_name'))]"]
    assert subnet_t["properties"] == {"addressPrefix": "10.0.0.0/24", "delegations": [],
                                      "privateEndpointNetworkPolicies": "Disabled",
                                      "privateLinkServiceNetworkPolicies": "Enabled"}
    assert ident_t["type"] == "Microsoft.ManagedIdentity/userAssignedIdentities"
    only = cloud.call("POST", cloud.group_path("src") + "/exportTemplate",
                      {"resources": _ids(cloud, ident), "options": "SkipResourceNameParameterization"}).json["template"]
    assert only["parameters"] == {} and [x["name"] for x in only["resources"]] == ["id1"]
    empty = cloud.call("POST", cloud.group_path("dst") + "/exportTemplate", {"resources": ["*"]}).json
    assert empty == {"template": {"$schema": template["$schema"], "contentVersion": "1.0.0.0", "parameters": {},
                                  "variables": {}, "resources": []}}
    missing = cloud.call("POST", cloud.group_path("nope") + "/exportTemplate", {"resources": ["*"]})
    assert missing.status_code == 404 and missing.json["error"]["code"] == "ResourceGroupNotFound"


def test_sdk_move_validate_and_export(cloud, two_groups):
    vnet, ident = two_groups
    client = cloud.resource_client()
    target = "/subscriptions/%s/resourceGroups/dst" % cloud.sub
    ids = _ids(cloud, vnet, ident)
    kwargs = {"polling_interval": 0}
    assert client.resources.begin_validate_move_resources(
        "src", {"resources": ids, "targetResourceGroup": target}, **kwargs).result() is None
    client.resources.begin_move_resources("src", {"resources": ids, "targetResourceGroup": target}, **kwargs).result()
    assert sorted(r.name for r in client.resources.list_by_resource_group("dst")) == ["id1", "v1"]
    assert list(client.resources.list_by_resource_group("src")) == []
    subnet = client.resources.get("dst", "Microsoft.Network", "virtualNetworks/v1", "subnets", "s1", api_version=NET)
    assert "/resourceGroups/dst/" in subnet.id
    exported = client.resource_groups.begin_export_template("dst", {"resources": ["*"]}, **kwargs).result()
    assert [r["type"] for r in exported.template["resources"]] == [
        "Microsoft.Network/virtualNetworks", "Microsoft.Network/virtualNetworks/subnets",
        "Microsoft.ManagedIdentity/userAssignedIdentities"]
