"""Help as data: each module's help.yaml, compiled into help_index.json at build time.

knack renders the help; these classes only change where its text comes from, so `--help`
needs neither YAML nor the command's SDK module.
"""
from knack.help import CLIHelp, CommandHelpFile, GroupHelpFile, HelpFile


def _help_data(help_ctx, delimiters):
    return help_ctx.cli_ctx.help_index().get(delimiters)


class _FromIndex:
    def load(self, options):  # pylint: disable=unused-argument
        data = _help_data(self.help_ctx, self.delimiters)
        if data:
            self._load_from_data(data)


class AzHelpFile(_FromIndex, HelpFile):
    pass


class AzGroupHelpFile(_FromIndex, GroupHelpFile):
    pass


class AzCommandHelpFile(_FromIndex, CommandHelpFile):
    pass


class AzCliHelp(CLIHelp):
    def __init__(self, cli_ctx=None):
        super().__init__(cli_ctx=cli_ctx,
                         welcome_message="azcli: manage Azure resources, or the built-in local cloud.",
                         group_help_cls=AzGroupHelpFile,
                         command_help_cls=AzCommandHelpFile,
                         help_cls=AzHelpFile)

    def show_privacy_statement(self):
        """azcli has no telemetry and no first-run banner."""
