"""Generic resources on the wire: PUT/GET/PATCH/DELETE/HEAD at any depth, RP-style LROs, errors,
collection lists, and the subscription/group resource lists (filters, $expand, paging, scale)."""
import time

import pytest

from emulator_helpers import BASE

NET = "2024-05-01"
MSI = "2023-01-31"
STORAGE = "2023-05-01"


def rg(cloud, name="rg", location="westus"):
    assert cloud.call("PUT", cloud.group_path(name), {"location": location}).status_code in (200, 201)
    return cloud.group_path(name)


def res(cloud, group, path):
    return "%s/providers/%s" % (cloud.group_path(group), path)


def test_sync_put_get_patch_delete(cloud):
    rg(cloud)
    path = res(cloud, "rg", "Microsoft.ManagedIdentity/userAssignedIdentities/id1")
    r = cloud.call("PUT", path, {"location": "West US", "tags": {"a": "b"}}, api_version=MSI)
    assert r.status_code == 201 and "Azure-AsyncOperation" not in r.headers
    doc = r.json
    assert doc["id"] == "/subscriptions/%s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/" \
                        "userAssignedIdentities/id1" % cloud.sub
    assert doc["name"] == "id1" and doc["type"] == "Microsoft.ManagedIdentity/userAssignedIdentities"
    assert doc["location"] == "westus" and doc["tags"] == {"a": "b"}
    assert doc["properties"]["provisioningState"] == "Succeeded"
    assert doc["properties"]["tenantId"] == cloud.tenant and doc["properties"]["clientId"]
    system = doc["systemData"]
    assert system["createdBy"] == cloud.identity["clientId"] and system["createdByType"] == "Application"
    assert system["createdAt"].endswith("Z") and system["lastModifiedAt"] == system["createdAt"]

    # ids and types are case-insensitive; the stored casing wins.
    got = cloud.call("GET", res(cloud, "RG", "microsoft.managedidentity/USERASSIGNEDIDENTITIES/ID1"), api_version=MSI)
    assert got.status_code == 200 and got.json == doc
    again = cloud.call("PUT", path, {"location": "westus", "tags": {"c": "d"}}, api_version=MSI)
    assert again.status_code == 200 and again.json["tags"] == {"c": "d"}
    assert again.json["properties"]["principalId"] == doc["properties"]["principalId"]  # RP values are stable
    assert again.json["systemData"]["createdAt"] == system["createdAt"]

    patched = cloud.call("PATCH", path, {"tags": {"e": "f"}}, api_version=MSI)
    assert patched.status_code == 200 and patched.json["tags"] == {"e": "f"} and patched.json["location"] == "westus"
    assert cloud.call("HEAD", path, api_version=MSI).status_code == 204
    assert cloud.call("DELETE", path, api_version=MSI).status_code == 200
    assert cloud.call("DELETE", path, api_version=MSI).status_code == 204
    missing = cloud.call("GET", path, api_version=MSI)
    assert missing.status_code == 404 and missing.json["error"]["code"] == "ResourceNotFound"
    assert missing.json["error"]["message"].startswith(
        "The Resource 'Microsoft.ManagedIdentity/userAssignedIdentities/id1' under resource group 'rg' was not found.")
    head = cloud.call("HEAD", path, api_version=MSI)
    assert head.status_code == 404 and head.data == b""


def test_network_put_is_long_running(slow_cloud):
    cloud = slow_cloud
    rg(cloud)
    path = res(cloud, "rg", "Microsoft.Network/virtualNetworks/v1")
    r = cloud.call("PUT", path, {"location": "westus", "properties": {"addressSpace": {"addressPrefixes": ["10.0.0.0/16"]}}},
                   api_version=NET)
    assert r.status_code == 201 and r.headers["Retry-After"] == "1"
    assert r.json["properties"]["provisioningState"] == "Updating" and r.json["etag"].startswith('W/"')
    status_url = r.headers["Azure-AsyncOperation"]
    assert status_url.startswith(BASE + "/subscriptions/%s/providers/Microsoft.Network/locations/westus/operations/"
                                 % cloud.sub)
    assert cloud.get_url(status_url).json["status"] == "InProgress"
    assert cloud.call("GET", path, api_version=NET).json["properties"]["provisioningState"] == "Updating"
    cloud.app.store.read().execute("UPDATE operations SET due = due - 5")
    done = cloud.get_url(status_url).json
    assert done["status"] == "Succeeded" and done["endTime"]
    assert cloud.call("GET", path, api_version=NET).json["properties"]["provisioningState"] == "Succeeded"

    r = cloud.call("DELETE", path, api_version=NET)
    assert r.status_code == 202 and "Azure-AsyncOperation" in r.headers
    location = r.headers["Location"]
    assert "/providers/Microsoft.Network/locations/westus/operationResults/" in location
    assert cloud.get_url(location).status_code == 202
    assert cloud.call("GET", path, api_version=NET).json["properties"]["provisioningState"] == "Deleting"
    cloud.app.store.read().execute("UPDATE operations SET due = due - 5")
    assert cloud.get_url(location).status_code == 204
    assert cloud.call("GET", path, api_version=NET).status_code == 404


def test_new_storage_account_answers_202_and_location(slow_cloud):
    cloud = slow_cloud
    rg(cloud)
    path = res(cloud, "rg", "Microsoft.Storage/storageAccounts/sa1")
    r = cloud.call("PUT", path, {"location": "eastus", "sku": {"name": "Standard_GRS"}}, api_version=STORAGE)
    assert r.status_code == 202 and r.data == b""
    location = r.headers["Location"]
    assert "/providers/Microsoft.Storage/locations/eastus/asyncoperations/" in location
    assert cloud.get_url(location).status_code == 202
    cloud.app.store.read().execute("UPDATE operations SET due = due - 5")
    final = cloud.get_url(location)
    assert final.status_code == 200 and final.json["name"] == "sa1"
    assert final.json["kind"] == "StorageV2" and final.json["sku"] == {"name": "Standard_GRS", "tier": "Standard"}
    assert final.json["properties"]["primaryEndpoints"]["blob"] == "https://sa1.blob.core.windows.net/"
    update = cloud.call("PUT", path, {"location": "eastus", "sku": {"name": "Standard_GRS"}}, api_version=STORAGE)
    assert update.status_code == 200  # updates are synchronous


def test_child_resources_and_parents(cloud):
    rg(cloud)
    vnet = res(cloud, "rg", "Microsoft.Network/virtualNetworks/v1")
    cloud.call("PUT", vnet, {"location": "westus", "properties": {"addressSpace": {"addressPrefixes": ["10.0.0.0/16"]}}},
               api_version=NET)
    subnet = vnet + "/subnets/s1"
    r = cloud.call("PUT", subnet, {"properties": {"addressPrefix": "10.0.0.0/24"}}, api_version=NET)
    assert r.status_code == 201
    assert r.json["id"].endswith("/virtualNetworks/v1/subnets/s1")
    assert r.json["type"] == "Microsoft.Network/virtualNetworks/subnets"
    assert "location" not in r.json and "tags" not in r.json
    # Deeper children of a type missing from the catalogue take their ancestor's api-versions.
    deep = subnet + "/things/t1"
    assert cloud.call("PUT", deep, {"properties": {}}, api_version=NET).status_code == 201
    orphan = cloud.call("PUT", res(cloud, "rg", "Microsoft.Network/virtualNetworks/nope/subnets/s1"), {},
                        api_version=NET)
    assert orphan.status_code == 404 and orphan.json["error"]["code"] == "ParentResourceNotFound"
    listed = cloud.call("GET", vnet + "/subnets", api_version=NET)
    assert [s["name"] for s in listed.json["value"]] == ["s1"]
    by_type = cloud.call("GET", res(cloud, "rg", "Microsoft.Network/virtualNetworks"), api_version=NET)
    assert [v["name"] for v in by_type.json["value"]] == ["v1"]
    in_sub = cloud.call("GET", "/subscriptions/%s/providers/Microsoft.Network/virtualNetworks" % cloud.sub,
                        api_version=NET)
    assert [v["name"] for v in in_sub.json["value"]] == ["v1"]
    # Deleting the parent deletes its children.
    assert cloud.call("DELETE", vnet, api_version=NET).status_code == 202
    cloud.call("GET", "/subscriptions/" + cloud.sub)  # settles
    for path in (vnet, subnet, deep):
        assert cloud.call("GET", path, api_version=NET).status_code == 404


def test_sdk_style_empty_parent_path(cloud):
    rg(cloud)
    path = cloud.group_path("rg") + "/providers/Microsoft.ManagedIdentity//userAssignedIdentities/id2"
    assert cloud.call("PUT", path, {"location": "westus"}, api_version=MSI).status_code == 201
    assert cloud.call("GET", path, api_version=MSI).json["name"] == "id2"


@pytest.mark.parametrize("path,version,body,status,code", [
    ("Microsoft.Nope/things/x", MSI, {"location": "westus"}, 400, "InvalidResourceNamespace"),
    ("Microsoft.Network/nopes/x", NET, {"location": "westus"}, 404, "InvalidResourceType"),
    ("Microsoft.Network/virtualNetworks/x", "2099-01-01", {"location": "westus"}, 400, "NoRegisteredProviderFound"),
    ("Microsoft.Network/virtualNetworks/x", NET, {}, 400, "LocationRequired"),
    ("Microsoft.Network/virtualNetworks/x", NET, {"location": "atlantis"}, 400, "LocationNotAvailableForResourceType"),
    ("Microsoft.Confluent/organizations/x", "2021-12-01", {"location": "westus2"}, 409,
     "MissingSubscriptionRegistration"),
])
def test_put_errors(cloud, path, version, body, status, code):
    rg(cloud)
    r = cloud.call("PUT", res(cloud, "rg", path), body, api_version=version)
    assert r.status_code == status, r.json
    assert r.json["error"]["code"] == code
    if code == "MissingSubscriptionRegistration":
        assert r.json["error"]["details"][0]["target"] == "Microsoft.Confluent"
    if code == "NoRegisteredProviderFound":
        assert "The supported api-versions are '" in r.json["error"]["message"]


def test_missing_group_and_location_change(cloud):
    r = cloud.call("PUT", res(cloud, "nogroup", "Microsoft.ManagedIdentity/userAssignedIdentities/i"),
                   {"location": "westus"}, api_version=MSI)
    assert r.status_code == 404 and r.json["error"]["code"] == "ResourceGroupNotFound"
    r = cloud.call("GET", res(cloud, "nogroup", "Microsoft.ManagedIdentity/userAssignedIdentities/i"), api_version=MSI)
    assert r.status_code == 404 and r.json["error"]["code"] == "ResourceGroupNotFound"
    rg(cloud)
    path = res(cloud, "rg", "Microsoft.ManagedIdentity/userAssignedIdentities/i")
    cloud.call("PUT", path, {"location": "westus"}, api_version=MSI)
    r = cloud.call("PUT", path, {"location": "eastus"}, api_version=MSI)
    assert r.status_code == 409 and r.json["error"]["code"] == "InvalidResourceLocation"


def test_identity_and_optional_members(cloud):
    rg(cloud)
    uami = cloud.call("PUT", res(cloud, "rg", "Microsoft.ManagedIdentity/userAssignedIdentities/u1"),
                      {"location": "westus"}, api_version=MSI).json
    body = {"location": "westus", "sku": {"name": "Basic"}, "kind": "app",
            "identity": {"type": "SystemAssigned, UserAssigned", "userAssignedIdentities": {uami["id"]: {}}}}
    doc = cloud.call("PUT", res(cloud, "rg", "Microsoft.Web/sites/app1"), body, api_version="2024-04-01").json
    assert doc["sku"] == {"name": "Basic"} and doc["kind"] == "app"
    identity = doc["identity"]
    assert identity["type"] == "SystemAssigned, UserAssigned" and identity["tenantId"] == cloud.tenant
    assert identity["principalId"]
    assert identity["userAssignedIdentities"][uami["id"]] == {"principalId": uami["properties"]["principalId"],
                                                               "clientId": uami["properties"]["clientId"]}


def test_invoke_actions(slow_cloud):
    cloud = slow_cloud
    rg(cloud)
    sa = res(cloud, "rg", "Microsoft.Storage/storageAccounts/sa1")
    cloud.call("PUT", sa, {"location": "westus"}, api_version=STORAGE)
    keys = cloud.call("POST", sa + "/listKeys", api_version=STORAGE).json["keys"]
    assert [k["keyName"] for k in keys] == ["key1", "key2"] and keys[0]["permissions"] == "FULL"
    assert cloud.call("POST", sa + "/listKeys", api_version=STORAGE).json["keys"] == keys  # stable
    regenerated = cloud.call("POST", sa + "/regenerateKey", {"keyName": "key2"}, api_version=STORAGE).json["keys"]
    assert regenerated[0] == keys[0] and regenerated[1]["value"] != keys[1]["value"]
    bad = cloud.call("POST", sa + "/frobnicate", api_version=STORAGE)
    assert bad.status_code == 404 and bad.json["error"]["code"] == "InvalidResourceType"

    vm = res(cloud, "rg", "Microsoft.Compute/virtualMachines/vm1")
    cloud.call("PUT", vm, {"location": "westus"}, api_version="2024-07-01")
    cloud.app.store.read().execute("UPDATE operations SET due = due - 5")
    r = cloud.call("POST", vm + "/powerOff", api_version="2024-07-01")
    assert r.status_code == 202 and "Azure-AsyncOperation" in r.headers and "Location" in r.headers
    cloud.app.store.read().execute("UPDATE operations SET due = due - 5")
    assert cloud.get_url(r.headers["Azure-AsyncOperation"]).json["status"] == "Succeeded"
    view = cloud.call("GET", vm, api_version="2024-07-01", query={"$expand": "instanceView"}).json
    assert view["properties"]["instanceView"]["statuses"][1]["code"] == "PowerState/stopped"
    missing = cloud.call("POST", res(cloud, "rg", "Microsoft.Compute/virtualMachines/nope/start"),
                         api_version="2024-07-01")
    assert missing.status_code == 404 and missing.json["error"]["code"] == "ResourceNotFound"


# --- Listing -------------------------------------------------------------------------------------

def _populate(cloud):
    rg(cloud, "rg1")
    rg(cloud, "rg2", "eastus")
    put = lambda g, p, body, v: cloud.call("PUT", res(cloud, g, p), body, api_version=v)
    put("rg1", "Microsoft.Network/virtualNetworks/vnet-a", {"location": "westus", "tags": {"Env": "prod"}}, NET)
    put("rg1", "Microsoft.Network/virtualNetworks/vnet-a/subnets/s1", {}, NET)
    put("rg1", "Microsoft.ManagedIdentity/userAssignedIdentities/id-b", {"location": "westus", "tags": {"env": "dev"}}, MSI)
    put("rg2", "Microsoft.ManagedIdentity/userAssignedIdentities/id-c", {"location": "eastus"}, MSI)
    cloud.call("PUT", cloud.group_path("rg1") + "/providers/Microsoft.Authorization/locks/l", {"properties": {
        "level": "CanNotDelete"}}, api_version="2020-05-01")


def _names(cloud, path, **query):
    r = cloud.call("GET", path, query=query)
    assert r.status_code == 200, r.json
    return [x["name"] for x in r.json["value"]]


def test_list_filters(cloud):
    _populate(cloud)
    sub = "/subscriptions/%s/resources" % cloud.sub
    assert _names(cloud, sub) == ["vnet-a", "id-b", "id-c"]  # no groups, children or locks
    assert _names(cloud, sub, **{"$filter": ""}) == ["vnet-a", "id-b", "id-c"]
    assert _names(cloud, cloud.group_path("rg1") + "/resources") == ["vnet-a", "id-b"]
    assert _names(cloud, sub, **{"$filter": "resourceType eq 'microsoft.managedidentity/userassignedidentities'"}) \
        == ["id-b", "id-c"]
    assert _names(cloud, sub, **{"$filter": "name eq 'ID-B'"}) == ["id-b"]
    assert _names(cloud, sub, **{"$filter": "substringof('id-', name)"}) == ["id-b", "id-c"]
    assert _names(cloud, sub, **{"$filter": "location eq 'eastus'"}) == ["id-c"]
    assert _names(cloud, sub, **{"$filter": "resourceGroup eq 'RG2'"}) == ["id-c"]
    assert _names(cloud, sub, **{"$filter": "tagName eq 'env'"}) == ["vnet-a", "id-b"]
    assert _names(cloud, sub, **{"$filter": "TAGNAME EQ 'env' AND TagValue eq 'prod'"}) == ["vnet-a"]
    assert _names(cloud, sub, **{"$filter": "resourceType eq 'Microsoft.Network/virtualNetworks' and "
                                            "location eq 'westus'"}) == ["vnet-a"]
    for bad in ("location ne 'x'", "tagValue eq 'a'", "name eq 'x' or name eq 'y'"):
        r = cloud.call("GET", sub, query={"$filter": bad})
        assert r.status_code == 400 and r.json["error"]["code"] == "BadRequest"
    assert cloud.call("GET", cloud.group_path("nope") + "/resources").json["error"]["code"] == "ResourceGroupNotFound"


def test_list_expand(cloud):
    _populate(cloud)
    sub = "/subscriptions/%s/resources" % cloud.sub
    plain = cloud.call("GET", sub).json["value"][0]
    assert set(plain) == {"id", "name", "type", "location", "tags", "systemData"}
    item = cloud.call("GET", sub, query={"$expand": "createdTime,changedTime,provisioningState"}).json["value"][0]
    assert list(item)[:7] == ["id", "name", "type", "location", "createdTime", "changedTime", "provisioningState"]
    assert item["provisioningState"] == "Succeeded" and item["createdTime"].endswith("Z")


def test_list_paging_sees_each_item_once_while_writing(cloud):
    rg(cloud)
    for i in range(25):
        cloud.call("PUT", res(cloud, "rg", "Microsoft.ManagedIdentity/userAssignedIdentities/i%02d" % i),
                   {"location": "westus"}, api_version=MSI)
    seen = []
    r = cloud.call("GET", "/subscriptions/%s/resources" % cloud.sub, query={"$top": "10", "$filter": ""})
    while True:
        seen += [x["name"] for x in r.json["value"]]
        if "nextLink" not in r.json:
            break
        # Writes between pages: a new resource (appended) and a deleted one already seen.
        cloud.call("PUT", res(cloud, "rg", "Microsoft.ManagedIdentity/userAssignedIdentities/new%d" % len(seen)),
                   {"location": "westus"}, api_version=MSI)
        cloud.call("DELETE", res(cloud, "rg", "Microsoft.ManagedIdentity/userAssignedIdentities/" + seen[0]),
                   api_version=MSI)
        assert "%24skiptoken=" in r.json["nextLink"] and "%24top=10" in r.json["nextLink"]
        r = cloud.get_url(r.json["nextLink"])
    assert len(seen) == len(set(seen))
    assert ["i%02d" % i for i in range(25)] == [s for s in seen if s.startswith("i")]


def test_listing_ten_thousand_resources_is_fast(cloud):
    rg(cloud)
    from azcli.emulator.store import records
    sub = cloud.sub
    with cloud.app.store.write() as db:
        for i in range(10000):
            rid = "/subscriptions/%s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/" \
                  "u%05d" % (sub, i)
            records.put(db, rid, "Microsoft.ManagedIdentity/userAssignedIdentities", sub, "rg",
                        "/subscriptions/%s/resourceGroups/rg" % sub, "u%05d" % i, "westus",
                        {"id": rid, "name": "u%05d" % i, "type": "Microsoft.ManagedIdentity/userAssignedIdentities",
                         "location": "westus", "tags": {"n": str(i % 10)}, "properties": {}}, 0)
    for path, query in (("/subscriptions/%s/resources" % sub, {}),
                        (cloud.group_path("rg") + "/resources", {"$expand": "createdTime"})):
        start = time.perf_counter()
        count, r = 0, cloud.call("GET", path, query=dict(query, **{"$top": "1000"}))
        while True:
            count += len(r.json["value"])
            if "nextLink" not in r.json:
                break
            r = cloud.get_url(r.json["nextLink"])
        elapsed = time.perf_counter() - start
        assert count == 10000
        assert elapsed < 2.0, elapsed
    start = time.perf_counter()
    r = cloud.call("GET", "/subscriptions/%s/resources" % sub, query={"$filter": "tagName eq 'n' and tagValue eq '7'"})
    assert len(r.json["value"]) == 100 and "nextLink" in r.json  # default page size 100
    assert time.perf_counter() - start < 0.5
