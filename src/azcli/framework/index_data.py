"""Reading the shipped command index and help index (written by ``python -m azcli.framework.index``).

A leaf module: start-up, the loader and top-level help read the indexes through it, while building
them (index.py) needs the loader - the two directions stay in two modules.
"""
import os

from .completion_json import load as load_json

HERE = os.path.dirname(os.path.abspath(__file__))
COMMAND_INDEX_PATH = os.path.join(HERE, "command_index.json")
HELP_INDEX_PATH = os.path.join(HERE, "help_index.json")


_LOADED = {}  # read once per process (not functools.lru_cache: the help fast path does without functools)


def load():
    """The command index, or None when it is missing (then every module is loaded)."""
    if "command" not in _LOADED:
        try:
            _LOADED["command"] = load_json(COMMAND_INDEX_PATH)
        except (OSError, ValueError):
            _LOADED["command"] = None
    return _LOADED["command"]


def names_a_group(name):
    """Whether name ("group sub") is a command group: `azcli <group>` alone shows the group's help, as
    az does (cli.AzCliInvoker, fast_help)."""
    index = load()
    return index is not None and name.lower() in index["groups"]


def load_help():
    if "help" not in _LOADED:
        try:
            _LOADED["help"] = load_json(HELP_INDEX_PATH)
        except (OSError, ValueError):
            _LOADED["help"] = {}
    return _LOADED["help"]


def discover_module_names():
    import pkgutil
    import azcli.command_modules as package
    return sorted(m.name for m in pkgutil.iter_modules(package.__path__) if m.ispkg)
