"""`azcli <group> [<command>] --help` without knack (framework/fast_help.py): byte for byte what the
knack path prints, for every group and command, or else knack answers.

The knack path is `azcli.__main__.run` (what main() falls back to); the fast path is `main()` (the
dispatch) and `fast_help.render` (to know that it really answered and did not fall back).
"""
import contextlib
import io
import json
import os
import subprocess
import sys

import pytest

from azcli.__main__ import run
from azcli.framework import fast_help, index_data
from runner import CLEARED_ENV, Result, _patched_environ, _reset_logging, run_cli


def knack(argv, config_dir, env=None):
    """The knack path in-process, captured like run_cli captures main()."""
    out, err = io.StringIO(), io.StringIO()
    with _patched_environ(config_dir, env), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        _reset_logging()
        try:
            code = run(list(argv))
        finally:
            _reset_logging()
    return Result(code, out.getvalue(), err.getvalue())


def fast(argv, config_dir, env=None):
    """fast_help.render under the same environment (None: it leaves the answer to knack)."""
    with _patched_environ(config_dir, env):
        return fast_help.render(list(argv))


def _same(argv, config_dir, env=None):
    expected, got = knack(argv, config_dir, env), run_cli(argv, config_dir, env=env)
    assert (got.exit_code, got.stdout, got.stderr) == (expected.exit_code, expected.stdout, expected.stderr), argv
    return expected


def _every_help_line():
    index = index_data.load()
    for group in sorted(index["groups"]):
        yield group.split() + ["--help"]
        yield group.split() + ["-h"]
        yield group.split()  # `azcli <group>` shows the group's help
    for command in sorted(index["commands"]):
        yield command.split() + ["--help"]


def test_every_group_and_command_help_is_knacks_byte_for_byte(tmp_path):
    config_dir = tmp_path / "azcli"
    rendered, left_to_knack = 0, []
    for argv in _every_help_line():
        expected = knack(argv, config_dir)
        assert expected.exit_code == 0 and expected.stderr == "" and expected.stdout, argv
        text = fast(argv, config_dir)
        if text is None:
            left_to_knack.append(" ".join(argv))
        else:
            assert text == expected.stdout, argv  # every character
            rendered += 1
        assert run_cli(argv, config_dir).stdout == expected.stdout, argv  # and main() dispatches it
    assert not left_to_knack and rendered == len(list(_every_help_line())) > 300


def test_the_examples_the_brief_names_are_rendered_fast(tmp_path):
    for argv in (["group", "--help"], ["group", "create", "--help"], ["storage", "account", "create", "--help"],
                 ["group"], ["group", "lock", "-h"]):
        assert fast(argv, tmp_path / "azcli") == knack(argv, tmp_path / "azcli").stdout


def _config(config_dir, text):
    os.makedirs(config_dir, exist_ok=True)
    (config_dir / "config").write_text(text)


@pytest.mark.parametrize("text,env", [
    ("", {"AZCLI_CORE_OUTPUT": "table"}),
    ("", {"AZCLI_CORE_OUTPUT": ""}),
    ("[core]\noutput = yamlc\n", None),
    ("[core]\noutput =\n", None),
    ("[DEFAULT]\noutput = tsv\n[core]\nhttp_timeout = 5\n", None),
    ("[cloud]\nname = AzureCloud\n[defaults]\n", None),
    ("[defaults]\ngroup = rg1\n", None),  # `group --help` has no argument with a configured default
])
def test_configuration_knack_reads_for_help(tmp_path, text, env):
    config_dir = tmp_path / "azcli"
    _config(config_dir, text)
    for argv in (["group", "--help"], ["group", "list", "--help"]):
        expected = _same(argv, config_dir, env)
        assert fast(argv, config_dir, env) == expected.stdout
    if env and "AZCLI_CORE_OUTPUT" in env:
        assert ("Default: table." in expected.stdout) == (env["AZCLI_CORE_OUTPUT"] == "table")


@pytest.mark.parametrize("text,env", [
    ("[defaults]\ngroup = rg1\n", None),
    ("", {"AZCLI_DEFAULTS_LOCATION": "westus"}),
    ("[core]\nno_color = true\n", None),
    ("[core]\nonly_show_errors = yes\n", None),
    ("[logging]\nenable_log_file = no\n", None),
    ("", {"AZCLI_LOGGING_LOG_DIR": "/nonexistent"}),
    ("", {"_ARGCOMPLETE": "1"}),
])
def test_configuration_that_changes_a_help_run_goes_to_knack(tmp_path, text, env):
    config_dir = tmp_path / "azcli"
    _config(config_dir, text)
    argv = ["group", "create", "--help"]
    assert fast(argv, config_dir, env) is None
    if "_ARGCOMPLETE" not in (env or {}):
        assert _same(argv, config_dir, env).exit_code == 0


def test_a_local_config_dir_with_defaults_goes_to_knack(tmp_path, monkeypatch):
    config_dir = tmp_path / "azcli"
    os.makedirs(config_dir)
    work = tmp_path / "work" / "deeper"
    _config(tmp_path / "work" / "azcli", "[defaults]\ngroup = localrg\n")
    os.makedirs(work)
    monkeypatch.chdir(work)
    assert fast(["group", "create", "--help"], config_dir) is None
    assert "localrg" in _same(["group", "create", "--help"], config_dir).stdout
    assert fast(["group", "--help"], config_dir) is not None


def test_a_config_file_knack_refuses_goes_to_knack(tmp_path):
    config_dir = tmp_path / "azcli"
    _config(config_dir, "no section header\n")
    assert fast(["group", "--help"], config_dir) is None
    assert _same(["group", "--help"], config_dir).exit_code == 1


def test_the_config_dir_is_created_as_knack_creates_it(tmp_path):
    config_dir = tmp_path / "new" / "azcli"
    assert run_cli(["group", "--help"], config_dir).exit_code == 0
    assert config_dir.is_dir() and (config_dir.stat().st_mode & 0o777) == 0o700


@pytest.mark.parametrize("argv", [
    ["group", "--help", "--debug"], ["group", "create", "--help", "-o", "table"], ["--debug", "group", "--help"],
    ["group", "-h", "create"], ["nosuch", "--help"], ["group", "nosuch", "--help"], ["GROUP", "--help"],
    ["group", "--verbose"], ["group", "create"], ["group", "list"], ["group", "create --help"],
])
def test_anything_else_goes_to_knack(tmp_path, argv):
    config_dir = tmp_path / "azcli"
    assert fast(argv, config_dir) is None
    _same(argv, config_dir)


class _Terminal(io.StringIO):
    def isatty(self):
        return True


@pytest.mark.parametrize("argv", [["deployment", "create", "--help"], ["group", "deployment", "--help"],
                                  ["group", "deployment", "operation", "list", "--help"]])
def test_a_deprecated_item_on_a_terminal_goes_to_knack_which_colours_it(tmp_path, argv, monkeypatch):
    config_dir = tmp_path / "azcli"
    plain = fast(argv, config_dir)
    assert "WARNING: This command" in plain
    monkeypatch.setattr(sys, "stderr", _Terminal())
    assert fast(argv, config_dir) is None
    assert fast(argv, config_dir, {"NO_COLOR": "1"}) == plain
    assert fast(["group", "--help"], config_dir) is not None  # nothing to colour


def test_an_unknown_command_is_still_a_usage_error(tmp_path):
    result = _same(["nosuch", "--help"], tmp_path / "azcli")
    assert result.exit_code == 2 and result.stderr.startswith("ERROR:") and result.stdout == ""


WRAPPER = """
import atexit, json, runpy, sys
def report():
    heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("knack", "argparse", "yaml", "azure"))
    sys.stderr.write(json.dumps(heavy))
atexit.register(report)
sys.argv = ["azcli"] + sys.argv[1:]
runpy.run_module("azcli", run_name="__main__", alter_sys=True)
"""


@pytest.mark.parametrize("argv", [["group", "--help"], ["group", "create", "--help"], ["group"],
                                  ["storage", "account", "create", "-h"]])
def test_help_in_a_process_of_its_own_imports_no_knack_argparse_yaml_nor_azure(tmp_path, argv):
    env = {k: v for k, v in os.environ.items() if k not in CLEARED_ENV and not k.startswith(("AZCLI_", "_ARG"))}
    env["AZCLI_CONFIG_DIR"] = str(tmp_path / "azcli")
    proc = subprocess.run([sys.executable, "-c", WRAPPER] + argv, env=env, capture_output=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stderr.decode()) == []
    assert proc.stdout.decode() == knack(argv, tmp_path / "azcli").stdout
