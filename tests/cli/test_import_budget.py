"""Structural start-up budgets: which modules each fast path imports (not timings).

Each case runs in a fresh interpreter, calls azcli's main() and reports sys.modules. The budgets:
--version, top-level --help and completion (commands, options, enum values, live values from a
fresh cache) import neither knack nor azure.* nor yaml, and a completion starts no process unless
a value must be refreshed; `<group> [<command>] --help` imports neither knack nor argparse (with
another option, it goes through knack but imports no azure.*); an API command with a cached token
imports no azure.identity (nor msal) and no yaml unless `-o yaml`.
"""
import json
import os
import subprocess
import sys

import pytest

from azcli.framework import completion_refresh, completion_values as cv
from runner import CLEARED_ENV, run_cli

PROBE = """
import io, sys
before = set(sys.modules)
sys.stdout = io.StringIO()
from azcli.__main__ import main
code = main(sys.argv[1].split("\\x1f") if sys.argv[1] else [])
out, sys.stdout = sys.stdout.getvalue(), sys.__stdout__
added = sorted(set(sys.modules) - before)
import json
print(json.dumps({"code": code, "out": out, "modules": sorted(sys.modules), "added": added}))
"""
# What azcli's completion itself must not load (`added`: loaded by main(); an editable install's
# import hook may have loaded re before azcli starts, and then it is not counted).
SLOW_STDLIB = ("re", "json", "shlex", "enum", "subprocess")
HEAVY = ("knack", "azure", "yaml", "msal", "requests", "werkzeug", "cryptography", "sqlite3")
GROUP_LIST = ["group", "list", "--query", "[].name", "-o", "json"]


def _probe(argv, config_dir, **env):
    base = {k: v for k, v in os.environ.items() if k not in CLEARED_ENV and not k.startswith("AZCLI_")}
    base.update(AZCLI_CONFIG_DIR=str(config_dir), **env)
    proc = subprocess.run([sys.executable, "-c", PROBE, "\x1f".join(argv)], env=base, capture_output=True,
                          text=True, timeout=120, check=True)
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["modules"], result["added"] = set(result["modules"]), set(result["added"])
    return result


def _heavy(result):
    return sorted(m for m in result["modules"] if m.split(".")[0] in HEAVY)


def _completion(line, config_dir):
    return _probe([], config_dir, _AZCLI_COMPLETE="1", COMP_LINE=line, COMP_POINT=str(len(line)))


@pytest.fixture(scope="module")
def signed_in(tmp_path_factory):
    """A config dir signed in to the local cloud, one group, a cached token, a fresh cache entry."""
    config_dir = tmp_path_factory.mktemp("imports") / "azcli"
    for argv in (["login", "--local"], ["group", "create", "-n", "alpha", "-l", "westus"], ["group", "list"]):
        assert run_cli(argv, config_dir).exit_code == 0
    environ = {"AZCLI_CONFIG_DIR": str(config_dir)}
    key = cv.context_key(GROUP_LIST, str(config_dir), environ)
    completion_refresh.store(cv.cache_path(str(config_dir)), key, ["alpha"], 0)
    return config_dir


def test_version_imports_nothing_heavy(tmp_path):
    result = _probe(["--version"], tmp_path)
    assert result["code"] == 0 and result["out"].startswith("azcli ")
    assert _heavy(result) == [] and "subprocess" not in result["modules"]


def test_top_level_help_imports_nothing_heavy(tmp_path):
    result = _probe(["--help"], tmp_path)
    assert result["code"] == 0 and "group" in result["out"]
    assert _heavy(result) == [] and not result["added"] & set(SLOW_STDLIB)


@pytest.mark.parametrize("line,expected", [
    ("azcli group cr", "create"), ("azcli group create --lo", "--location"),
    ("azcli lock create --lock-type R", "ReadOnly"), ("azcli group list -o ts", "tsv"),
])
def test_static_completion_reads_only_the_index(tmp_path, line, expected):
    result = _completion(line, tmp_path)
    assert result["out"].split() == [expected]
    assert _heavy(result) == [] and not result["added"] & set(SLOW_STDLIB)
    assert "azcli.framework.completion_values" not in result["modules"]


def test_completion_of_live_values_from_a_fresh_cache_starts_nothing(signed_in):
    result = _completion("azcli group show -n ", signed_in)
    assert result["out"].split() == ["alpha"]
    assert "azcli.framework.completion_values" in result["modules"]
    assert _heavy(result) == [] and not result["added"] & set(SLOW_STDLIB)


def test_a_cache_miss_leaves_the_listing_to_the_child(signed_in):
    result = _completion("azcli lock show -g alpha -n ", signed_in)
    assert "subprocess" in result["modules"]  # the refresh was started
    assert _heavy(result) == []


@pytest.mark.parametrize("argv", [["group", "--help"], ["group", "create", "--help"], ["group"],
                                  ["storage", "account", "create", "-h"]])
def test_group_and_command_help_import_nothing_heavy(signed_in, argv):
    """Rendered from the help index (fast_help.py): neither knack nor its argparse parser."""
    result = _probe(argv, signed_in)
    words = [word for word in argv if not word.startswith("-")]
    assert result["code"] == 0 and "    azcli {} : ".format(" ".join(words)) in result["out"]
    assert _heavy(result) == [] and "argparse" not in result["modules"]


def test_help_with_another_option_goes_through_knack(signed_in):
    result = _probe(["group", "--help", "--only-show-errors"], signed_in)
    assert result["code"] == 0 and "knack" in result["modules"]
    assert not [m for m in _heavy(result) if m.split(".")[0] in ("azure", "yaml", "msal")]


def test_an_api_command_with_a_cached_token_imports_no_identity_stack_nor_yaml(signed_in):
    result = _probe(["group", "list", "-o", "table"], signed_in)  # the SDK's path (json and tsv have a faster one)
    assert result["code"] == 0 and "alpha" in result["out"]
    assert "azure.mgmt.resource" in result["modules"]
    assert not [m for m in result["modules"] if m.startswith(("azure.identity", "msal", "yaml"))]


def test_a_read_with_a_cached_token_imports_neither_knack_nor_azure(signed_in):
    result = _probe(["group", "list"], signed_in)  # framework/plain_reads.py
    assert result["code"] == 0 and "alpha" in result["out"]
    assert {m.split(".")[0] for m in _heavy(result)} == {"sqlite3"}  # the in-process local cloud's store


def test_yaml_only_for_yaml_output(signed_in):
    result = _probe(["group", "list", "-o", "yaml"], signed_in)
    assert result["code"] == 0 and "name: alpha" in result["out"]
    assert "yaml" in result["modules"]


def test_a_cached_access_token_imports_neither_azure_core_nor_identity(signed_in):
    result = _probe(["account", "get-access-token"], signed_in)
    assert result["code"] == 0 and "accessToken" in result["out"]
    assert not [m for m in result["modules"] if m.startswith(("azure.core", "azure.identity", "msal"))]
