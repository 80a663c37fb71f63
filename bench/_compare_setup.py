"""Setup for bench/compare.py: az's venv, the served local cloud, throwaway config dirs signed in, the data.

az is pointed at the served cloud exactly as tests/served/test_served_az.py and tests/parity/parity_run.py
do it: its own AZURE_CONFIG_DIR, REQUESTS_CA_BUNDLE=<the server's ca.pem>, AZURE_CORE_INSTANCE_DISCOVERY=false
(and telemetry, survey, colour off, only errors shown), `az cloud register` with the three endpoints from the
server's JSON line, `az cloud set`, `az login --service-principal` as the built-in principal. The served azcli
config dir is signed in the same way (same environment, same commands), as parity_run.py does.
"""
import json
import os
import platform
import selectors
import shutil
import signal
import subprocess
import sys
import time

AZ_VERSION = "2.91.0"
DEFAULT_AZ_VENV = os.path.join(os.path.expanduser("~"), ".cache", "azcli-bench", "az291")
GROUP, VNET = "bench", "vnet1"
SERVE_TIMEOUT = 60
AZ_SETTINGS = {"AZURE_CORE_INSTANCE_DISCOVERY": "false", "AZURE_CORE_COLLECT_TELEMETRY": "false",
               "AZURE_CORE_SURVEY_MESSAGE": "false", "AZURE_CORE_ONLY_SHOW_ERRORS": "true",
               "AZURE_CORE_NO_COLOR": "true"}


def clean_env(**extra):
    """os.environ without the caller's Azure/azcli settings or CA overrides, plus extra."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("AZURE_", "AZCLI_", "_AZCLI_", "_ARGCOMPLETE")) and k not in (
               "REQUESTS_CA_BUNDLE", "SSL_CERT_FILE", "COMP_LINE", "COMP_POINT")}
    env.update(extra)
    return env


def must(cmd, env, what=None):
    """Run a setup command; abort loudly (with its output) when it fails. Returns its stdout."""
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600, stdin=subprocess.DEVNULL)
    if proc.returncode != 0:
        sys.exit("compare: FAILED ({}): {} -> exit {}\nstdout: {}\nstderr: {}".format(
            what or "setup", " ".join(cmd), proc.returncode, proc.stdout[-2000:], proc.stderr[-3000:]))
    return proc.stdout


def install_az(venv):
    """Create venv and pip-install azure-cli==AZ_VERSION into it unless a working one is there already."""
    az, python = os.path.join(venv, "bin", "az"), os.path.join(venv, "bin", "python")
    if os.access(az, os.X_OK) and subprocess.run([python, "-c", "import azure.cli.core"],
                                                 capture_output=True).returncode == 0:
        return az
    shutil.rmtree(venv, ignore_errors=True)
    os.makedirs(os.path.dirname(venv), exist_ok=True)
    print("compare: installing azure-cli=={} into {} (a few minutes)".format(AZ_VERSION, venv), file=sys.stderr)
    must([sys.executable, "-m", "venv", venv], clean_env(), "python -m venv")
    must([python, "-m", "pip", "install", "-q", "azure-cli==" + AZ_VERSION], clean_env(), "pip install azure-cli")
    return az


def find_az(opts):
    """The az to measure: --az, else (after --install-az if asked) the venv's az, else az on PATH, else None."""
    if opts.install_az:
        install_az(opts.az_venv)
    if opts.az:
        return opts.az
    venv_az = os.path.join(opts.az_venv, "bin", "az")
    return venv_az if os.access(venv_az, os.X_OK) else shutil.which("az")


def shebang_python(script):
    with open(script, encoding="utf-8") as handle:
        return handle.readline()[2:].strip()


def _die_with_parent():
    """In the server before exec: SIGTERM it if the benchmark dies without stopping it (Linux; as the tests do)."""
    try:
        import ctypes
        ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class Server:
    """`azcli local serve --port 0` (the measured azcli) on its own config dir, in the background."""

    def __init__(self, azcli, config_dir):
        os.makedirs(config_dir, exist_ok=True)
        self.stderr = open(os.path.join(config_dir, "serve.stderr"), "w+b")
        self.proc = subprocess.Popen([azcli, "local", "serve", "--port", "0"], stdin=subprocess.DEVNULL,
                                     env=clean_env(AZCLI_CONFIG_DIR=config_dir), stdout=subprocess.PIPE,
                                     stderr=self.stderr, preexec_fn=_die_with_parent)
        self.details = json.loads(self._first_line())

    def _first_line(self):
        buffer, deadline = b"", time.monotonic() + SERVE_TIMEOUT
        with selectors.DefaultSelector() as selector:
            selector.register(self.proc.stdout, selectors.EVENT_READ)
            while b"\n" not in buffer:
                remaining = deadline - time.monotonic()
                ready = remaining > 0 and selector.select(remaining)
                chunk = os.read(self.proc.stdout.fileno(), 65536) if ready else b""
                if not chunk:  # timed out, or the server exited
                    self.stop()
                    with open(self.stderr.name, encoding="utf-8", errors="replace") as handle:
                        sys.exit("compare: azcli local serve did not start: " + handle.read())
                buffer += chunk
        return buffer.split(b"\n", 1)[0].decode()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        self.proc.stdout.close()
        self.stderr.close()


def add_data(azcli, env):
    """The same data in either cloud: a group, a vnet with a subnet, two managed identities."""
    for args in (["group", "create", "-n", GROUP, "-l", "westus"],
                 ["network", "vnet", "create", "-g", GROUP, "-n", VNET, "--address-prefixes", "10.0.0.0/16",
                  "--subnet-name", "s1", "--subnet-prefixes", "10.0.0.0/24"],
                 ["identity", "create", "-g", GROUP, "-n", "id1"],
                 ["resource", "create", "-g", GROUP, "-n", "id2", "-l", "westus", "-p", "{}",
                  "--resource-type", "Microsoft.ManagedIdentity/userAssignedIdentities"]):
        must([azcli] + args + ["-o", "none"], env, "creating the benchmark's data")


def in_process_env(azcli, root):
    """A config dir signed in to the in-process local cloud (`azcli login --local`), with the data."""
    env = clean_env(AZCLI_CONFIG_DIR=os.path.join(root, "azcli-inproc"))
    must([azcli, "login", "--local", "-o", "none"], env, "azcli login --local")
    add_data(azcli, env)
    return env


def served_envs(azcli, az, root, details):
    """(az env or None, azcli env): both signed in to the served cloud; the data made with azcli."""
    common = clean_env(REQUESTS_CA_BUNDLE=details["caCertPath"], PYTHONWARNINGS="ignore", **AZ_SETTINGS)
    envs = {"azcli": dict(common, AZCLI_CONFIG_DIR=os.path.join(root, "azcli-served"))}
    if az:
        envs["az"] = dict(common, AZURE_CONFIG_DIR=os.path.join(root, "az"))
    login = [["cloud", "register", "-n", "azcli-local", "--endpoint-resource-manager", details["resourceManager"],
              "--endpoint-active-directory", details["activeDirectory"],
              "--endpoint-active-directory-resource-id", details["activeDirectoryResourceId"]],
             ["cloud", "set", "-n", "azcli-local"],
             ["login", "--service-principal", "-u", details["clientId"], "-p", details["clientSecret"],
              "--tenant", details["tenantId"], "-o", "none"]]
    for program, env in envs.items():
        for args in login:
            must([az if program == "az" else azcli] + args, env, "signing {} in to the served cloud".format(program))
    add_data(azcli, envs["azcli"])
    return envs.get("az"), envs["azcli"]


def describe_python(python):
    """(version, 'site-packages' or 'editable ...') of the interpreter behind the azcli script."""
    out = subprocess.run([python, "-c", "import sys, azcli; print(sys.version.split()[0]); print(azcli.__file__)"],
                         capture_output=True, text=True, env=clean_env()).stdout.split("\n")
    version, location = (out + ["?", "?"])[:2]
    return version, ("non-editable install" if "site-packages" in location else "EDITABLE install ({})".format(
        os.path.dirname(location)))


def machine():
    """'CPU model, N cores, OS' from /proc/cpuinfo."""
    model = platform.processor() or "unknown CPU"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            model = next(line.split(":", 1)[1].strip() for line in handle if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return "{}, {} cores, {} {}".format(model, os.cpu_count(), platform.system(), platform.release())
