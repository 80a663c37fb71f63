"""`azcli <group> [<command>] --help` (and `azcli <group>`) from the help index, without knack.

What knack's CLIHelp prints (knack/help.py), byte for byte: the same layout, padding and wrapping
(textwrap at knack's fixed width of 100, whatever the terminal), from what index.py recorded of the
parser and help files knack builds. Nothing here imports knack, argparse, yaml or the SDK.

Whatever this cannot reproduce exactly is left to knack (print_help returns False): other words
or options on the line, an entry without the recorded details (one with a deprecated argument), a
deprecated, preview or experimental item where knack could colour its tags and messages (on a
terminal), settings that change what a help run does (colour, logging to a file,
only-show-errors, argcomplete), a configured default for one of the command's arguments, a config
file that does not parse, non-ASCII text.
"""
import os

from .completion_json import load as load_json

from .index_data import HELP_INDEX_PATH, names_a_group
from ..session.plain_context import PlainConfig, default_config_dir, knack_reads_another_dir

WIDTH = 100  # knack's CLIHelp textwrap_width; azcli does not change it
FIRST_LINE_PREFIX = " : "
REQUIRED_TAG = "[Required]"
HELP_FLAGS = ("--help", "-h")
GLOBAL_KEY = "$global-arguments"  # index.GLOBAL_KEY (index.py imports knack)
# Settings a help run reads that change more than the help text: knack answers when one is set.
UNSUPPORTED_SETTINGS = (("core", "no_color"), ("core", "only_show_errors"),
                        ("logging", "enable_log_file"), ("logging", "log_dir"))


class Unsupported(Exception):
    """knack must answer: something this module does not reproduce."""


def print_help(argv, out, environ=None):
    """Print the help `argv` asks for and return True; False (nothing printed) leaves it to knack."""
    text = render(argv, environ)
    if text is None:
        return False
    try:
        out.write(text)
    except BrokenPipeError:
        pass  # the reader went away (`| head`), as knack's help treats it
    except OSError:
        return False  # a closed stdout: knack's path reports it
    return True


def render(argv, environ=None):
    """The help text knack would print for `argv`, or None when knack must answer."""
    environ = os.environ if environ is None else environ
    words = list(argv)
    asked = bool(words) and words[-1] in HELP_FLAGS
    if asked:
        words.pop()
    name = " ".join(words)
    if not words or name.split() != words or any(word.startswith("-") for word in words):
        return None
    if not asked and not names_a_group(name):
        return None
    try:
        index = load_json(HELP_INDEX_PATH)  # its own copy: knack's help loading changes the entries it reads
        entry = index.get(name)
        if not isinstance(entry, dict) or not ("_args" in entry or "_children" in entry):
            return None
        if _has_status(entry) and _colour_possible(environ):
            return None  # knack colours status tags and messages on a terminal
        config = Config(environ)
        text = _command(name, entry, index, config) if "_args" in entry else _group(name, entry, index)
    except Exception:  # pylint: disable=broad-except
        # Unsupported; a config file knack refuses (its message is knack's); help data knack would
        # choke on. The test renders every group and command, so a slip here shows as a fallback.
        return None
    return text if text.isascii() else None


def _has_status(entry):
    return "_status" in entry or any(len(child) > 2 for child in entry.get("_children", ()))


def _colour_possible(environ):
    """Whether knack could colour this help run (CLI._should_enable_color; azcli adds NO_COLOR)."""
    import sys
    if "NO_COLOR" in environ:
        return False
    return "PYCHARM_HOSTED" in environ or any(stream.isatty() for stream in (sys.stdout, sys.stderr)
                                                if hasattr(stream, "isatty"))


class Config(PlainConfig):
    """The settings knack reads on the way to help, as knack's CLIConfig reads them."""

    def __init__(self, environ):
        if "_ARGCOMPLETE" in environ or knack_reads_another_dir(environ):
            raise Unsupported("argcomplete, or a config dir knack would read differently")
        config_dir = default_config_dir(environ)
        os.makedirs(config_dir, mode=0o700, exist_ok=True)  # as cli.AzCli does: private from the start
        super().__init__(config_dir, environ)
        for section, option in UNSUPPORTED_SETTINGS:
            if self.get(section, option) is not None:
                raise Unsupported("{}.{} is set".format(section, option))


# Rendering: knack.help.CLIHelp, step by step -------------------------------------------------
def _fill(text, first, rest):
    """textwrap.TextWrapper(initial_indent=first, subsequent_indent=rest, replace_whitespace=False,
    width=100).fill(text); a printable line that fits is answered without importing textwrap."""
    if text.isprintable():
        line = text.rstrip(" ")
        if len(first) + len(line) <= WIDTH:
            return first + line if line else ""
    import textwrap
    return textwrap.TextWrapper(initial_indent=first, subsequent_indent=rest, replace_whitespace=False,
                                width=WIDTH).fill(text)


def _indent(lines, text, indent=0, hanging=-1):
    """knack.help._print_indent: each paragraph wrapped, one print each."""
    first = "    " * indent
    rest = first if hanging == -1 else " " * hanging
    lines.extend(_fill(paragraph, first, rest) for paragraph in text.split("\n"))


def _normalize(text):
    """knack's HelpObject._normalize_text (capitalized, with a final period)."""
    if not text or len(text) < 2:
        return text or ""
    text = text.strip()
    return text[0].upper() + text[1:] + ("" if text[-1] in ".!?" else ".")


def _short_summary(data):
    """A child's summary as its help file loads it from the index (help._FromIndex)."""
    if not data or isinstance(data, str) or "short-summary" not in data:
        return ""
    return _normalize(data["short-summary"])


def _kind(entry, default):
    kind = entry.get("type", default)
    if kind not in ("command", "group"):
        raise Unsupported("help type {!r}".format(kind))
    return "Command" if kind == "command" else "Group"


def _header(lines, word, name, entry):
    _indent(lines, "")
    _indent(lines, word)
    summary = _normalize(entry["short-summary"]) if "short-summary" in entry else ""
    _indent(lines, "azcli {}{}".format(name, FIRST_LINE_PREFIX + summary if summary else ""), 1)
    long_summary = _normalize(entry.get("long-summary"))
    status = entry.get("_status") or []
    _indent(lines, "\n".join([long_summary] * bool(long_summary) + [text for _, text in status]), 2)
    if long_summary or any(key == "deprecate_info" for key, _ in status):
        _indent(lines, "")


def _examples(lines, entry):
    examples = [(e["name"], e["text"]) for e in entry["examples"]] if "examples" in entry else []
    if examples:
        _indent(lines, "Examples")
    for name, text in examples:
        _indent(lines, "{0}".format(name), 1)
        _indent(lines, "{0}".format(text), 2)
        lines.append("")


def _items(lines, layouts, max_len):
    """knack's _print_items: name, padding, tags, ' : ', summary, wrapped with a hanging indent."""
    for name, tags, summary in layouts:
        padding = " " * (max_len - _line_len(name, tags) + (1 if tags else 0))
        _indent(lines, "{}{}{}{}{}".format(name, padding, tags, FIRST_LINE_PREFIX if summary else "", summary),
                1, max_len + 4 + len(FIRST_LINE_PREFIX) - 1)


def _line_len(name, tags):
    return len(name) + len(tags) + (2 if tags else 1)


def _group(name, entry, index):
    lines = []
    _header(lines, _kind(entry, "group"), name, entry)
    children = [(child, is_group, (tags or [""])[0],
                 _short_summary(index.get("{} {}".format(name, child))).replace("\n", " "))
                for child, is_group, *tags in entry["_children"]]
    max_len = max(_line_len(child, tags) for child, _, tags, _ in children)
    for title, wanted in (("Subgroups:", 1), ("Commands:", 0)):
        layouts = sorted((child, tags, summary) for child, is_group, tags, summary in children if is_group == wanted)
        if layouts:
            _indent(lines, title)
            _items(lines, layouts, max_len)
            _indent(lines, "")
    _examples(lines, entry)
    return "".join(line + "\n" for line in lines)


def _sources(param, default):
    """CLIHelp._get_choices_defaults_sources_str."""
    return "{}{}{}".format("  Allowed values: {}.".format(param["c"]) if param.get("c") else "",
                           "  Default: {}.".format(default) if default else "",
                           "  Values from: {}.".format(param["v"]) if param.get("v") else "")


def _command(name, entry, index, config):
    params = entry["_args"] + index[GLOBAL_KEY]
    output = config.get("core", "output")
    priorities = {None: 0, "Global Arguments": 1000}  # knack's ArgumentGroupRegistry
    for group in sorted({p["g"] for p in params if p.get("g")}):
        if group not in priorities:
            priorities[group] = len(priorities)  # 2, 3, ... alphabetically
    layouts = []
    for param in params:
        if param.get("k") and config.get("defaults", param["k"], local=True):
            raise Unsupported("a configured default for {}".format(param["n"]))
        default = ("json" if output is None else output) if param["n"] == "--output -o" else param.get("d")
        tags = REQUIRED_TAG if param.get("r") else ""
        key = "{:06d}{}{}".format(priorities.get(param.get("g"), 0), str(not tags), param["n"])
        layouts.append((key, param.get("g"), param["n"], tags, (param["s"] + _sources(param, default)).strip(),
                        param.get("l")))
    layouts.sort(key=lambda layout: layout[0])
    max_len = max(_line_len(name, tags) for _, _, name, tags, _, _ in layouts)
    lines = []
    _header(lines, _kind(entry, "command"), name, entry)
    _indent(lines, "Arguments")
    last_group = ""
    for _, group, arg_name, tags, summary, long_summary in layouts:
        if group != last_group:
            if group:
                lines.extend(["", group])
            last_group = group
        _items(lines, [(arg_name, tags, summary)], max_len)
        if long_summary:
            _indent(lines, long_summary, 2)
    _indent(lines, "")
    _examples(lines, entry)
    return "".join(line + "\n" for line in lines)
