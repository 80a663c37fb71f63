"""azcli (real subprocesses) against a served cloud that injects 429 (Retry-After), 500, 503 and connection
resets at rising rates, with long-running operations polled through the faults and deployments deployed
through them: every command succeeds, each create takes effect once, and --verbose names each retry. When
retries run out: exit 5 for 429 with a message naming what was retried; a server that never answers is cut
off by core.http_timeout (exit 7).

CI: one rate; AZCLI_LONG_TESTS=1: rates rising to half of all ARM requests faulted.
"""
import re
import time

import pytest

from reliab import Client, figure, no_traceback, restart, silent_server, two_resource_template, write_json

RETRY = re.compile(r"^INFO: Retrying (GET|PUT|POST|DELETE|PATCH|HEAD) https://\S+ \((.*)\); \d+ retries left\.$", re.M)


def spec(rate, seed):
    return "429={0},500={1},503={1},reset={1},seed={2}".format(rate, rate / 2, seed)


def scenario(client, tmp_path, level):
    """One round of writes under faults; returns the retry lines azcli printed."""
    template = write_json(tmp_path / "two.json", two_resource_template())
    group = "faulty%d" % level
    commands = [
        ("group", "create", "-n", group, "-l", "westus"),
        ("resource", "create", "-g", group, "-n", "vnet", "--resource-type", "Microsoft.Network/virtualNetworks",
         "-l", "westus", "-p", '{"addressSpace": {"addressPrefixes": ["10.0.0.0/16"]}}'),  # an LRO, polled
        ("tag", "update", "--resource-id", "/subscriptions/{sub}/resourceGroups/" + group, "--operation", "Merge",
         "--tags", "level=%d" % level),
        ("lock", "create", "-n", "keep", "-g", group, "--lock-type", "CanNotDelete"),
        ("deployment", "group", "create", "-g", group, "-n", "two", "-f", template, "-p", "prefix=d%d" % level),
        ("lock", "delete", "-n", "keep", "-g", group),
        ("resource", "list", "-g", group, "--query", "[].name"),
    ]
    retries = []
    sub = client.ok("account", "show", "--query", "id", "-o", "tsv").stdout.strip()
    for command in commands:
        proc = client.run(*[a.replace("{sub}", sub) for a in command], "--verbose")
        assert proc.returncode == 0 and no_traceback(proc.stderr), (command, proc.returncode, proc.stderr)
        retries += RETRY.findall(proc.stderr)
        assert "ERROR" not in proc.stderr
    listed = client.ok("resource", "list", "-g", group, "--query", "sort([].name)").stdout
    assert listed.split() == ['[', '"d%d-0",' % level, '"d%d-1",' % level, '"vnet"', ']'], listed
    operations = client.ok("deployment", "operation", "group", "list", "-g", group, "-n", "two",
                           "--query", "length([?properties.provisioningOperation=='Create'])", "-o", "tsv")
    assert operations.stdout.strip() == "2", operations.stdout  # deployed once
    deleted = client.run("group", "delete", "-n", group, "--yes", "--verbose")  # an LRO, polled through faults
    assert deleted.returncode == 0, deleted.stderr[-3000:]
    retries += RETRY.findall(deleted.stderr)
    assert client.ok("group", "exists", "-n", group).stdout.strip() == "false"
    return retries


def run_rising(start_served, tmp_path, rates):
    served = start_served(env={"AZCLI_LOCAL_LRO_SECONDS": "1"})
    client = Client(tmp_path / "client", served)
    seen = []
    for level, rate in enumerate(rates):
        served = restart(served, "--faults", spec(rate, level + 1), env={"AZCLI_LOCAL_LRO_SECONDS": "1"})
        seen += scenario(client, tmp_path, level)
    served.stop()
    kinds = {"429" if "429" in why else "5xx" if "status 50" in why else "reset" for _, why in seen}
    figure("faults-cli", rates=rates, retries_survived=len(seen), kinds=sorted(kinds))
    assert any("Retry-After 1 s" in why for _, why in seen), seen
    return seen


def test_commands_ride_through_faults(start_served, tmp_path):
    seen = run_rising(start_served, tmp_path, [0.1])
    assert len(seen) >= 3, seen


@pytest.mark.long
def test_commands_ride_through_rising_faults_long(start_served, tmp_path):
    seen = run_rising(start_served, tmp_path, [0.04, 0.08, 0.12, 0.16, 0.2])
    assert len({why.split(",")[0] for _, why in seen}) >= 3


def test_exhausted_retries_exit_5_and_a_silent_server_is_cut_off_by_the_http_timeout(start_served, tmp_path):
    served = start_served()
    client = Client(tmp_path / "client", served)
    port = served.details["port"]
    served = restart(served, "--faults", "429=1")
    started = time.monotonic()
    proc = client.run("group", "list", "--verbose")
    assert proc.returncode == 5, proc.stderr
    assert len(RETRY.findall(proc.stderr)) == 6  # 6 retries on a status (session/clients.py)
    assert time.monotonic() - started >= 6  # Retry-After: 1 honoured each time
    errors = [line for line in proc.stderr.splitlines() if line.startswith("ERROR:")]
    assert len(errors) == 1 and "TooManyRequests" in errors[0], proc.stderr
    assert re.search(r"gave up after 6 retries of GET https://\S+/resourcegroups", errors[0]), errors[0]
    served.stop()
    # The same port, now a server that accepts connections and never answers.
    with silent_server(port):
        started = time.monotonic()
        proc = client.run("group", "list", env={"AZCLI_CORE_HTTP_TIMEOUT": "2"}, timeout=60)
        elapsed = time.monotonic() - started
    assert proc.returncode == 7, proc.stderr
    assert proc.stderr.startswith("ERROR: No answer within core.http_timeout") and proc.stderr.count("ERROR") == 1
    assert 2 <= elapsed < 20, elapsed
    bad = client.run("group", "list", env={"AZCLI_CORE_HTTP_TIMEOUT": "soon"})
    assert bad.returncode == 2 and "core.http_timeout" in bad.stderr, bad.stderr
