"""The installed `azcli` console script, one process per command: state persists between them."""
import os
import shutil
import subprocess
import sys

import pytest


def _azcli_path():
    candidate = os.path.join(os.path.dirname(sys.executable), "azcli")
    return candidate if os.path.exists(candidate) else shutil.which("azcli")


@pytest.fixture
def azcli(tmp_path):
    exe = _azcli_path()
    assert exe, "the azcli console script is not installed"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AZCLI_", "AZURE_"))}
    env["AZCLI_CONFIG_DIR"] = str(tmp_path / "cfg")

    def run(*args, expect=0):
        proc = subprocess.run([exe, *args], env=env, capture_output=True, text=True, timeout=60)
        assert "Traceback" not in proc.stderr, proc.stderr
        if expect is not None:
            assert proc.returncode == expect, (args, proc.returncode, proc.stdout, proc.stderr)
        return proc
    return run


def test_done_when_sequence(azcli):
    azcli("login", "--local")
    created = azcli("group", "create", "-n", "demo", "-l", "westus")
    assert '"provisioningState": "Succeeded"' in created.stdout
    assert "demo" in azcli("group", "list", "-o", "table").stdout
    assert azcli("group", "show", "-n", "demo", "--query", "location", "-o", "tsv").stdout == "westus\n"
    assert azcli("group", "exists", "-n", "demo").stdout.strip() == "true"
    azcli("group", "delete", "-n", "demo", "--yes")
    assert azcli("group", "exists", "-n", "demo").stdout.strip() == "false"


def test_errors_and_exit_codes(azcli):
    azcli("login", "--local")
    missing = azcli("group", "show", "-n", "missing", expect=3)
    assert missing.stderr.count("\n") == 1 and "ResourceGroupNotFound" in missing.stderr
    azcli("group", "list", "--query", "[?", expect=2)
    azcli("nosuchcommand", expect=2)
    azcli("group", "list", "--nosuchargument", expect=2)


def test_closed_pipe_ends_quietly(azcli, tmp_path):
    azcli("login", "--local")
    from runner import run_cli
    for i in range(400):  # enough output to overflow the pipe buffer once `head` has gone
        assert run_cli(["group", "create", "-n", "g{}".format(i), "-l", "westus", "-o", "none"],
                       tmp_path / "cfg").exit_code == 0
    env = dict(os.environ, AZCLI_CONFIG_DIR=str(tmp_path / "cfg"))
    # A pipeline's status is head's; PIPESTATUS[0] is azcli's own, the one that must be 0.
    proc = subprocess.run(["bash", "-c", "'{}' group list -o json | head -n 1; exit \"${{PIPESTATUS[0]}}\""
                           .format(_azcli_path())], capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "[\n"
    assert proc.stderr == ""


def test_ctrl_c_exits_130_quietly(azcli, tmp_path):
    import signal
    import threading
    azcli("login", "--local")
    env = dict(os.environ, AZCLI_CONFIG_DIR=str(tmp_path / "cfg"))
    # --debug shows each poll of the group; Ctrl-C is sent once the command is in its wait loop (a
    # signal that lands while the interpreter is still starting up may be lost to an import).
    # A test run started in the background of a non-interactive shell inherits SIGINT as ignored, and
    # Python keeps an inherited SIG_IGN: give the child the default disposition, as a terminal would.
    proc = subprocess.Popen([_azcli_path(), "group", "wait", "-n", "never", "--exists", "--interval", "1",
                             "--timeout", "60", "--debug"],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    polling = threading.Event()
    stderr_lines = []

    def read_stderr():
        for line in proc.stderr:
            stderr_lines.append(line)
            if "resourcegroups/never" in line.lower():
                polling.set()
    reader = threading.Thread(target=read_stderr, daemon=True)
    reader.start()
    assert polling.wait(60), "".join(stderr_lines)
    proc.send_signal(signal.SIGINT)
    out = proc.stdout.read()
    assert proc.wait(timeout=20) == 130, "".join(stderr_lines)
    reader.join(10)
    assert out == "" and "Traceback" not in "".join(stderr_lines)


def test_confirmation_prompt_goes_to_stderr(azcli, tmp_path):
    import pty
    azcli("login", "--local")
    azcli("group", "create", "-n", "ask", "-l", "westus", "-o", "none")
    master, slave = pty.openpty()
    env = dict(os.environ, AZCLI_CONFIG_DIR=str(tmp_path / "cfg"))
    proc = subprocess.Popen([_azcli_path(), "group", "delete", "-n", "ask"], stdin=slave,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    os.write(master, b"y\n")
    out, err = proc.communicate(timeout=30)
    os.close(master)
    os.close(slave)
    assert proc.returncode == 0, err
    assert out == b""
    assert b"(y/n)" in err
    assert azcli("group", "exists", "-n", "ask").stdout.strip() == "false"


def _run_on_tty(args, env):
    """Run azcli with stdout and stderr on a pseudo-terminal; returns (exit code, bytes written)."""
    import pty
    master, slave = pty.openpty()
    proc = subprocess.Popen([_azcli_path(), *args], stdin=subprocess.DEVNULL, stdout=slave, stderr=slave, env=env)
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    return proc.wait(timeout=30), b"".join(chunks)


def test_colour_only_on_a_terminal_and_never_with_no_color(azcli, tmp_path):
    azcli("login", "--local")
    azcli("group", "create", "-n", "colour", "-l", "westus", "-o", "none")
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    env["AZCLI_CONFIG_DIR"] = str(tmp_path / "cfg")
    code, coloured = _run_on_tty(["group", "show", "-n", "colour", "-o", "jsonc"], env)
    assert code == 0 and b"\x1b[" in coloured
    code, plain = _run_on_tty(["group", "show", "-n", "colour", "-o", "jsonc"], dict(env, NO_COLOR="1"))
    assert code == 0 and b"\x1b[" not in plain and b'"name": "colour"' in plain
    piped = azcli("group", "show", "-n", "colour", "-o", "jsonc").stdout
    assert "\x1b[" not in piped


def test_the_installed_launcher_imports_nothing_before_azcli(tmp_path):
    """bin/azcli, not a console_scripts wrapper (which imports re first): `--version` imports no re."""
    env = dict(os.environ, PYTHONPROFILEIMPORTTIME="1", AZCLI_CONFIG_DIR=str(tmp_path))
    proc = subprocess.run([_azcli_path(), "--version"], env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and proc.stdout.startswith("azcli ")
    names = [line.rsplit("|", 1)[1].strip() for line in proc.stderr.splitlines() if line.startswith("import time:")]
    imported = set(names[names.index("site") + 1:])  # after start-up (an editable install's finder loads re there)
    assert "azcli.__main__" in imported
    assert not imported & {"re", "enum", "knack", "azure"}, sorted(imported)
