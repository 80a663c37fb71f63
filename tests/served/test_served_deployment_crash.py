"""kill -9 of `azcli local serve` while it deploys: after a restart the database is intact, the deployment
ends (never stuck Running), and its resources exist once each - a deployment's writes are one
transaction, so a crash leaves none of them and the settling on restart deploys it whole.

The CI run kills 4 times; AZCLI_CRASH_ROUNDS=50 runs the long version. The test fails if no kill landed
before its deployment ended.
"""
import os
import random
import signal
import sqlite3
import threading
import time

from served_cloud import Served

API = "2024-03-01"
SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"
COUNT = 150
TEMPLATE = {"$schema": SCHEMA, "contentVersion": "1.0.0.0", "resources": [{
    "type": "Microsoft.Network/networkSecurityGroups", "apiVersion": "2024-05-01",
    "name": "[format('nsg-{0}', copyIndex())]", "location": "westus", "copy": {"name": "nsgs", "count": COUNT},
    "properties": {}}]}


def _kill_soon(served, delay):
    def kill():
        time.sleep(delay)
        if served.proc.poll() is None:
            os.kill(served.proc.pid, signal.SIGKILL)
    thread = threading.Thread(target=kill, daemon=True)
    thread.start()
    return thread


def _state_on_disk(config_dir, path):
    db = sqlite3.connect(str(config_dir / "localcloud.db"))
    try:
        row = db.execute("SELECT state FROM deployments WHERE id_lc = ?", (path.lower(),)).fetchone()
        return row[0] if row else None
    finally:
        db.close()


def _terminal_state(served, path, deadline=120):
    session = served.session()
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        state = session.get(served.base + path, params={"api-version": API}).json()["properties"]["provisioningState"]
        if state not in ("Accepted", "Running"):
            return state, session
        time.sleep(0.05)
    raise AssertionError("the deployment is still running after %ds" % deadline)


def test_a_killed_server_finishes_the_deployment_after_restart(tmp_path):
    rounds = int(os.environ.get("AZCLI_CRASH_ROUNDS", "4"))
    rng = random.Random(7)
    config_dir = tmp_path / "cfg"
    served = Served(config_dir, env={"AZCLI_LOCAL_LRO_SECONDS": "0.2"})
    session = served.session()
    group = "/subscriptions/%s/resourceGroups/crash" % served.sub
    assert session.put(served.base + group, params={"api-version": API}, json={"location": "westus"}).ok
    # How long a deployment takes from its PUT on this machine (it deploys at a request from 0.2 s on):
    # the kills land within that time, so that they come while it deploys, on a fast machine as on a
    # loaded one.
    started = time.monotonic()
    calibration = group + "/providers/Microsoft.Resources/deployments/calibration"
    assert session.put(served.base + calibration, params={"api-version": API},
                       json={"properties": {"mode": "Incremental", "template": TEMPLATE}}).status_code == 201
    assert _terminal_state(served, calibration)[0] == "Succeeded"
    took = time.monotonic() - started
    interrupted, round_ = 0, 0
    # At least `rounds` kills, and more (up to 3x) until one landed before its deployment ended: a kill
    # that comes too late proves nothing.
    while round_ < rounds or (not interrupted and round_ < 3 * rounds):
        path = group + "/providers/Microsoft.Resources/deployments/d%d" % round_
        put = session.put(served.base + path, params={"api-version": API},
                          json={"properties": {"mode": "Incremental", "template": TEMPLATE}})
        assert put.status_code == 201, put.text
        killer = _kill_soon(served, 0.2 + rng.random() * max(took - 0.2, 0.05))
        try:
            while served.proc.poll() is None:
                session.get(served.base + path, params={"api-version": API}, timeout=5)
        except Exception:  # the connection dies with the server
            pass
        killer.join()
        served.proc.wait(10)
        served.stop()
        if _state_on_disk(config_dir, path) in ("Accepted", "Running"):
            interrupted += 1
        served = Served(config_dir, env={"AZCLI_LOCAL_LRO_SECONDS": "0.2"})
        state, session = _terminal_state(served, path)
        assert state == "Succeeded"
        round_ += 1
    served.stop()
    assert interrupted, "no kill landed before the deployment ended: the test proved nothing"
    db = sqlite3.connect(str(config_dir / "localcloud.db"))
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("SELECT count(*) FROM operations WHERE status = 'Running'").fetchone()[0] == 0
        names = [r[0] for r in db.execute("SELECT name FROM resources WHERE type_lc = "
                                          "'microsoft.network/networksecuritygroups'")]
        assert sorted(names) == sorted("nsg-%d" % i for i in range(COUNT))  # once each, across every round
        states = [r[0] for r in db.execute("SELECT state FROM deployments")]
        assert states == ["Succeeded"] * (round_ + 1)  # the calibration's too
    finally:
        db.close()
