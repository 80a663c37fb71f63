"""The official SDK clients and azure-identity against `azcli local serve` over HTTPS, and the issue's
"Done when" script over HTTPS."""
import socket
import ssl

import pytest
from azure.core.exceptions import HttpResponseError, ResourceNotFoundError

MSI = "2023-01-31"
KINDS = [("Microsoft.ManagedIdentity", "userAssignedIdentities", MSI),
         ("Microsoft.Insights", "components", "2020-02-02"),
         ("Microsoft.KeyVault", "vaults", "2023-07-01")]


def resource_client(served):
    from azure.mgmt.resource.resources import ResourceManagementClient
    return served.client(ResourceManagementClient)


def lock_client(served):
    from azure.mgmt.resource.locks import ManagementLockClient
    return served.client(ManagementLockClient)


def test_json_line_and_tls(served):
    details = served.details
    port = details["port"]
    assert details["resourceManager"] == "https://127.0.0.1:%d/" % port
    assert details["activeDirectory"] == "https://127.0.0.1:%d" % port
    assert details["activeDirectoryResourceId"] == "https://127.0.0.1:%d/" % port
    for key in ("tenantId", "subscriptionId", "clientId", "clientSecret", "caCertPath"):
        assert details[key], key
    # The server certificate verifies against the CA for both names in its SAN (TLS < 1.2: test_served_tls.py).
    for name in ("127.0.0.1", "localhost"):
        context = ssl.create_default_context(cafile=served.ca)
        with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
            with context.wrap_socket(raw, server_hostname=name) as tls:
                assert tls.version() in ("TLSv1.2", "TLSv1.3")


def test_identity_and_subscriptions(served):
    credential = served.credential()
    token = credential.get_token(served.details["activeDirectoryResourceId"] + ".default")
    assert token.token.count(".") == 2 and token.expires_on > 0
    from azure.mgmt.resource.subscriptions import SubscriptionClient
    subs = served.client(SubscriptionClient, subscription=False, credential=credential)
    listed = list(subs.subscriptions.list())
    assert [s.subscription_id for s in listed] == [served.sub]
    assert listed[0].tenant_id == served.tenant and listed[0].state == "Enabled"
    assert subs.subscriptions.get(served.sub).display_name == served.details["subscriptionName"]
    assert any(loc.name == "westus" for loc in subs.subscriptions.list_locations(served.sub))
    tenants = [t.tenant_id for t in subs.tenants.list()]
    assert served.tenant in tenants


def test_wrong_secret_is_refused(served):
    from azure.core.exceptions import ClientAuthenticationError
    from azure.identity import ClientSecretCredential
    bad = ClientSecretCredential(served.tenant, served.details["clientId"], "not-the-secret",
                                 authority=served.details["activeDirectory"], disable_instance_discovery=True,
                                 connection_verify=served.ca)
    with pytest.raises(ClientAuthenticationError) as info:
        bad.get_token(served.details["activeDirectoryResourceId"] + ".default")
    assert "AADSTS7000215" in str(info.value)


def test_groups_locks_tags_providers(served):
    client = resource_client(served)
    group = client.resource_groups.create_or_update("sdk-rg", {"location": "westus", "tags": {"env": "dev"}})
    assert group.properties.provisioning_state == "Succeeded"
    assert client.resource_groups.get("SDK-RG").tags == {"env": "dev"}
    assert "sdk-rg" in [g.name for g in client.resource_groups.list()]

    identity = client.resources.begin_create_or_update(
        "sdk-rg", "Microsoft.ManagedIdentity", "", "userAssignedIdentities", "id1",
        {"location": "westus", "tags": {"a": "1"}}, api_version=MSI).result()
    assert identity.type == "Microsoft.ManagedIdentity/userAssignedIdentities"
    tags = client.tags.begin_update_at_scope(
        identity.id, {"operation": "Merge", "properties": {"tags": {"b": "2"}}}).result()
    assert tags.properties.tags == {"a": "1", "b": "2"}
    assert client.tags.get_at_scope(identity.id).properties.tags == {"a": "1", "b": "2"}
    assert client.resources.get_by_id(identity.id, api_version=MSI).tags == {"a": "1", "b": "2"}

    provider = client.providers.get("Microsoft.KeyVault")
    assert provider.namespace.lower() == "microsoft.keyvault"
    assert any(rt.resource_type == "vaults" for rt in provider.resource_types)

    locks = lock_client(served).management_locks
    lock = locks.create_or_update_at_resource_group_level("sdk-rg", "nodelete", {"level": "CanNotDelete",
                                                                                  "notes": "keep"})
    assert lock.level == "CanNotDelete" and lock.name == "nodelete"
    assert [x.name for x in locks.list_at_resource_group_level("sdk-rg")] == ["nodelete"]
    with pytest.raises(HttpResponseError) as info:
        client.resources.begin_delete_by_id(identity.id, api_version=MSI)
    assert info.value.status_code == 409 and info.value.error.code == "ScopeLocked"
    locks.delete_at_resource_group_level("sdk-rg", "nodelete")
    client.resources.begin_delete_by_id(identity.id, api_version=MSI).result()
    with pytest.raises(ResourceNotFoundError):
        client.resources.get_by_id(identity.id, api_version=MSI)
    client.resource_groups.begin_delete("sdk-rg").result()
    assert client.resource_groups.check_existence("sdk-rg") is False


def test_done_when_script_over_https(served):
    """Create a group; PUT 250 generic resources across 3 types; list them back through nextLink paging
    (each exactly once); filter by type and by tag; lock the group with CanNotDelete and see resource and
    group deletes refused with ScopeLocked; remove the lock; delete the group as a long-running operation;
    everything it held is gone."""
    client = resource_client(served)
    locks = lock_client(served).management_locks
    client.resource_groups.create_or_update("done", {"location": "westus"})
    expected = {}
    for i in range(250):
        namespace, type_, version = KINDS[i % 3]
        made = client.resources.begin_create_or_update(
            "done", namespace, "", type_, "r%03d" % i,
            {"location": "westus", "tags": {"parity": "even" if i % 2 == 0 else "odd"}},
            api_version=version).result()
        expected[made.id.lower()] = "%s/%s" % (namespace, type_)

    pages = list(client.resources.list_by_resource_group("done").by_page())
    ids = [r.id.lower() for page in pages for r in page]
    assert len(pages) == 5  # 250 at the server's 50 a page, each page reached through nextLink
    assert len(ids) == len(set(ids)) == 250 and set(ids) == set(expected)

    vaults = list(client.resources.list_by_resource_group(
        "done", filter="resourceType eq 'Microsoft.KeyVault/vaults'"))
    assert len(vaults) == 83 and {v.type for v in vaults} == {"Microsoft.KeyVault/vaults"}
    assert {v.id.lower() for v in vaults} == {k for k, t in expected.items() if t == "Microsoft.KeyVault/vaults"}
    even = list(client.resources.list_by_resource_group("done", filter="tagName eq 'parity' and tagValue eq 'even'"))
    assert len(even) == 125 and all(r.tags["parity"] == "even" for r in even)
    tagged = list(client.resources.list(filter="tagName eq 'parity' and tagValue eq 'odd'"))
    assert len(tagged) == 125

    locks.create_or_update_at_resource_group_level("done", "keep", {"level": "CanNotDelete"})
    some_id = vaults[0].id
    with pytest.raises(HttpResponseError) as info:
        client.resources.begin_delete_by_id(some_id, api_version="2023-07-01")
    assert info.value.status_code == 409 and info.value.error.code == "ScopeLocked"
    with pytest.raises(HttpResponseError) as info:
        client.resource_groups.begin_delete("done")
    assert info.value.status_code == 409 and info.value.error.code == "ScopeLocked"
    assert client.resources.get_by_id(some_id, api_version="2023-07-01").id.lower() == some_id.lower()
    locks.delete_at_resource_group_level("done", "keep")

    poller = client.resource_groups.begin_delete("done", polling_interval=0.1)
    assert not poller.done()  # a long-running operation: 202 + Location, the group is Deleting meanwhile
    assert client.resource_groups.get("done").properties.provisioning_state == "Deleting"
    poller.result()
    assert client.resource_groups.check_existence("done") is False
    assert not [r for r in client.resources.list() if r.id.lower() in expected]
    with pytest.raises(ResourceNotFoundError):
        client.resources.get_by_id(some_id, api_version="2023-07-01")
    assert list(locks.list_at_subscription_level()) == []
