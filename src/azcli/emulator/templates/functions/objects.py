"""Object functions, plus union/intersection/tryGet, which ARM defines on arrays and objects alike."""

import copy

from .registry import (check, deep_equals, expect, function_error, get_property, has_property, is_integer,
               template_function, type_name)
from .lenient_json import parse_json


@template_function("createObject", 0, None)
def create_object(ctx, args):
    if len(args) % 2:
        raise function_error("createObject", "the function requires an even number of arguments: key, value, ...")
    return {check("createObject", args[i], i, "String"): args[i + 1] for i in range(0, len(args), 2)}


@template_function("items", 1)
def items(ctx, args):
    """[{key, value}] ordered by key, case-insensitively first, as ARM sorts them."""
    source = expect("items", args, 0, "Object")
    ordered = sorted(source, key=lambda key: (key.lower(), key))
    return [{"key": key, "value": source[key]} for key in ordered]


@template_function("json", 1)
def json(ctx, args):
    text = expect("json", args, 0, "String")
    try:
        return parse_json(text)
    except ValueError as error:
        raise function_error("json", f"the argument is not valid JSON: {error}") from None


@template_function("null", 0)
def null(ctx, args):
    return None


@template_function("objectKeys", 1)
def object_keys(ctx, args):
    return list(expect("objectKeys", args, 0, "Object"))


@template_function("shallowMerge", 1)
def shallow_merge(ctx, args):
    merged = {}
    for position, item in enumerate(expect("shallowMerge", args, 0, "Array")):
        merged.update(check("shallowMerge", item, position, "Object"))
    return merged


def _same_kind(name, args):
    """All arrays or all objects (nulls are skipped), and which of the two."""
    present = [value for value in args if value is not None]
    kinds = {type_name(value) for value in present}
    if not kinds <= {"Array", "Object"} or len(kinds) > 1:
        raise function_error(name, "the arguments must all be arrays or all be objects; they are of types "
                                   f"'{', '.join(type_name(value) for value in args)}'.")
    return present, (kinds.pop() if kinds else "Array")


def _deep_union(target, source):
    """Later values win; nested objects merge recursively, arrays and other values replace."""
    for key, value in source.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            _deep_union(target[key], value)
        else:
            target[key] = copy.deepcopy(value)
    return target


@template_function("union", 1, None)
def union(ctx, args):
    present, kind = _same_kind("union", args)
    if kind == "Object":
        merged = {}
        for item in present:
            _deep_union(merged, item)
        return merged
    combined = []
    for item in present:
        for element in item:
            if not any(deep_equals(element, kept) for kept in combined):
                combined.append(element)
    return combined


@template_function("intersection", 2, None)
def intersection(ctx, args):
    present, kind = _same_kind("intersection", args)
    first, others = present[0], present[1:]
    if kind == "Object":
        return {key: value for key, value in first.items()
                if all(key in other and deep_equals(other[key], value) for other in others)}
    common = []
    for element in first:
        if all(any(deep_equals(element, candidate) for candidate in other) for other in others):
            if not any(deep_equals(element, kept) for kept in common):
                common.append(element)
    return common


@template_function("tryGet", 2, None)
def try_get(ctx, args):
    """Walks keys and indexes one by one; null as soon as one is missing."""
    value = expect("tryGet", args, 0, "Object", "Array")
    for position, key in enumerate(args[1:], start=1):
        if isinstance(value, dict) and isinstance(key, str):
            value = get_property(value, key) if has_property(value, key) else None
        elif isinstance(value, list) and is_integer(key):
            value = value[key] if 0 <= key < len(value) else None
        else:
            check("tryGet", key, position, "String", "Integer")
            value = None
        if value is None:
            return None
    return value
