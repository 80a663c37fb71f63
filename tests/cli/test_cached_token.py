"""`account get-access-token` from the token cache without knack: the same bytes as knack's path, or
no answer at all (knack's path then runs)."""
import json
import os
import subprocess
import sys

import pytest

from runner import run_fast, run_knack

from azcli.framework.plain_reads import answer


def _fast(config_dir, argv, env=None):
    return run_fast(answer, config_dir, argv, env)


_knack = run_knack


@pytest.fixture
def signed_in(local_cli):
    """The local cloud signed in, with tokens cached for the ARM scope and for Key Vault."""
    assert local_cli("account get-access-token -o none").exit_code == 0
    assert local_cli("account get-access-token --resource https://vault.azure.net -o none").exit_code == 0
    return local_cli


def _command(*words):
    return ["account", "get-access-token"] + list(words)


ANSWERED = [
    [], ["-o", "json"], ["-o", "tsv"], ["-o", "none"], ["--output=tsv"], ["-o", "TSV"], ["--only-show-errors"],
    ["--query", "accessToken", "-o", "tsv"], ["--query", "tenant"], ["--query", "nothing"],
    ["--query", "{t: tenant, a: accessToken, e: expires_on}", "-o", "tsv"],
    ["--query", "{t: tenant, e: expires_on}"], ["--query", "[tokenType, expires_on, missing]", "-o", "tsv"],
    ["--query", "[tokenType, expires_on]", "-o", "json"], ["--query", "expires_on", "-o", "tsv"],
    ["--resource", "https://vault.azure.net"], ["--resource", "https://vault.azure.net/", "-o", "tsv"],
    ["--scope", "https://vault.azure.net/.default"], ["--resource", ""],
]


@pytest.mark.parametrize("words", ANSWERED, ids=" ".join)
def test_the_cached_answer_is_knacks(signed_in, words):
    argv = _command(*words)
    fast = _fast(signed_in.config_dir, argv)
    assert fast[0] == 0
    assert fast == _knack(signed_in.config_dir, argv)


def test_subscription_tenant_and_output_defaults_are_knacks(signed_in):
    account = signed_in("account show").json()
    cases = [(["--subscription", account["name"]], None), (["-n", account["id"]], None),
             (["--name", account["name"].upper(), "-o", "tsv"], None), ([], {"AZURE_SUBSCRIPTION_ID": account["id"]}),
             (["--tenant", account["tenantId"]], None), ([], {"AZCLI_CORE_OUTPUT": "tsv"}),
             (["-o", "json"], {"AZCLI_CORE_OUTPUT": "table"})]
    for words, env in cases:
        fast = _fast(signed_in.config_dir, _command(*words), env)
        assert fast[0] == 0, (words, env)
        assert fast == _knack(signed_in.config_dir, _command(*words), env), (words, env)
    assert signed_in("config set core.output=tsv").exit_code == 0
    fast = _fast(signed_in.config_dir, _command())
    assert fast[0] == 0 and fast[1].count("\t") == 5
    assert fast == _knack(signed_in.config_dir, _command())


DEFERRED = [
    ["-o", "table"], ["-o", "yaml"], ["-o", "jsonc"], ["--debug"], ["--verbose"], ["--help"], ["--res", "x"],
    ["-o", "json", "-o", "tsv"], ["-otsv"], ["-o=tsv"], ["--resource", "a", "--scope", "b"], ["--query"],
    ["--query", "[invalid"], ["--query", "abs(tenant)"], ["--subscription", "no-such-subscription"],
    ["--resource", "https://storage.azure.com"], ["--tenant", "other-tenant"], ["unexpected"],
    ["--scope", "a", "--", "b"],
]


@pytest.mark.parametrize("words", DEFERRED, ids=" ".join)
def test_anything_uncertain_is_left_to_knack(signed_in, words):
    assert _fast(signed_in.config_dir, _command(*words)) == (None, "")


def test_state_it_cannot_read_as_knack_would_is_left_to_knack(signed_in, tmp_path):
    config_dir = signed_in.config_dir
    assert _fast(config_dir, _command(), {"AZCLI_CORE_OUTPUT": "bogus"}) == (None, "")
    assert _fast(config_dir, _command(), {"AZCLI_CLOUD_NAME": "NoSuchCloud"}) == (None, "")
    assert _fast(tmp_path / "never-signed-in", _command()) == (None, "")
    assert _fast("~/" + os.path.relpath(config_dir, os.path.expanduser("~")), _command()) == (None, "")

    tokens_file = os.path.join(config_dir, "tokens.json")
    with open(tokens_file, encoding="utf-8") as handle:
        cached = json.load(handle)
    for entry in cached["tokens"].values():
        entry["expiresOn"] = 1  # expired
    with open(tokens_file, "w", encoding="utf-8") as handle:
        json.dump(cached, handle)
    assert _fast(config_dir, _command()) == (None, "")
    refreshed = signed_in("account get-access-token")  # knack's path asks for a new token and caches it
    assert refreshed.exit_code == 0 and refreshed.json()["expires_on"] > 1
    assert _fast(config_dir, _command())[0] == 0

    with open(tokens_file, "w", encoding="utf-8") as handle:
        handle.write("{not json")
    assert _fast(config_dir, _command()) == (None, "")
    repaired = signed_in("account get-access-token")
    assert repaired.exit_code == 0 and "tokens.json is not valid JSON" in repaired.stderr


def test_signed_out_and_environment_mode_are_left_to_knack(signed_in):
    config_dir = signed_in.config_dir
    assert signed_in("logout").exit_code == 0
    assert _fast(config_dir, _command()) == (None, "")
    assert signed_in("account get-access-token").exit_code == 4
    env = {"AZURE_CLIENT_ID": "00000000-0000-0000-0000-000000000001", "AZURE_TENANT_ID": "t",
           "AZURE_CLIENT_SECRET": "s"}
    assert _fast(config_dir, _command(), env) == (None, "")


PROBE = """
import io, json, sys
sys.stdout = io.StringIO()
from azcli.__main__ import main
code = main(["account", "get-access-token", "--query", "accessToken", "-o", "tsv"])
token = sys.stdout.getvalue()
sys.stdout = sys.__stdout__
print(json.dumps({"code": code, "token": bool(token.strip()), "modules": sorted(
    m for m in sys.modules if m.split(".")[0] in ("knack", "azure", "msal", "logging", "argparse", "sqlite3"))}))
"""


def test_a_cached_token_imports_neither_knack_nor_the_sdk(signed_in):
    env = dict(os.environ, AZCLI_CONFIG_DIR=str(signed_in.config_dir))
    env.pop("AZURE_SUBSCRIPTION_ID", None)
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, check=True).stdout
    assert json.loads(out.strip().splitlines()[-1]) == {"code": 0, "token": True, "modules": []}
