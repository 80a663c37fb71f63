"""End to end against `azcli local serve` (a real HTTPS server process): register the cloud from its
metadata, sign in with a secret, a certificate and a federated token file, use a second principal
without access, and run in environment-credential mode without touching the config dir."""
import json
import os
import queue
import shlex
import subprocess
import sys
import threading

import pytest

from auth_helpers import claims, dir_fingerprint
from runner import run_cli

START_TIMEOUT = 60


class CLI:
    """The whole CLI in-process on one config dir (its HTTP goes over a real socket to the server)."""

    def __init__(self, config_dir):
        self.config_dir = config_dir

    def __call__(self, args, env=None):
        return run_cli(shlex.split(args) if isinstance(args, str) else list(args), self.config_dir, env=env)


class Server:
    def __init__(self, config_dir):
        env = {k: v for k, v in os.environ.items() if not k.startswith(("AZCLI_", "AZURE_"))}
        env["AZCLI_CONFIG_DIR"] = str(config_dir)
        self.proc = subprocess.Popen([sys.executable, "-m", "azcli", "local", "serve", "--port", "0"], env=env,
                                     stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        lines = queue.Queue()
        threading.Thread(target=lambda: lines.put(self.proc.stdout.readline()), daemon=True).start()
        try:
            line = lines.get(timeout=START_TIMEOUT)
        except queue.Empty:
            self.stop()
            raise AssertionError("azcli local serve printed nothing in {} s".format(START_TIMEOUT))
        if not line:
            self.stop()
            raise AssertionError("azcli local serve exited: " + self.proc.stderr.read().decode())
        self.details = json.loads(line)

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


@pytest.fixture
def served(tmp_path):
    server = Server(tmp_path / "server")
    yield server
    server.stop()


def _ok(result):
    assert result.exit_code == 0, result
    return result


def test_sign_in_every_way_against_a_served_cloud(served, tmp_path):
    d = served.details
    admin = CLI(tmp_path / "server")           # manages the served cloud's directory (same store)
    client = CLI(tmp_path / "client")
    env = {"REQUESTS_CA_BUNDLE": d["caCertPath"]}

    def run(args, extra=None):
        return client(args, env=dict(env, **(extra or {})))

    _ok(run(["cloud", "register", "-n", "Served", "--endpoint-resource-manager", d["resourceManager"]]))
    endpoints = _ok(run(["cloud", "show", "-n", "served"])).json()["endpoints"]
    assert endpoints["activeDirectory"].rstrip("/") == d["activeDirectory"].rstrip("/")
    assert endpoints["activeDirectoryResourceId"] == d["activeDirectoryResourceId"]
    _ok(run("cloud set -n served"))

    secret_sp = _ok(admin("local principal create -n ci-secret")).json()
    pem = tmp_path / "ci.pem"
    cert_sp = _ok(admin("local principal create -n ci-cert --create-certificate {}".format(pem))).json()
    fed_sp = _ok(admin("local principal create -n ci-fed --federated-subject repo:org/app:environment:prod")).json()
    outsider = _ok(admin("local principal create -n outsider --subscription-access none")).json()
    token_file = tmp_path / "oidc-token"
    _ok(admin("local federated-token -n ci-fed --file {}".format(token_file)))

    logins = [
        (secret_sp["clientId"], ["-p", secret_sp["clientSecret"]]),
        (cert_sp["clientId"], ["--certificate", str(pem)]),
        (fed_sp["clientId"], ["--federated-token-file", str(token_file)]),
    ]
    for client_id, credential in logins:
        _ok(run(["login", "--service-principal", "-u", client_id, "--tenant", d["tenantId"], *credential]))
        shown = _ok(run("account show")).json()
        assert shown["user"]["name"] == client_id and shown["id"] == d["subscriptionId"]
        assert shown["environmentName"] == "Served"
        listed = [s for s in _ok(run("account list")).json() if s["user"]["name"] == client_id]
        assert [s["id"] for s in listed] == [d["subscriptionId"]]
        token = _ok(run("account get-access-token")).json()
        assert claims(token["accessToken"])["appid"] == client_id
        assert claims(token["accessToken"])["aud"] == d["activeDirectoryResourceId"]
        _ok(run(["group", "create", "-n", "rg-" + client_id[:8], "-l", "westus"]))
        assert "rg-" + client_id[:8] in [g["name"] for g in _ok(run("group list")).json()]

    # The second principal: no subscriptions, and 403 on the first one's subscription.
    no_subs = run(["login", "--service-principal", "-u", outsider["clientId"], "-p", outsider["clientSecret"],
                   "-t", d["tenantId"]])
    assert no_subs.exit_code == 4 and "No subscriptions found" in no_subs.stderr
    outsider_env = {"AZURE_CLIENT_ID": outsider["clientId"], "AZURE_TENANT_ID": d["tenantId"],
                    "AZURE_CLIENT_SECRET": outsider["clientSecret"]}
    other = CLI(tmp_path / "outsider")
    other(["cloud", "register", "-n", "Served", "--endpoint-resource-manager", d["resourceManager"]], env=env)
    other("cloud set -n Served")
    sees = other("account list", env=dict(env, **outsider_env))
    assert sees.exit_code == 4 and "No subscriptions found" in sees.stderr
    denied = other("group list", env=dict(env, AZURE_SUBSCRIPTION_ID=d["subscriptionId"], **outsider_env))
    assert denied.exit_code == 4 and "AuthorizationFailed" in denied.stderr


def test_environment_mode_against_a_served_cloud_writes_nothing(served, tmp_path):
    d = served.details
    admin = CLI(tmp_path / "server")
    client = CLI(tmp_path / "ci")
    env = {"REQUESTS_CA_BUNDLE": d["caCertPath"]}
    _ok(client(["cloud", "register", "-n", "Served", "--endpoint-resource-manager", d["resourceManager"]], env=env))
    _ok(client("cloud set -n Served", env=env))
    fed_sp = _ok(admin("local principal create -n gha --federated-subject repo:org/app:ref:refs/heads/main")).json()
    token_file = tmp_path / "token"
    _ok(admin("local federated-token -n gha --file {}".format(token_file)))
    before = dir_fingerprint(str(client.config_dir), ignore=())
    secret_env = dict(env, AZURE_CLIENT_ID=d["clientId"], AZURE_TENANT_ID=d["tenantId"],
                      AZURE_CLIENT_SECRET=d["clientSecret"])
    fed_env = dict(env, AZURE_CLIENT_ID=fed_sp["clientId"], AZURE_TENANT_ID=d["tenantId"],
                   AZURE_FEDERATED_TOKEN_FILE=str(token_file))
    for run_env in (secret_env, fed_env):
        shown = _ok(client("account show", env=run_env)).json()
        assert shown["id"] == d["subscriptionId"] and shown["name"] == d["subscriptionName"]
        assert [s["id"] for s in _ok(client("account list", env=run_env)).json()] == [d["subscriptionId"]]
        assert _ok(client("account get-access-token", env=run_env)).json()["subscription"] == d["subscriptionId"]
        _ok(client("group list", env=run_env))
        _ok(client(["group", "list", "--subscription", d["subscriptionId"]], env=run_env))
    assert dir_fingerprint(str(client.config_dir), ignore=()) == before


def test_explicit_endpoints_without_discovery(served, tmp_path):
    d = served.details
    client = CLI(tmp_path / "explicit")
    env = {"REQUESTS_CA_BUNDLE": d["caCertPath"]}
    _ok(client(["cloud", "register", "-n", "ByHand", "--skip-endpoint-discovery",
                "--endpoint-resource-manager", d["resourceManager"],
                "--endpoint-active-directory", d["activeDirectory"],
                "--endpoint-active-directory-resource-id", d["activeDirectoryResourceId"]], env=env))
    _ok(client("cloud set -n byhand", env=env))
    _ok(client(["login", "--service-principal", "-u", d["clientId"], "-p", d["clientSecret"], "-t", d["tenantId"]],
               env=env))
    _ok(client("group list", env=env))
