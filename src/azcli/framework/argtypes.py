"""Argument types shared by every module: declared once, used by name."""
import json
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
    text = read_text_argument(value)
    try:
        return json.loads(text)
    except ValueError as ex:
        raise InvalidArgumentValueError("{} is not valid JSON ({}): {}".format(name, ex, text[:80])) from None


resource_group_name_type = CLIArgumentType(
    options_list=["--resource-group", "-g"], metavar="NAME", configured_default="group",
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
