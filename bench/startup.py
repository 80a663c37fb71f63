"""Start-up benchmark: whole-process medians of azcli commands against their budgets.

Run: python bench/startup.py [--runs N] [--azcli PATH]
Each command runs N times after 2 warm-ups; the reference (`python -c pass` with the same
interpreter) runs interleaved in the same loop, so ratios are robust on a noisy machine.
The local cloud is used for API commands (a throwaway config dir, signed in with --local).

Recorded (AMD EPYC, 2 CPUs, Python 3.11.7, non-editable install in a venv, 20 runs, medians;
reference `python -c pass` 11.1 ms wall / 10.7 ms CPU; machine shared with other jobs, load ~2.7):

    command                       median   x ref   - ref   CPU - ref   budget
    --version                    11.6 ms     1.0   0.5 ms     0.5 ms   50 ms
    --help                       14.5 ms     1.3   3.4 ms     3.5 ms   60 ms
    group --help                 75.0 ms     6.8  63.9 ms    63.4 ms   100 ms
    completion                   14.4 ms     1.3   3.3 ms     3.4 ms   ref+15 ms
    completion (enum values)     14.6 ms     1.3   3.5 ms     3.6 ms   ref+15 ms
    completion (cached values)   14.7 ms     1.3   3.6 ms     3.8 ms   ref+30 ms
    group list                  205.2 ms    18.5                        -
    group show                  201.9 ms    18.2                        -
    account get-access-token     68.9 ms     6.2                        -

`completion` is `azcli group cr<TAB>`, `enum values` `lock create --lock-type <TAB>`, `cached values`
`group show -n <TAB>` answered from {config_dir}/completion-cache.json (filled once, untimed).
"""
import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

BUDGETS_MS = {"--version": 50, "--help": 60, "group --help": 100}
# Completion budgets are above the reference (`python -c pass`), as the whole process, warm.
BUDGETS_OVER_REF_MS = {"completion": 15, "completion (enum values)": 15, "completion (cached values)": 30}
VALUES_LINE = "azcli group show -n "


def timed(cmd, env):
    """(wall ms, CPU ms) of one run; CPU time (user + system) is the steadier figure on a busy machine."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    wall = (time.perf_counter() - start) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000


def complete_env(env, line):
    return dict(env, _AZCLI_COMPLETE="1", COMP_LINE=line, COMP_POINT=str(len(line)))


def warm_cache(azcli, env, config_dir):
    """Empty the completion cache and fill it for VALUES_LINE (the miss starts the background
    refresh), so that the timed runs answer from the file; the time it was filled."""
    path = os.path.join(config_dir, "completion-cache.json")
    if os.path.exists(path):
        os.remove(path)
    start = time.time()
    subprocess.run([azcli], env=complete_env(env, VALUES_LINE), stdout=subprocess.DEVNULL, check=False)
    while time.time() - start < 60:
        try:
            with open(path, encoding="utf-8") as handle:
                entries = json.load(handle)["entries"]
            if any("group\x1flist\x1f" in key and entry["time"] >= start for key, entry in entries.items()):
                return time.time()
        except (OSError, ValueError, KeyError):
            pass
        time.sleep(0.05)
    raise SystemExit("the completion cache was never filled")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--azcli", default=shutil.which("azcli"))
    opts = parser.parse_args()
    with open(opts.azcli, encoding="utf-8") as handle:
        python = handle.readline()[2:].strip()
    config_dir = tempfile.mkdtemp(prefix="azcli-bench-")
    env = dict(os.environ, AZCLI_CONFIG_DIR=config_dir)
    subprocess.run([opts.azcli, "login", "--local", "-o", "none"], env=env, check=True)
    subprocess.run([opts.azcli, "group", "create", "-n", "bench", "-l", "westus", "-o", "none"], env=env, check=True)
    cases = {
        "--version": ([opts.azcli, "--version"], env),
        "--help": ([opts.azcli, "--help"], env),
        "group --help": ([opts.azcli, "group", "--help"], env),
        "completion": ([opts.azcli], complete_env(env, "azcli group cr")),
        "completion (enum values)": ([opts.azcli], complete_env(env, "azcli lock create --lock-type ")),
        "completion (cached values)": ([opts.azcli], complete_env(env, VALUES_LINE)),
        "group list": ([opts.azcli, "group", "list"], env),
        "group show": ([opts.azcli, "group", "show", "-n", "bench"], env),
        "account get-access-token": ([opts.azcli, "account", "get-access-token"], env),
    }
    reference = [python, "-c", "pass"]
    samples = {name: [] for name in cases}
    cpu = {name: [] for name in cases}
    ref, ref_cpu = [], []
    warmed = warm_cache(opts.azcli, env, config_dir)
    for run in range(opts.runs + 2):
        for name, (cmd, case_env) in cases.items():
            if name == "completion (cached values)" and time.time() - warmed > 40:  # TTL 60 s: keep it fresh
                warmed = warm_cache(opts.azcli, env, config_dir)
            value, value_cpu = timed(cmd, case_env)
            ref_value, ref_value_cpu = timed(reference, env)
            if run >= 2:
                samples[name].append(value)
                cpu[name].append(value_cpu)
                ref.append(ref_value)
                ref_cpu.append(ref_value_cpu)
    ref_median, ref_cpu_median = statistics.median(ref), statistics.median(ref_cpu)
    print("machine: {} cores, python {}, load average {:.1f}".format(os.cpu_count(), sys.version.split()[0],
                                                                    os.getloadavg()[0]))
    print("reference `python -c pass`: median {:.1f} ms wall, {:.1f} ms CPU".format(ref_median, ref_cpu_median))
    print("{:<28}{:>10}{:>8}{:>10}{:>10}{:>12}".format("command", "median", "x ref", "- ref", "CPU - ref", "budget"))
    for name, values in samples.items():
        median = statistics.median(values)
        budget = ("{} ms".format(BUDGETS_MS[name]) if name in BUDGETS_MS else
                  "ref+{} ms".format(BUDGETS_OVER_REF_MS[name]) if name in BUDGETS_OVER_REF_MS else "-")
        print("{:<28}{:>8.1f}ms{:>8.1f}{:>8.1f}ms{:>8.1f}ms{:>12}".format(
            name, median, median / ref_median, median - ref_median,
            statistics.median(cpu[name]) - ref_cpu_median, budget))
    shutil.rmtree(config_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
