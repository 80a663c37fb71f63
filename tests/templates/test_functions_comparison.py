"""Comparison functions: documented examples and errors."""

import pytest

from azcli.emulator.templates.errors import TemplateError

from .helpers import ev

OBJECT_TO_TEST = {"objectToTest": {"null1": None, "null2": None, "string": "default", "int": 1,
                                   "object": {"first": "default"}, "array": [1]}}


@pytest.mark.parametrize("member, expected", [
    ("string", "default"), ("int", 1), ("object", {"first": "default"}), ("array", [1]),
])
def test_coalesce_documented(member, expected):
    expression = f"coalesce(parameters('objectToTest').null1, parameters('objectToTest').null2, " \
                 f"parameters('objectToTest').{member})"
    assert ev(expression, parameters=OBJECT_TO_TEST) == expected


def test_coalesce_of_only_nulls_is_empty():
    assert ev("empty(coalesce(parameters('objectToTest').null1, parameters('objectToTest').null2))",
              parameters=OBJECT_TO_TEST) is True


@pytest.mark.parametrize("expression, expected", [
    ("equals(1, 1)", True),
    ("equals('demo', 'Demo')", False),
    ("equals(createArray('a', 'b'), createArray('a', 'b'))", True),
    ("equals(json('{\"a\": \"b\"}'), json('{\"a\": \"b\"}'))", True),
    ("equals(1, true())", False),
    ("equals(1, '1')", False),
    ("equals(null(), null())", True),
    ("greater(1, 2)", False), ("greater('A', 'a')", False),
    ("greaterOrEquals(1, 2)", False), ("greaterOrEquals('A', 'a')", False),
    ("less(1, 2)", True), ("less('A', 'a')", True),
    ("lessOrEquals(1, 2)", True), ("lessOrEquals('A', 'a')", True),
    ("greaterOrEquals(2, 2)", True), ("lessOrEquals('b', 'b')", True),
])
def test_documented_examples(expression, expected):
    assert ev(expression) is expected


@pytest.mark.parametrize("expression", ["greater(1, 'a')", "less(createArray(), 1)", "lessOrEquals(true(), 1)"])
def test_mixed_types_cannot_be_ordered(expression):
    with pytest.raises(TemplateError, match="must both be integers or both be strings"):
        ev(expression)


def test_arity():
    with pytest.raises(TemplateError, match="function requires 2 argument"):
        ev("equals(1)")
