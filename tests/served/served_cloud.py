"""The served local cloud for tests: `python -m azcli local serve --port 0` as a real subprocess.

The server's JSON line gives the endpoints, the built-in principal and the CA; clients talk to it over
HTTPS on loopback exactly as they would to Azure. Every server started here is stopped at teardown
(terminate, wait, kill), and on Linux it also dies with the test process (PR_SET_PDEATHSIG).
"""
import json
import os
import selectors
import signal
import subprocess
import sys
import time

STARTUP_TIMEOUT = 60  # seconds; generous for a loaded 2-core CI machine


def _die_with_parent():
    """Runs in the child before exec: SIGTERM it when the test process goes away (Linux only)."""
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        PR_SET_PDEATHSIG = 1
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except Exception:  # pylint: disable=broad-except
        pass


def server_env(config_dir, extra=None):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("AZCLI_", "AZURE_")) and k not in ("REQUESTS_CA_BUNDLE", "SSL_CERT_FILE")}
    env["AZCLI_CONFIG_DIR"] = str(config_dir)
    env.update({k: str(v) for k, v in (extra or {}).items()})
    return env


class Served:
    """One `azcli local serve` process and its connection details."""

    def __init__(self, config_dir, args=(), env=None):
        self.config_dir = str(config_dir)
        os.makedirs(self.config_dir, exist_ok=True)
        self.stderr_path = os.path.join(self.config_dir, "serve.stderr")
        self._stderr = open(self.stderr_path, "wb")
        kwargs = {"preexec_fn": _die_with_parent} if sys.platform.startswith("linux") else {}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "azcli", "local", "serve", "--port", "0", *args],
            env=server_env(self.config_dir, env), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
            stderr=self._stderr, **kwargs)
        try:
            self.details = json.loads(self._read_line())
        except BaseException:
            self.stop()
            raise
        self.base = self.details["resourceManager"].rstrip("/")
        self.ca = self.details["caCertPath"]
        self.tenant = self.details["tenantId"]
        self.sub = self.details["subscriptionId"]

    def _read_line(self):
        deadline = time.monotonic() + STARTUP_TIMEOUT
        fd = self.proc.stdout.fileno()
        buffer = b""
        with selectors.DefaultSelector() as selector:
            selector.register(fd, selectors.EVENT_READ)
            while b"\n" not in buffer:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError("azcli local serve printed no JSON line in %ds; stderr: %s"
                                         % (STARTUP_TIMEOUT, self.read_stderr()))
                if not selector.select(remaining):
                    continue
                chunk = os.read(fd, 65536)
                if not chunk:
                    self.proc.wait(10)
                    raise AssertionError("azcli local serve exited with %s before serving; stderr: %s"
                                         % (self.proc.returncode, self.read_stderr()))
                buffer += chunk
        line, _, rest = buffer.partition(b"\n")
        assert not rest, "more than one line on stdout: %r" % buffer
        return line.decode("utf-8")

    def read_stderr(self):
        with open(self.stderr_path, "rb") as handle:
            return handle.read().decode("utf-8", "replace")

    def stop(self, sig=signal.SIGTERM, timeout=15):
        """Signal the server, wait for it (kill if it hangs); returns the exit code."""
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
                raise AssertionError("azcli local serve did not stop within %ds of %s" % (timeout, sig))
        if self.proc.stdout is not None:
            self.proc.stdout.close()
        self._stderr.close()
        return self.proc.returncode

    # --- clients -------------------------------------------------------------------------
    def credential(self, **kwargs):
        from azure.identity import ClientSecretCredential
        return ClientSecretCredential(self.tenant, self.details["clientId"], self.details["clientSecret"],
                                      authority=self.details["activeDirectory"], disable_instance_discovery=True,
                                      connection_verify=self.ca, **kwargs)

    def client(self, client_cls, subscription=True, credential=None, **kwargs):
        """An official management client against the served cloud, verifying TLS with its CA."""
        kwargs.setdefault("connection_verify", self.ca)
        kwargs.setdefault("base_url", self.details["resourceManager"])
        kwargs.setdefault("credential_scopes", [self.details["activeDirectoryResourceId"] + ".default"])
        credential = credential or self.credential()
        if subscription:
            return client_cls(credential, self.sub, **kwargs)
        return client_cls(credential, **kwargs)

    def session(self):
        """A requests Session trusting the CA, with a bearer token for ARM."""
        import requests
        session = requests.Session()
        session.trust_env = False  # no REQUESTS_CA_BUNDLE overriding verify, no proxy for loopback
        session.verify = self.ca
        token = self.credential().get_token(self.details["activeDirectoryResourceId"] + ".default").token
        session.headers["Authorization"] = "Bearer " + token
        return session
