"""Lambda functions: the documented examples (the dogs) and errors."""

import pytest

from azcli.emulator.templates.errors import TemplateError

from .helpers import ev

DOGS = [
    {"name": "Evie", "age": 5, "interests": ["Ball", "Frisbee"]},
    {"name": "Casper", "age": 3, "interests": ["Other dogs"]},
    {"name": "Indy", "age": 2, "interests": ["Butter"]},
    {"name": "Kira", "age": 8, "interests": ["Rubs"]},
]
NESTED_DOGS = [{"name": dog["name"], "properties": {"age": dog["age"], "interests": dog["interests"]}}
               for dog in DOGS]


def dogs(expression, variables=None):
    return ev(expression, variables=variables or {"dogs": DOGS})


def test_filter():
    assert dogs("filter(variables('dogs'), lambda('dog', greaterOrEquals(lambdaVariables('dog').age, 5)))") == \
        [DOGS[0], DOGS[3]]
    assert dogs("filter(range(0, 10), lambda('i', greater(lambdaVariables('i'), 5)))") == [6, 7, 8, 9]
    assert dogs("filter(range(0, 10), lambda('i', equals(0, mod(lambdaVariables('i'), 2))))") == [0, 2, 4, 6, 8]


def test_map():
    assert dogs("map(variables('dogs'), lambda('dog', lambdaVariables('dog').name))") == \
        ["Evie", "Casper", "Indy", "Kira"]
    assert dogs("map(variables('dogs'), lambda('dog', format('Hello {0}!', lambdaVariables('dog').name)))") == \
        ["Hello Evie!", "Hello Casper!", "Hello Indy!", "Hello Kira!"]
    mapped = dogs("map(range(0, length(variables('dogs'))), lambda('i', createObject('i', lambdaVariables('i'), "
                  "'dog', variables('dogs')[lambdaVariables('i')].name, 'greeting', "
                  "format('Ahoy, {0}!', variables('dogs')[lambdaVariables('i')].name))))")
    assert mapped[1] == {"i": 1, "dog": "Casper", "greeting": "Ahoy, Casper!"} and len(mapped) == 4


def test_map_with_index():
    assert ev("map(createArray('a', 'b'), lambda('x', 'i', concat(lambdaVariables('x'), string(lambdaVariables('i')))))") \
        == ["a0", "b1"]


def test_reduce():
    ages = "map(variables('dogs'), lambda('dog', lambdaVariables('dog').age))"
    total = "lambda('cur', 'next', add(lambdaVariables('cur'), lambdaVariables('next')))"
    assert dogs(f"reduce({ages}, 0, {total})") == 18
    assert dogs(f"reduce({ages}, 1, {total})") == 19
    assert ev("reduce(createArray(createObject('foo', 123), createObject('bar', 456), createObject('baz', 789)), "
              "createObject(), lambda('cur', 'next', union(lambdaVariables('cur'), lambdaVariables('next'))))") == \
        {"foo": 123, "bar": 456, "baz": 789}


def test_sort():
    assert [dog["name"] for dog in dogs(
        "sort(variables('dogs'), lambda('a', 'b', less(lambdaVariables('a').age, lambdaVariables('b').age)))")] == \
        ["Indy", "Casper", "Evie", "Kira"]


def test_to_object():
    by_name = {dog["name"]: dog for dog in DOGS}
    assert dogs("toObject(variables('dogs'), lambda('entry', lambdaVariables('entry').name))") == by_name
    assert dogs("toObject(variables('dogs'), lambda('entry', lambdaVariables('entry').name), "
                "lambda('entry', lambdaVariables('entry')))") == by_name
    assert dogs("toObject(variables('dogs'), lambda('entry', lambdaVariables('entry').name), "
                "lambda('entry', lambdaVariables('entry').properties))", {"dogs": NESTED_DOGS}) == \
        {dog["name"]: dog["properties"] for dog in NESTED_DOGS}


def test_group_by_and_map_values():
    assert ev("groupBy(createArray('foo', 'bar', 'baz'), lambda('x', substring(lambdaVariables('x'), 0, 1)))") == \
        {"f": ["foo"], "b": ["bar", "baz"]}
    assert ev("mapValues(createObject('foo', 'foo'), lambda('val', toUpper(lambdaVariables('val'))))") == \
        {"foo": "FOO"}


def test_nested_lambdas_see_outer_variables():
    assert ev("map(range(1, 2), lambda('x', map(range(0, 2), lambda('y', "
              "add(mul(lambdaVariables('x'), 10), lambdaVariables('y'))))))") == [[10, 11], [20, 21]]


@pytest.mark.parametrize("expression, fragment", [
    ("lambdaVariables('x')", "invalid lambda variable name 'x'"),
    ("map(range(0, 2), lambda('x', lambdaVariables('y')))", "invalid lambda variable name 'y'"),
    ("map(range(0, 2), 'x')", "argument 2 must be a lambda function"),
    ("filter(range(0, 2), lambda('x', 1))", "must be of type 'Boolean'"),
    ("map(1, lambda('x', 1))", "must be of type 'Array'"),
    ("filter(range(0, 2), lambda('a', 'b', 'c', true()))", "at most 2 parameter"),
    ("lambda(1, 2)", "must be of type 'String'"),
])
def test_errors(expression, fragment):
    with pytest.raises(TemplateError) as caught:
        ev(expression)
    assert fragment in caught.value.message
