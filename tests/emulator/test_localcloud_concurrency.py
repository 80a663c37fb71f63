"""Many processes share one store: writes are never lost and the file stays intact, even after kill -9."""
import multiprocessing
import os
import signal
import sqlite3
import time

from emulator_helpers import Cloud

WORKERS = 8
GROUPS_EACH = 25


def _writer(state_dir, worker, count):
    cloud = Cloud(state_dir)  # its own app and connection, as a separate CLI process would have
    for i in range(count):
        r = cloud.call("PUT", cloud.group_path("w%d-g%d" % (worker, i)), {"location": "westus", "tags": {"w": str(worker)}})
        assert r.status_code == 201, r.get_data(as_text=True)
        r = cloud.call("PATCH", cloud.group_path("w%d-g%d" % (worker, i)), {"tags": {"w": str(worker), "i": str(i)}})
        assert r.status_code == 200, r.get_data(as_text=True)


def _run(target, *args):
    process = multiprocessing.get_context("fork").Process(target=target, args=args)
    process.start()
    return process


def test_parallel_processes_write_one_store(tmp_path):
    state_dir = str(tmp_path / "state")
    cloud = Cloud(state_dir)  # creates the store first, as `azcli login --local` would
    workers = [_run(_writer, state_dir, w, GROUPS_EACH) for w in range(WORKERS)]
    for process in workers:
        process.join(60)
        assert process.exitcode == 0
    r = cloud.call("GET", "/subscriptions/%s/resourcegroups" % cloud.sub, query={"$top": "1000"})
    names = sorted(g["name"] for g in r.json["value"])
    assert names == sorted("w%d-g%d" % (w, i) for w in range(WORKERS) for i in range(GROUPS_EACH))
    assert all(g["tags"]["i"] == g["name"].split("-g")[1] for g in r.json["value"])
    db = sqlite3.connect(os.path.join(state_dir, "localcloud.db"))
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def _endless_writer(state_dir):
    cloud = Cloud(state_dir)
    i = 0
    while True:
        cloud.call("PUT", cloud.group_path("k%d" % i), {"location": "westus"})
        i += 1


def test_store_survives_kill_9(tmp_path):
    state_dir = str(tmp_path / "state")
    cloud = Cloud(state_dir)
    process = _run(_endless_writer, state_dir)
    time.sleep(0.3)
    os.kill(process.pid, signal.SIGKILL)
    process.join(10)
    db = sqlite3.connect(os.path.join(state_dir, "localcloud.db"))
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    count = db.execute("SELECT count(*) FROM resources").fetchone()[0]
    assert count > 0
    r = cloud.call("PUT", cloud.group_path("after"), {"location": "westus"})
    assert r.status_code == 201
    assert db.execute("SELECT count(*) FROM resources").fetchone()[0] == count + 1


def _identity_to_queue(state_dir, queue):
    from azcli.emulator import local_identity
    queue.put(local_identity(state_dir))


def test_first_use_from_many_processes_creates_one_identity(tmp_path):
    state_dir = str(tmp_path / "fresh")
    queue = multiprocessing.get_context("fork").Queue()
    workers = [_run(_identity_to_queue, state_dir, queue) for _ in range(WORKERS)]
    identities = [queue.get(timeout=30) for _ in workers]
    for process in workers:
        process.join(30)
        assert process.exitcode == 0
    assert all(identity == identities[0] for identity in identities)
