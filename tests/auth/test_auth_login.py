"""`azcli login` in every way it signs in, in-process against the local cloud (real azure-identity)."""
import datetime
import html
import os
import time

import pytest

from auth_helpers import Approver, claims, read_json

BASE = "https://local.azcli.invalid"


def _ok(result):
    assert result.exit_code == 0, result
    return result


def _works_as(cli, local, name):
    """account show/list/get-access-token and group list all work for the signed-in account name."""
    shown = _ok(cli("account show")).json()
    assert shown["user"]["name"].lower() == name.lower() and shown["id"] == local.sub
    listed = [s for s in _ok(cli("account list")).json() if s["user"]["name"].lower() == name.lower()]
    assert [s["id"] for s in listed] == [local.sub] and listed[0]["cloudName"] == "LocalCloud"
    assert listed[0]["isDefault"] is True
    token = _ok(cli("account get-access-token")).json()
    assert claims(token["accessToken"])["aud"] == BASE + "/"
    _ok(cli("group create -n g-{} -l westus".format(name[:8])))
    assert "g-" + name[:8] in [g["name"] for g in _ok(cli("group list")).json()]
    return token


def test_secret(local):
    sp = local.principal("-n ci-secret")
    login = _ok(local.cli(["login", "--service-principal", "-u", sp["clientId"], "-p", sp["clientSecret"],
                           "--tenant", local.tenant]))
    assert login.json()[0]["user"] == {"name": sp["clientId"], "type": "servicePrincipal"}
    token = _works_as(local.cli, local, sp["clientId"])
    assert claims(token["accessToken"])["appid"] == sp["clientId"]


def test_secret_from_stdin_and_wrong_secret(local):
    sp = local.principal("-n ci-stdin")
    _ok(local.cli(["login", "--service-principal", "-u", sp["clientId"], "-p", "-", "-t", local.tenant],
                  stdin=sp["clientSecret"] + "\n"))
    bad = local.cli(["login", "--service-principal", "-u", sp["clientId"], "-p", "nope-nope", "-t", local.tenant])
    assert bad.exit_code == 4 and "AADSTS7000215" in bad.stderr and "Traceback" not in bad.stderr


def test_certificate(local, tmp_path):
    pem = tmp_path / "ci.pem"
    sp = local.principal("-n ci-cert --create-certificate {}".format(pem))
    assert "clientSecret" not in sp and sp["certificatePath"] == str(pem)
    assert oct(os.stat(pem).st_mode & 0o777) == "0o600"
    _ok(local.cli(["login", "--service-principal", "-u", sp["clientId"], "--certificate", str(pem),
                   "--tenant", local.tenant]))
    _works_as(local.cli, local, sp["clientId"])
    entry = [c for c in read_json(os.path.join(local.dir, "credentials.json"))["credentials"]
             if c["clientId"] == sp["clientId"]][0]
    assert entry["type"] == "certificate" and entry["certificatePath"] == str(pem)


def test_certificate_not_registered_is_refused(local, tmp_path):
    sp = local.principal("-n ci-other --create-certificate {}".format(tmp_path / "a.pem"))
    local.principal("-n ci-stranger --create-certificate {}".format(tmp_path / "b.pem"))
    bad = local.cli(["login", "--service-principal", "-u", sp["clientId"], "--certificate", str(tmp_path / "b.pem"),
                     "--tenant", local.tenant])
    assert bad.exit_code == 4 and "AADSTS700027" in bad.stderr


def test_federated_token_file_is_reread_on_every_token_request(local, tmp_path):
    sp = local.principal("-n gha --federated-subject repo:org/app:ref:refs/heads/main")
    token_file = tmp_path / "oidc.jwt"
    _ok(local.cli("local federated-token -n gha --lifetime 120 --file {}".format(token_file)))
    _ok(local.cli(["login", "--service-principal", "-u", sp["clientId"], "-t", local.tenant,
                   "--federated-token-file", str(token_file)]))
    _works_as(local.cli, local, sp["clientId"])
    # The platform replaces the file with a token the principal is not trusted for: the next token
    # request reads it (and fails); a fresh good token makes it work again.
    os.remove(os.path.join(local.dir, "tokens.json"))
    _ok(local.cli("local federated-token --subject repo:org/other --file {}".format(token_file)))
    bad = local.cli("group list")
    assert bad.exit_code == 4 and "AADSTS70021" in bad.stderr
    _ok(local.cli("local federated-token -n gha --file {}".format(token_file)))
    _ok(local.cli("group list"))


def test_federated_token_from_the_platform_file_keeps_reading_the_file(local, tmp_path):
    sp = local.principal("-n wi --federated-subject system:serviceaccount:default:app")
    token_file = tmp_path / "token"
    _ok(local.cli("local federated-token -n wi --file {}".format(token_file)))
    token = token_file.read_text().strip()
    _ok(local.cli(["login", "--service-principal", "-u", sp["clientId"], "-t", local.tenant,
                   "--federated-token", token], env={"AZURE_FEDERATED_TOKEN_FILE": str(token_file)}))
    entry = [c for c in read_json(os.path.join(local.dir, "credentials.json"))["credentials"]
             if c["clientId"] == sp["clientId"]][0]
    assert entry == dict(entry, type="federated", tokenFile=str(token_file)) and "assertion" not in entry


def test_expired_federated_token_is_refused_with_a_hint(local, tmp_path):
    sp = local.principal("-n shortlived --federated-subject s1")
    from azcli.emulator import federated_token
    expired = federated_token(local.dir, subject="s1", lifetime=1)
    time.sleep(1.1)
    bad = local.cli(["login", "--service-principal", "-u", sp["clientId"], "-t", local.tenant,
                     "--federated-token", expired])
    assert bad.exit_code == 4 and "AADSTS700024" in bad.stderr and "federated" in bad.stderr


def test_principal_without_access(local):
    sp = local.principal("-n outsider --subscription-access none")
    argv = ["login", "--service-principal", "-u", sp["clientId"], "-p", sp["clientSecret"], "-t", local.tenant]
    refused = local.cli(argv)
    assert refused.exit_code == 4 and "No subscriptions found" in refused.stderr
    tenant_level = _ok(local.cli(argv + ["--allow-no-subscriptions"])).json()
    assert tenant_level[0]["id"] == local.tenant and tenant_level[0]["name"] == "N/A(tenant level account)"
    # Its token cannot reach the first principal's subscription: 403 AuthorizationFailed, exit 4.
    env = {"AZURE_CLIENT_ID": sp["clientId"], "AZURE_TENANT_ID": local.tenant,
           "AZURE_CLIENT_SECRET": sp["clientSecret"], "AZURE_SUBSCRIPTION_ID": local.sub}
    _ok(local.cli("logout"))
    denied = local.cli("group list", env=env)
    assert denied.exit_code == 4 and "AuthorizationFailed" in denied.stderr
    assert len(denied.stderr.strip().splitlines()) == 1


def test_managed_identity(local):
    mi = local.principal("-n app-identity --type managed-identity")
    assert mi["identityEndpoint"] == BASE + "/msi/token"
    env = {"IDENTITY_ENDPOINT": mi["identityEndpoint"], "IDENTITY_HEADER": mi["identityHeader"]}
    login = _ok(local.cli("login --identity", env=env)).json()
    assert login[0]["user"] == {"name": "systemAssignedIdentity", "type": "servicePrincipal",
                                "assignedIdentityInfo": "MSI"}
    token = _ok(local.cli("account get-access-token", env=env)).json()
    assert claims(token["accessToken"])["appid"] == mi["clientId"]
    os.remove(os.path.join(local.dir, "tokens.json"))
    _ok(local.cli("group list", env=env))
    user_assigned = _ok(local.cli(["login", "--identity", "--client-id", mi["clientId"]], env=env)).json()
    assert user_assigned[0]["user"]["assignedIdentityInfo"] == "MSIClient-" + mi["clientId"]
    wrong = local.cli("login --identity --client-id 00000000-0000-0000-0000-000000000001", env=env)
    assert wrong.exit_code == 4 and "No managed identity" in wrong.stderr


def test_managed_identity_fails_fast_without_an_endpoint(local):
    start = time.monotonic()
    result = local.cli("login --identity")
    assert result.exit_code == 4 and "No managed identity endpoint found" in result.stderr
    assert time.monotonic() - start < 5


def test_device_code(local, monkeypatch):
    """The sign-in waits until the local user approves its code (Approver: `azcli local approve` elsewhere)."""
    monkeypatch.setattr("azcli.command_modules.profile.login._stdin_is_terminal", lambda: True)
    with Approver(local.dir) as approver:
        login = _ok(local.cli("login --use-device-code"))
    assert "enter the code" in login.stderr and "/devicelogin" in login.stderr
    assert [a["userCode"] for a in approver.approved] == [login.stderr.split("enter the code ")[1].split()[0]]
    account = login.json()[0]
    assert account["user"] == {"name": "localuser@localcloud.invalid", "type": "user"}
    token = _works_as(local.cli, local, "localuser@localcloud.invalid")
    assert claims(token["accessToken"])["idtyp"] == "user"
    # A new access token comes silently from the refresh token kept (0600) in credentials.json.
    creds = os.path.join(local.dir, "credentials.json")
    before = read_json(creds)
    os.remove(os.path.join(local.dir, "tokens.json"))
    _ok(local.cli("group list"))
    assert read_json(creds) != before


def test_browser_sign_in_where_a_browser_exists(local, monkeypatch, tmp_path):
    """The 'browser' opens the authorize URL, whose page waits for the local user's approval and then
    sends it back to azure-identity's loopback listener, as a real one would."""
    monkeypatch.setattr("azcli.command_modules.profile.login._stdin_is_terminal", lambda: True)
    import threading
    import urllib.request
    from urllib.parse import urlsplit
    from werkzeug.test import Client
    from azcli.emulator import create_app

    def fake_open(url, *args, **kwargs):
        client = Client(create_app(local.dir))
        parts = urlsplit(url)
        response = client.get(parts.path, base_url=BASE, query_string=parts.query)
        assert response.status_code == 200 and "azcli local approve" in response.get_data(as_text=True)
        with Approver(local.dir):
            while response.status_code == 200:  # the page reloads itself until the sign-in is approved
                time.sleep(0.05)
                parts = urlsplit(html.unescape(response.get_data(as_text=True).split('url=')[1].split('"')[0]))
                response = client.get(parts.path, base_url=BASE, query_string=parts.query)
        location = response.headers["Location"]
        threading.Thread(target=lambda: urllib.request.urlopen(location, timeout=10).read(), daemon=True).start()
        return True
    monkeypatch.setattr("webbrowser.open", fake_open)
    login = _ok(local.cli("login", env={"BROWSER": "fake"}))
    assert login.json()[0]["user"] == {"name": "localuser@localcloud.invalid", "type": "user"}
    _ok(local.cli("group list"))


def test_login_never_prompts_without_a_terminal(cli):
    result = cli("login")
    assert result.exit_code == 2 and "needs a terminal" in result.stderr and result.stdout == ""


def test_login_needs_a_credential(cli):
    assert cli("login --service-principal -u x -t y").exit_code == 2
    assert cli("login --service-principal -p x").exit_code == 2


def test_get_access_token_shape(local_cli):
    token = _ok(local_cli("account get-access-token")).json()
    assert set(token) == {"accessToken", "expiresOn", "expires_on", "subscription", "tenant", "tokenType"}
    assert isinstance(token["expires_on"], int)
    expires = datetime.datetime.fromisoformat(token["expiresOn"])
    assert expires.tzinfo is not None and int(expires.timestamp()) == token["expires_on"]
    assert token["expires_on"] > time.time() + 600
    resource = _ok(local_cli(["account", "get-access-token", "--resource", BASE + "/"])).json()
    assert claims(resource["accessToken"])["aud"] == BASE + "/"
    scoped = _ok(local_cli(["account", "get-access-token", "--scope", "https://vault.azure.net/.default"])).json()
    assert claims(scoped["accessToken"])["aud"].rstrip("/") == "https://vault.azure.net"
    assert local_cli("account get-access-token --resource x --scope y").exit_code == 2


def test_get_access_token_for_another_tenant(local):
    from azcli.emulator import add_tenant
    other = add_tenant(local.dir, "Other Directory")["tenantId"]
    result = local.cli("account get-access-token --tenant " + other)
    assert result.exit_code == 4 and "AADSTS700016" in result.stderr


def test_logout_and_account_clear(local):
    sp = local.principal("-n second")
    _ok(local.cli(["login", "--service-principal", "-u", sp["clientId"], "-p", sp["clientSecret"], "-t",
                   local.tenant]))
    users = {s["user"]["name"] for s in _ok(local.cli("account list")).json()}
    assert users == {sp["clientId"], local.identity["clientId"]}
    _ok(local.cli(["logout", "--username", sp["clientId"]]))
    assert {s["user"]["name"] for s in _ok(local.cli("account list")).json()} == {local.identity["clientId"]}
    assert local.cli(["logout", "--username", sp["clientId"]]).exit_code == 2
    assert [c["clientId"] for c in read_json(os.path.join(local.dir, "credentials.json"))["credentials"]] == \
        [local.identity["clientId"]]
    _ok(local.cli("account clear"))
    signed_out = local.cli("account list")
    assert signed_out.exit_code == 4 and "Not signed in" in signed_out.stderr and signed_out.stdout == ""
    assert local.cli("group list").exit_code == 4
    assert read_json(os.path.join(local.dir, "tokens.json"))["tokens"] == {}


@pytest.mark.parametrize("argv", [["account", "show"], ["account", "get-access-token"]])
def test_signed_out_commands_exit_4(cli, argv):
    result = cli(argv)
    assert result.exit_code == 4 and "azcli login" in result.stderr
