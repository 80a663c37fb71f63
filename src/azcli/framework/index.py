"""The command index: which module owns which command, its options, and the help text.

Generated from the command tables and help.yaml files (`python -m azcli.framework.index`), shipped in
the package, and checked by a test to match the tables. Start-up, completion and top-level help
read it (through index_data) instead of importing every module.
"""
import json
import os

from .index_data import COMMAND_INDEX_PATH, HELP_INDEX_PATH, discover_module_names


def read_help_sources():
    """help.yaml of every module merged into one mapping of command/group name -> help data."""
    import yaml
    import azcli.command_modules as package
    merged = {}
    for name in discover_module_names():
        path = os.path.join(package.__path__[0], name, "help.yaml")
        if os.path.exists(path):
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
                          if isinstance(opt, str)})
        commands[name] = {"module": cmd.module_name, "options": options,
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
    return {"commands": commands, "groups": groups}, help_data


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
