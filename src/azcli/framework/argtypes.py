"""Argument types shared by every module: declared once, used by name."""
import json
import os
import sys

from knack.arguments import CLIArgumentType

from ..errors import InvalidArgumentValueError


def parse_tags(values):
    """['a=b', 'c', 'd='] -> {'a': 'b', 'c': '', 'd': ''}; [''] -> {} (clears tags)."""
    if values is None:
        return None
    tags = {}
    for item in values:
        if not item:
            continue
        key, _, value = item.partition("=")
        if not key:
            raise InvalidArgumentValueError("Tag '{}' has no name; use key[=value].".format(item))
        tags[key] = value
    return tags


_BOOLEANS = {"true": True, "yes": True, "1": True, "y": True, "t": True,
             "false": False, "no": False, "0": False, "n": False, "f": False}


def boolean_value(text):
    """A flag's optional value as az's boolean arguments take it (true/false, yes/no, 1/0, t/f, y/n)."""
    value = _BOOLEANS.get(str(text).strip().lower())
    if value is None:
        raise ValueError(text)  # argparse: "invalid boolean_value value", a usage error
    return value


def validate_tags(namespace):
    if getattr(namespace, "tags", None) is not None:
        namespace.tags = parse_tags(namespace.tags)


def read_text_argument(value):
    """A value, '@file' (knack expands it before parsing) or '-' for stdin."""
    if value == "-":
        return sys.stdin.read()
    return value


def json_object(value, name="--properties"):
    """A JSON argument: inline, @file (knack expands it before parsing) or '-' (stdin).
    Invalid JSON is a usage error naming the argument."""
    if value is None or isinstance(value, (dict, list)):
        return value
    if value.startswith("@"):
        # knack replaces @file by the file's content; a value still starting with '@' names a file it could not read
        path = value[1:]
        try:
            with open(os.path.expanduser(path), encoding="utf-8-sig") as handle:
                text = handle.read()
        except OSError as ex:
            raise InvalidArgumentValueError("{}: the file '{}' could not be read: {}."
                                            .format(name, path, ex.strerror or ex)) from None
    else:
        text = read_text_argument(value)
    try:
        return json.loads(text)
    except ValueError as ex:
        raise InvalidArgumentValueError("{} is not valid JSON ({}): {}".format(name, ex, text[:80])) from None


def name_value(what):
    """An argument type for a name that becomes one segment of a resource id: not empty, no '/' (a usage
    error before any request, where ARM would answer for another path than the one meant)."""
    import argparse

    def check(value):
        text = str(value)
        if not text.strip():
            raise argparse.ArgumentTypeError("the {} must not be empty".format(what))
        if "/" in text or "\\" in text:
            raise argparse.ArgumentTypeError("'{}' is not a valid {}: it must not contain '/' or '\\'"
                                             .format(text, what))
        return text
    check.__name__ = what.replace(" ", "_")
    return check


resource_group_name_type = CLIArgumentType(
    options_list=["--resource-group", "-g"], metavar="NAME", configured_default="group",
    type=name_value("resource group name"),
    help="Name of resource group. You can configure the default group using "
         "`azcli configure --defaults group=<name>`.")

location_type = CLIArgumentType(
    options_list=["--location", "-l"], metavar="LOCATION", configured_default="location",
    type=lambda value: value.replace(" ", "").lower(),
    help="Location. Values from: `azcli account list-locations`. You can configure the default "
         "location using `azcli configure --defaults location=<location>`.")

tags_type = CLIArgumentType(
    options_list=["--tags"], nargs="*", validator=validate_tags,
    help="Space-separated tags: key[=value] [key[=value] ...]. Use \"\" to clear existing tags.")

tag_filter_type = CLIArgumentType(
    options_list=["--tag"], metavar="KEY[=VALUE]",
    help="A single tag in 'key[=value]' format. Use \"\" to clear existing tags.")


def expand_ids(values):
    """--ids values -> a flat list of ids.

    Each value may hold several ids separated by spaces or newlines (`--ids "$(azcli ... -o tsv)"`),
    be a JSON array (`--ids "$(azcli ... --query [].id)"`), or be '-' to read either form from stdin.
    """
    if values is None:
        return None
    if isinstance(values, str):
        values = [values]
    ids = []
    for value in values:
        text = read_text_argument(value) if value == "-" else value
        stripped = text.strip()
        if stripped.startswith("["):
            try:
                items = json.loads(stripped)
            except ValueError as ex:
                raise InvalidArgumentValueError("--ids: invalid JSON array ({}).".format(ex)) from None
            ids.extend(str(item).strip() for item in items if str(item).strip())
        else:
            ids.extend(stripped.split())
    return ids


resource_ids_type = CLIArgumentType(
    options_list=["--ids"], nargs="+", metavar="ID",
    help="One or more resource IDs: space- or newline-separated, a JSON array, or '-' to read them from stdin.")
