"""The azcli process defers asyncio, ssl and subprocess (deferred_imports.py): a command against the
in-process local cloud never executes them, and a module that is used works as if imported eagerly."""
import json
import os
import subprocess
import sys

import pytest

from runner import CLEARED_ENV, run_cli

PROBE = """
import atexit, json, sys
def report():
    kinds = {m: type(sys.modules[m]).__name__ if m in sys.modules else None for m in ("asyncio", "ssl", "subprocess")}
    sys.__stderr__.write("\\nPROBE " + json.dumps(kinds) + "\\n")
atexit.register(report)
sys.argv = ["azcli"] + sys.argv[1:]
from azcli.__main__ import entry
entry()
"""


def _probe(argv, config_dir, code=PROBE):
    env = {k: v for k, v in os.environ.items() if k not in CLEARED_ENV and not k.startswith("AZCLI_")}
    env["AZCLI_CONFIG_DIR"] = str(config_dir)
    proc = subprocess.run([sys.executable, "-c", code] + argv, env=env, capture_output=True, text=True, timeout=120)
    kinds = json.loads(proc.stderr.rsplit("PROBE ", 1)[1])
    return proc, kinds


@pytest.fixture(scope="module")
def signed_in(tmp_path_factory):
    config_dir = tmp_path_factory.mktemp("deferred") / "azcli"
    for argv in (["login", "--local"], ["group", "create", "-n", "alpha", "-l", "westus"]):
        assert run_cli(argv, config_dir).exit_code == 0
    return config_dir


def test_an_in_process_api_command_never_executes_the_deferred_modules(signed_in):
    proc, kinds = _probe(["group", "list", "--query", "[].name", "-o", "table"], signed_in)  # the SDK's path
    assert proc.returncode == 0 and proc.stdout.split() == ["Result", "--------", "alpha"]
    # imported (registered) by the SDK, but their code never ran
    assert kinds["asyncio"] == "_LazyModule" and kinds["ssl"] == "_LazyModule", kinds
    proc, kinds = _probe(["group", "list", "--query", "[].name", "-o", "json"], signed_in)  # plain_reads.py
    assert proc.returncode == 0 and json.loads(proc.stdout) == ["alpha"]
    assert kinds["asyncio"] is None and kinds["ssl"] is None, kinds


def test_a_deferred_module_that_is_used_is_complete(signed_in):
    code = PROBE.replace("entry()", "from azcli.deferred_imports import install\ninstall()\nimport asyncio, ssl\n"
                                    "assert type(asyncio).__name__ == type(ssl).__name__ == '_LazyModule'\n"
                                    "assert asyncio.run(asyncio.sleep(0, 'ok')) == 'ok'\n"
                                    "assert ssl.create_default_context().verify_mode == ssl.CERT_REQUIRED\nentry()")
    proc, kinds = _probe(["group", "list", "-o", "none"], signed_in, code)
    assert proc.returncode == 0, proc.stderr
    assert kinds["asyncio"] == "module" and kinds["ssl"] == "module"


def test_importing_azcli_as_a_library_defers_nothing():
    code = "import sys, azcli.__main__, asyncio; print(type(sys.modules['asyncio']).__name__)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "module"
