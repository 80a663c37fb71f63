"""Load on ONE config dir: N processes x M mixed writes (groups, generic resources, tags, locks, a small
deployment), each a whole in-process azcli command on the shared localcloud.db. Every command must succeed
(no "database is locked"), and every effect must be in the final state exactly once: no lost tag merge on
the shared groups, no missing or duplicated resource, lock or deployment.

CI: 8 x 10; AZCLI_LONG_TESTS=1: 16 x 50.
"""
import multiprocessing
import time

import pytest

from reliab import figure, no_traceback, two_resource_template, write_json
from runner import run_cli

NSG = "Microsoft.Network/networkSecurityGroups"
KINDS = ("group", "resource", "tag", "lock", "deployment")


def _commands(worker, count, template):
    """The worker's commands: (kind, name, argv), after its own group."""
    home = "w%d" % worker
    yield "home", home, ["group", "create", "-n", home, "-l", "westus", "-o", "none"]
    for i in range(count):
        kind = KINDS[i % len(KINDS)]
        name = "%s-%d" % (home, i)
        if kind == "group":
            argv = ["group", "create", "-n", name, "-l", "eastus", "--tags", "by=%s" % home]
        elif kind == "resource":
            argv = ["resource", "create", "-g", home, "-n", name, "--resource-type", NSG, "-l", "westus", "-p", "{}"]
        elif kind == "tag":  # a merge onto a group every worker merges into (at most 50 tags each, as ARM's)
            argv = ["tag", "update", "--resource-id", "/subscriptions/{sub}/resourceGroups/shared%d" % (i // 15),
                    "--operation", "Merge", "--tags", "%s=%d" % (name, i)]
        elif kind == "lock":
            argv = ["lock", "create", "-n", name, "-g", home, "--lock-type", "CanNotDelete"]
        else:
            argv = ["deployment", "group", "create", "-g", home, "-n", name, "-f", template, "-p", "prefix=" + name]
        yield kind, name, argv + ["-o", "none"]


def _worker(job):
    worker, count, config_dir, template, sub = job
    results = []
    for kind, name, argv in _commands(worker, count, template):
        argv = [a.replace("{sub}", sub) for a in argv]
        started = time.monotonic()
        result = run_cli(argv, config_dir)
        results.append((kind, name, result.exit_code, result.stderr[-2000:], time.monotonic() - started))
    return results


def _final_state(cli):
    def data(args):
        result = cli(args)
        assert result.exit_code == 0, result
        return result.json()
    groups = {g["name"]: g for g in data("group list")}
    resources = [r["name"] for r in data("resource list --resource-type %s" % NSG)]
    locks = [lock["name"] for lock in data("lock list")]
    return groups, resources, locks


def run_load(local_cli, tmp_path, workers, count):
    sub = local_cli("account show --query id -o tsv").stdout.strip()
    for index in range((count + 14) // 15):
        assert local_cli("group create -n shared%d -l westus -o none" % index).exit_code == 0
    template = write_json(tmp_path / "two.json", two_resource_template())
    jobs = [(w, count, str(local_cli.config_dir), template, sub) for w in range(workers)]
    started = time.monotonic()
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        results = [r for batch in pool.map(_worker, jobs) for r in batch]
    elapsed = time.monotonic() - started
    failed = [r for r in results if r[2] != 0]
    assert not failed, failed[:5]
    assert all(no_traceback(r[3]) and "database is locked" not in r[3] for r in results)
    groups, resources, locks = _final_state(local_cli)
    expected = {"group": [], "resource": [], "tag": [], "lock": [], "deployment": []}
    for kind, name, *_ in results:
        if kind != "home":
            expected[kind].append(name)
    assert set(expected["group"]) <= set(groups)
    assert all(groups[name]["tags"] == {"by": name.split("-")[0]} for name in expected["group"])
    merged = {}
    for name, group in groups.items():
        if name.startswith("shared"):
            merged.update(group["tags"] or {})
    assert sorted(merged) == sorted(expected["tag"]), "a tag merge was lost or invented"
    made = expected["resource"] + ["%s-%d" % (d, i) for d in expected["deployment"] for i in (0, 1)]
    assert sorted(resources) == sorted(made), "a resource is missing or duplicated"
    assert sorted(locks) == sorted(expected["lock"])
    for name in expected["deployment"][:3]:
        shown = local_cli("deployment group show -g %s -n %s" % (name.split("-")[0], name)).json()
        assert shown["properties"]["provisioningState"] == "Succeeded"
        assert shown["properties"]["outputs"]["first"]["value"] == name + "-0"
    latencies = [r[4] for r in results]
    figure("load-in-process", processes=workers, writes=len(results), seconds=round(elapsed, 1),
           per_command_p50=round(sorted(latencies)[len(latencies) // 2], 3), failed=0)
    return results


def test_parallel_processes_lose_no_write(local_cli, tmp_path):
    run_load(local_cli, tmp_path, 8, 10)


@pytest.mark.long
def test_parallel_processes_lose_no_write_long(local_cli, tmp_path):
    run_load(local_cli, tmp_path, 16, 50)

