"""The local cloud's Key Vault: deleted vaults, name checks and access-policy edits on ARM, and the secrets
data plane on the wire (challenge, audiences, access, spec shapes, retention) and through the official SDK."""
import os
import time

import pytest

from emulator_helpers import BASE

API = "2024-11-01"
KV = "2026-04-01"
SHARED = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "..", "shared")
SECRETS_SPEC = os.path.normpath(os.path.join(SHARED, "arm-specs/specification/keyvault/data-plane/Secrets/stable/"
                                             "2026-04-01/secrets.json"))


OFFICER = "b86a8fe4-44ce-4948-aee5-eccb2c155cd7"  # Key Vault Secrets Officer


def _vault(cloud, name="kv1", group="rg1", **props):
    cloud.call("PUT", cloud.group_path(group), {"location": "westus"})
    body = {"location": "westus", "properties": dict({"tenantId": cloud.tenant, "sku": {"family": "A",
                                                                                      "name": "standard"}}, **props)}
    r = cloud.call("PUT", cloud.group_path(group) + "/providers/Microsoft.KeyVault/vaults/" + name, body,
                   api_version=API)
    assert r.status_code in (200, 201), r.json
    if props.get("enableRbacAuthorization"):
        officer(cloud, r.json["id"])
    return r.json


def officer(cloud, scope):
    """Make the built-in principal Key Vault Secrets Officer at scope: Owner has no data actions (Azure's rule)."""
    import uuid
    oid = cloud.call("GET", "/subscriptions/%s/providers/Microsoft.Authorization/roleAssignments" % cloud.sub,
                     api_version="2022-04-01").json["value"][0]["properties"]["principalId"]
    r = cloud.call("PUT", "%s/providers/Microsoft.Authorization/roleAssignments/%s" % (scope, uuid.uuid4()),
                   {"properties": {"principalId": oid, "principalType": "ServicePrincipal", "roleDefinitionId":
                    "/subscriptions/%s/providers/Microsoft.Authorization/roleDefinitions/%s" % (cloud.sub, OFFICER)}},
                   api_version="2022-04-01")
    assert r.status_code == 201, r.json


def _vault_token(cloud, resource="https://vault.local.azcli.invalid"):
    r = cloud.client.post("/%s/oauth2/v2.0/token" % cloud.tenant, base_url=BASE, data={
        "grant_type": "client_credentials", "client_id": cloud.identity["clientId"],
        "client_secret": cloud.identity["clientSecret"], "scope": resource + "/.default"})
    assert r.status_code == 200, r.json
    return r.json["access_token"]


def _data(cloud, method, path, body=None, token=None, name="kv1", version=KV, query=None):
    headers = {"Authorization": "Bearer " + token} if token else {}
    params = dict(query or {}, **({"api-version": version} if version else {}))
    return cloud.client.open(path, method=method, base_url="https://%s.vault.local.azcli.invalid" % name,
                             query_string=params, headers=headers, json=body)


def test_challenge_audience_and_tenant(cloud):
    _vault(cloud, enableRbacAuthorization=True)
    r = _data(cloud, "PUT", "/secrets/s1", {"value": "v"})
    assert r.status_code == 401 and r.json["error"]["code"] == "Unauthorized"
    assert r.headers["WWW-Authenticate"] == 'Bearer authorization="https://local.azcli.invalid/%s", ' \
        'resource="https://vault.local.azcli.invalid"' % cloud.tenant
    arm = _data(cloud, "PUT", "/secrets/s1", {"value": "v"}, token=cloud.token())
    assert arm.status_code == 401 and "Invalid audience" in arm.json["error"]["message"]
    token = _vault_token(cloud)
    assert _data(cloud, "PUT", "/secrets/s1", {"value": "v"}, token=token).status_code == 200
    # ARM refuses a vault token, as ARM does.
    assert cloud.call("GET", cloud.group_path("rg1"), token=token).status_code == 401
    assert _data(cloud, "GET", "/secrets/s1", token=token, version=None).json["error"]["code"] == "BadParameter"
    assert _data(cloud, "GET", "/secrets/s1", token=token, version="9.9").status_code == 400
    assert _data(cloud, "GET", "/secrets/s1", token=token, name="kv-none").json["error"]["code"] == "VaultNotFound"
    assert _data(cloud, "GET", "/secrets/bad_name", token=token).status_code == 400


def test_access_policies_decide_without_rbac(cloud):
    _vault(cloud, accessPolicies=[])
    token = _vault_token(cloud)
    r = _data(cloud, "PUT", "/secrets/s1", {"value": "v"}, token=token)
    assert r.status_code == 403 and r.json["error"]["innererror"]["code"] == "AccessDenied"
    me = cloud.call("GET", "/subscriptions/%s" % cloud.sub, api_version="2022-12-01")
    assert me.status_code == 200
    from azcli.emulator.wire import auth
    oid = auth.decode(token, auth.signing_key(cloud.app.store))["oid"]
    path = cloud.group_path("rg1") + "/providers/Microsoft.KeyVault/vaults/kv1/accessPolicies/"
    entry = {"tenantId": cloud.tenant, "objectId": oid, "permissions": {"secrets": ["get", "set"]}}
    added = cloud.call("PUT", path + "add", {"properties": {"accessPolicies": [entry]}}, api_version=API)
    assert added.status_code == 200 and added.json["properties"]["accessPolicies"][0]["permissions"]["secrets"] == \
        ["get", "set"]
    assert _data(cloud, "PUT", "/secrets/s1", {"value": "v"}, token=token).status_code == 200
    assert _data(cloud, "GET", "/secrets", token=token).status_code == 403  # no list permission
    entry["permissions"] = {"secrets": ["set"]}
    cloud.call("PUT", path + "remove", {"properties": {"accessPolicies": [entry]}}, api_version=API)
    assert _data(cloud, "PUT", "/secrets/s1", {"value": "v"}, token=token).status_code == 403
    assert _data(cloud, "GET", "/secrets/s1", token=token).status_code == 200
    entry["permissions"] = {"secrets": ["all"]}
    cloud.call("PUT", path + "replace", {"properties": {"accessPolicies": [entry]}}, api_version=API)
    assert _data(cloud, "GET", "/secrets", token=token).status_code == 200


def test_deleted_vaults_and_names(cloud):
    _vault(cloud, softDeleteRetentionInDays=7)
    check = "/subscriptions/%s/providers/Microsoft.KeyVault/checkNameAvailability" % cloud.sub
    body = {"name": "kv1", "type": "Microsoft.KeyVault/vaults"}
    assert cloud.call("POST", check, body, api_version=API).json["reason"] == "AlreadyExists"
    invalid = cloud.call("POST", check, dict(body, name="a--b"), api_version=API).json
    assert invalid == dict(invalid, nameAvailable=False, reason="AccountNameInvalid")
    vault_path = cloud.group_path("rg1") + "/providers/Microsoft.KeyVault/vaults/kv1"
    assert cloud.call("DELETE", vault_path, api_version=API).status_code == 200
    deleted = cloud.call("GET", "/subscriptions/%s/providers/Microsoft.KeyVault/deletedVaults" % cloud.sub,
                         api_version=API).json["value"]
    assert [d["name"] for d in deleted] == ["kv1"] and deleted[0]["type"] == "Microsoft.KeyVault/deletedVaults"
    one = "/subscriptions/%s/providers/Microsoft.KeyVault/locations/westus/deletedVaults/kv1" % cloud.sub
    got = cloud.call("GET", one, api_version=API).json
    assert got["properties"]["vaultId"] == vault_path.replace("resourcegroups", "resourceGroups")
    assert cloud.call("POST", check, body, api_version=API).json["nameAvailable"] is False
    other = cloud.call("PUT", cloud.group_path("rg1") + "/providers/Microsoft.KeyVault/vaults/kv1",
                       {"location": "westus", "properties": {"tenantId": cloud.tenant,
                                                             "sku": {"family": "A", "name": "standard"}}},
                       api_version=API)
    assert other.status_code == 409 and other.json["error"]["code"] == "ConflictError"
    purge = cloud.call("POST", one + "/purge", api_version=API)
    assert purge.status_code == 202 and "/locations/westus/operationResults/" in purge.headers["Location"]
    done = cloud.get_url(purge.headers["Location"])
    assert done.status_code == 200 and done.json["status"] == "Succeeded"
    assert cloud.call("GET", one, api_version=API).status_code == 404
    assert cloud.call("POST", check, body, api_version=API).json == {"nameAvailable": True}


def test_retention_ends_and_frees_the_name(cloud, monkeypatch):
    _vault(cloud, softDeleteRetentionInDays=7, enableRbacAuthorization=True)
    token = _vault_token(cloud)
    assert _data(cloud, "PUT", "/secrets/s1", {"value": "v"}, token=token).status_code == 200
    assert _data(cloud, "DELETE", "/secrets/s1", token=token).status_code == 200
    assert _data(cloud, "PUT", "/secrets/s1", {"value": "v"}, token=token).status_code == 409
    later = time.time() + 8 * 86400
    monkeypatch.setattr(time, "time", lambda: later)
    cloud._token = None
    token = _vault_token(cloud)
    assert _data(cloud, "GET", "/deletedsecrets/s1", token=token).status_code == 404
    assert _data(cloud, "PUT", "/secrets/s1", {"value": "v"}, token=token).status_code == 200
    cloud.call("DELETE", cloud.group_path("rg1") + "/providers/Microsoft.KeyVault/vaults/kv1", api_version=API)
    monkeypatch.setattr(time, "time", lambda: later + 8 * 86400)
    cloud._token = None
    _vault(cloud, group="rg2", enableRbacAuthorization=True)  # the deleted vault's retention ended: its name is free everywhere


@pytest.fixture(scope="module")
def spec():
    from test_localcloud_spec_shapes import Definitions
    return Definitions()


def test_data_plane_shapes(cloud, spec):
    from test_localcloud_spec_shapes import check
    assert os.path.exists(SECRETS_SPEC), SECRETS_SPEC
    _vault(cloud, softDeleteRetentionInDays=7, enableRbacAuthorization=True)
    token = _vault_token(cloud)
    s = _data(cloud, "PUT", "/secrets/s1", {"value": "v", "contentType": "text", "tags": {"a": "b"},
                                            "attributes": {"enabled": True, "exp": 4102444800}}, token=token).json
    check(spec, SECRETS_SPEC, "SecretBundle", s)
    assert s["attributes"]["recoveryLevel"] == "CustomizedRecoverable+Purgeable"
    assert s["attributes"]["recoverableDays"] == 7 and s["attributes"]["exp"] == 4102444800
    for n in range(3):
        _data(cloud, "PUT", "/secrets/p%d" % n, {"value": "x"}, token=token)
    page = _data(cloud, "GET", "/secrets", token=token, query={"maxresults": "2"}).json
    check(spec, SECRETS_SPEC, "SecretListResult", page)
    assert len(page["value"]) == 2 and "nextLink" in page
    check(spec, SECRETS_SPEC, "SecretListResult", _data(cloud, "GET", "/secrets/s1/versions", token=token).json)
    patched = _data(cloud, "PATCH", "/secrets/s1/", {"attributes": {"enabled": False}}, token=token).json
    check(spec, SECRETS_SPEC, "SecretBundle", patched)
    disabled = _data(cloud, "GET", "/secrets/s1", token=token)
    assert disabled.status_code == 403 and disabled.json["error"]["innererror"]["code"] == "SecretDisabled"
    check(spec, SECRETS_SPEC, "KeyVaultError", disabled.json)
    check(spec, SECRETS_SPEC, "DeletedSecretBundle", _data(cloud, "DELETE", "/secrets/s1", token=token).json)
    check(spec, SECRETS_SPEC, "DeletedSecretListResult", _data(cloud, "GET", "/deletedsecrets", token=token).json)
    check(spec, SECRETS_SPEC, "DeletedSecretBundle", _data(cloud, "GET", "/deletedsecrets/s1", token=token).json)
    check(spec, SECRETS_SPEC, "SecretBundle", _data(cloud, "POST", "/deletedsecrets/s1/recover", token=token).json)
    check(spec, SECRETS_SPEC, "KeyVaultError", _data(cloud, "GET", "/secrets/none", token=token).json)


def test_official_sdk_in_process(cloud):
    from azure.core.exceptions import ResourceExistsError, ResourceNotFoundError
    from azure.keyvault.secrets import SecretClient
    uri = _vault(cloud, enableRbacAuthorization=True)["properties"]["vaultUri"]
    client = SecretClient(uri, cloud.credential(), transport=cloud.sdk_transport())
    first = client.set_secret("app-key", "one", tags={"t": "1"})
    client.set_secret("app-key", "two")
    assert client.get_secret("app-key").value == "two"
    assert client.get_secret("app-key", first.properties.version).value == "one"
    assert len(list(client.list_properties_of_secret_versions("app-key"))) == 2
    deleted = client.begin_delete_secret("app-key").result()
    assert deleted.recovery_id == uri + "deletedsecrets/app-key"
    with pytest.raises(ResourceExistsError):
        client.set_secret("app-key", "three")
    assert client.begin_recover_deleted_secret("app-key").result().name == "app-key"
    client.begin_delete_secret("app-key").result()
    client.purge_deleted_secret("app-key")
    with pytest.raises(ResourceNotFoundError):
        client.get_deleted_secret("app-key")


def test_backup_and_restore_through_the_official_sdk(cloud):
    from azure.core.exceptions import HttpResponseError, ResourceExistsError
    from azure.keyvault.secrets import SecretClient
    # Its own vault name: the SDK caches each vault host's challenge (tenant) per process.
    uri = _vault(cloud, name="kv-backup1", enableRbacAuthorization=True)["properties"]["vaultUri"]
    client = SecretClient(uri, cloud.credential(), transport=cloud.sdk_transport())
    client.set_secret("db", "one")
    client.set_secret("db", "two")
    blob = client.backup_secret("db")
    with pytest.raises(ResourceExistsError):  # the name is taken
        client.restore_secret_backup(blob)
    client.begin_delete_secret("db").result()
    client.purge_deleted_secret("db")
    restored = client.restore_secret_backup(blob)
    assert restored.name == "db" and client.get_secret("db").value == "two"
    assert len(list(client.list_properties_of_secret_versions("db"))) == 2
    with pytest.raises(HttpResponseError):
        client.restore_secret_backup(b"not a backup")


def test_vault_uri_is_where_the_vault_is_reached_now(cloud):
    """A vault made in-process (or while served on another port) is served with the address of the cloud
    that answers: its vaultUri follows the request's host, as its data plane does."""
    made = _vault(cloud, name="kv-moves1")
    assert made["properties"]["vaultUri"] == "https://kv-moves1.vault.local.azcli.invalid/"
    served = "https://127.0.0.1:8443"
    token = cloud.client.post("/%s/oauth2/v2.0/token" % cloud.tenant, base_url=served, data={
        "grant_type": "client_credentials", "client_id": cloud.identity["clientId"],
        "client_secret": cloud.identity["clientSecret"], "scope": served + "/.default"}).json["access_token"]
    headers = {"Authorization": "Bearer " + token}
    shown = cloud.client.get(made["id"], base_url=served, query_string={"api-version": API}, headers=headers)
    assert shown.status_code == 200, shown.json
    assert shown.json["properties"]["vaultUri"] == "https://kv-moves1.vault.localhost:8443/"
    listed = cloud.client.get(cloud.group_path("rg1") + "/providers/Microsoft.KeyVault/vaults", base_url=served,
                              query_string={"api-version": API}, headers=headers).json["value"]
    assert [v["properties"]["vaultUri"] for v in listed] == ["https://kv-moves1.vault.localhost:8443/"]
    assert cloud.call("GET", made["id"], api_version=API).json["properties"]["vaultUri"] == made["properties"][
        "vaultUri"]
