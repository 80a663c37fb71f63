"""`azcli resource list` over many resources on the local cloud: wall time and peak RSS per format.

Run: python bench/resource_list.py [--resources 10000] [--runs 5] [--azcli PATH]

Seeds a throwaway config dir (signed in with --local) with N generic resources through the real
SDK and the in-process transport (one Python process, so seeding takes seconds, not N CLI
start-ups), then runs `azcli resource list -o json|table|jsonl > /dev/null` as whole processes,
`--runs` times each, interleaved, and prints medians of wall time and of peak RSS (ru_maxrss of
each child, read with os.wait4). The point of jsonl: it streams items as pages arrive, so its peak
memory should stay near the start-up footprint while json/table hold the whole list. The "floor"
row is the same command with a filter that matches nothing: the process's own footprint.

Linux keeps a process's peak RSS across fork+exec, so a child can never report less than its
parent had when it forked: seeding therefore runs in a child process of its own, and the
measuring parent imports nothing heavy.

Recorded (AMD EPYC, 2 CPUs, Linux 6.18, Python 3.11.7; 10,000 resources, 100 pages of 100;
5 runs each, medians):

    format       wall s   peak RSS MiB   stdout MiB
    json           1.04           99.7          7.8
    table          1.10           77.2          0.9
    jsonl          0.70           36.8          6.5
    floor          0.26           35.7          0.0

(Before `resource list` read pages as JSON instead of SDK models: json 2.39 s, table 2.33 s,
jsonl 1.92 s, same memory.)

Re-run after items gained az's null members and az's timestamp form (same machine, 3 runs):

    format       wall s   peak RSS MiB   stdout MiB
    json           1.20          110.1          9.3
    table          1.32           79.6          0.9
    jsonl          0.89           36.5          7.6
    floor          0.21           34.9          0.0
"""
import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

FORMATS = ("json", "table", "jsonl")
TYPES = (("Microsoft.Network/networkSecurityGroups", {}),
         ("Microsoft.Network/publicIPAddresses", {"publicIPAllocationMethod": "Dynamic"}),
         ("Microsoft.Network/routeTables", {}))


def seed(config_dir, count, groups=10):
    """Create `count` resources in `groups` groups, in this process, through the SDK."""
    os.environ["AZCLI_CONFIG_DIR"] = config_dir
    from azcli.framework.cli import get_default_cli
    from azcli.session.clients import mgmt_client
    from azure.mgmt.resource.resources import ResourceManagementClient
    cli_ctx = get_default_cli(config_dir=config_dir)
    client = mgmt_client(cli_ctx, ResourceManagementClient)
    sub = client._config.subscription_id  # pylint: disable=protected-access
    versions = {}
    for full_type, _ in TYPES:
        namespace, type_name = full_type.split("/")
        provider = client.providers.get(namespace)
        rt = next(r for r in provider.resource_types if r.resource_type.lower() == type_name.lower())
        versions[full_type] = max(v for v in rt.api_versions if "preview" not in v)
    for g in range(groups):
        client.resource_groups.create_or_update("bench{}".format(g), {"location": "westus"})
    start = time.perf_counter()
    for i in range(count):
        full_type, props = TYPES[i % len(TYPES)]
        rid = "/subscriptions/{}/resourceGroups/bench{}/providers/{}/res{:05d}".format(sub, i % groups, full_type, i)
        body = {"location": "westus", "tags": {"bench": "yes", "n": str(i)}, "properties": props}
        client.resources.begin_create_or_update_by_id(rid, body, api_version=versions[full_type]).result()
    return time.perf_counter() - start


def measure(cmd, env):
    """(wall seconds, peak RSS MiB, stdout bytes) of one whole process."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        err = proc.stderr.read().decode(errors="replace")
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            raise SystemExit("{} failed ({}): {}".format(" ".join(cmd), proc.returncode, err[:500]))
        size = out.seek(0, 2)
    rss_mib = usage.ru_maxrss / 1024.0 if sys.platform != "darwin" else usage.ru_maxrss / (1024.0 * 1024.0)
    return wall, rss_mib, size


def machine():
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            cpu = next(l.split(":", 1)[1].strip() for l in handle if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return "{} | {} CPUs | {} | Python {}".format(cpu, os.cpu_count(), platform.platform(), platform.python_version())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--resources", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--azcli", default=shutil.which("azcli"))
    parser.add_argument("--seed-into", help=argparse.SUPPRESS)
    opts = parser.parse_args()
    if opts.seed_into:
        print("{:.1f}".format(seed(opts.seed_into, opts.resources)))
        return
    config_dir = tempfile.mkdtemp(prefix="azcli-bench-list-")
    env = dict(os.environ, AZCLI_CONFIG_DIR=config_dir)
    try:
        subprocess.run([opts.azcli, "login", "--local", "-o", "none"], env=env, check=True)
        seconds = float(subprocess.run([sys.executable, __file__, "--resources", str(opts.resources),
                                        "--seed-into", config_dir], env=env, check=True, capture_output=True,
                                       text=True).stdout.strip().splitlines()[-1])
        print("machine: {}".format(machine()))
        print("seeded {} resources in {:.1f} s".format(opts.resources, seconds))
        cases = {fmt: [opts.azcli, "resource", "list", "-o", fmt] for fmt in FORMATS}
        cases["floor"] = [opts.azcli, "resource", "list", "--name", "matches-nothing", "-o", "jsonl"]
        samples = {name: [] for name in cases}
        for _ in range(opts.runs):
            for name, cmd in cases.items():
                samples[name].append(measure(cmd, env))
        count = subprocess.run([opts.azcli, "resource", "list", "--query", "length(@)", "-o", "tsv"], env=env,
                               capture_output=True, text=True, check=True).stdout.strip()
        print("azcli resource list over {} resources, {} runs each, medians:".format(count, opts.runs))
        print("{:<8} {:>10} {:>14} {:>12}".format("format", "wall s", "peak RSS MiB", "stdout MiB"))
        for fmt in cases:
            walls, rss, sizes = zip(*samples[fmt])
            print("{:<8} {:>10.2f} {:>14.1f} {:>12.1f}".format(fmt, statistics.median(walls), statistics.median(rss),
                                                              statistics.median(sizes) / 2 ** 20))
    finally:
        shutil.rmtree(config_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
