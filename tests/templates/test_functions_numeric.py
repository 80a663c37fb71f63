"""Numeric functions: documented examples, .NET integer semantics and errors."""

import pytest

from azcli.emulator.templates.errors import TemplateError

from .helpers import ev, make_context


@pytest.mark.parametrize("expression, expected", [
    ("add(5, 3)", 8), ("sub(7, 3)", 4), ("mul(mul(5, 3), 3)", 45), ("div(8, 3)", 2), ("mod(7, 3)", 1),
    ("int('4')", 4), ("int(' -12 ')", -12), ("float('3.0')", 3.0), ("float(2)", 2.0),
    ("max(0, 3, 2, 5, 4)", 5), ("min(0, 3, 2, 5, 4)", 0),
])
def test_documented_examples(expression, expected):
    assert ev(expression) == expected


@pytest.mark.parametrize("expression, expected", [
    ("div(-7, 2)", -3), ("div(7, -2)", -3), ("div(-7, -2)", 3),
    ("mod(-7, 2)", -1), ("mod(7, -2)", 1), ("mod(-7, -2)", -1),
])
def test_division_truncates_toward_zero_like_dotnet(expression, expected):
    assert ev(expression) == expected


def test_copy_index_with_offset_and_loop_names():
    ctx = make_context().with_copy("outer", 2).with_copy("inner", 5)
    assert ev("copyIndex()", ctx) == 5
    assert ev("copyIndex(1)", ctx) == 6
    assert ev("copyIndex('outer')", ctx) == 2
    assert ev("copyIndex('OUTER', 10)", ctx) == 12
    with pytest.raises(TemplateError, match="invalid copy loop name 'other'"):
        ev("copyIndex('other')", ctx)
    with pytest.raises(TemplateError, match="'copyIndex' is not expected at this location"):
        ev("copyIndex()")


@pytest.mark.parametrize("expression, fragment", [
    ("div(1, 0)", "the divisor must not be zero"),
    ("mod(1, 0)", "the divisor must not be zero"),
    ("add(1, '2')", "the second argument must be of type 'Integer'"),
    ("add(1)", "function requires 2 argument(s) while 1 were provided"),
    ("int('four')", "is not a valid integer"),
    ("float('x')", "is not a valid number"),
    ("mul(9223372036854775807, 2)", "out of the range of a 64-bit integer"),
])
def test_errors(expression, fragment):
    with pytest.raises(TemplateError) as caught:
        ev(expression)
    assert fragment in caught.value.message
