"""Object functions (with union, intersection and tryGet over arrays too): documented examples and errors."""

import pytest

from azcli.emulator.templates.errors import TemplateError

from .helpers import ev

OBJECTS = {
    "firstObject": {"one": "a", "two": "b", "three": "c"}, "secondObject": {"one": "a", "two": "z", "three": "c"},
    "unionFirst": {"one": "a", "two": "b", "three": "c1"}, "unionSecond": {"three": "c2", "four": "d", "five": "e"},
    "firstArray": ["one", "two", "three"], "secondArray": ["two", "three"], "thirdArray": ["three", "four"],
    "jsonArray": "[[1,2,3 ]",
}


@pytest.mark.parametrize("expression, expected", [
    ("intersection(parameters('firstObject'), parameters('secondObject'))", {"one": "a", "three": "c"}),
    ("intersection(parameters('firstArray'), parameters('secondArray'))", ["two", "three"]),
    ("union(parameters('unionFirst'), parameters('unionSecond'))",
     {"one": "a", "two": "b", "three": "c2", "four": "d", "five": "e"}),
    ("union(parameters('firstArray'), parameters('thirdArray'))", ["one", "two", "three", "four"]),
    ("createObject('intProp', 1, 'stringProp', 'abc', 'boolProp', true(), 'arrayProp', createArray('a', 'b', 'c'), "
     "'objectProp', createObject('key1', 'value1'))",
     {"intProp": 1, "stringProp": "abc", "boolProp": True, "arrayProp": ["a", "b", "c"],
      "objectProp": {"key1": "value1"}}),
    ("empty(json('null'))", True),
    ("json('{\"a\": \"b\"}')", {"a": "b"}),
    ("json('\"test\"')", "test"),
    ("json('true')", True),
    ("json('3')", 3),
    ("json(concat('{\"a\": \"', 'demo value', '\"}'))", {"a": "demo value"}),
    ("empty(null())", True),
    ("objectKeys(createObject('a', 1, 'b', 2))", ["a", "b"]),
    ("shallowMerge(createArray(createObject('one', 'a'), createObject('two', 'b'), createObject('two', 'c')))",
     {"one": "a", "two": "c"}),
    ("shallowMerge(createArray(createObject('a', createObject('x', 1)), createObject('a', createObject('y', 2))))",
     {"a": {"y": 2}}),
    ("tryGet(createObject('a', createObject('b', 1)), 'a', 'b')", 1),
    ("tryGet(createObject('a', 1), 'missing')", None),
    ("tryGet(createArray(1, 2), 5)", None),
    ("tryGet(createArray(createObject('n', 'x')), 0, 'N')", "x"),
    ("length(createObject('a', 1, 'b', 2))", 2),
    ("contains(createObject('ONE', 1), 'one')", True),
])
def test_documented_examples(expression, expected):
    assert ev(expression, parameters=OBJECTS) == expected


def test_the_double_bracket_escape_in_a_json_argument():
    # json.json's default value "[[1,2,3 ]" reaches json() as "[1,2,3 ]".
    from azcli.emulator.templates import expressions
    from .helpers import make_context
    text = expressions.evaluate(OBJECTS["jsonArray"], make_context())
    assert ev("json(parameters('a'))", parameters={"a": text}) == [1, 2, 3]


def test_union_merges_nested_objects_but_not_arrays():
    first = {"one": "a", "nested": {"x": 1, "list": [1, 2], "deeper": {"p": 1}}}
    second = {"nested": {"y": 2, "list": [3], "deeper": {"q": 2}}, "two": "b"}
    assert ev("union(parameters('a'), parameters('b'))", parameters={"a": first, "b": second}) == {
        "one": "a", "nested": {"x": 1, "list": [3], "deeper": {"p": 1, "q": 2}, "y": 2}, "two": "b"}
    assert first["nested"] == {"x": 1, "list": [1, 2], "deeper": {"p": 1}}  # inputs untouched


def test_items_lists_key_value_pairs_in_key_order():
    entities = {"item002": {"enabled": False, "displayName": "Example item 2", "number": 200},
                "item001": {"enabled": True, "displayName": "Example item 1", "number": 300}}
    assert ev("items(parameters('e'))", parameters={"e": entities}) == [
        {"key": "item001", "value": entities["item001"]}, {"key": "item002", "value": entities["item002"]}]


def test_json_accepts_what_arms_parser_accepts():
    assert ev("json('{''a'': 1, b: [1, 2,], /* note */ \"c\": null}')") == {"a": 1, "b": [1, 2], "c": None}


@pytest.mark.parametrize("expression, fragment", [
    ("createObject('a')", "even number of arguments"),
    ("createObject(1, 2)", "must be of type 'String'"),
    ("json('{')", "not valid JSON"),
    ("union(createArray(), createObject())", "must all be arrays or all be objects"),
    ("intersection(createObject())", "function requires at least 2 argument(s)"),
    ("items(createArray())", "must be of type 'Object'"),
    ("tryGet('text', 0)", "must be of type 'Object' or 'Array'"),
    ("shallowMerge(createArray(1))", "must be of type 'Object'"),
])
def test_errors(expression, fragment):
    with pytest.raises(TemplateError) as caught:
        ev(expression)
    assert fragment in caught.value.message
