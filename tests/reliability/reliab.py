"""Helpers of the reliability tests: azcli as a real subprocess signed in to a served local cloud, figures."""
import contextlib
import json
import os
import socket
import subprocess
import sys
import threading

from served_cloud import Served, server_env

LONG = os.environ.get("AZCLI_LONG_TESTS") == "1"


def figure(name, **values):
    """Print one figure line (pytest -s shows them; README's Reliability section quotes them)."""
    print("\nRELIABILITY %s %s" % (name, json.dumps(values, sort_keys=True)), flush=True)


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


class Client:
    """`azcli` subprocesses on their own config dir, signed in to a served cloud as its built-in principal."""

    def __init__(self, config_dir, served):
        self.config_dir = str(config_dir)
        self.ca = served.ca
        details = served.details
        self.ok("cloud", "register", "-n", "served", "--endpoint-resource-manager", details["resourceManager"])
        self.ok("cloud", "set", "-n", "served")
        self.ok("login", "--service-principal", "-u", details["clientId"], "-p", details["clientSecret"],
                "-t", details["tenantId"], "-o", "none")

    def env(self, extra=None):
        return server_env(self.config_dir, dict({"REQUESTS_CA_BUNDLE": self.ca}, **(extra or {})))

    def run(self, *args, env=None, timeout=300):
        return subprocess.run([sys.executable, "-m", "azcli", *args], env=self.env(env), stdin=subprocess.DEVNULL,
                              capture_output=True, text=True, timeout=timeout)

    def ok(self, *args, env=None):
        proc = self.run(*args, env=env)
        assert proc.returncode == 0, (args, proc.returncode, proc.stderr[-3000:])
        return proc


def restart(served, *args, env=None):
    """Stop served (SIGTERM) and start it again on the same port and config dir, with new arguments."""
    port = served.details["port"]
    served.stop()
    return Served(served.config_dir, ("--port", str(port)) + tuple(args), env)


def no_traceback(text):
    return "Traceback (most recent call last)" not in text


def write_json(path, data):
    with open(str(path), "w", encoding="utf-8") as handle:
        json.dump(data, handle)
    return str(path)


SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"


def two_resource_template():
    """A small deployment: two network security groups named after a `prefix` parameter."""
    return {"$schema": SCHEMA, "contentVersion": "1.0.0.0",
            "parameters": {"prefix": {"type": "string"}},
            "resources": [{"type": "Microsoft.Network/networkSecurityGroups", "apiVersion": "2024-05-01",
                           "name": "[format('{0}-{1}', parameters('prefix'), copyIndex())]", "location": "westus",
                           "copy": {"name": "two", "count": 2}, "properties": {}}],
            "outputs": {"first": {"type": "string", "value": "[format('{0}-0', parameters('prefix'))]"}}}


@contextlib.contextmanager
def silent_server(port, backlog=16):
    """A listener on 127.0.0.1:port that accepts connections and never answers."""
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", port))
    listener.listen(backlog)
    held = []
    threading.Thread(target=lambda: [held.append(listener.accept()) for _ in range(backlog)], daemon=True).start()
    try:
        yield
    finally:
        listener.close()
