"""String functions (concat, contains, empty, first, last, indexOf, length, skip, take are in array.py)."""

import base64 as _base64
import json as _json
import re
import urllib.parse

from .. import hashing
from .registry import check, expect, expect_all, function_error, is_integer, template_function
from .lenient_json import parse_json
from .numberformat import format_number

_DATA_URI_PREFIX = "data:text/plain;charset=utf8;base64,"


def to_string(value):
    """ARM's text for a value: booleans as .NET prints them (True/False), objects and arrays as compact JSON."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "True" if value else "False"
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (list, dict)):
        return _json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    return str(value)


@template_function("string", 1)
def string(ctx, args):
    return to_string(args[0])


@template_function("base64", 1)
def base64(ctx, args):
    return _base64.b64encode(expect("base64", args, 0, "String").encode("utf-8")).decode("ascii")


def decode_base64(name, text):
    try:
        return _base64.b64decode(text, validate=True).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        raise function_error(name, "the argument is not a valid base64 string.") from None


@template_function("base64ToString", 1)
def base64_to_string(ctx, args):
    return decode_base64("base64ToString", expect("base64ToString", args, 0, "String"))


@template_function("base64ToJson", 1)
def base64_to_json(ctx, args):
    text = decode_base64("base64ToJson", expect("base64ToJson", args, 0, "String"))
    try:
        return parse_json(text)
    except ValueError as error:
        raise function_error("base64ToJson", f"the decoded value is not valid JSON: {error}") from None


@template_function("dataUri", 1)
def data_uri(ctx, args):
    text = expect("dataUri", args, 0, "String")
    return _DATA_URI_PREFIX + _base64.b64encode(text.encode("utf-8")).decode("ascii")


@template_function("dataUriToString", 1)
def data_uri_to_string(ctx, args):
    text = expect("dataUriToString", args, 0, "String")
    header, comma, payload = text.partition(",")
    if not text.startswith("data:") or not comma:
        raise function_error("dataUriToString", f"the value '{text}' is not a valid data URI.")
    if header.endswith(";base64"):
        return decode_base64("dataUriToString", payload)
    return urllib.parse.unquote(payload)


@template_function("endsWith", 2)
def ends_with(ctx, args):
    text, suffix = expect_all("endsWith", args, "String")
    return text.lower().endswith(suffix.lower())


@template_function("startsWith", 2)
def starts_with(ctx, args):
    text, prefix = expect_all("startsWith", args, "String")
    return text.lower().startswith(prefix.lower())


@template_function("format", 1, None)
def format_(ctx, args):
    return composite_format(expect("format", args, 0, "String"), args[1:])


_ITEM = re.compile(r"\{(\d+)\s*(?:,\s*(-?\d+)\s*)?(?::([^{}]*))?\}")


def composite_format(template, values):
    """.NET's String.Format: {index[,alignment][:format]}, with {{ and }} for literal braces."""
    pieces, position, length = [], 0, len(template)
    while position < length:
        ch = template[position]
        if ch in "{}" and template.startswith(ch * 2, position):
            pieces.append(ch)
            position += 2
            continue
        if ch == "}":
            raise function_error("format", f"the format string '{template}' has an unmatched '}}'.")
        if ch != "{":
            pieces.append(ch)
            position += 1
            continue
        item = _ITEM.match(template, position)
        if item is None:
            raise function_error("format", f"the format string '{template}' has an invalid format item at "
                                           f"position {position}.")
        index = int(item.group(1))
        if index >= len(values):
            raise function_error("format", f"the format item {{{index}}} refers to an argument that was not "
                                           f"provided; {len(values)} were.")
        text = _formatted(values[index], item.group(3))
        width = int(item.group(2) or 0)
        pieces.append(text.rjust(width) if width >= 0 else text.ljust(-width))
        position = item.end()
    return "".join(pieces)


def _formatted(value, spec):
    if spec and (is_integer(value) or isinstance(value, float)):
        return format_number(value, spec)
    return to_string(value)


@template_function("guid", 1, None)
def guid(ctx, args):
    return hashing.guid(*[check("guid", value, position, "String") for position, value in enumerate(args)])


@template_function("uniqueString", 1, None)
def unique_string(ctx, args):
    parts = [check("uniqueString", value, position, "String") for position, value in enumerate(args)]
    return hashing.unique_string(*parts)


@template_function("newGuid", 0)
def new_guid(ctx, args):
    import uuid  # only deployments that call newGuid() pay for the import
    return str(uuid.uuid4())


@template_function("join", 2)
def join(ctx, args):
    items = expect("join", args, 0, "Array")
    delimiter = expect("join", args, 1, "String")
    return delimiter.join(to_string(check("join", item, 0, "String", "Integer", "Boolean")) for item in items)


@template_function("padLeft", 2, 3)
def pad_left(ctx, args):
    value = to_string(expect("padLeft", args, 0, "String", "Integer"))
    total = expect("padLeft", args, 1, "Integer")
    padding = expect("padLeft", args, 2, "String") if len(args) == 3 else " "
    if len(padding) != 1:
        raise function_error("padLeft", "the padding character must be a single character.")
    return value.rjust(total, padding)


@template_function("replace", 3)
def replace(ctx, args):
    text, old, new = expect_all("replace", args, "String")
    if not old:
        raise function_error("replace", "the string to replace must not be empty.")
    return text.replace(old, new)


@template_function("split", 2)
def split(ctx, args):
    text = expect("split", args, 0, "String")
    delimiters = expect("split", args, 1, "String", "Array")
    if isinstance(delimiters, str):
        delimiters = [delimiters]
    delimiters = [check("split", item, 1, "String") for item in delimiters if item]
    if not delimiters:
        return [text]
    return re.split("|".join(re.escape(item) for item in delimiters), text)


@template_function("substring", 2, 3)
def substring(ctx, args):
    text = expect("substring", args, 0, "String")
    start = expect("substring", args, 1, "Integer")
    count = expect("substring", args, 2, "Integer") if len(args) == 3 else len(text) - start
    if start < 0 or start > len(text) or count < 0 or start + count > len(text):
        raise function_error("substring", f"the index and length parameters must refer to a location within "
                                          f"the string. The index parameter: '{start}', the length parameter: "
                                          f"'{count}', the length of the string parameter: '{len(text)}'.")
    return text[start:start + count]


@template_function("toLower", 1)
def to_lower(ctx, args):
    return expect("toLower", args, 0, "String").lower()


@template_function("toUpper", 1)
def to_upper(ctx, args):
    return expect("toUpper", args, 0, "String").upper()


@template_function("trim", 1)
def trim(ctx, args):
    return expect("trim", args, 0, "String").strip()


@template_function("uri", 2)
def uri(ctx, args):
    """Documented rules: join at the base's last '/', merging a doubled slash; a base of only
    scheme and host (no path slash) takes the relative part after a '/'."""
    base, relative = expect_all("uri", args, "String")
    scheme_end = base.find("//")
    path_start = scheme_end + 2 if scheme_end >= 0 else 0
    if base.endswith("/"):
        return base + relative[1:] if relative.startswith("/") else base + relative
    last_slash = base.rfind("/")
    if last_slash < path_start:
        return base + ("" if relative.startswith("/") else "/") + relative
    return base[:last_slash + 1] + (relative[1:] if relative.startswith("/") else relative)


@template_function("uriComponent", 1)
def uri_component(ctx, args):
    # .NET's Uri.EscapeDataString keeps only RFC 3986 unreserved characters.
    return urllib.parse.quote(expect("uriComponent", args, 0, "String"), safe="-_.~")


@template_function("uriComponentToString", 1)
def uri_component_to_string(ctx, args):
    return urllib.parse.unquote(expect("uriComponentToString", args, 0, "String"))
