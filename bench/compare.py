"""az 2.91 and azcli in one run, interleaved: whole-process medians against the start-up budgets.

Run (a non-editable install, as a user has it):

    python3 -m venv /tmp/cmpbench && /tmp/cmpbench/bin/pip install -q .
    python bench/compare.py --azcli /tmp/cmpbench/bin/azcli [--az PATH | --install-az [--az-venv DIR]]
                            [--runs 15] [--markdown-out bench/RESULTS.md]

`--install-az` creates a venv (default ~/.cache/azcli-bench/az291) with azure-cli==2.91.0 unless one is there;
without `--az` the venv's az is used, else `az` on PATH; with no az at all only azcli's columns are measured.

Setup (throwaway dirs, see bench/_compare_setup.py): an azcli config dir signed in to the in-process local
cloud (`azcli login --local`, azcli's default); `azcli local serve --port 0` in the background on its own config
dir, with az (its own AZURE_CONFIG_DIR) and a second azcli config dir signed in to it the way
tests/served/test_served_az.py and tests/parity do it (REQUESTS_CA_BUNDLE=ca.pem, `cloud register` with the
server's endpoints, `cloud set`, `login --service-principal`). Each cloud holds a group, a vnet and two
identities. Every case runs once untimed per program (a check of its exit code and output, and az's one-time
setup), then 2 warm-up rounds and `--runs` timed rounds. A round runs every case for az, azcli served and azcli
in-process, and `python -c pass` (the azcli script's interpreter) once per case, in a shuffled order, so that
machine noise hits all alike. Any failing timed run aborts the benchmark. Reported: wall-clock medians
(min-max), overhead above the reference's median, ratio to az, and the same from CPU time (user + system of
the child, steadier on a busy machine), against the budgets; the served cloud's server shares the machine.
"""
import argparse
import datetime
import os
import random
import resource
import shlex
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _compare_setup as setup  # noqa: E402
from startup import VALUES_LINE, warm_cache  # noqa: E402  (the completion cache, filled as startup.py does)

G = setup.GROUP
# name, arguments after the program's name (for completion: the line after it), kind; hashable
CASES = [
    ("group list", ("group", "list", "-o", "json"), "api"),
    ("group show", ("group", "show", "-n", G, "-o", "json"), "api"),
    ("resource list -g", ("resource", "list", "-g", G, "-o", "json"), "api"),
    ("network vnet list -g", ("network", "vnet", "list", "-g", G, "-o", "json"), "api"),
    ("group --help", ("group", "--help"), "help"),
    ("group create --help", ("group", "create", "--help"), "help"),
    ("account get-access-token (cached)", ("account", "get-access-token", "-o", "json"), "token"),
    ("complete `group cr<TAB>`", "group cr", "complete"),
    ("complete `group create --lo<TAB>`", "group create --lo", "complete"),
    ("complete `group show -n <TAB>` (names)", VALUES_LINE.split(" ", 1)[1], "values"),
]
EXPECTED_CANDIDATE = {"group cr": "create", "group create --lo": "--location", "group show -n ": G}
OVER_REF_MS = {"api": 80, "help": 30, "token": 30, "complete": 15, "values": 30}
AZ_RATIO = {"api": 0.25}  # azcli served / az served, wall-clock medians
PROGRAMS = ("az", "served", "inproc")
SDK_FLOOR = "import azure.mgmt.resource.resources"
CACHE_REFRESH_S = 40  # the completion cache's TTL is 60 s


class Bench:
    def __init__(self, azcli, az, envs, config_dirs):
        self.azcli, self.az, self.envs, self.config_dirs = azcli, az, envs, config_dirs
        self.cache_filled = {}

    def job(self, case, program, az_completion_out=os.devnull):
        """(argv, env) of one case for one program."""
        _, args, kind = case
        env = self.envs[program]
        if program == "ref":
            return list(args), env
        if kind not in ("complete", "values"):
            return [self.az if program == "az" else self.azcli] + list(args), env
        if program == "az":  # argcomplete's protocol; it writes the candidates to the named file
            line = "az " + args
            return [self.az], dict(env, _ARGCOMPLETE="1", _ARGCOMPLETE_IFS="\n", COMP_LINE=line,
                                   COMP_POINT=str(len(line)), _ARGCOMPLETE_STDOUT_FILENAME=az_completion_out)
        line = "azcli " + args
        return [self.azcli], dict(env, _AZCLI_COMPLETE="1", COMP_LINE=line, COMP_POINT=str(len(line)))

    def fresh_cache(self, program):
        """azcli answers names from its completion cache: fill it (untimed) when it is missing or getting old."""
        if program != "az" and time.time() - self.cache_filled.get(program, 0) > CACHE_REFRESH_S:
            self.cache_filled[program] = warm_cache(self.azcli, self.envs[program], self.config_dirs[program])

    def probe(self, case, program):
        """One untimed run, checked: None if fine, else why (aborts for azcli: only az may be skipped)."""
        name, args, kind = case
        if kind == "values":
            self.fresh_cache(program)
        with tempfile.NamedTemporaryFile("r", suffix=".complete") as out:
            argv, env = self.job(case, program, az_completion_out=out.name)
            proc = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=300)
            output = proc.stdout + (out.read() if program == "az" else "")
        problem = None
        if proc.returncode != 0:
            errors = [line for line in proc.stderr.splitlines() if line.strip()]
            error = (errors or ["(no stderr)"])[0]
            problem = "exit {}: {}".format(proc.returncode, error if len(error) < 200 else error[:200] + "...")
        elif kind in ("complete", "values") and EXPECTED_CANDIDATE[args] not in output.split():
            problem = "no candidate {!r} in {!r}".format(EXPECTED_CANDIDATE[args], output[:200])
        if problem and program != "az":
            sys.exit("compare: FAILED: azcli ({}) {}: {}\n{}".format(program, name, problem, proc.stderr[-3000:]))
        return problem

    def timed(self, case, program):
        """(wall ms, CPU ms) of one run; a failing run aborts the benchmark."""
        if case[2] == "values":
            self.fresh_cache(program)
        argv, env = self.job(case, program)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        proc = subprocess.run(argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, timeout=300)
        wall = (time.perf_counter() - start) * 1000
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if proc.returncode != 0:
            sys.exit("compare: FAILED during the timed runs: {} ({}) -> exit {}\n{}".format(
                shlex.join(argv), program, proc.returncode, proc.stderr.decode(errors="replace")[-3000:]))
        return wall, (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000


def measure(bench, fixed, jobs, runs, seed=2910):
    """{job: ([wall ms], [CPU ms])} over `runs` rounds after 2 warm-up rounds, each round shuffled; a job
    ("ref", n) or ("floor", n) runs the plain Python command fixed[job[0]]."""
    samples = {job: ([], []) for job in jobs}
    order, rng = list(jobs), random.Random(seed)
    for number in range(runs + 2):
        rng.shuffle(order)
        for job in order:
            wall, cpu = bench.timed(fixed[job[0]], "ref") if job[0] in fixed else bench.timed(*job)
            if number >= 2:
                samples[job][0].append(wall)
                samples[job][1].append(cpu)
        print("compare: round {}/{} done{}".format(number + 1, runs + 2, " (warm-up)" if number < 2 else ""),
              file=sys.stderr)
    return samples


def spread(values):
    return "{:.0f} ({:.0f}-{:.0f})".format(statistics.median(values), min(values), max(values))


def report_rows(samples, skipped, ref_wall, ref_cpu):
    rows = []
    for case in CASES:
        name, _, kind = case
        get = {p: samples.get((case, p)) for p in PROGRAMS}
        med = {p: (statistics.median(v[0]), statistics.median(v[1])) for p, v in get.items() if v}
        cells = [spread(get[p][0]) if get[p] else "skipped" for p in PROGRAMS]
        over, over_cpu = med["inproc"][0] - ref_wall, med["inproc"][1] - ref_cpu
        checks = [("ref+{}".format(OVER_REF_MS[kind]), over <= OVER_REF_MS[kind])]
        ratio = "-"
        if "az" in med:
            ratio = "{:.2f} (CPU {:.2f})".format(med["served"][0] / med["az"][0], med["served"][1] / med["az"][1])
        if kind in AZ_RATIO:
            checks.append(("1/4 az", med["served"][0] / med["az"][0] <= AZ_RATIO[kind] if "az" in med else None))
        budget = "; ".join("<= " + label for label, _ in checks)
        failed = [label for label, ok in checks if ok is False]
        unchecked = [label for label, ok in checks if ok is None]
        result = ("NOT met ({})".format(", ".join(failed)) if failed else "met") + (
            "; {} not checked (az skipped)".format(", ".join(unchecked)) if unchecked else "")
        rows.append([name] + cells + ["{:+.0f} ms (CPU {:+.0f})".format(over, over_cpu), ratio, budget, result])
        if (case, "az") in skipped:
            rows[-1][1] = "skipped\u00b9"
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=15, help="timed rounds after 2 warm-up rounds (default 15)")
    parser.add_argument("--azcli", default=setup.shutil.which("azcli"), help="azcli to measure (default: on PATH)")
    parser.add_argument("--az", help="az to compare with (default: --az-venv's az, else az on PATH)")
    parser.add_argument("--install-az", action="store_true", help="pip-install azure-cli==2.91.0 into --az-venv")
    parser.add_argument("--az-venv", default=setup.DEFAULT_AZ_VENV, help="default " + setup.DEFAULT_AZ_VENV)
    parser.add_argument("--markdown-out", help="append the results section to this file (e.g. bench/RESULTS.md)")
    opts = parser.parse_args()
    if opts.runs < 1:
        parser.error("--runs must be at least 1")
    if not opts.azcli:
        sys.exit("compare: no azcli on PATH; pass --azcli")
    azcli = os.path.abspath(opts.azcli)
    az = setup.find_az(opts)
    for program in filter(None, (azcli, az)):
        if not os.access(program, os.X_OK):
            sys.exit("compare: {} is not an executable".format(program))
    if not az:
        print("compare: no az found (--az, --install-az, or az on PATH): the az column is SKIPPED", file=sys.stderr)
    python = setup.shebang_python(azcli)
    root = tempfile.mkdtemp(prefix="azcli-compare-")
    server = None
    try:
        server = setup.Server(azcli, os.path.join(root, "server"))
        az_env, served_env = setup.served_envs(azcli, az, root, server.details)
        envs = {"az": az_env, "served": served_env, "inproc": setup.in_process_env(azcli, root)}
        config_dirs = {p: envs[p]["AZCLI_CONFIG_DIR"] for p in ("served", "inproc")}
        bench = Bench(azcli, az, envs, config_dirs)
        programs = PROGRAMS if az else PROGRAMS[1:]
        skipped = {}
        for case in CASES:
            for program in programs:
                problem = bench.probe(case, program)
                if problem:
                    skipped[(case, program)] = problem
        jobs = [(case, p) for case in CASES for p in programs if (case, p) not in skipped]
        jobs += [("ref", number) for number in range(len(CASES))]
        jobs += [("floor", number) for number in range(3)]
        # What the SDK costs before azcli does anything: the floor under the API commands' budgets.
        fixed = {"ref": ("ref", [python, "-c", "pass"], "ref"),
                 "floor": ("floor", [python, "-c", SDK_FLOOR], "ref")}
        envs["ref"] = setup.clean_env()
        load_before = os.getloadavg()
        started = datetime.datetime.now().astimezone()
        samples = measure(bench, fixed, jobs, opts.runs)
        load_after = os.getloadavg()
    finally:
        if server:
            server.stop()
        setup.shutil.rmtree(root, ignore_errors=True)

    ref_wall = [w for job, (walls, _) in samples.items() if job[0] == "ref" for w in walls]
    ref_cpu = [c for job, (_, cpus) in samples.items() if job[0] == "ref" for c in cpus]
    floor_wall = [w for job, (walls, _) in samples.items() if job[0] == "floor" for w in walls]
    floor_cpu = [c for job, (_, cpus) in samples.items() if job[0] == "floor" for c in cpus]
    version, install = setup.describe_python(python)
    az_version = az and "{} {}".format(az, subprocess.run(
        [setup.shebang_python(az), "-c", "import azure.cli.core as c; print(c.__version__)"],
        capture_output=True, text=True, env=setup.clean_env()).stdout.strip())
    header = [
        "## az 2.91 vs azcli, interleaved (`{}`)".format(" ".join(["python bench/compare.py"] + sys.argv[1:])),
        "",
        "{} (took {:.0f} s); {}; Python {} ({}); az: {}.".format(
            started.strftime("%Y-%m-%d %H:%M %Z"), (datetime.datetime.now().astimezone() - started).total_seconds(),
            setup.machine(), version, install, az_version or "none found, its column skipped"),
        "{} timed rounds after 2 warm-up rounds, each round every case for every program plus `python -c pass` "
        "once per case, shuffled; load average {:.2f} before, {:.2f} after.".format(
            opts.runs, load_before[0], load_after[0]),
        "Reference `python -c pass` ({} runs): {} ms wall, {:.0f} ms CPU (medians). Milliseconds, whole process, "
        "median (min-max); overhead and ratio from medians (CPU: user + system time).".format(
            len(ref_wall), spread(ref_wall), statistics.median(ref_cpu)),
        "",
        "| case | az served | azcli served | azcli in-process | in-process - ref | azcli/az served | budget | result |",
        "|---|---|---|---|---|---|---|---|",
    ]
    rows = report_rows(samples, skipped, statistics.median(ref_wall), statistics.median(ref_cpu))
    lines = header + ["| " + " | ".join(row) + " |" for row in rows] + [""]
    lines.append("SDK floor: `python -c \"{}\"` alone, {} ms wall, {:+.0f} ms above the reference (CPU {:+.0f}): "
                 "what any command on the resource SDK pays before azcli runs a line.".format(
                     SDK_FLOOR, spread(floor_wall), statistics.median(floor_wall) - statistics.median(ref_wall),
                     statistics.median(floor_cpu) - statistics.median(ref_cpu)))
    lines.append("")
    for (case, _), problem in skipped.items():
        lines.append("\u00b9 az skipped for `{}`: its untimed check failed: {}".format(case[0], problem))
    lines.append("CPU is the measured process's own; the served cloud's server (same machine) is not counted. ")
    if az:
        lines[-1] += ("az's completion is argcomplete's `_ARGCOMPLETE` protocol; az has no names cache, so its "
                      "`group show -n <TAB>` asks the served cloud; azcli's names come from its completion cache.")
    text = "\n".join(lines) + "\n"
    print(text)
    if opts.markdown_out:
        with open(opts.markdown_out, "a", encoding="utf-8") as handle:
            handle.write("\n" + text)


if __name__ == "__main__":
    main()
