"""The official azure-keyvault-secrets SecretClient, unchanged, against `azcli local serve` over HTTPS: the
vault is served at https://{name}.vault.localhost:{port}/ (the certificate names *.vault.localhost) and the
challenge names the vault audience https://vault.localhost:{port}. ``*.localhost`` is loopback (RFC 6761);
this machine's resolver may not say so, so the test resolves it as systemd-resolved, curl and browsers do."""
import socket

import pytest

from served_cloud import Served


@pytest.fixture
def served(tmp_path):
    server = Served(tmp_path / "azcli")
    yield server
    server.stop()


@pytest.fixture
def localhost_names(monkeypatch):
    real = socket.getaddrinfo

    def getaddrinfo(host, *args, **kwargs):
        if isinstance(host, str) and host.endswith(".localhost"):
            host = "127.0.0.1"
        return real(host, *args, **kwargs)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


def _secrets_officer(served, scope):
    import uuid
    session = served.session()
    api = {"api-version": "2022-04-01"}
    listed = session.get(served.base + "/subscriptions/%s/providers/Microsoft.Authorization/roleAssignments"
                         % served.sub, params=api).json()["value"]
    principal = listed[0]["properties"]["principalId"]
    made = session.put(served.base + "%s/providers/Microsoft.Authorization/roleAssignments/%s" % (scope, uuid.uuid4()),
                       params=api, json={"properties": {"principalId": principal, "principalType": "ServicePrincipal",
                                         "roleDefinitionId": "/subscriptions/%s/providers/Microsoft.Authorization/"
                                         "roleDefinitions/b86a8fe4-44ce-4948-aee5-eccb2c155cd7" % served.sub}})
    assert made.status_code == 201, made.text


def test_secret_client_against_the_served_cloud(served, localhost_names):
    from azure.core.exceptions import ResourceExistsError
    from azure.keyvault.secrets import SecretClient
    from azure.mgmt.keyvault import KeyVaultManagementClient
    from azure.mgmt.resource.resources import ResourceManagementClient
    served.client(ResourceManagementClient).resource_groups.create_or_update("rg1", {"location": "westus"})
    vaults = served.client(KeyVaultManagementClient, api_version="2024-11-01").vaults
    vault = vaults.begin_create_or_update("rg1", "kv-served1", {"location": "westus", "properties": {
        "tenantId": served.tenant, "sku": {"family": "A", "name": "standard"},
        "enableRbacAuthorization": True}}).result()
    _secrets_officer(served, vault.id)  # Owner has no data actions on an RBAC vault
    port = served.details["port"]
    assert vault.properties.vault_uri == "https://kv-served1.vault.localhost:%d/" % port
    client = SecretClient(vault.properties.vault_uri, served.credential(), connection_verify=served.ca)
    first = client.set_secret("s1", "one")
    assert first.id.startswith("https://kv-served1.vault.localhost:%d/secrets/s1/" % port)
    client.set_secret("s1", "two")
    assert client.get_secret("s1").value == "two"
    assert client.get_secret("s1", first.properties.version).value == "one"
    assert [p.name for p in client.list_properties_of_secrets()] == ["s1"]
    client.begin_delete_secret("s1").result()
    with pytest.raises(ResourceExistsError):
        client.set_secret("s1", "three")
    client.begin_recover_deleted_secret("s1").result()
    assert client.get_secret("s1").value == "two"
    vaults.delete("rg1", "kv-served1")
    assert [d.name for d in vaults.list_deleted()] == ["kv-served1"]
    vaults.begin_purge_deleted("kv-served1", "westus").result()
    assert list(vaults.list_deleted()) == []
