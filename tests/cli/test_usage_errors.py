"""Usage errors exit 2 with one ERROR line and no traceback."""


def _assert_usage_error(result):
    assert result.exit_code == 2, result
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("ERROR:") or "ERROR:" in result.stderr.splitlines()[0]
    assert result.stdout == ""


def test_unknown_command(cli):
    _assert_usage_error(cli("gruop list"))


def test_unknown_subcommand(cli):
    _assert_usage_error(cli("group frobnicate"))


def test_unknown_argument(cli):
    _assert_usage_error(cli("group list --bogus"))


def test_missing_required_argument(cli):
    _assert_usage_error(cli("group show"))


def test_invalid_query(cli):
    _assert_usage_error(cli(["group", "list", "--query", "[?name=="]))


def test_invalid_output_format(cli):
    _assert_usage_error(cli("group list -o xml"))


def test_signed_out_command_is_auth_error(cli):
    result = cli("group list")
    assert result.exit_code == 4, result
    assert "azcli login" in result.stderr
    assert "Traceback" not in result.stderr


def test_broken_config_file_is_one_error_line(cli):
    import os
    os.makedirs(cli.config_dir, exist_ok=True)
    with open(os.path.join(cli.config_dir, "config"), "w") as handle:
        handle.write("no section header\n")
    result = cli("group list")
    assert result.exit_code == 1
    assert result.stderr.startswith("ERROR: The config file is not valid")
    assert len(result.stderr.strip().splitlines()) == 1


def test_group_alone_shows_its_help(cli):
    result = cli("group")
    assert result.exit_code == 0
    assert "azcli group" in result.stdout and "create" in result.stdout
