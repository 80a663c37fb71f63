"""The knack CLI for azcli: every concern is a class passed to knack's CLI constructor."""
import configparser
import io
import os
import sys

from knack.cli import CLI
from knack.config import CLIConfig
from knack.events import EVENT_INVOKER_POST_PARSE_ARGS, EVENT_PARSER_GLOBAL_CREATE
from knack.invocation import CommandInvoker
from knack.log import get_logger
from knack.parser import CLICommandParser
from knack.util import CLIError

from .. import __version__
from .commands import AzCommandsLoader
from ..errors import AzCliError, ExitCode
from ..fileio import atomic_write, locked
from ..session.plain_context import ENV_PREFIX, default_config_dir
from .help import AzCliHelp
from .output import AzOutputProducer
from .redaction import RedactingLogging, register_parsed_secrets

logger = get_logger(__name__)

CLI_NAME = "azcli"


class AzCliConfig(CLIConfig):
    """knack's config (file < AZCLI_<SECTION>_<KEY>), with writes that are atomic and locked."""

    def _write(self, mutate):
        path = self.config_path
        with locked(path):
            parser = configparser.ConfigParser()
            parser.read(path, encoding="utf-8")
            changed = mutate(parser)
            buffer = io.StringIO()
            parser.write(buffer)
            atomic_write(path, buffer.getvalue(), mode=0o600)
        self._config_file_chain[-1].config_parser = parser
        return changed

    def set_value(self, section, option, value):
        def mutate(parser):
            if not parser.has_section(section):
                parser.add_section(section)
            parser.set(section, option, value)
        self._write(mutate)

    def remove_option(self, section, option):
        def mutate(parser):
            return parser.has_section(section) and parser.remove_option(section, option)
        return bool(self._write(mutate))


class AzCliCommandParser(CLICommandParser):
    def error(self, message):
        """A usage error: one line on stderr and exit code 2 (argparse would print the usage too)."""
        message = " ".join(str(message).split())  # knack's suggestions come on lines of their own
        hint = "" if "--help" in message else " (see '{} --help')".format(self.prog)
        print("ERROR: {}: {}{}".format(self.prog, message, hint), file=sys.stderr)
        self.exit(ExitCode.USAGE)

    def _check_value(self, action, value):
        """A value outside an argument's choices (or an unknown command): one line, with the suggestions."""
        if action.choices is None or value in action.choices:
            return
        import argparse
        import difflib
        if action.dest in ("_command", "_subcommand"):
            close = difflib.get_close_matches(value, action.choices, cutoff=0.7)
            message = "'{}' is not in the '{}' command group.".format(value, self.prog)
            if close:
                message += " The most similar choices: {}.".format(", ".join(close))
        else:
            message = "'{}' is not a valid value for '{}'. Allowed values: {}.".format(
                value, argparse._get_action_name(action), ", ".join(action.choices))  # pylint: disable=protected-access
        self.error(message)

    def validation_error(self, message):
        """An argument validator refused a value: the same one line (knack would print argparse's usage)."""
        self.error(message)


class AzCliInvoker(CommandInvoker):
    def execute(self, args):
        if _names_a_group(args):
            args = list(args) + ["--help"]  # `azcli group` shows the group's help, as az does
        self.cli_ctx.help_requested = "--help" in args or "-h" in args
        return super().execute(args)


def _names_a_group(args):
    from .index_data import names_a_group
    words = [a for a in args if a not in ("--debug", "--verbose", "--only-show-errors")]
    return bool(words) and names_a_group(" ".join(words))


class AzCli(CLI):
    def __init__(self, config_dir=None, out_file=None, environ=None):
        self.environ = os.environ if environ is None else environ
        self.help_requested = False
        config_dir = config_dir or default_config_dir(self.environ)
        # Private from the start: it holds credentials, tokens and the local cloud's store.
        os.makedirs(config_dir, mode=0o700, exist_ok=True)
        super().__init__(cli_name=CLI_NAME,
                         config_dir=config_dir,
                         config_env_var_prefix=ENV_PREFIX,
                         out_file=out_file or sys.stdout,
                         config_cls=AzCliConfig,
                         invocation_cls=AzCliInvoker,
                         output_cls=AzOutputProducer,
                         parser_cls=AzCliCommandParser,
                         commands_loader_cls=AzCommandsLoader,
                         help_cls=AzCliHelp,
                         logging_cls=RedactingLogging)
        self.register_event(EVENT_PARSER_GLOBAL_CREATE, _add_subscription_argument)
        self.register_event(EVENT_INVOKER_POST_PARSE_ARGS, _take_subscription_argument)
        self.register_event(EVENT_INVOKER_POST_PARSE_ARGS, register_parsed_secrets)

    @property
    def config_dir(self):
        return self.config.config_dir

    def help_index(self):
        from .index_data import load_help
        return load_help()

    def get_cli_version(self):
        return "azcli {}".format(__version__)

    def _should_enable_color(self):
        if "NO_COLOR" in self.environ:
            return False
        return super()._should_enable_color()

    def exception_handler(self, ex):
        return report_exception(ex, debug=self._debug_enabled())

    def _debug_enabled(self):
        return bool(self.invocation and self.invocation.data.get("debug")) or "--debug" in sys.argv

    def invoke(self, args, initial_invocation_data=None, out_file=None):
        import time
        started = time.perf_counter()
        code = super().invoke(args, initial_invocation_data, out_file)
        logger.info("Command ran in %.3f seconds.", time.perf_counter() - started)  # --verbose, like az
        error = getattr(self.result, "error", None)
        if isinstance(error, KeyboardInterrupt):
            return ExitCode.INTERRUPTED
        return code


def report_exception(ex, debug=False):
    """Print one ERROR line for an exception and return its exit code."""
    from ..fileio import CorruptFileError
    if isinstance(ex, BrokenPipeError):
        # The reader went away (`| head`): not an error.
        return ExitCode.SUCCESS
    import errno
    if isinstance(ex, OSError) and ex.errno == errno.EBADF:
        print("ERROR: The output could not be written: stdout is closed.", file=sys.stderr)
        return ExitCode.ERROR
    from jmespath.exceptions import JMESPathError
    if isinstance(ex, JMESPathError):
        # a --query that fails on the result (a type error): az's message, one line
        print("ERROR: Invalid jmespath query supplied for `--query`: {}".format(" ".join(str(ex).split())),
              file=sys.stderr)
        return ExitCode.USAGE
    if debug:
        import traceback
        traceback.print_exception(type(ex), ex, ex.__traceback__, file=sys.stderr)
    if isinstance(ex, AzCliError):
        print("ERROR: {}".format(ex), file=sys.stderr)
        if ex.recommendation:
            print(ex.recommendation, file=sys.stderr)
        return ex.exit_code
    if isinstance(ex, CorruptFileError):
        print("ERROR: {}".format(ex), file=sys.stderr)
        return ExitCode.ERROR
    if isinstance(ex, configparser.Error):
        reason = " ".join(str(ex).split())
        print("ERROR: The config file is not valid: {}. Fix or remove the file."
              .format(reason), file=sys.stderr)
        return ExitCode.ERROR
    from ..arm.errors import from_azure_error
    mapped = from_azure_error(ex)  # an azure-core error raised outside a command (credentials, login)
    if mapped is not None:
        return report_exception(mapped)
    if isinstance(ex, CLIError):
        print("ERROR: {}".format(ex), file=sys.stderr)
        return ExitCode.ERROR
    name = type(ex).__name__
    message = " ".join(str(ex).split()) or name
    print("ERROR: The command failed with an unexpected error: {}: {}".format(name, message), file=sys.stderr)
    if not debug:
        print("Run it again with --debug for the full traceback.", file=sys.stderr)
    return ExitCode.ERROR


def _add_subscription_argument(_, **kwargs):
    kwargs["arg_group"].add_argument(
        "--subscription", dest="_subscription", metavar="SUBSCRIPTION",
        help="Name or ID of subscription. Overrides AZURE_SUBSCRIPTION_ID and the default for "
             "this command only.")


def _take_subscription_argument(cli_ctx, **kwargs):
    args = kwargs["args"]
    cli_ctx.invocation.data["subscription"] = getattr(args, "_subscription", None)
    if hasattr(args, "_subscription"):
        del args._subscription
    cli_ctx.invocation.data["debug"] = getattr(args, "_log_verbosity_debug", False)


def get_default_cli(config_dir=None, out_file=None, environ=None):
    return AzCli(config_dir=config_dir, out_file=out_file, environ=environ)
