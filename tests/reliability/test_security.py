"""Security at the edges: forged and stale tokens are refused (the cases tests/emulator/test_localcloud_auth.py
does not already cover), each principal sees only its subscriptions, secrets (client secrets, access tokens,
secure template parameters) never appear in any output of a whole scenario run with --debug, in deployment
history, exports or error messages, nor in a served cloud's log; every config-dir file holding a secret or
key is 0600; `local serve` binds loopback unless told otherwise, and then warns."""
import base64
import json
import os
import stat
import sys
import time

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(__file__)), "emulator"))

from emulator_helpers import BASE, Cloud  # noqa: E402
from reliab import Client, write_json  # noqa: E402

from azcli.emulator.identity import directory  # noqa: E402
from azcli.emulator.wire import auth  # noqa: E402


def _claims(cloud, **overrides):
    now = int(time.time())
    oid = directory.principal_by_client(cloud.app.store.read(), cloud.identity["clientId"]).object_id
    claims = {"aud": BASE + "/", "iss": "%s/%s/v2.0" % (BASE, cloud.tenant), "iat": now, "nbf": now, "exp": now + 3600,
              "tid": cloud.tenant, "oid": oid, "appid": cloud.identity["clientId"]}
    claims.update(overrides)
    return {k: v for k, v in claims.items() if v is not None}


def _b64(data):
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


@pytest.fixture
def cloud(tmp_path):
    return Cloud(tmp_path / "state")


@pytest.mark.parametrize("case", ["not-yet-valid", "no-expiry", "other-tenant-claim", "alg-none", "other-cloud-key",
                                  "signature-of-another-token"])
def test_forged_and_stale_tokens_are_refused(cloud, tmp_path, case):
    key = auth.signing_key(cloud.app.store)
    if case == "not-yet-valid":
        token = auth.encode(_claims(cloud, nbf=int(time.time()) + 600), key)
    elif case == "no-expiry":
        token = auth.encode(_claims(cloud, exp=None), key)
    elif case == "other-tenant-claim":  # the issuer is right, the tenant claim is not
        token = auth.encode(_claims(cloud, tid="11111111-1111-1111-1111-111111111111"), key)
    elif case == "alg-none":
        token = "%s.%s." % (_b64({"alg": "none", "typ": "JWT"}), _b64(_claims(cloud)))
    elif case == "other-cloud-key":  # a well-formed token of another local cloud
        other = Cloud(tmp_path / "other")
        token = auth.encode(_claims(cloud), auth.signing_key(other.app.store))
    else:  # a real token's signature on different claims
        signature = cloud.token().split(".")[2]
        token = "%s.%s.%s" % (cloud.token().split(".")[0], _b64(_claims(cloud, appid="x")), signature)
    response = cloud.call("GET", "/subscriptions", token=token)
    assert response.status_code == 401, (case, response.json)
    assert response.json["error"]["code"].startswith(("InvalidAuthenticationToken", "ExpiredAuthenticationToken"))
    assert cloud.call("GET", "/subscriptions").status_code == 200  # the real one still works


def test_each_principal_sees_only_its_subscriptions(cloud):
    from azcli.emulator import add_principal, add_subscription
    second = add_subscription(cloud.state_dir, "Second")["subscriptionId"]
    one = add_principal(cloud.state_dir, "only-first", access=[cloud.sub])
    two = add_principal(cloud.state_dir, "only-second", access=[second])

    def token(principal):
        response = cloud.client.post("/%s/oauth2/v2.0/token" % cloud.tenant, base_url=BASE, data={
            "grant_type": "client_credentials", "client_id": principal["clientId"],
            "client_secret": principal["clientSecret"], "scope": BASE + "/.default"})
        return response.json["access_token"]
    for principal, mine, other in ((one, cloud.sub, second), (two, second, cloud.sub)):
        bearer = token(principal)
        listed = [s["subscriptionId"] for s in cloud.call("GET", "/subscriptions", token=bearer).json["value"]]
        assert listed == [mine]
        assert cloud.call("GET", "/subscriptions/%s/resourcegroups" % mine, token=bearer).status_code == 200
        refused = cloud.call("PUT", "/subscriptions/%s/resourcegroups/intruder" % other, {"location": "westus"},
                             token=bearer)
        assert refused.status_code in (403, 404) and refused.json["error"]["code"] in (
            "AuthorizationFailed", "SubscriptionNotFound", "InvalidAuthenticationToken"), refused.json
        assert cloud.call("GET", "/subscriptions/%s/resourcegroups" % other, token=bearer).status_code in (403, 404)


SECURE_TEMPLATE = {
    "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
    "contentVersion": "1.0.0.0",
    "parameters": {"password": {"type": "securestring", "minLength": 12},
                   "settings": {"type": "secureobject"}},
    "resources": [{"type": "Microsoft.Network/networkSecurityGroups", "apiVersion": "2024-05-01", "name": "nsg",
                   "location": "westus", "tags": {"fromSecret": "[string(length(parameters('password')))]"},
                   "properties": {}}],
    "outputs": {"length": {"type": "int", "value": "[length(parameters('settings'))]"}}}


def _secrets_scenario(local_cli, tmp_path, password, blob):
    """Run a whole scenario with --debug; returns every output and the secrets it must not show."""
    from azcli.emulator import add_principal
    principal = add_principal(str(local_cli.config_dir), "scenario-sp")
    secret = principal["clientSecret"]
    template = write_json(tmp_path / "secure.json", SECURE_TEMPLATE)
    params = write_json(tmp_path / "secure.params.json", {"password": {"value": password},
                                                          "settings": {"value": {"apiKey": blob}}})
    runs = [["login", "--service-principal", "-u", principal["clientId"], "-p", secret, "-t",
             principal["tenantId"], "--debug"],
            ["group", "create", "-n", "sec", "-l", "westus", "--debug"],
            ["deployment", "group", "create", "-g", "sec", "-n", "secure", "-f", template, "-p", "@" + params,
             "--debug"],
            ["deployment", "group", "create", "-g", "sec", "-n", "secure2", "-f", template, "-p", "@" + params,
             "-p", "password=%s-again" % password, "--debug"],
            ["deployment", "group", "validate", "-g", "sec", "-f", template, "-p", "password=short",
             "-p", "settings=%s" % json.dumps({"apiKey": blob}), "--debug"],  # too short: an error message
            ["deployment", "group", "create", "-g", "sec", "-f", template, "-p", "password=%s" % password,
             "-p", "settings=not-an-object-%s" % blob],  # the wrong type: an error message
            ["deployment", "group", "show", "-g", "sec", "-n", "secure"],
            ["deployment", "group", "list", "-g", "sec"],
            ["deployment", "group", "export", "-g", "sec", "-n", "secure"],
            ["deployment", "operation", "group", "list", "-g", "sec", "-n", "secure", "--debug"],
            ["group", "export", "-n", "sec"],
            ["login", "--service-principal", "-u", principal["clientId"], "-p", "wrong" + secret, "-t",
             principal["tenantId"]],
            ["account", "show", "--debug"], ["group", "list", "--verbose"]]
    outputs = []
    for argv in runs:
        result = local_cli(argv)
        outputs.append((argv[:3], result.exit_code, result.stdout + result.stderr))
    assert [code for _, code, _ in outputs[:4]] == [0, 0, 0, 0], outputs[:4]
    assert outputs[4][1] == 8 and outputs[5][1] in (2, 8), outputs[4:6]
    tokens = [entry["accessToken"] for entry in json.load(open(os.path.join(
        str(local_cli.config_dir), "tokens.json")))["tokens"].values()]
    return outputs, [secret, password, password + "-again", blob] + tokens


def test_secrets_never_appear_in_any_output(local_cli, tmp_path):
    outputs, secrets = _secrets_scenario(local_cli, tmp_path, "Sup3r-Secret-Pa55word", "blob-7f3a9c1e5d")
    assert len(secrets) >= 5
    for argv, code, text in outputs:
        for secret in secrets:
            assert secret not in text, "%s (exit %s) shows a secret %s...: %s" % (argv, code, secret[:6], text[:3000])
    shown = [json.loads(text[:text.rindex("}") + 1]) for argv, code, text in outputs if argv[1:3] == ["group", "show"]]
    assert shown and "password" in json.dumps(shown)  # the parameter is listed, its value is not


def test_config_dir_files_with_secrets_or_keys_are_private(local_cli, tmp_path):
    _secrets_scenario(local_cli, tmp_path, "Another-Secret-Pa55", "blob-0c0ffee")
    checked = 0
    for root, _, names in os.walk(str(local_cli.config_dir)):
        for name in names:
            path = os.path.join(root, name)
            with open(path, "rb") as handle:
                data = handle.read()
            holds = name.startswith(("credentials", "tokens", "localcloud.db")) or b"PRIVATE KEY" in data or \
                b"accessToken" in data or b"clientSecret" in data
            if holds:
                checked += 1
                assert stat.S_IMODE(os.stat(path).st_mode) == 0o600, (path, oct(os.stat(path).st_mode))
    assert checked >= 3


def test_secrets_never_reach_a_served_clouds_log_or_its_clients(start_served, tmp_path):
    served = start_served("--verbose", env={"AZCLI_LOCAL_LRO_SECONDS": "0.2"})
    client = Client(tmp_path / "client", served)
    template = write_json(tmp_path / "secure.json", SECURE_TEMPLATE)
    password = "Served-Secret-Pa55word"
    outputs = [client.ok("group", "create", "-n", "sec", "-l", "westus", "--debug"),
               client.ok("deployment", "group", "create", "-g", "sec", "-n", "secure", "-f", template, "-p",
                         "password=" + password, "-p", 'settings={"apiKey": "served-blob-42"}', "--debug"),
               client.ok("deployment", "operation", "group", "list", "-g", "sec", "-n", "secure", "--debug"),
               client.run("deployment", "group", "create", "-g", "sec", "-f", template, "-p", "password=short",
                          "-p", 'settings={"apiKey": "served-blob-42"}', "--debug")]
    assert outputs[-1].returncode == 8
    served.stop()
    log = served.read_stderr()
    for secret in (served.details["clientSecret"], password, "served-blob-42"):
        assert secret not in log
        for proc in outputs:
            assert secret not in proc.stdout + proc.stderr, (proc.args[3:6], secret)


def test_served_binds_loopback_and_warns_beyond_it(start_served):
    served = start_served()
    assert served.details["host"] == "127.0.0.1" and served.read_stderr() == ""
    wide = start_served("--host", "0.0.0.0")
    warning = wide.read_stderr()
    assert warning.startswith("WARNING: Serving on 0.0.0.0, beyond loopback") and warning.count("\n") == 1, warning
    assert wide.details["clientSecret"] not in warning
