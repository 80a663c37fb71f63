"""The command index: which module owns which command, its options, and the help text.

For completion, each command also lists its arguments (`args`): their spellings, whether they take
a value, their enum choices, whether they repeat, and which live values complete them (`values`:
resource groups, locations, subscriptions, resources, locks; see completion_values.py).

The help index adds, for `--help` without knack (fast_help.py), what knack would show beyond
help.yaml: each command's arguments as its help lists them (`_args`), the arguments every command
shares once (`$global-arguments`), and each group's visible children (`_children`). An entry that
shows a deprecation, preview or experimental tag (colour depends on the terminal) gets none, and
knack renders it.

Generated from the command tables and help.yaml files (`python -m azcli.framework.index`), shipped in
the package, and checked by a test to match the tables. Start-up, completion and top-level help
read it (through index_data) instead of importing every module.
"""
import argparse
import json
import os

from .index_data import COMMAND_INDEX_PATH, HELP_INDEX_PATH, discover_module_names


def read_help_sources():
    """help.yaml (and help_<noun>.yaml, when a module splits its help) of every module merged into one
    mapping of command/group name -> help data."""
    import glob
    import yaml
    import azcli.command_modules as package
    merged = {}
    for name in discover_module_names():
        for path in sorted(glob.glob(os.path.join(package.__path__[0], name, "help*.yaml"))):
            with open(path, encoding="utf-8") as handle:
                merged.update(yaml.safe_load(handle) or {})
    return merged


def build(cli_ctx):
    """Build both indexes from the live command tables and help sources."""
    from .commands import AzCommandsLoader

    loader = AzCommandsLoader(cli_ctx=cli_ctx)
    loader.skip_applicability = True
    loader.load_all()
    help_data = read_help_sources()
    commands, groups = {}, {}
    for name in sorted(loader.command_table):
        cmd = loader.command_table[name]
        loader.load_arguments(name)
        options = sorted({opt for arg in cmd.arguments.values() for opt in (arg.type.settings.get("options_list") or [])
                          if isinstance(opt, str) and not opt.startswith("--__")})  # not knack's ignored ones
        commands[name] = {"module": cmd.module_name, "options": options, "args": completion_args(name, cmd),
                          "summary": (help_data.get(name) or {}).get("short-summary", "")}
        secret = sorted({opt for arg in cmd.arguments.values() if arg.type.settings.get("secret")
                         for opt in (arg.type.settings.get("options_list") or []) if isinstance(opt, str)})
        if secret:
            # Read before the command line is parsed (and logged): see redaction.py.
            commands[name]["secret"] = secret
        words = name.split()
        for n in range(1, len(words)):
            group = " ".join(words[:n])
            entry = groups.setdefault(group, {"modules": [], "summary": (help_data.get(group) or {}).get("short-summary", "")})
            if cmd.module_name not in entry["modules"]:
                entry["modules"].append(cmd.module_name)
    add_help_details(cli_ctx, loader, help_data, sorted(groups))
    return {"commands": commands, "groups": groups}, help_data


GLOBAL_KEY = "$global-arguments"


def add_help_details(cli_ctx, loader, help_data, groups):
    """Build the parser knack builds for `--help` and record what its help files hold."""
    invocation = cli_ctx.invocation_cls(cli_ctx=cli_ctx, parser_cls=cli_ctx.parser_cls, help_cls=cli_ctx.help_cls,
                                        commands_loader_cls=cli_ctx.commands_loader_cls)
    invocation.commands_loader, cli_ctx.invocation = loader, invocation
    invocation.parser.load_command_table(loader)
    helper, subparsers = invocation.help, invocation.parser.subparsers
    shared = None
    for name in sorted(loader.command_table):
        words = name.split()
        parser = subparsers[tuple(words[:-1])].choices[words[-1]]
        help_file = helper.command_help_cls(helper, name, parser)
        help_file.load(parser)
        if any(_has_status(p) for p in help_file.parameters):
            continue
        dests = {opt: action.dest for action in parser._actions  # pylint: disable=protected-access
                 for opt in action.option_strings or [action.metavar or action.dest]}
        own, common = [], []
        for param in help_file.parameters:
            entry = _parameter(param)
            if param.group_name == "Global Arguments":
                common.append(entry)
                continue
            argument = loader.command_table[name].arguments.get(dests.get(param.name_source[0]))
            if argument is not None and argument.type.settings.get("configured_default"):
                entry["k"] = argument.type.settings["configured_default"]
            own.append(entry)
        shared = common if shared is None else shared
        if common == shared:  # else (help.yaml changed a global argument's help) knack renders it
            help_data.setdefault(name, {})["_args"] = own
            _record_status(help_data[name], help_file)
    help_data[GLOBAL_KEY] = shared
    for name in groups:
        help_file = helper.group_help_cls(helper, name, subparsers[tuple(name.split())])
        entry = help_data.setdefault(name, {})
        entry["_children"] = sorted([child.name, int(isinstance(child, helper.group_help_cls))] + _tags(child)
                                    for child in help_file.children)
        _record_status(entry, help_file)


STATUS_KEYS = ("deprecate_info", "preview_info", "experimental_info")  # knack's order in help


def _has_status(item):
    return any(getattr(item, key, None) for key in STATUS_KEYS)


def _record_status(entry, help_file):
    """`_status`: the messages knack's help adds to an item's long summary, as it prints them without
    colour ([key, text]); with colour (a terminal) knack renders them."""
    messages = [[key, "WARNING: " + info._get_message(info)]  # pylint: disable=protected-access
                for key, info in ((key, getattr(help_file, key, None)) for key in STATUS_KEYS) if info]
    if messages:
        entry["_status"] = messages


def _tags(item):
    """[tags] of a group's child as knack lists it without colour ([Deprecated], [Preview], ...), or []."""
    infos = [getattr(item, key, None) for key in STATUS_KEYS]
    tags = [tag for tag in (info._get_tag(info) for info in infos if info) if tag]  # pylint: disable=protected-access
    return [" ".join(tags)] if tags else []


def _parameter(param):
    """One argument as knack's help shows it: `n`ame, `s`ummary (before the allowed values), `c`hoices,
    `d`efault, `v`alues from, `l`ong summary, `r`equired, `g`roup, and `k`: its configured default."""
    summary = param.short_summary
    cut = summary.find(" Possible values include")
    entry = {"n": param.name, "s": summary[:cut] if cut >= 0 else summary}
    if param.choices:
        entry["c"] = ", ".join(sorted(str(choice) for choice in param.choices))
    if param.default and param.default != argparse.SUPPRESS and param.name != "--output -o":
        entry["d"] = "{}".format(param.default)  # --output's comes from the config: fast_help reads it
    if param.value_sources:
        entry["v"] = ", ".join(param.value_sources)
    for key, value in (("l", param.long_summary), ("r", int(bool(param.required))), ("g", param.group_name)):
        if value:
            entry[key] = value
    return entry


# Which live values complete an argument, by its destination (az declares completers; ours are data).
VALUE_KINDS = {"resource_group_name": "group", "destination_group": "group", "location": "location",
               "subscription": "subscription", "resource_name": "resource", "lock_name": "lock"}
FLAG_ACTIONS = ("store_true", "store_false", "store_const", "count")


def completion_args(command, cmd):
    """What completion needs of each argument, in a stable order (first spelling)."""
    args = []
    for dest, arg in cmd.arguments.items():
        settings = arg.type.settings
        options = [opt for opt in settings.get("options_list") or [] if isinstance(opt, str)]
        if not options:
            continue
        entry = {"dest": dest, "options": options}
        action, nargs = settings.get("action"), settings.get("nargs")
        if settings.get("help") == argparse.SUPPRESS:
            entry["hidden"] = True
        if action in FLAG_ACTIONS or nargs == 0:
            entry["flag"] = True
        if nargs in ("?", "+", "*"):
            entry["nargs"] = nargs
        if nargs in ("+", "*") or action == "append":
            entry["repeatable"] = True
        if settings.get("choices"):
            entry["choices"] = [str(choice) for choice in settings["choices"]]
        kind = VALUE_KINDS.get(dest)
        # `group create -n`, `lock create -n`: the name of a new object has nothing to complete.
        if kind and not (command.endswith(" create") and "--name" in options):
            entry["values"] = kind
        args.append(entry)
    return sorted(args, key=lambda entry: entry["options"][0])


def write(cli_ctx):
    command_data, help_data = build(cli_ctx)
    for path, data in ((COMMAND_INDEX_PATH, command_data), (HELP_INDEX_PATH, help_data)):
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(data, handle, indent=1, sort_keys=True)
            handle.write("\n")


if __name__ == "__main__":
    import tempfile
    from .cli import get_default_cli
    with tempfile.TemporaryDirectory() as tmp:
        write(get_default_cli(config_dir=tmp))
    print("wrote", COMMAND_INDEX_PATH, "and", HELP_INDEX_PATH)
