"""Logical functions: documented examples, laziness and errors."""

import pytest

from azcli.emulator.templates.errors import TemplateError

from .helpers import ev


@pytest.mark.parametrize("expression, expected", [
    ("and(bool('true'), bool('false'))", False),
    ("or(bool('true'), bool('false'))", True),
    ("not(bool('true'))", False),
    ("bool('true')", True), ("bool('trUe')", True), ("bool('false')", False), ("bool('falSe')", False),
    ("bool(1)", True), ("bool(2)", True), ("bool(-1)", True), ("bool(0)", False),
    ("false()", False), ("true()", True),
    ("if(equals('a', 'a'), 'yes', 'no')", "yes"),
    ("if(equals('a', 'b'), 'yes', 'no')", "no"),
    ("if(equals('a', 'a'), json('{\"test\": \"value1\"}'), json('null'))", {"test": "value1"}),
    ("not(equals(1, 2))", True),
    ("and(true(), true(), true())", True),
    ("or(false(), false(), true())", True),
])
def test_documented_examples(expression, expected):
    assert ev(expression) == expected


def test_if_does_not_evaluate_the_other_branch():
    assert ev("if(true(), 1, div(1, 0))") == 1
    assert ev("if(false(), div(1, 0), 2)") == 2


@pytest.mark.parametrize("expression, fragment", [
    ("and(true())", "function requires at least 2 argument(s) while 1 were provided"),
    ("if('yes', 1, 2)", "the first argument must be of type 'Boolean'"),
    ("not(1)", "must be of type 'Boolean'"),
    ("or(false(), 'x')", "the second argument must be of type 'Boolean'"),
    ("bool('yes')", "is not a valid boolean"),
    ("bool(createArray())", "must be of type"),
])
def test_errors(expression, fragment):
    with pytest.raises(TemplateError) as caught:
        ev(expression)
    assert fragment in caught.value.message
