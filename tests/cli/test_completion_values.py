"""Live values (groups, locations, subscriptions, resources, locks) from the completion cache, and its
background refresh: a real detached child running the listing against the local cloud."""
import io
import json
import os
import subprocess
import sys
import time

import pytest

from azcli.framework import completion_refresh, completion_values as cv
from azcli.framework.completion import complete

from runner import CLEARED_ENV

IP_TYPE = "Microsoft.Network/publicIPAddresses"


def _environ(config_dir):
    env = {k: v for k, v in os.environ.items() if k not in CLEARED_ENV and not k.startswith("AZCLI_")}
    return dict(env, AZCLI_CONFIG_DIR=str(config_dir))


def _complete(line, environ):
    out = io.StringIO()
    assert complete(line, str(len(line)), out, environ=environ) == 0
    return out.getvalue().split("\n")[:-1]


def _entries(config_dir):
    return cv.read_entries(cv.cache_path(str(config_dir)))


def _wait_for_entry(config_dir, listing_word, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = [e for k, e in _entries(config_dir).items() if listing_word in k]
        if found:
            return found[0]
        time.sleep(0.05)
    raise AssertionError("no cache entry for {} after {} s".format(listing_word, seconds))


def _warm(line, environ, config_dir, listing_word):
    """Complete once (a miss: it starts the refresh), then wait for the refresh to land."""
    _complete(line, environ)
    _wait_for_entry(config_dir, listing_word)
    return _complete(line, environ)


@pytest.fixture
def cloud(local_cli):
    for name, location in (("alpha", "westus"), ("beta", "eastus")):
        assert local_cli("group create -n {} -l {}".format(name, location)).exit_code == 0
    return local_cli


@pytest.fixture
def forbid_refresh(monkeypatch):
    def refuse(*args):
        raise AssertionError("a fresh cache entry started a refresh")
    monkeypatch.setattr(cv, "spawn_refresh", refuse)


def test_group_names_complete_after_a_refresh_in_the_background(cloud):
    environ = _environ(cloud.config_dir)
    assert _warm("azcli group show -n ", environ, cloud.config_dir, "group\x1flist\x1f") == ["alpha", "beta"]
    assert _complete("azcli group delete --name b", environ) == ["beta"]
    assert _complete("azcli resource list -g ", environ) == ["alpha", "beta"]


def test_a_fresh_entry_answers_from_the_file_without_a_refresh(cloud, forbid_refresh):
    environ = _environ(cloud.config_dir)
    key = cv.context_key(["group", "list", "--query", "[].name", "-o", "json"], str(cloud.config_dir), environ)
    completion_refresh.store(cv.cache_path(str(cloud.config_dir)), key, ["cached-only"], 0)
    assert _complete("azcli group exists -n ", environ) == ["cached-only"]


def test_a_stale_entry_answers_and_is_refreshed(cloud, monkeypatch):
    environ = _environ(cloud.config_dir)
    key = cv.context_key(["group", "list", "--query", "[].name", "-o", "json"], str(cloud.config_dir), environ)
    completion_refresh.store(cv.cache_path(str(cloud.config_dir)), key, ["old"], 0, now=time.time() - 3600)
    started = []
    monkeypatch.setattr(cv, "spawn_refresh", lambda *args: started.append(args[2]))
    assert _complete("azcli group show -n ", environ) == ["old"]
    assert started == [["group", "list", "--query", "[].name", "-o", "json"]]


def test_a_miss_waits_at_most_the_limit_and_answers_nothing(cloud, monkeypatch):
    monkeypatch.setattr(cv, "spawn_refresh", lambda *args: None)
    monkeypatch.setattr(cv, "MISS_WAIT", 0.2)
    start = time.monotonic()
    assert _complete("azcli group show -n ", _environ(cloud.config_dir)) == []
    assert time.monotonic() - start < 5


def test_a_new_sign_in_context_is_a_new_key(cloud):
    environ = _environ(cloud.config_dir)
    argv = ["group", "list", "--query", "[].name", "-o", "json"]
    before = cv.context_key(argv, str(cloud.config_dir), environ)
    assert cv.context_key(argv, str(cloud.config_dir), dict(environ, AZURE_SUBSCRIPTION_ID="x")) != before
    time.sleep(0.01)
    assert cloud("account set -s 'Local Cloud Subscription'").exit_code == 0
    assert cv.context_key(argv, str(cloud.config_dir), environ) != before


def test_locations_and_subscriptions(cloud):
    environ = _environ(cloud.config_dir)
    assert "westus2" in _warm("azcli group create -n x -l west", environ, cloud.config_dir, "list-locations")
    assert not [v for v in _complete("azcli group create -l west", environ) if not v.startswith("west")]
    subscription = cloud("account show").json()
    found = _warm("azcli account set -s ", environ, cloud.config_dir, "account\x1flist\x1f")
    assert found == sorted([subscription["id"], subscription["name"]], key=str.lower)
    assert _complete("azcli group list --subscription Loc", environ) == [subscription["name"]]


def test_resource_names_need_the_group_and_type(cloud):
    for name in ("ip1", "ip2"):
        assert cloud(["resource", "create", "-g", "alpha", "-n", name, "--resource-type", IP_TYPE, "-l", "westus",
                      "-p", "{}"]).exit_code == 0
    environ = _environ(cloud.config_dir)
    line = "azcli resource show -g alpha --resource-type {} -n ".format(IP_TYPE)
    assert _warm(line, environ, cloud.config_dir, "resource\x1flist\x1f") == ["ip1", "ip2"]
    line = "azcli resource show -g beta --namespace Microsoft.Network --resource-type publicIPAddresses -n "
    assert _warm(line, environ, cloud.config_dir, "\x1fbeta\x1f") == []
    assert cv.listing("resource", _parsed("azcli resource show -g alpha -n ")) is None


def test_lock_names(cloud):
    assert cloud("lock create -g alpha -n keep --lock-type CanNotDelete").exit_code == 0
    environ = _environ(cloud.config_dir)
    assert _warm("azcli lock show -g alpha -n ", environ, cloud.config_dir, "lock\x1flist\x1f") == ["keep"]


def test_a_failed_listing_is_remembered_so_a_signed_out_shell_starts_no_more_children(cli, monkeypatch):
    assert cli("group list").exit_code != 0  # signed out; creates the config dir
    environ = _environ(cli.config_dir)
    assert _warm("azcli group show -n ", environ, cli.config_dir, "group\x1flist\x1f") == []
    entry = _wait_for_entry(cli.config_dir, "group\x1flist\x1f")
    assert entry["values"] == [] and entry["status"] != 0
    monkeypatch.setattr(cv, "spawn_refresh", lambda *args: pytest.fail("refreshed again"))
    assert _complete("azcli group show -n ", environ) == []


def test_values_read_from_a_file_are_never_listed():
    assert cv.listing("lock", _parsed("azcli lock show -g @secret.txt -n ")) is None


def test_the_cache_keeps_only_recent_entries(tmp_path, monkeypatch):
    monkeypatch.setattr(completion_refresh, "MAX_ENTRIES", 3)
    path = str(tmp_path / cv.CACHE_FILE)
    completion_refresh.store(path, "ancient", ["x"], 0, now=time.time() - 2 * 86400)
    for n in range(5):
        completion_refresh.store(path, "k{}".format(n), ["v"], 0, now=time.time() + n)
    assert sorted(cv.read_entries(path)) == ["k2", "k3", "k4"]
    assert oct(os.stat(path).st_mode & 0o777) == "0o600"
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("{torn")
    assert cv.read_entries(path) == {}
    completion_refresh.store(path, "after", ["v"], 0)
    assert list(cv.read_entries(path)) == ["after"]


def test_the_refresh_child_has_a_hard_time_limit(tmp_path):
    """A listing that never returns is ended by SIGALRM, and nothing is written."""
    code = ("import sys, time\n"
            "from azcli.framework import completion_refresh as r\n"
            "r.TIMEOUT_SECONDS = 1\n"
            "r.run_listing = lambda argv: time.sleep(30)\n"
            "sys.exit(r.main(['group', 'k', '[]']))\n")
    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", code], env=_environ(tmp_path), timeout=20, check=False)
    assert proc.returncode == -14 and time.monotonic() - start < 10
    assert cv.read_entries(cv.cache_path(str(tmp_path))) == {}


def test_names_flattens_listings():
    assert completion_refresh.names(json.dumps([["a", "1"], ["b", "2"], "a", None])) == ["a", "1", "b", "2"]
    assert completion_refresh.names("") == []


def _parsed(line):
    from azcli.framework import index_data
    from azcli.framework.completion import Parsed, split_line
    words, _prefix = split_line(line)
    return Parsed(index_data.load(), words[1:])
