"""`azcli local serve` arguments and its state file (issue 13): an empty --host is a usage error (exit 2,
no traceback); a second server on the same config dir stops with an error and leaves the first's
localcloud-serve.json alone, before and after it exits."""
import json
import os
import subprocess
import sys

from served_cloud import server_env

STATE_FILE = "localcloud-serve.json"


def run_serve(config_dir, *args):
    return subprocess.run([sys.executable, "-m", "azcli", "local", "serve", *args], env=server_env(config_dir),
                          capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)


def test_empty_host_is_a_usage_error(tmp_path):
    for host in ("", " "):
        proc = run_serve(tmp_path / "cfg", "--host", host, "--port", "0")
        assert proc.returncode == 2, proc
        assert "--host" in proc.stderr and "Traceback" not in proc.stderr and proc.stdout == ""


def test_a_second_server_on_the_same_config_dir_leaves_the_first_alone(start_served):
    first = start_served()
    state_path = os.path.join(first.config_dir, STATE_FILE)
    with open(state_path, encoding="utf-8") as handle:
        state = json.load(handle)
    assert state["pid"] == first.proc.pid and state["port"] == first.details["port"]
    second = run_serve(first.config_dir, "--port", "0")
    assert second.returncode == 6, second  # conflict
    assert "already served by process %d" % first.proc.pid in second.stderr and second.stdout == ""
    assert "Traceback" not in second.stderr
    with open(state_path, encoding="utf-8") as handle:
        assert json.load(handle) == state  # neither overwritten nor removed
    shown = subprocess.run([sys.executable, "-m", "azcli", "local", "show"], env=server_env(first.config_dir),
                           capture_output=True, text=True, timeout=60)
    assert json.loads(shown.stdout)["port"] == first.details["port"]
    assert first.stop() == 0
    assert not os.path.exists(state_path)  # the first removes its own file on exit
    third = start_served(config_dir=first.config_dir)  # and the dir can be served again
    assert third.details["port"]
