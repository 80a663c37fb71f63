"""Which subscription and credential a command uses: per process, from the environment, from files that
may be corrupt; and what reaches the logs."""
import json
import os
import subprocess
import sys

from auth_helpers import cached_tokens, dir_fingerprint, read_json


def _ok(result):
    assert result.exit_code == 0, result
    return result


def _two_subscriptions(local):
    from azcli.emulator import add_subscription, grant_access
    second = add_subscription(local.dir, "Second Subscription")["subscriptionId"]
    grant_access(local.dir, local.identity["clientId"], [second])
    _ok(local.cli("login --local"))
    return second


def test_subscription_flag_then_environment_then_default(local):
    second = _two_subscriptions(local)
    assert _ok(local.cli("account show")).json()["id"] == local.sub
    assert _ok(local.cli(["account", "show", "--subscription", second])).json()["id"] == second
    assert _ok(local.cli(["account", "show", "--subscription", "second subscription"])).json()["id"] == second
    env = {"AZURE_SUBSCRIPTION_ID": second}
    assert _ok(local.cli("account show", env=env)).json()["id"] == second
    assert _ok(local.cli(["account", "show", "--subscription", local.sub], env=env)).json()["id"] == local.sub
    # A group made in one subscription is not in the other.
    _ok(local.cli(["group", "create", "-n", "only-in-second", "-l", "westus", "--subscription", second]))
    assert local.cli("group show -n only-in-second").exit_code == 3
    _ok(local.cli("group show -n only-in-second", env=env))
    token = _ok(local.cli(["account", "get-access-token", "--subscription", second])).json()
    assert token["subscription"] == second
    missing = local.cli("account show --subscription nope")
    assert missing.exit_code == 1 and "'nope' not found" in missing.stderr


def test_account_set_changes_only_the_default(local):
    second = _two_subscriptions(local)
    _ok(local.cli(["account", "set", "-s", "Second Subscription"]))
    assert _ok(local.cli("account show")).json()["id"] == second
    assert _ok(local.cli(["account", "show", "--subscription", local.sub])).json()["id"] == local.sub
    defaults = [s["id"] for s in _ok(local.cli("account list")).json() if s["isDefault"]]
    assert defaults == [second]
    assert local.cli("account set -n nope").exit_code == 1


def test_environment_credentials_write_nothing(local):
    _ok(local.cli("logout"))
    env = {"AZURE_CLIENT_ID": local.identity["clientId"], "AZURE_TENANT_ID": local.tenant,
           "AZURE_CLIENT_SECRET": local.identity["clientSecret"]}
    before = dir_fingerprint(local.dir)
    shown = _ok(local.cli("account show", env=env)).json()
    assert shown["id"] == local.sub and shown["name"] == "Local Cloud Subscription"
    assert shown["user"] == {"name": local.identity["clientId"], "type": "servicePrincipal"}
    assert [s["id"] for s in _ok(local.cli("account list", env=env)).json()] == [local.sub]
    _ok(local.cli("group create -n from-env -l westus", env=env))
    assert "from-env" in [g["name"] for g in _ok(local.cli("group list", env=env)).json()]
    token = _ok(local.cli("account get-access-token", env=env)).json()
    assert token["subscription"] == local.sub
    _ok(local.cli("group list", env=dict(env, AZURE_SUBSCRIPTION_ID=local.sub)))
    assert dir_fingerprint(local.dir) == before
    assert not os.path.exists(os.path.join(local.dir, "tokens.json.lock")) or "tokens.json.lock" in before


def test_environment_certificate_and_federated_file(local, tmp_path):
    _ok(local.cli("logout"))
    pem = tmp_path / "env.pem"
    cert_sp = local.principal("-n env-cert --create-certificate {}".format(pem))
    fed_sp = local.principal("-n env-fed --federated-subject ci:job")
    token_file = tmp_path / "token"
    _ok(local.cli("local federated-token -n env-fed --file {}".format(token_file)))
    before = dir_fingerprint(local.dir)
    base = {"AZURE_TENANT_ID": local.tenant}
    _ok(local.cli("group list", env=dict(base, AZURE_CLIENT_ID=cert_sp["clientId"],
                                         AZURE_CLIENT_CERTIFICATE_PATH=str(pem))))
    _ok(local.cli("group list", env=dict(base, AZURE_CLIENT_ID=fed_sp["clientId"],
                                         AZURE_FEDERATED_TOKEN_FILE=str(token_file))))
    assert dir_fingerprint(local.dir) == before


def test_signed_in_profile_wins_over_the_environment(local):
    env = {"AZURE_CLIENT_ID": "00000000-0000-0000-0000-000000000000", "AZURE_TENANT_ID": local.tenant,
           "AZURE_CLIENT_SECRET": "not-used"}
    assert _ok(local.cli("account show", env=env)).json()["user"]["name"] == local.identity["clientId"]


def test_corrupt_token_cache_is_reported_and_rebuilt(local_cli):
    path = os.path.join(str(local_cli.config_dir), "tokens.json")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write('{"tokens": {"half')
    result = _ok(local_cli("group list"))
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("WARNING:") and "tokens.json" in lines[0]
    assert "Traceback" not in result.stderr
    assert len(read_json(path)["tokens"]) == 1
    assert _ok(local_cli("account get-access-token")).stderr == ""


def test_corrupt_profile_is_reported_and_rebuilt(local_cli):
    path = os.path.join(str(local_cli.config_dir), "profile.json")
    with open(path, "wb") as handle:
        handle.write(b"\x00\xff garbage")
    result = local_cli("group list")
    assert result.exit_code == 4 and "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith("WARNING:") and "profile.json" in lines[0]
    assert lines[1].startswith("ERROR:") and "Not signed in" in lines[1]
    assert read_json(path) == {"subscriptions": []}
    _ok(local_cli("login --local"))
    _ok(local_cli("group list"))


def test_corrupt_credentials_are_reported_and_rebuilt(local_cli):
    path = os.path.join(str(local_cli.config_dir), "credentials.json")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("[1, 2")
    os.remove(os.path.join(str(local_cli.config_dir), "tokens.json"))
    result = local_cli("group list")
    assert result.exit_code == 4 and "Traceback" not in result.stderr
    assert "credentials.json" in result.stderr and "azcli login" in result.stderr
    assert read_json(path) == {"credentials": []}
    _ok(local_cli("login --local"))
    _ok(local_cli("group list"))


def test_corrupt_cloud_registry_is_reported_and_rebuilt(cli):
    path = os.path.join(str(cli.config_dir), "clouds.json")
    os.makedirs(str(cli.config_dir), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("{{{")
    result = _ok(cli("cloud list"))
    assert "clouds.json" in result.stderr and "Traceback" not in result.stderr
    assert len(result.json()) == 4 and read_json(path) == {"clouds": {}}


def test_debug_never_shows_secrets_or_tokens(local):
    sp = local.principal("-n debug-sp")
    login = local.cli(["login", "--service-principal", "-u", sp["clientId"], "-p", sp["clientSecret"],
                       "--tenant", local.tenant, "--debug"])
    _ok(login)
    listed = _ok(local.cli("group list --debug"))
    tokens = cached_tokens(local.dir)
    assert tokens
    for result in (login, listed):
        assert "DEBUG" in result.stderr or "INFO" in result.stderr  # debug logging really was on
        assert sp["clientSecret"] not in result.stderr
        for token in tokens:
            assert token not in result.stderr and token.split(".")[2] not in result.stderr
        assert "client_secret=" not in result.stderr.replace("client_secret=***", "")
    # Environment-mode secrets and a federated assertion are masked too.
    fed = local.principal("-n debug-fed --federated-subject dbg")
    from azcli.emulator import federated_token
    assertion = federated_token(local.dir, "debug-fed")
    signed = _ok(local.cli(["login", "--service-principal", "-u", fed["clientId"], "-t", local.tenant,
                            "--federated-token", assertion, "--debug"]))
    assert assertion not in signed.stderr and assertion.split(".")[2] not in signed.stderr
    _ok(local.cli("logout"))
    env_run = _ok(local.cli("group list --debug", env={
        "AZURE_CLIENT_ID": sp["clientId"], "AZURE_TENANT_ID": local.tenant, "AZURE_CLIENT_SECRET": sp["clientSecret"]}))
    assert sp["clientSecret"] not in env_run.stderr


PROBE = """
import io, json, sys
sys.stdout = io.StringIO()
from azcli.__main__ import main
code = main(["account", "get-access-token"])
sys.stdout = sys.__stdout__
print(json.dumps({"code": code, "modules": sorted(m for m in sys.modules
      if m.startswith(("azure", "msal", "requests", "urllib3", "cryptography", "werkzeug", "jwt"))
      or m == "sqlite3")}))
"""


def test_cached_token_path_imports_no_azure_core_or_identity(local_cli):
    """`account get-access-token` with a fresh cached token: no azure.core, azure.identity, msal,
    HTTP stack or emulator."""
    _ok(local_cli("account get-access-token"))
    env = dict(os.environ, AZCLI_CONFIG_DIR=str(local_cli.config_dir))
    env.pop("AZURE_SUBSCRIPTION_ID", None)
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, check=True).stdout
    result = json.loads(out.strip().splitlines()[-1])
    assert result == {"code": 0, "modules": []}


def test_redaction_patterns():
    from azcli.framework.redaction import MASK, redact
    text = redact("Authorization: Bearer abcdefghijkl&client_secret=s3cr3t-value&scope=x "
                  '{"access_token": "eyJhbGciOi.eyJzdWIiOiJ4.c2ln", "refresh_token": "opaque-rt"} '
                  "client_assertion=eyJ0eXAi.eyJpc3Mi.c2ln2 literal:hunter22", {"hunter22"})
    for leaked in ("abcdefghijkl", "s3cr3t-value", "eyJhbGciOi", "opaque-rt", "eyJ0eXAi", "hunter22"):
        assert leaked not in text
    assert text.count(MASK) == 6 and "scope=x" in text


def test_list_locations_uses_the_process_subscription(local):
    second = _two_subscriptions(local)
    names = [r["name"] for r in _ok(local.cli(["account", "list-locations", "--subscription", second])).json()]
    assert "westus" in names
    assert local.cli("account list-locations --subscription nope").exit_code == 1
