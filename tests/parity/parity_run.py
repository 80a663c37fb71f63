"""The machinery of the differential suite: the official az and azcli, each with its own config dir, signed
in to one served local cloud, run the same commands; parity_cases.py lists them.

az is found as $AZCLI_PARITY_AZ (what .ci/run installs, az 2.91.0), else `az` on PATH; without it every
test here skips. Every command of a phase runs before its tests look at the results, many at once (az
takes a second of CPU to start): phase 1 reads the state az made (`SETUP`); phase 2 runs the `SCENARIOS`,
each a sequence of commands that change the cloud, once per program with its own names ({p} is `zqa` for
az and `zqc` for azcli, and azcli's output is compared with `zqc` read as `zqa`).
"""
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.join(os.path.dirname(__file__), os.pardir, "served"))

from parity_cases import LATE_SCENARIOS, READ_CASES, SCENARIOS, SETUP, TEARDOWN  # noqa: E402

AZ = os.environ.get("AZCLI_PARITY_AZ") or shutil.which("az")
WORKERS = int(os.environ.get("AZCLI_PARITY_WORKERS", "6"))
PREFIX = {"az": "zqa", "azcli": "zqc"}


class Run:
    """One command's outcome, with azcli's own names read as az's."""

    def __init__(self, program, command, proc):
        self.program, self.command = program, command
        self.code = proc.returncode
        self.stdout, self.stderr = proc.stdout, proc.stderr
        if program == "azcli":
            self.stdout = self.stdout.replace(PREFIX["azcli"], PREFIX["az"])
            self.stderr = self.stderr.replace(PREFIX["azcli"], PREFIX["az"])

    def arm_code(self):
        """The ARM error code az prints as 'ERROR: (Code) message'."""
        m = re.search(r"\(([A-Za-z][A-Za-z0-9.]+)\)", self.stderr)
        return m.group(1) if m else None

    def __repr__(self):
        return "%s %s -> %s\nstdout: %s\nstderr: %s" % (self.program, self.command, self.code, self.stdout[:3000],
                                                         self.stderr[:1500])


class Programs:
    def __init__(self, root, served):
        self.values = {"sub": served.sub, "tenant": served.tenant}
        d = served.details
        env = {k: v for k, v in os.environ.items() if not k.startswith(("AZURE_", "AZCLI_"))}
        env.update({"REQUESTS_CA_BUNDLE": served.ca, "AZURE_CORE_INSTANCE_DISCOVERY": "false",
                    "AZURE_CORE_COLLECT_TELEMETRY": "false", "AZURE_CORE_ONLY_SHOW_ERRORS": "true",
                    "AZURE_CORE_NO_COLOR": "true", "AZURE_CORE_SURVEY_MESSAGE": "false",
                    "AZURE_CONFIG_DIR": str(root / "az"), "AZCLI_CONFIG_DIR": str(root / "azcli"),
                    "PYTHONWARNINGS": "ignore"})
        self.env = env
        self.cwd = str(root / "cwd")  # not the root: its azcli/ config dir would shadow the package for -m azcli
        os.makedirs(self.cwd, exist_ok=True)
        self.argv = {"az": [AZ], "azcli": [sys.executable, "-m", "azcli"]}
        login = [["cloud", "register", "-n", "parity", "--endpoint-resource-manager", d["resourceManager"],
                  "--endpoint-active-directory", d["activeDirectory"],
                  "--endpoint-active-directory-resource-id", d["activeDirectoryResourceId"]],
                 ["cloud", "set", "-n", "parity"],
                 ["login", "--service-principal", "-u", d["clientId"], "-p", d["clientSecret"],
                  "--tenant", d["tenantId"], "-o", "none"]]
        for program in self.argv:
            for args in login:
                proc = self.raw(program, args)
                assert proc.returncode == 0, (program, args, proc.stderr)

    def raw(self, program, args, stdin=None):
        return subprocess.run(self.argv[program] + args, env=self.env, capture_output=True, text=True,
                              timeout=180, input=stdin, cwd=self.cwd)

    def expand(self, program, command):
        values = dict(self.values, p=PREFIX[program])
        return [arg.format(**values) for arg in shlex.split(command)]

    def run(self, program, command):
        return Run(program, command, self.raw(program, self.expand(program, command)))

    def must(self, program, command):
        result = self.run(program, command)
        assert result.code == 0, result
        return result


def _phase(programs, pool, commands):
    """{(program, command): Run} for every command, both programs, all at once."""
    futures = {(program, c): pool.submit(programs.run, program, c) for c in commands for program in ("az", "azcli")}
    return {key: future.result() for key, future in futures.items()}


def _scenario(programs, program, steps):
    return [programs.run(program, step) for step in steps]


def _scenarios(programs, pool, scenarios):
    """Each scenario's steps in order, once per program; the scenarios and programs side by side."""
    futures = {(program, name): pool.submit(_scenario, programs, program, steps)
               for name, steps in scenarios.items() for program in ("az", "azcli")}
    results = {}
    for (program, name), future in futures.items():
        for number, (step, outcome) in enumerate(zip(scenarios[name], future.result())):
            results[(program, case_key(name, number, step))] = outcome
    return results



def case_key(scenario, number, step):
    return "%s #%02d: %s" % (scenario, number, step)


VOLATILE = {"etag", "createdAt", "lastModifiedAt", "timestamp", "createdTime", "changedTime", "creationTime",
            "expiresOn", "expires_on", "accessToken"}


def scrub(value):
    if isinstance(value, dict):
        return {k: scrub(v) for k, v in value.items() if k not in VOLATILE}
    if isinstance(value, list):
        return [scrub(v) for v in value]
    return value


def normalized(text):
    try:
        return scrub(json.loads(text))
    except ValueError:
        return text


def run_all(root):
    """Start a served cloud under root, run every phase; {(program, case): Run}."""
    from served_cloud import Served
    served = Served(root / "served")
    try:
        programs = Programs(root, served)
        for command in SETUP:
            programs.must("az", command)
        results = {}
        with ThreadPoolExecutor(WORKERS) as pool:
            results.update(_phase(programs, pool, READ_CASES))
            for command in TEARDOWN:
                programs.must("az", command)
            for scenarios in (SCENARIOS, LATE_SCENARIOS):
                results.update(_scenarios(programs, pool, scenarios))
        return results
    finally:
        served.stop()
