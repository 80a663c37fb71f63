"""Behaviour a plausible one-line mistake would break while every other test stays green: tag merge
over an existing key, atomic config writes, jsonl output with --query."""
import os
import threading

import pytest

from azcli.fileio import atomic_write, read_json, write_json

NSG_TYPE = "Microsoft.Network/networkSecurityGroups"


def ok(result):
    assert result.exit_code == 0, result
    return result


# --- tags: merging a key that is already there takes the new value, keeps the rest -------------

def test_tag_update_merge_overwrites_an_existing_key(local_cli):
    group = ok(local_cli("group create -n tm -l westus --tags keep=1 change=old")).json()
    merged = ok(local_cli(["tag", "update", "--resource-id", group["id"], "--operation", "merge",
                           "--tags", "change=new", "added=2"])).json()
    assert merged["properties"]["tags"] == {"keep": "1", "change": "new", "added": "2"}
    assert ok(local_cli("group show -n tm")).json()["tags"] == {"keep": "1", "change": "new", "added": "2"}


def test_resource_tag_incremental_overwrites_an_existing_key(local_cli):
    ok(local_cli("group create -n ti -l westus -o none"))
    nsg = ok(local_cli(["resource", "create", "-g", "ti", "-n", "nsg", "--resource-type", NSG_TYPE, "-l", "westus",
                        "-p", "{}"])).json()
    ok(local_cli(["resource", "tag", "--ids", nsg["id"], "--tags", "keep=1", "change=old"]))
    merged = ok(local_cli(["resource", "tag", "--ids", nsg["id"], "--tags", "change=new", "-i"])).json()
    assert merged["tags"] == {"keep": "1", "change": "new"}  # one --ids: the object, as az gives
    # A resource group goes through the groups API: the same rule.
    group_id = nsg["id"].split("/providers/")[0]
    ok(local_cli(["resource", "tag", "--ids", group_id, "--tags", "keep=1", "change=old"]))
    merged = ok(local_cli(["resource", "tag", "--ids", group_id, "--tags", "change=new", "-i"])).json()
    assert merged["tags"] == {"keep": "1", "change": "new"}


# --- atomic_write: the old content or the new, never a torn or empty file --------------------------

def test_a_write_that_fails_midway_leaves_the_old_content(tmp_path):
    path = str(tmp_path / "profile.json")
    write_json(path, {"subscriptions": ["old"]})
    before = sorted(os.listdir(tmp_path))
    # A lone surrogate cannot be encoded: the write fails after the file was opened for writing.
    with pytest.raises(UnicodeEncodeError):
        atomic_write(path, '{"subscriptions": ["new"]}' + "\udcff")
    assert read_json(path) == {"subscriptions": ["old"]}
    assert sorted(os.listdir(tmp_path)) == before  # no temporary file left behind
    assert oct(os.stat(path).st_mode & 0o777) == oct(0o600)


def test_a_concurrent_reader_never_sees_a_partial_file(tmp_path):
    path = str(tmp_path / "tokens.json")
    versions = ["a" * 200000, "b" * 300000]
    atomic_write(path, versions[0])
    seen, done = set(), threading.Event()

    def read_until_done():
        while not done.is_set():
            with open(path, encoding="utf-8") as handle:
                seen.add(len(handle.read()))

    reader = threading.Thread(target=read_until_done)
    reader.start()
    try:
        for i in range(300):
            atomic_write(path, versions[i % 2])
    finally:
        done.set()
        reader.join()
    assert seen <= {len(v) for v in versions}, sorted(seen)


# --- jsonl: --query applies, whether or not the list would have streamed -----------------------

def test_jsonl_output_honours_query(local_cli):
    for name in ("q1", "q2", "q3"):
        ok(local_cli("group create -n {} -l westus --tags env={} -o none".format(name, name[-1])))
        ok(local_cli(["resource", "create", "-g", name, "-n", "nsg-" + name, "--resource-type", NSG_TYPE,
                      "-l", "westus", "-p", "{}", "-o", "none"]))
    env = {"AZCLI_LOCAL_PAGE_SIZE": "1"}  # several pages: without --query, the list streams
    streamed = ok(local_cli("resource list -o jsonl", env=env)).stdout.splitlines()
    assert len(streamed) == 3 and all(line.startswith("{") for line in streamed)
    names = ok(local_cli(["resource", "list", "-o", "jsonl", "--query", "[].name"], env=env)).stdout
    assert sorted(names.splitlines()) == ['"nsg-q1"', '"nsg-q2"', '"nsg-q3"']
    one = ok(local_cli(["resource", "list", "-o", "jsonl", "--query", "[?name=='nsg-q2'].{n: name}"], env=env))
    assert one.stdout == '{"n":"nsg-q2"}\n'
    assert ok(local_cli(["resource", "list", "-o", "jsonl", "--query", "length(@)"], env=env)).stdout == "3\n"
    groups = ok(local_cli(["group", "list", "-o", "jsonl", "--query", "[?tags.env=='3'].name"])).stdout
    assert groups == '"q3"\n'


def test_atomic_write_removes_what_killed_writers_left(tmp_path):
    import os
    import time
    from azcli.fileio import STALE_SECONDS, atomic_write
    target = tmp_path / "profile.json"
    stale = tmp_path / ".profile.json.abc123.tmp"
    fresh = tmp_path / ".profile.json.def456.tmp"  # another writer, mid-write
    for leftover in (stale, fresh):
        leftover.write_text("{")
    old = time.time() - STALE_SECONDS - 5
    os.utime(stale, (old, old))
    atomic_write(str(target), "{}")
    assert target.read_text() == "{}" and not stale.exists() and fresh.exists()
