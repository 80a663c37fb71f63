"""The real Azure SDK (azure-identity + azure-mgmt-resource) against the local cloud, in-process."""
import pytest
from azure.core.exceptions import ClientAuthenticationError, HttpResponseError, ResourceNotFoundError


def test_group_crud(cloud):
    client = cloud.resource_client()
    groups = client.resource_groups
    created = groups.create_or_update("sdk_rg", {"location": "westus", "tags": {"a": "b"}})
    assert created.id == "/subscriptions/%s/resourceGroups/sdk_rg" % cloud.sub
    assert created.location == "westus" and created.tags == {"a": "b"}
    assert created.properties.provisioning_state == "Succeeded"
    assert groups.get("SDK_RG").name == "sdk_rg"
    assert groups.check_existence("sdk_rg") is True
    assert groups.check_existence("other") is False
    updated = groups.update("sdk_rg", {"tags": {"c": "d"}, "managedBy": "owner"})
    assert updated.tags == {"c": "d"} and updated.managed_by == "owner"
    assert [g.name for g in groups.list(filter="tagName eq 'c' and tagValue eq 'd'")] == ["sdk_rg"]
    assert [g.name for g in groups.list(filter="tagName eq 'a'")] == []
    with pytest.raises(ResourceNotFoundError) as info:
        groups.get("other")
    assert info.value.error.code == "ResourceGroupNotFound"
    with pytest.raises(HttpResponseError) as info:
        groups.create_or_update("bad.", {"location": "westus"})
    assert info.value.status_code == 400 and info.value.error.code == "InvalidResourceGroupName"


def test_pager_walks_250_groups_once(cloud):
    for i in range(250):
        assert cloud.call("PUT", cloud.group_path("rg%03d" % i), {"location": "westus"}).status_code == 201
    pages = list(cloud.resource_client().resource_groups.list().by_page())
    names = [g.name for page in pages for g in page]
    assert len(pages) == 3
    assert names == ["rg%03d" % i for i in range(250)]


def test_begin_delete_waits_for_the_operation(slow_cloud):
    groups = slow_cloud.resource_client().resource_groups
    groups.create_or_update("lro_rg", {"location": "eastus"})
    poller = groups.begin_delete("lro_rg")
    assert groups.get("lro_rg").properties.provisioning_state == "Deleting"
    assert poller.done() is False
    assert poller.result() is None
    assert poller.status() == "Succeeded"
    with pytest.raises(ResourceNotFoundError):
        groups.get("lro_rg")
    assert groups.check_existence("lro_rg") is False


def test_subscription_client(cloud):
    client = cloud.subscription_client()
    (sub,) = list(client.subscriptions.list())
    assert sub.subscription_id == cloud.sub and sub.tenant_id == cloud.tenant
    assert sub.display_name == cloud.identity["subscriptionName"] and sub.state == "Enabled"
    assert client.subscriptions.get(cloud.sub).id == "/subscriptions/" + cloud.sub
    locations = {loc.name for loc in client.subscriptions.list_locations(cloud.sub)}
    assert {"westus", "eastus", "westeurope"} <= locations
    assert [t.tenant_id for t in client.tenants.list()] == [cloud.tenant]


def test_wrong_secret_fails_authentication(cloud):
    from azure.identity import ClientSecretCredential
    from emulator_helpers import BASE
    credential = ClientSecretCredential(cloud.tenant, cloud.identity["clientId"], "not-the-secret", authority=BASE,
                                        disable_instance_discovery=True, transport=cloud.sdk_transport())
    with pytest.raises(ClientAuthenticationError) as info:
        credential.get_token(BASE + "/.default")
    assert "AADSTS7000215" in str(info.value)
