"""--parameters: every form az accepts, merged in order (later values win), and missing parameters.

Each --parameters value is one of (tried in this order, as az does): a path to a parameter file; a
JSON object (knack has already replaced `@file` by the file's text); a URI; `name=value` or
`name=@file`, typed by the template's declaration. A parameter file is ARM's
`{"$schema", "contentVersion", "parameters": {...}}` or a bare `{name: {"value": ...}}` object.
"""
import json
import os

from knack.log import get_logger

from azcli.errors import InvalidArgumentValueError, RequiredArgumentMissingError

from ._template import parse_jsonc, read_uri

logger = get_logger(__name__)

JSON_TYPES = ("object", "array", "secureobject")
STRING_TYPES = ("string", "securestring")


def _parameters_of(document):
    """A parameter document's {name: {value|reference}}: its `parameters` member, or itself."""
    if not isinstance(document, dict):
        return None
    inner = document.get("parameters", document)
    return inner if isinstance(inner, dict) else None


def _from_file(item):
    try:
        is_file = os.path.isfile(item)
    except (ValueError, OSError):
        return None
    if not is_file:
        return None
    if item.lower().endswith(".bicepparam"):
        raise InvalidArgumentValueError(
            "'{}' is a Bicep parameters file; azcli reads JSON parameter files only. Compile it with "
            "`bicep build-params {}` and pass the JSON file.".format(item, item))
    with open(item, encoding="utf-8-sig") as handle:
        text = handle.read()
    if not text.strip():
        return None
    found = _parameters_of(parse_jsonc(text, item))
    if found is None:
        raise InvalidArgumentValueError("'{}' is not a parameter file (a JSON object).".format(item))
    return found


def _from_json(item):
    stripped = item.strip()
    if not stripped.startswith("{"):
        return None
    try:
        return _parameters_of(parse_jsonc(stripped, "--parameters"))
    except InvalidArgumentValueError:
        return None


def _from_uri(item):
    if "://" not in item or "=" in item.split("://", 1)[0]:
        return None
    return _parameters_of(parse_jsonc(read_uri(item), item))


def typed_value(name, declared_type, text):
    """A `name=value` value as the template declares the parameter (az's rules)."""
    kind = (declared_type or "").lower()
    if kind in JSON_TYPES:
        try:
            return json.loads(text)
        except ValueError as ex:
            shown = "(a secure value, not shown)" if kind.startswith("secure") else text[:80]
            raise InvalidArgumentValueError("Parameter '{}' is of type {} and its value is not valid JSON ({}): {}"
                                            .format(name, declared_type, ex, shown)) from None
    if kind in STRING_TYPES:
        return text
    if kind == "bool":
        return text.lower() == "true"
    if kind == "int":
        try:
            return int(text)
        except ValueError:
            raise InvalidArgumentValueError("Parameter '{}' is of type int; '{}' is not an integer."
                                            .format(name, text)) from None
    logger.warning("Unrecognized type '%s' for parameter '%s'. Interpreting as string.", declared_type, name)
    return text


def _key_value(definitions, item):
    name, sep, text = item.partition("=")
    if not sep or not name:
        return None
    declared = {key.lower(): key for key in definitions}
    key = declared.get(name.lower())
    if key is None:
        raise InvalidArgumentValueError("unrecognized template parameter '{}'. Allowed parameters: {}"
                                        .format(name, ", ".join(sorted(definitions))))
    if text.startswith("@"):
        path = os.path.expanduser(text[1:])
        try:
            with open(path, encoding="utf-8-sig") as handle:
                text = handle.read()
        except OSError as ex:
            raise InvalidArgumentValueError("Parameter '{}': cannot read {}: {}".format(name, path, ex.strerror)) from None
        if (definitions[key].get("type") or "").lower() not in JSON_TYPES:
            text = text.rstrip("\r\n")  # a value kept in a file rarely means its final newline
    return {key: {"value": typed_value(key, definitions[key].get("type"), text)}}


def parse_parameters(definitions, parameter_lists):
    """{name: {"value": ...} | {"reference": ...}} from the --parameters values, in order."""
    parameters = {}
    for group in parameter_lists or []:
        for item in ([group] if isinstance(group, str) else group):
            if item.strip() == "{}" and not parameters:
                continue
            found = _from_file(item)
            if found is None:
                found = _from_json(item)
            if found is None:
                found = _from_uri(item)
            if found is None:
                found = _key_value(definitions, item)
            if found is None:
                raise InvalidArgumentValueError("Unable to parse parameter: {}".format(item[:200]))
            parameters.update(found)
    return parameters


def missing_parameters(definitions, parameters):
    """Declared parameters with neither a defaultValue nor a given value, in declaration order."""
    given = {name.lower(): entry for name, entry in parameters.items()}
    return [name for name, definition in definitions.items()
            if isinstance(definition, dict) and "defaultValue" not in definition
            and given.get(name.lower()) is None]


def complete_parameters(definitions, parameters, no_prompt=False, prompter=None):
    """parameters with every missing one filled in: asked for on a terminal, else one usage error."""
    missing = missing_parameters(definitions, parameters)
    if not missing:
        return parameters
    if no_prompt or prompter is None or not prompter.interactive():
        raise RequiredArgumentMissingError(
            "Missing input parameters: {}. Give them with --parameters name=value (or a parameter file)."
            .format(", ".join(missing)))
    for name in missing:
        parameters[name] = {"value": prompter.ask(name, definitions[name])}
    return parameters
