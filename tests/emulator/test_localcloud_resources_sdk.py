"""Generic resources through the real SDK (ResourceManagementClient + ManagementLockClient), in-process,
and the issue's "Done when" scenario."""
import pytest
from azure.core.exceptions import HttpResponseError, ResourceNotFoundError

from emulator_helpers import BASE, Cloud

MSI = "2023-01-31"
NET = "2024-05-01"


def lock_client(cloud):
    from azure.mgmt.resource.locks import ManagementLockClient
    return ManagementLockClient(cloud.credential(), cloud.sub, base_url=BASE, credential_scopes=[BASE + "/.default"],
                                transport=cloud.sdk_transport())


def test_sdk_generic_resource_lifecycle(cloud):
    client = cloud.resource_client()
    client.resource_groups.create_or_update("rg", {"location": "westus"})
    res = client.resources
    args = ("rg", "Microsoft.Network", "", "virtualNetworks", "v1")
    vnet = res.begin_create_or_update(*args, {"location": "westus", "tags": {"k": "v"}, "properties": {
        "addressSpace": {"addressPrefixes": ["10.0.0.0/16"]}}}, api_version=NET).result()
    assert vnet.properties["provisioningState"] == "Succeeded" and vnet.tags == {"k": "v"}
    assert res.check_existence(*args, api_version=NET) is True
    assert res.check_existence("rg", "Microsoft.Network", "", "virtualNetworks", "nope", api_version=NET) is False
    subnet = res.begin_create_or_update("rg", "Microsoft.Network", "virtualNetworks/v1", "subnets", "s1",
                                        {"properties": {"addressPrefix": "10.0.1.0/24"}}, api_version=NET).result()
    assert subnet.type == "Microsoft.Network/virtualNetworks/subnets"
    assert res.get_by_id(subnet.id, api_version=NET).properties["addressPrefix"] == "10.0.1.0/24"
    updated = res.begin_update(*args, {"tags": {"k": "w"}}, api_version=NET).result()
    assert updated.tags == {"k": "w"}
    listed = list(res.list(filter="resourceType eq 'Microsoft.Network/virtualNetworks'",
                           expand="createdTime,changedTime,provisioningState"))
    assert [r.name for r in listed] == ["v1"] and listed[0].provisioning_state == "Succeeded"
    assert listed[0].created_time is not None and listed[0].changed_time is not None
    assert [r.name for r in res.list_by_resource_group("rg", filter="tagName eq 'k' and tagValue eq 'w'")] == ["v1"]
    res.begin_delete(*args, api_version=NET).result()
    with pytest.raises(ResourceNotFoundError) as info:
        res.get_by_id(subnet.id, api_version=NET)
    assert info.value.error.code == "ResourceNotFound"
    with pytest.raises(HttpResponseError) as info:
        res.begin_create_or_update("rg", "Microsoft.Network", "", "virtualNetworks", "bad", {"location": "westus"},
                                   api_version="2099-01-01")
    assert info.value.status_code == 400 and info.value.error.code == "NoRegisteredProviderFound"


def test_done_when_scenario(tmp_path, monkeypatch):
    """Create a group; PUT 250 generic resources across 3 types; list them back through nextLink paging
    (each exactly once); filter by type and tag; lock the group and see deletes refused; unlock; delete
    the group as a long-running operation; everything it held is gone."""
    monkeypatch.setenv("AZCLI_LOCAL_PAGE_SIZE", "40")
    cloud = Cloud(tmp_path / "state", lro_seconds=0.2)
    client = cloud.resource_client()
    client.resource_groups.create_or_update("done", {"location": "westus"})
    kinds = [("Microsoft.ManagedIdentity", "userAssignedIdentities", MSI),
             ("Microsoft.Insights", "components", "2020-02-02"),
             ("Microsoft.KeyVault", "vaults", "2023-07-01")]
    expected = {}
    for i in range(250):
        ns, type_, version = kinds[i % 3]
        made = client.resources.begin_create_or_update(
            "done", ns, "", type_, "r%03d" % i, {"location": "westus", "tags": {"parity": "even" if i % 2 == 0 else "odd"},
                                                 "properties": {}}, api_version=version).result()
        expected[made.id] = "%s/%s" % (ns, type_)

    pages = list(client.resources.list_by_resource_group("done").by_page())
    ids = [r.id for page in pages for r in page]
    assert len(pages) == 7  # 250 items at 40 a page
    assert len(ids) == len(set(ids)) == 250 and set(ids) == set(expected)
    sub_wide = [r.id for r in client.resources.list()]
    assert sorted(sub_wide) == sorted(expected)
    vaults = [r.name for r in client.resources.list(filter="resourceType eq 'Microsoft.KeyVault/vaults'")]
    assert len(vaults) == 83 and all(expected[cloud_id(cloud, "Microsoft.KeyVault/vaults", n)]
                                     == "Microsoft.KeyVault/vaults" for n in vaults)
    even = list(client.resources.list_by_resource_group("done", filter="tagName eq 'parity' and tagValue eq 'even'"))
    assert len(even) == 125

    locks = lock_client(cloud).management_locks
    locks.create_or_update_at_resource_group_level("done", "keep", {"level": "CanNotDelete"})
    some_id = ids[0]
    with pytest.raises(HttpResponseError) as info:
        client.resources.begin_delete_by_id(some_id, api_version=MSI)
    assert info.value.status_code == 409 and info.value.error.code == "ScopeLocked"
    with pytest.raises(HttpResponseError) as info:
        client.resource_groups.begin_delete("done")
    assert info.value.error.code == "ScopeLocked"
    assert "cannot perform delete operation because following scope(s) are locked" in info.value.error.message
    locks.delete_at_resource_group_level("done", "keep")

    poller = client.resource_groups.begin_delete("done")
    assert poller.done() is False
    assert client.resource_groups.get("done").properties.provisioning_state == "Deleting"
    poller.result()
    assert client.resource_groups.check_existence("done") is False
    assert list(client.resources.list()) == []
    with pytest.raises(ResourceNotFoundError):
        client.resources.get_by_id(some_id, api_version=MSI)
    assert list(locks.list_at_subscription_level()) == []


def cloud_id(cloud, type_, name):
    return "/subscriptions/%s/resourceGroups/done/providers/%s/%s" % (cloud.sub, type_, name)
