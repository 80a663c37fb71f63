"""Tab completion and top-level help, answered from the command index alone.

Neither imports knack, the SDK nor any command module: a completion of commands, options and enum
values is one JSON read; live values (group names, locations, ...) come from a cache in the config
dir (completion_values.py). Protocol (azcli.completion.sh, .zsh, .fish): the shell sets
_AZCLI_COMPLETE=1, COMP_LINE and COMP_POINT; candidates are printed one per line. Exit status 0:
these are all the candidates (maybe none); FILES: none of ours, let the shell complete file names
(a free-text value, which may be @file). Errors print nothing.
"""
import os

from .completion_json import load as load_json

HERE = os.path.dirname(os.path.abspath(__file__))
OUTPUT_FORMATS = ["csv", "json", "jsonc", "jsonl", "none", "table", "tsv", "yaml", "yamlc"]
GLOBAL_ARGS = [
    {"dest": "_debug", "options": ["--debug"], "flag": True},
    {"dest": "_help", "options": ["--help", "-h"], "flag": True},
    {"dest": "_only_show_errors", "options": ["--only-show-errors"], "flag": True},
    {"dest": "_output", "options": ["--output", "-o"], "choices": OUTPUT_FORMATS},
    {"dest": "_query", "options": ["--query"]},
    {"dest": "_subscription", "options": ["--subscription"], "values": "subscription"},
    {"dest": "_verbose", "options": ["--verbose"], "flag": True},
]
FILES = 3


def _index():
    try:
        return load_json(os.path.join(HERE, "command_index.json"))
    except (OSError, ValueError):
        return None


def split_line(line):
    """The words before the cursor and the word being completed ('' after a space), as the shell
    will pass them: the shell's quotes ('...', "...") and backslashes removed, an open quote closed.
    (shlex would import re: half the cost of a completion.)"""
    words, word, quote, started, i = [], [], None, False, 0
    while i < len(line):
        char = line[i]
        if char == quote:
            quote = None
        elif quote == "'":
            word.append(char)
        elif quote == '"':
            if char == "\\" and line[i + 1:i + 2] in ('"', "\\", "$", "`"):
                i += 1
            word.append(line[i])
        elif char in " \t\n":
            if started:
                words.append("".join(word))
            word, started = [], False
        elif char in "'\"":
            quote, started = char, True
        else:
            if char == "\\" and i + 1 < len(line):
                i += 1
            word.append(line[i])
            started = True
        i += 1
    return words, "".join(word) if started else ""


class Parsed:
    """What the words before the cursor say: the command, the arguments given and their values,
    and the argument still waiting for a value (`pending`)."""

    def __init__(self, index, words):
        self.index = index
        self.path, self.command, self.args = [], None, list(GLOBAL_ARGS)
        self.given, self.pending = {}, None
        rest = self._read_command(list(words))
        for word in rest:
            self._read_word(word)

    def _read_command(self, words):
        commands, groups = self.index["commands"], self.index["groups"]
        while words:
            word = words[0]
            if word.startswith("-"):
                if self.command is not None or not self._read_global(words):
                    break
                continue
            if self.command is not None:
                break
            name = " ".join(self.path + [word.lower()])
            if name not in commands and name not in groups:
                break
            self.path.append(word.lower())
            words.pop(0)
            if name in commands:
                self.command = name
                self.args = commands[name].get("args", []) + GLOBAL_ARGS
        return words

    def _read_global(self, words):
        """A global option before the command (`azcli -o table group list`): read with its value."""
        if _find(GLOBAL_ARGS, words[0].partition("=")[0]) is None:
            return False
        self._read_word(words.pop(0))
        if self.pending is not None and words:
            self._read_word(words.pop(0))
        return True

    def _read_word(self, word):
        if word.startswith("-") and len(word) > 1 and not _is_number(word):
            name, eq, value = word.partition("=")
            arg = self.option(name)
            self.pending = None
            if arg is None:
                return
            self.given.setdefault(arg["dest"], [])
            if eq:
                self.given[arg["dest"]].append(value)
            elif not arg.get("flag"):
                self.pending = arg
        elif self.pending is not None:
            self._take(self.pending, word)
            if self.pending.get("nargs") not in ("+", "*"):
                self.pending = None

    def _take(self, arg, value):
        self.given.setdefault(arg["dest"], []).append(value)

    def option(self, spelling):
        return _find(self.args, spelling)

    def value(self, dest):
        """The last value given to an argument (None when absent)."""
        values = self.given.get(dest)
        return values[-1] if values else None


def _find(args, spelling):
    """The argument an option spelling names: exact, else a unique prefix of a long option
    (argparse accepts abbreviations)."""
    for arg in args:
        if spelling in arg["options"]:
            return arg
    if spelling.startswith("--") and len(spelling) > 2:
        matches = [arg for arg in args if any(opt.startswith(spelling) for opt in arg["options"])]
        if len(matches) == 1:
            return matches[0]
    return None


def _is_number(word):
    try:
        float(word)
        return True
    except ValueError:
        return False


def candidates(words, prefix, index, values=None):
    """(candidates, status) for `prefix` after the typed `words` (program name excluded).
    `values(kind, parsed)` answers live values; without it they complete to nothing."""
    parsed = Parsed(index, words)
    if prefix.startswith("-") and not _is_number(prefix):
        return (_options(parsed, prefix), 0) if "=" not in prefix else ([], 0)
    if parsed.pending is not None:
        return _values(parsed, parsed.pending, prefix, values)
    if parsed.command is not None:
        return _options(parsed, prefix), 0
    return _subcommands(parsed, prefix), 0


def _subcommands(parsed, prefix):
    depth, names = len(parsed.path), set()
    for name in list(parsed.index["commands"]) + list(parsed.index["groups"]):
        parts = name.split()
        if len(parts) > depth and parts[:depth] == parsed.path and parts[depth].startswith(prefix.lower()):
            names.add(parts[depth])
    return sorted(names)


def _options(parsed, prefix):
    """Options not yet on the line (a repeatable one stays), long spellings first."""
    offered = set()
    for arg in parsed.args if parsed.command is not None else GLOBAL_ARGS:
        if arg.get("hidden") or (arg["dest"] in parsed.given and not arg.get("repeatable")):
            continue
        offered.update(opt for opt in arg["options"] if opt.startswith(prefix))
    return sorted({opt for opt in offered if opt.startswith("--")} or offered)


def _values(parsed, arg, prefix, values):
    given = parsed.given.get(arg["dest"], [])
    if arg.get("choices"):
        taken = given if arg.get("nargs") in ("+", "*") else []
        return [c for c in arg["choices"] if c.lower().startswith(prefix.lower()) and c not in taken], 0
    if arg.get("values"):
        found = values(arg["values"], parsed) if values else []
        return sorted({v for v in found if v.lower().startswith(prefix.lower())}, key=str.lower), 0
    if arg.get("nargs") == "?" and not prefix:
        return _options(parsed, prefix), 0
    return [], FILES


def complete(comp_line, comp_point, out, environ=None):
    """Print the candidates for the line up to the cursor; the exit status of the protocol."""
    try:
        index = _index()
        if index is None:
            return 1
        point = int(comp_point) if comp_point and comp_point.isdigit() else len(comp_line)
        words, prefix = split_line(comp_line[:point])
        found, status = candidates(words[1:], prefix, index,
                                   lambda kind, parsed: _live_values(kind, parsed, environ))
        out.write("".join(c + "\n" for c in found))
        return status
    except Exception:  # pylint: disable=broad-except
        return 1  # a completion never prints a traceback into the user's prompt


def _live_values(kind, parsed, environ):
    from .completion_values import live_values  # only when a value is live: the cache, maybe a refresh
    return live_values(kind, parsed, os.environ if environ is None else environ)


def print_top_level_help(out):
    """`azcli --help` from the index; False when the index is missing (knack then answers)."""
    index = _index()
    if index is None:
        return False
    top = sorted((name, data.get("summary", "")) for name, data in index["groups"].items() if " " not in name)
    top += sorted((name, data.get("summary", "")) for name, data in index["commands"].items() if " " not in name)
    width = max(len(name) for name, _ in top) + 2
    lines = ["", "Group", "    azcli", "",
             "azcli: manage Azure resources, or the built-in local cloud.", "",
             "Subgroups and commands:"]
    lines += ["    {}: {}".format(name.ljust(width - 2), summary) for name, summary in sorted(top)]
    lines += ["", "Global arguments: --output/-o {}, --query JMESPATH, --subscription, --only-show-errors,"
              .format("|".join(OUTPUT_FORMATS)),
              "  --verbose, --debug.", "",
              "Sign in to the built-in local cloud with 'azcli login --local'.",
              "Use 'azcli <group> --help' for more on a group.", ""]
    out.write("\n".join(lines))
    return True
