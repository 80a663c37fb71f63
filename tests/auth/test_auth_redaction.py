"""Secret arguments never reach --debug output, however argparse lets the user spell them.

The secret marks come from the parser's option table (``secret=True`` in a module's _params.py, via
the command index); the spellings are checked against argparse itself."""
import argparse

import pytest

from azcli.framework import index_data
from azcli.framework.redaction import secret_options, secret_values

SECRET = "s3cr3t-Value_42"


def login_parser(tmp_path):
    """An argparse parser with the login command's own options, as knack builds it (abbreviations on)."""
    from azcli.framework.cli import get_default_cli
    from azcli.framework.commands import AzCommandsLoader
    loader = AzCommandsLoader(cli_ctx=get_default_cli(config_dir=str(tmp_path)))
    loader.skip_applicability = True
    loader.load_command_table(["login"])
    loader.load_arguments("login")
    parser = argparse.ArgumentParser(prog="login", add_help=False)
    parser.add_argument("--debug", action="store_true")
    parser.add_argument("--output", "-o")
    secret_dests = set()
    for dest, argument in loader.command_table["login"].arguments.items():
        settings = argument.type.settings
        options = [o for o in settings.get("options_list") or [] if isinstance(o, str)]
        kwargs = {"action": settings["action"]} if settings.get("action") else {}
        parser.add_argument(*options, dest=dest, **kwargs)
        if settings.get("secret"):
            secret_dests.add(dest)
    return parser, secret_dests


SPELLINGS = [
    ["-p", SECRET], ["-p" + SECRET], ["-p=" + SECRET],
    ["--password", SECRET], ["--password=" + SECRET],
    ["--pass", SECRET], ["--passw=" + SECRET], ["--p", SECRET],
    ["--federated-token", SECRET], ["--federated-token=" + SECRET],
]


def test_login_marks_its_secret_arguments_in_the_index():
    entry = index_data.load()["commands"]["login"]
    assert {"--password", "-p", "--federated-token"} <= set(entry["secret"])
    assert "--federated-token-file" not in entry["secret"] and "--username" not in entry["secret"]
    assert "secret" not in index_data.load()["commands"]["group create"]


@pytest.mark.parametrize("spelling", SPELLINGS, ids=" ".join)
def test_every_spelling_argparse_accepts_is_found(tmp_path, spelling):
    parser, secret_dests = login_parser(tmp_path)
    argv = ["login", "--service-principal", "-u", "app"] + spelling + ["--debug"]
    parsed = parser.parse_args(argv[1:])
    # argparse binds the secret to a secret argument; redaction finds the same value.
    assert SECRET in [getattr(parsed, dest) for dest in secret_dests]
    assert SECRET in secret_values(argv, secret_options(argv, index_data.load()))


def test_an_ambiguous_prefix_is_masked_though_argparse_refuses_it(tmp_path, capsys):
    # "--federated-tok" could be --federated-token or --federated-token-file: argparse exits with a
    # usage error, but only after knack logged the command line.
    parser, _ = login_parser(tmp_path)
    argv = ["login", "--federated-tok=" + SECRET]
    with pytest.raises(SystemExit):
        parser.parse_args(argv[1:])
    assert "ambiguous option" in capsys.readouterr().err
    assert secret_values(argv, secret_options(argv, index_data.load())) == [SECRET]


def test_other_values_are_left_alone():
    argv = ["login", "--service-principal", "-u", "app-id", "--federated-token-file", "/tmp/token", "-o", "json",
            "--tenant", "contoso"]
    assert secret_values(argv, secret_options(argv, index_data.load())) == []


def test_a_cluster_of_flags_ending_in_the_secret_option():
    # argparse reads "-xpVALUE" as -x then -p VALUE when -x is a flag.
    assert secret_values(["x", "-xp" + SECRET], ["-p"]) == [SECRET]
    assert secret_values(["x", "-xp", SECRET], ["-p"]) == [SECRET]


def test_an_unknown_command_masks_every_commands_secret_options():
    argv = ["logn", "-p" + SECRET]
    assert "-p" in secret_options(argv, index_data.load())
    assert secret_values(argv, secret_options(argv, index_data.load())) == [SECRET]


def test_without_an_index_every_value_is_masked():
    assert secret_values(["login", "--pass", SECRET, "-u", "someone"], None) == [SECRET, "someone"]


@pytest.mark.parametrize("spelling", [["-p{}"], ["--pass", "{}"], ["--passw={}"], ["--password", "{}"]],
                         ids=" ".join)
def test_debug_output_never_shows_an_abbreviated_secret(local, spelling):
    sp = local.principal("-n abbrev-sp")
    secret = sp["clientSecret"]
    result = local.cli(["login", "--service-principal", "-u", sp["clientId"]]
                       + [part.format(secret) for part in spelling] + ["--tenant", local.tenant, "--debug"])
    assert result.exit_code == 0, result
    assert "Command arguments" in result.stderr  # the line that echoes the command line was logged
    assert secret not in result.stderr


def test_debug_output_of_a_mistyped_command_never_shows_the_secret(local):
    result = local.cli(["logn", "--service-principal", "-p" + SECRET, "--debug"])
    assert result.exit_code == 2
    assert SECRET not in result.stderr


def test_the_values_argparse_binds_to_secret_arguments_are_registered(tmp_path, monkeypatch, capsys):
    # With the pre-parse scan finding nothing, the post-parse hook still knows the secret: argparse
    # itself resolved "--passw" to --password. (The sign-in fails before login's own masking runs.)
    from azcli.framework import redaction
    from azcli.framework.cli import get_default_cli
    monkeypatch.setattr(redaction, "secret_values", lambda args, options: [])
    monkeypatch.delenv("AZURE_CLIENT_SECRET", raising=False)
    cli = get_default_cli(config_dir=str(tmp_path / "cfg"))
    code = cli.invoke(["login", "--service-principal", "--passw", SECRET])
    assert code == 2 and "--username" in capsys.readouterr().err
    assert SECRET in cli.logging.secrets.values
