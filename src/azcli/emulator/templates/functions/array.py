"""Functions over arrays, and the ones ARM shares between arrays, strings and objects.

Each polymorphic function is written once here (concat, contains, empty, first, last, indexOf,
lastIndexOf, length, skip, take); union, intersection and tryGet live in objects.py.
"""

from ..errors import MissingPropertyError
from .registry import (check, deep_equals, expect, expect_all, function_error, has_property, is_integer,
               template_function, type_name)
from .string import to_string

_RANGE_LIMIT = 10000
_INT32_MAX = 2 ** 31 - 1


@template_function("array", 1)
def array(ctx, args):
    value = args[0]
    return value if isinstance(value, list) else [value]


@template_function("createArray", 0, None)
def create_array(ctx, args):
    return list(args)


@template_function("concat", 1, None)
def concat(ctx, args):
    """All arrays: one array (nulls add nothing). Otherwise: the arguments' text joined."""
    if any(isinstance(value, list) for value in args):
        joined = []
        for position, value in enumerate(args):
            if value is not None:
                joined.extend(check("concat", value, position, "Array"))
        return joined
    for position, value in enumerate(args):
        if isinstance(value, dict):
            check("concat", value, position, "String", "Integer", "Boolean", "Array")
    return "".join(to_string(value) for value in args)


@template_function("contains", 2)
def contains(ctx, args):
    """Strings: case-sensitive substring. Objects: case-insensitive key. Arrays: an equal element."""
    container, item = args
    expect("contains", args, 0, "Array", "Object", "String")
    if isinstance(container, str):
        return to_string(item) in container
    if isinstance(container, dict):
        return has_property(container, to_string(item))
    return any(deep_equals(element, item) for element in container)


@template_function("empty", 1, lazy=True)
def empty(ctx, args):
    # A missing member reads as null here: templates test optional members with empty(x.member).
    try:
        value = args[0].value()
    except MissingPropertyError:
        return True
    if value is None:
        return True
    check("empty", value, 0, "Array", "Object", "String", "Null")
    return len(value) == 0


def _sequence(name, args):
    return expect(name, args, 0, "Array", "String")


@template_function("first", 1)
def first(ctx, args):
    sequence = _sequence("first", args)
    if not sequence:
        return "" if isinstance(sequence, str) else None
    return sequence[0]


@template_function("last", 1)
def last(ctx, args):
    sequence = _sequence("last", args)
    if not sequence:
        return "" if isinstance(sequence, str) else None
    return sequence[-1]


def _positions(name, args):
    """(items, is_match): strings match case-insensitively, array elements by equality."""
    sequence, wanted = args
    expect(name, args, 0, "Array", "String")
    if isinstance(sequence, str):
        return sequence.lower(), check(name, wanted, 1, "String").lower()
    return sequence, wanted


@template_function("indexOf", 2)
def index_of(ctx, args):
    sequence, wanted = _positions("indexOf", args)
    if isinstance(sequence, str):
        return sequence.find(wanted)
    return next((index for index, item in enumerate(sequence) if deep_equals(item, wanted)), -1)


@template_function("lastIndexOf", 2)
def last_index_of(ctx, args):
    sequence, wanted = _positions("lastIndexOf", args)
    if isinstance(sequence, str):
        return sequence.rfind(wanted)
    return next((index for index in range(len(sequence) - 1, -1, -1) if deep_equals(sequence[index], wanted)), -1)


@template_function("length", 1)
def length(ctx, args):
    return len(expect("length", args, 0, "Array", "String", "Object"))


def _count(name, args):
    return max(0, expect(name, args, 1, "Integer"))


@template_function("skip", 2)
def skip(ctx, args):
    return _sequence("skip", args)[_count("skip", args):]


@template_function("take", 2)
def take(ctx, args):
    return _sequence("take", args)[:_count("take", args)]


def _numbers(name, args):
    """min/max accept integers or one array of integers."""
    values = args[0] if len(args) == 1 and isinstance(args[0], list) else args
    if not values:
        raise function_error(name, "the array must not be empty.")
    for position, value in enumerate(values):
        if not (is_integer(value) or isinstance(value, float)):
            raise function_error(name, f"the values must be integers; value {position + 1} is of type "
                                       f"'{type_name(value)}'.")
    return values


@template_function("min", 1, None)
def min_(ctx, args):
    return min(_numbers("min", args))


@template_function("max", 1, None)
def max_(ctx, args):
    return max(_numbers("max", args))


@template_function("range", 2)
def range_(ctx, args):
    start, count = expect_all("range", args, "Integer")
    if count < 0 or count > _RANGE_LIMIT:
        raise function_error("range", f"the count must be between 0 and {_RANGE_LIMIT}; it is {count}.")
    if start + count > _INT32_MAX:
        raise function_error("range", f"the sum of start index and count must not exceed {_INT32_MAX}.")
    return list(range(start, start + count))


@template_function("flatten", 1)
def flatten(ctx, args):
    flattened = []
    for position, item in enumerate(expect("flatten", args, 0, "Array")):
        flattened.extend(check("flatten", item, position, "Array"))
    return flattened


def _from_end(name, args):
    items = expect(name, args, 0, "Array")
    reverse_index = expect(name, args, 1, "Integer")
    return items, reverse_index


@template_function("indexFromEnd", 2)
def index_from_end(ctx, args):
    """indexFromEnd(items, 1) is the last item."""
    items, reverse_index = _from_end("indexFromEnd", args)
    if not 1 <= reverse_index <= len(items):
        raise function_error("indexFromEnd", f"the index '{reverse_index}' is out of bounds of an array of "
                                             f"length {len(items)}.")
    return items[-reverse_index]


@template_function("tryIndexFromEnd", 2)
def try_index_from_end(ctx, args):
    items, reverse_index = _from_end("tryIndexFromEnd", args)
    return items[-reverse_index] if 1 <= reverse_index <= len(items) else None
