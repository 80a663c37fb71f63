"""Command registration: the loader, command groups and the one place commands run.

A module declares its commands with `loader.command_group(...)`; handlers are named as
'module#function' strings and imported only when the command runs or its help is shown.
Every result passes through `results.finalize` (pollers, pagers, models), every SDK error
through `arm.errors.from_azure_error` (and `arm.hints`) - never in a module.
"""
import importlib
from collections import OrderedDict

from knack.arguments import ArgumentsContext, CLICommandArgument
from knack.commands import CLICommand, CLICommandsLoader, CommandGroup
from knack.introspection import extract_args_from_signature

from . import index_data as command_index
from .handlers import import_handler

MODULE_PACKAGE = "azcli.command_modules"
# Parameters a handler may take that are not command-line arguments.
EXCLUDED_PARAMS = ["self", "kwargs", "cmd", "client", "polling", "cls", "content_type"]


class AzCliCommand(CLICommand):
    """A command whose handler is resolved lazily and whose result is finalized centrally.

    kind None binds `operation` (SDK method or custom function); kind 'wait' and 'update'
    wrap a getter (and setter) with the shared `wait` and generic-update behaviour.
    """

    def __init__(self, loader, name, operation, client_factory=None, supports_no_wait=False,
                 transform=None, summary=None, kind=None, getter=None, setter=None,
                 custom_func=None, module_name=None, ids=None, **kwargs):
        self.operation = operation
        self.ids = ids
        self.client_factory = client_factory
        self.supports_no_wait = supports_no_wait
        self.transform = transform
        self.kind = kind
        self.getter = getter
        self.setter = setter
        self.custom_func = custom_func
        self.module_name = module_name
        self.loader = loader
        super().__init__(loader.cli_ctx, name, self._run, description=summary,
                         arguments_loader=self._load_arguments, **kwargs)

    def operations(self):
        """Every 'module#attr' this command resolves when it runs."""
        return [op for op in (self.operation, self.getter, self.setter, self.custom_func) if op]

    def handler_function(self):
        return import_handler(self.operation)

    def _load_arguments(self):
        if self.kind == "wait":
            from . import waiting
            args = _signature_args(import_handler(self.getter)) + waiting.arguments()
        elif self.kind == "update":
            from . import generic_update
            args = _signature_args(import_handler(self.getter))
            if self.custom_func:
                known = {name for name, _ in args}
                args += [a for a in _signature_args(import_handler(self.custom_func), ["instance"])
                         if a[0] not in known]
            args += generic_update.arguments()
        else:
            args = _signature_args(self.handler_function())
        if self.ids:
            from .ids import with_ids_argument
            args = with_ids_argument(args, self.ids)
        if self.supports_no_wait:
            args.append(("no_wait", CLICommandArgument(
                "no_wait", options_list=["--no-wait"], action="store_true",
                help="Do not wait for the long-running operation to finish.")))
        return args

    def _run(self, command_args):
        from .results import plain_value

        args = {k: plain_value(v) for k, v in command_args.items()}
        no_wait = bool(args.pop("no_wait", False)) if self.supports_no_wait else False
        if self.ids:
            ids = args.pop("ids", None)
            if ids is not None:
                return self._run_for_ids(ids, args, no_wait)
        return self._run_once(args, no_wait)

    def _run_for_ids(self, values, args, no_wait):
        from .ids import run_for_each_id
        return run_for_each_id(self, values, args, lambda run_args: self._run_once(run_args, no_wait))

    def _run_once(self, args, no_wait):
        from .results import finalize

        try:
            client = import_handler(self.client_factory)(self.cli_ctx, args) if self.client_factory else None
            if self.kind == "wait":
                from . import waiting
                result = waiting.wait_for(self, client, args)
            elif self.kind == "update":
                from . import generic_update
                result = generic_update.update(self, client, args, no_wait=no_wait)
            else:
                handler = self.handler_function()
                params = _handler_params(handler)
                if "cmd" in params:
                    args["cmd"] = self
                if "no_wait" in params:
                    args["no_wait"] = no_wait
                result = handler(client, **args) if client is not None else handler(**args)
            follow_up = self.wait_hint(args) if no_wait else None
            result = finalize(self.cli_ctx, result, no_wait=no_wait, follow_up=follow_up)
        except Exception as ex:  # pylint: disable=broad-except
            from ..arm.errors import from_azure_error
            error = from_azure_error(ex)
            if error is None:
                raise
            from ..arm.hints import add_hints
            raise add_hints(self.cli_ctx, error) from ex
        if self.transform and result is not None:
            result = self.transform(result)
        return result

    def wait_hint(self, args):
        """The `wait` command that follows this --no-wait operation up, when the group has one."""
        group, _, verb = self.name.rpartition(" ")
        wait_cmd = self.loader.registered_commands.get("{} wait".format(group).strip())
        if wait_cmd is None or wait_cmd.getter is None:
            return None
        condition = {"delete": "--deleted", "create": "--created"}.get(verb, "--updated")
        getter_params = _handler_params(import_handler(wait_cmd.getter))
        parts = ["azcli", group, "wait"]
        if isinstance(self.ids, str) and args.get(self.ids):
            # run through --ids: the hidden whole-id parameter is what identifies the resource
            return " ".join(parts + ["--ids", _shell_quote(args[self.ids]), condition])
        for name, value in args.items():
            argument = self.arguments.get(name)
            if name not in getter_params or value is None or value is False or argument is None:
                continue
            options = [o for o in argument.type.settings.get("options_list") or [] if isinstance(o, str)]
            if options:
                parts += [options[0]] if value is True else [options[0], _shell_quote(str(value))]
        return " ".join(parts + [condition])


def confirm_on_stderr(_command_args, message="Are you sure you want to perform this operation?"):
    """Ask on stderr (stdout carries data only); without a terminal, refuse and say --yes."""
    import sys
    from knack.log import get_logger
    if not sys.stdin.isatty():
        get_logger(__name__).warning("Unable to prompt for confirmation as no tty available. Use --yes.")
        return False
    sys.stderr.write("{} (y/n): ".format(message))
    sys.stderr.flush()
    return sys.stdin.readline().strip().lower() in ("y", "yes")


def _shell_quote(text):
    import shlex
    return shlex.quote(text)


def _signature_args(func, extra_excluded=()):
    return list(extract_args_from_signature(func, excluded_params=EXCLUDED_PARAMS + list(extra_excluded)))


def _handler_params(func):
    import inspect
    return inspect.signature(func).parameters


class AzCommandGroup(CommandGroup):
    """`with loader.command_group('group', custom='...#{}', client_factory=...) as g:`"""

    def __init__(self, loader, group_name, operations_tmpl=None, custom=None, **kwargs):
        kwargs.setdefault("deprecate_info", None)
        super().__init__(loader, group_name, operations_tmpl or "", **kwargs)
        self.custom_tmpl = custom

    def _add(self, name, operation, **kwargs):
        merged = dict(self.group_kwargs)
        merged.pop("deprecate_info", None)
        merged.update(kwargs)
        if merged.get("confirmation") is True:
            merged["confirmation"] = confirm_on_stderr
        full_name = "{} {}".format(self.group_name, name).strip()
        loader = self.command_loader
        loader._populate_command_group_table_with_subgroups(" ".join(full_name.split()[:-1]))  # pylint: disable=protected-access
        loader.command_table[full_name] = AzCliCommand(
            loader, full_name, operation, summary=loader.command_summary(full_name),
            module_name=loader.current_module, **merged)

    def command(self, name, handler_name, **kwargs):
        """Bind a verb straight to an SDK operation (`show -> get`)."""
        self._add(name, self.operations_tmpl.format(handler_name), **kwargs)

    def custom_command(self, name, handler_name, **kwargs):
        """Bind a verb to a thin custom function in the module."""
        self._add(name, self.custom_tmpl.format(handler_name), **kwargs)

    def show_command(self, name, handler_name="get", custom=False, **kwargs):
        """A show command; a missing resource exits 3, as every 404 does."""
        tmpl = self.custom_tmpl if custom else self.operations_tmpl
        self._add(name, tmpl.format(handler_name), **kwargs)

    def wait_command(self, name, getter_name="get", custom=False, **kwargs):
        """`wait --created/--updated/--deleted/--exists/--custom` over a getter."""
        getter = (self.custom_tmpl if custom else self.operations_tmpl).format(getter_name)
        self._add(name, getter, kind="wait", getter=getter, **kwargs)

    def generic_update_command(self, name, getter_name="get", setter_name="create_or_update",
                               custom_func_name=None, custom=False, **kwargs):
        """`update --set/--add/--remove/--force-string` over a getter and a setter (custom=True:
        both are the module's custom functions)."""
        tmpl = self.custom_tmpl if custom else self.operations_tmpl
        getter = tmpl.format(getter_name)
        self._add(name, getter, kind="update", getter=getter,
                  setter=tmpl.format(setter_name),
                  custom_func=self.custom_tmpl.format(custom_func_name) if custom_func_name else None,
                  **kwargs)


class AzCommandsLoader(CLICommandsLoader):
    """Loads only the module(s) that own the invoked command, as the command index says."""

    def __init__(self, cli_ctx=None):
        super().__init__(cli_ctx=cli_ctx, command_cls=AzCliCommand,
                         excluded_command_handler_args=EXCLUDED_PARAMS)
        self.modules = OrderedDict()
        self.current_module = None
        self.registered_commands = {}  # everything the loaded modules declared (command_table may be narrowed)

    # Module discovery -----------------------------------------------------------------
    def indexed_target(self, args):
        """(name, modules) of the longest command or group the leading words name, else (None, None)."""
        words = []
        for arg in args:
            if not arg or arg.startswith("-"):
                break
            words.append(arg.lower())
        index = command_index.load()
        if index is not None:
            for n in range(len(words), 0, -1):
                key = " ".join(words[:n])
                if key in index["commands"]:
                    return key, [index["commands"][key]["module"]]
                if key in index["groups"]:
                    return key, index["groups"][key]["modules"]
        return None, None

    def modules_for(self, args):
        return self.indexed_target(args)[1] or command_index.discover_module_names()

    def load_module(self, name):
        if name not in self.modules:
            self.modules[name] = importlib.import_module("{}.{}".format(MODULE_PACKAGE, name))
            self.current_module = name
            self.modules[name].load_command_table(self)
            self.current_module = None
        return self.modules[name]

    def load_command_table(self, args):
        target, modules = self.indexed_target(args)
        for name in modules or command_index.discover_module_names():
            self.load_module(name)
        self.registered_commands = dict(self.command_table)
        if target is not None:
            # Only the named command or group goes to the parser: argparse builds a parser per
            # command, and a module's other groups would only cost start-up.
            self.command_table = {name: cmd for name, cmd in self.command_table.items()
                                  if name == target or name.startswith(target + " ")}
        return super().load_command_table(args)

    def load_all(self):
        for name in command_index.discover_module_names():
            self.load_module(name)
        return self.command_table

    def load_arguments(self, command):
        cmd = self.command_table.get(command)
        if cmd is not None:
            module = self.modules[cmd.module_name]
            if hasattr(module, "load_arguments"):
                module.load_arguments(self, command)
        super().load_arguments(command)

    # Registration API for modules -------------------------------------------------------
    def command_group(self, group_name, operations_tmpl=None, custom=None, **kwargs):
        return AzCommandGroup(self, group_name, operations_tmpl, custom, **kwargs)

    def argument_context(self, scope):
        return ArgumentsContext(self, scope)

    def command_summary(self, name):
        data = self.cli_ctx.help_index().get(name) if self.cli_ctx.help_requested else None
        return (data or {}).get("short-summary")
