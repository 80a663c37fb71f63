"""kill -9 at random moments. (1) `azcli local serve` during a resource group delete (a long-running
operation): after a restart `PRAGMA integrity_check` is ok, the delete ends (never stuck Running) and takes
the group's resources with it, none half-deleted. The kill during a 150-resource deployment is
tests/served/test_served_deployment_crash.py's; its long run is here. (2) azcli processes while they write
the profile, credentials, token cache and config: every file stays readable and the next command works.

CI: 3 server kills and 6 client kills; AZCLI_LONG_TESTS=1: 50 of each (and 50 deployment kills).
"""
import configparser
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

import test_served_deployment_crash as deployment_crash
from reliab import figure
from served_cloud import Served, server_env

API = "2024-03-01"
IDENTITY = "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id%d"


def _db(config_dir):
    return sqlite3.connect(os.path.join(str(config_dir), "localcloud.db"))


def _check_store(config_dir, group_ids):
    db = _db(config_dir)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stuck = db.execute("SELECT kind, target FROM operations WHERE status NOT IN "
                           "('Succeeded', 'Failed', 'Canceled')").fetchall()
        assert not stuck, stuck
        for group_id in group_ids:
            left = db.execute("SELECT count(*) FROM resources WHERE id_lc LIKE ?",
                              (group_id.lower() + "/%",)).fetchone()[0]
            assert left == 0, "%d resources of a deleted group are left: %s" % (left, group_id)
    finally:
        db.close()


def _running_on_disk(config_dir):
    db = _db(config_dir)
    try:
        return db.execute("SELECT count(*) FROM operations WHERE status = 'Running'").fetchone()[0]
    finally:
        db.close()


def kill_during_group_deletes(tmp_path, rounds):
    rng = random.Random(14)
    config_dir = tmp_path / "srv"
    env = {"AZCLI_LOCAL_LRO_SECONDS": "0.6"}
    served = Served(config_dir, env=env)
    interrupted, deleted = 0, []
    for round_ in range(rounds):
        session = served.session()
        path = "/subscriptions/%s/resourceGroups/doomed%d" % (served.sub, round_)
        group = served.base + path
        assert session.put(group, params={"api-version": API}, json={"location": "westus"}).ok
        for i in range(5):
            assert session.put(group + IDENTITY % i, params={"api-version": "2023-01-31"},
                               json={"location": "westus"}).ok
        accepted = session.delete(group, params={"api-version": API})
        assert accepted.status_code == 202, accepted.text
        deadline = time.monotonic() + rng.random() * 0.9  # the delete is due 0.6 s after it was accepted
        while time.monotonic() < deadline:
            session.get(accepted.headers["Location"], timeout=5)
        os.kill(served.proc.pid, signal.SIGKILL)
        served.proc.wait(10)
        served.stop()
        interrupted += bool(_running_on_disk(config_dir))
        served = Served(config_dir, env=env)  # a new port
        session = served.session()
        group = served.base + path
        end = time.monotonic() + 30
        while session.head(group, params={"api-version": API}).status_code != 404:
            assert time.monotonic() < end, "the group delete never finished after the restart"
            time.sleep(0.1)
        deleted.append(path)
    served.stop()
    _check_store(config_dir, deleted)
    figure("kill-9-serve-group-delete", kills=rounds, interrupted_mid_operation=interrupted)
    assert interrupted, "no kill landed while the delete was running: the test proved nothing"


def test_kill_9_of_the_server_during_group_deletes(tmp_path):
    kill_during_group_deletes(tmp_path, 3)


@pytest.mark.long
def test_kill_9_of_the_server_during_group_deletes_long(tmp_path):
    kill_during_group_deletes(tmp_path, 50)


@pytest.mark.long
def test_kill_9_of_the_server_during_deployments_long(tmp_path, monkeypatch):
    monkeypatch.setenv("AZCLI_CRASH_ROUNDS", "50")
    deployment_crash.test_a_killed_server_finishes_the_deployment_after_restart(tmp_path)


# --- clients killed while they write the config dir ----------------------------------------------------

def _check_config_dir(config_dir):
    """Every file parses; returns the number of temporary files a kill left behind (never read by azcli)."""
    leftovers = 0
    for name in os.listdir(config_dir):
        path = os.path.join(config_dir, name)
        if name.endswith(".tmp"):
            leftovers += 1
        elif name.endswith(".json"):
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
            assert not text.strip() or json.loads(text) is not None, name
        elif name == "config":
            configparser.ConfigParser().read(path, encoding="utf-8")
        elif name == "localcloud.db":
            db = sqlite3.connect(path)
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            db.close()
    return leftovers


def kill_writers(local_cli, rounds):
    config_dir = str(local_cli.config_dir)
    sub = local_cli("account show --query id -o tsv").stdout.strip()
    writers = [["login", "--local", "-o", "none"], ["account", "set", "-s", sub],
               ["config", "set", "core.output=json"], ["configure", "--defaults", "location=westus"],
               ["group", "list", "-o", "none"]]  # the last one after tokens.json is removed: a token is written
    rng = random.Random(9)
    landed = leftovers = 0
    env = server_env(config_dir)
    for round_ in range(rounds):
        argv = writers[round_ % len(writers)]
        if argv[0] == "group":
            os.unlink(os.path.join(config_dir, "tokens.json"))
        proc = subprocess.Popen([sys.executable, "-m", "azcli", *argv], env=env, stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(0.2 + rng.random() * 0.8)
        landed += proc.poll() is None
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        leftovers += _check_config_dir(config_dir)
        after = local_cli("group list -o none")
        assert after.exit_code == 0 and after.stderr == "", (argv, after)
    figure("kill-9-azcli-writers", kills=rounds, landed_while_running=landed, temporary_files_left=leftovers)
    assert landed, "every process had ended before its kill: the test proved nothing"


def test_kill_9_of_azcli_while_it_writes_the_config_dir(local_cli):
    kill_writers(local_cli, 6)


@pytest.mark.long
def test_kill_9_of_azcli_while_it_writes_the_config_dir_long(local_cli):
    kill_writers(local_cli, 50)

