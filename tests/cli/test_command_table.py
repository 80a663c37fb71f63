"""Every registered command has help with an example, resolves its operations, and is indexed."""
import pytest

from azcli.framework import index, index_data
from azcli.framework.cli import get_default_cli
from azcli.framework.commands import AzCommandsLoader
from azcli.framework.handlers import import_handler


@pytest.fixture(scope="module")
def loader(tmp_path_factory):
    cli_ctx = get_default_cli(config_dir=str(tmp_path_factory.mktemp("cfg")))
    command_loader = AzCommandsLoader(cli_ctx=cli_ctx)
    command_loader.skip_applicability = True
    command_loader.load_all()
    return command_loader


def test_shipped_index_matches_command_tables(tmp_path):
    built, help_data = index.build(get_default_cli(config_dir=str(tmp_path)))
    assert index_data.load() == built, "command index is stale: run `python -m azcli.framework.index`"
    assert index_data.load_help() == help_data, "help index is stale: run `python -m azcli.framework.index`"


def test_every_operation_resolves(loader):
    for name, command in loader.command_table.items():
        for operation in command.operations():
            assert callable(import_handler(operation)), "{}: {}".format(name, operation)


def test_every_command_and_group_has_help_with_examples(loader):
    help_data = index.read_help_sources()
    for name in loader.command_table:
        entry = help_data.get(name)
        assert entry and entry.get("short-summary"), "no help for '{}'".format(name)
        assert entry.get("examples"), "no example for '{}'".format(name)
    for group in {" ".join(n.split()[:i]) for n in loader.command_table for i in range(1, len(n.split()))}:
        assert (help_data.get(group) or {}).get("short-summary"), "no help for group '{}'".format(group)


def test_help_on_every_command(cli, loader):
    for name in sorted(loader.command_table):
        result = cli(name.split() + ["--help"])
        assert result.exit_code == 0, (name, result)
        assert "Examples" in result.stdout, name
        assert "Traceback" not in result.stderr


def test_help_on_every_group(cli, loader):
    groups = {" ".join(n.split()[:i]) for n in loader.command_table for i in range(1, len(n.split()))}
    for group in sorted(groups):
        result = cli(group.split() + ["--help"])
        assert result.exit_code == 0, (group, result)
