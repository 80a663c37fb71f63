"""Bad input never hurts: a usage error or one ERROR line, before any request, and no traceback."""
import os
import subprocess
import sys

import pytest


def _one_error_line(result, code):
    assert result.exit_code == code, result
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("ERROR: "), result.stderr
    assert "Traceback" not in result.stderr


def test_invalid_output_format_from_the_environment_or_the_config_file(cli):
    # signed out: refused before any request would be tried (which would exit 4)
    result = cli("group list", env={"AZCLI_CORE_OUTPUT": "xml"})
    _one_error_line(result, 2)
    assert "'xml'" in result.stderr and "AZCLI_CORE_OUTPUT" in result.stderr
    os.makedirs(cli.config_dir, exist_ok=True)
    with open(os.path.join(cli.config_dir, "config"), "w") as handle:
        handle.write("[core]\noutput = xml\n")
    result = cli("group list")
    _one_error_line(result, 2)
    assert "[core] output" in result.stderr


def test_config_set_refuses_an_unknown_output_format(cli):
    _one_error_line(cli("config set core.output=xml"), 2)
    assert cli("config set core.output=Table").exit_code == 0
    assert cli("config get core.output --query value -o tsv").stdout.strip().lower() == "table"


def test_closed_stdout_is_no_traceback(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("AZCLI_")}
    env["AZCLI_CONFIG_DIR"] = str(tmp_path / "cfg")
    run = [sys.executable, "-m", "azcli"]
    assert subprocess.run(run + ["login", "--local", "-o", "none"], env=env, capture_output=True).returncode == 0
    quiet = subprocess.run(run + ["group", "list", "-o", "none"], env=env, stderr=subprocess.PIPE, text=True,
                           preexec_fn=lambda: os.close(1))  # the shell's `>&-`
    assert quiet.returncode == 0 and quiet.stderr == ""
    loud = subprocess.run(run + ["group", "list"], env=env, stderr=subprocess.PIPE, text=True,
                          preexec_fn=lambda: os.close(1))
    assert loud.returncode == 1 and "Traceback" not in loud.stderr
    assert loud.stderr.strip() == "ERROR: The output could not be written: stdout is closed."


def test_a_missing_parameters_file_is_named(local_cli):
    assert local_cli("group create -n bf -l westus -o none").exit_code == 0
    result = local_cli(["resource", "create", "-g", "bf", "-n", "a", "--resource-type",
                        "Microsoft.Compute/availabilitySets", "-p", "@/missing/file.json"])
    _one_error_line(result, 2)
    assert "'/missing/file.json' could not be read" in result.stderr


@pytest.mark.parametrize("args", [["group", "show", "-n", ""], ["group", "show", "-n", "a/b"],
                                  ["group", "delete", "-n", "a/b", "--yes"],
                                  ["resource", "show", "-g", "g", "-n", "x/y", "--resource-type", "A.B/c"],
                                  ["lock", "show", "-n", ""]])
def test_names_that_are_no_id_segment_are_usage_errors(cli, args):
    # signed out: a request would exit 4; the usage error comes first
    _one_error_line(cli(args), 2)


def test_an_invalid_tags_value_is_one_error_line(local_cli):
    result = local_cli(["group", "create", "-n", "t", "-l", "westus", "--tags", "=x"])
    _one_error_line(result, 2)
    assert "usage:" not in result.stderr


def test_a_query_failing_at_run_time_names_the_query(local_cli):
    assert local_cli("group create -n q1 -l westus --tags a=b -o none").exit_code == 0
    result = local_cli(["group", "list", "--query", "sort_by(@, &tags)"])
    _one_error_line(result, 2)
    assert result.stderr.startswith("ERROR: Invalid jmespath query supplied for `--query`: In function sort_by()")
