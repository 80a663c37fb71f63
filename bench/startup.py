"""Start-up benchmark: whole-process medians of azcli commands against their budgets.

Run: python bench/startup.py [--runs N] [--azcli PATH]
Each command runs N times after 2 warm-ups; the reference (`python -c pass` with the same
interpreter) runs interleaved in the same loop, so ratios are robust on a noisy machine.
The local cloud is used for API commands (a throwaway config dir, signed in with --local).

Recorded (AMD EPYC, 2 CPUs, Python 3.11.7, non-editable install in a venv, 20 runs, medians;
reference `python -c pass` 12.2 ms; machine shared with other jobs, load average ~1.4):

    command                     median    x ref   budget
    --version                   19.4 ms     1.6    50 ms
    --help                      20.5 ms     1.7    60 ms
    group --help                68.6 ms     5.6   100 ms
    completion                  21.0 ms     1.7    30 ms
    group list                 185.7 ms    15.2
    group show                 191.3 ms    15.7
    account get-access-token    68.3 ms     5.6
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

BUDGETS_MS = {"--version": 50, "--help": 60, "group --help": 100, "completion": 30}


def timed(cmd, env):
    start = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return (time.perf_counter() - start) * 1000


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
        "completion": ([opts.azcli], dict(env, _AZCLI_COMPLETE="1", COMP_LINE="azcli group cr", COMP_POINT="14")),
        "group list": ([opts.azcli, "group", "list"], env),
        "group show": ([opts.azcli, "group", "show", "-n", "bench"], env),
        "account get-access-token": ([opts.azcli, "account", "get-access-token"], env),
    }
    reference = [python, "-c", "pass"]
    samples = {name: [] for name in cases}
    ref = []
    for run in range(opts.runs + 2):
        for name, (cmd, case_env) in cases.items():
            value = timed(cmd, case_env)
            ref_value = timed(reference, env)
            if run >= 2:
                samples[name].append(value)
                ref.append(ref_value)
    ref_median = statistics.median(ref)
    print("machine: {} cores, python {}".format(os.cpu_count(), sys.version.split()[0]))
    print("reference `python -c pass`: median {:.1f} ms".format(ref_median))
    print("{:<28}{:>10}{:>10}{:>10}".format("command", "median", "x ref", "budget"))
    for name, values in samples.items():
        median = statistics.median(values)
        budget = BUDGETS_MS.get(name)
        print("{:<28}{:>8.1f}ms{:>10.1f}{:>10}".format(name, median, median / ref_median,
                                                   "{} ms".format(budget) if budget else "-"))
    shutil.rmtree(config_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
