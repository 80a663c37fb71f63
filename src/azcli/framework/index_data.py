"""Reading the shipped command index and help index (written by ``python -m azcli.framework.index``).

A leaf module: start-up, the loader and top-level help read the indexes through it, while building
them (index.py) needs the loader - the two directions stay in two modules.
"""
import functools
import json
import os
import pkgutil

HERE = os.path.dirname(os.path.abspath(__file__))
COMMAND_INDEX_PATH = os.path.join(HERE, "command_index.json")
HELP_INDEX_PATH = os.path.join(HERE, "help_index.json")


@functools.lru_cache(maxsize=None)
def load():
    """The command index, or None when it is missing (then every module is loaded)."""
    try:
        with open(COMMAND_INDEX_PATH, encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError):
        return None


@functools.lru_cache(maxsize=None)
def load_help():
    try:
        with open(HELP_INDEX_PATH, encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError):
        return {}


def discover_module_names():
    import azcli.command_modules as package
    return sorted(m.name for m in pkgutil.iter_modules(package.__path__) if m.ispkg)
