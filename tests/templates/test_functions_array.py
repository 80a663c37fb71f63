"""Array functions (and the ones shared with strings and objects): documented examples and errors."""

import pytest

from azcli.emulator.templates.errors import TemplateError

from .helpers import ev

DOCUMENTED = {
    "intToConvert": 1, "stringToConvert": "efgh", "objectToConvert": {"a": "b", "c": "d"},
    "firstArray": ["1-1", "1-2", "1-3"], "secondArray": ["2-1", "2-2", "2-3"],
    "stringToTest": "OneTwoThree", "objectToTest": {"one": "a", "two": "b", "three": "c"},
    "arrayToTest": ["one", "two", "three"], "testArray": [], "testObject": {}, "testString": "",
    "words": "one two three",
}


@pytest.mark.parametrize("expression, expected", [
    ("array(parameters('intToConvert'))", [1]),
    ("array(parameters('stringToConvert'))", ["efgh"]),
    ("array(parameters('objectToConvert'))", [{"a": "b", "c": "d"}]),
    ("concat(parameters('firstArray'), parameters('secondArray'))", ["1-1", "1-2", "1-3", "2-1", "2-2", "2-3"]),
    ("contains(parameters('stringToTest'), 'e')", True),
    ("contains(parameters('stringToTest'), 'z')", False),
    ("contains(parameters('objectToTest'), 'one')", True),
    ("contains(parameters('objectToTest'), 'a')", False),
    ("contains(parameters('arrayToTest'), 'three')", True),
    ("contains(parameters('arrayToTest'), 'four')", False),
    ("createArray('a', 'b', 'c')", ["a", "b", "c"]),
    ("createArray(1, 2, 3)", [1, 2, 3]),
    ("createArray(parameters('objectToTest'))", [{"one": "a", "two": "b", "three": "c"}]),
    ("createArray(parameters('arrayToTest'))", [["one", "two", "three"]]),
    ("createArray()", []),
    ("empty(parameters('testArray'))", True),
    ("empty(parameters('testObject'))", True),
    ("empty(parameters('testString'))", True),
    ("first(parameters('arrayToTest'))", "one"),
    ("first('One Two Three')", "O"),
    ("last(parameters('arrayToTest'))", "three"),
    ("last('One Two Three')", "e"),
    ("length(parameters('arrayToTest'))", 3),
    ("length('One Two Three')", 13),
    ("length(json('{\"propA\": \"one\", \"propB\": \"two\", \"propC\": \"three\", \"propD\": {\"a\": 1, \"b\": 2}}'))", 4),
    ("range(5, 3)", [5, 6, 7]),
    ("skip(parameters('arrayToTest'), 2)", ["three"]),
    ("skip(parameters('words'), 4)", "two three"),
    ("take(parameters('arrayToTest'), 2)", ["one", "two"]),
    ("take(parameters('words'), 2)", "on"),
    ("max(createArray(0, 3, 2, 5, 4))", 5),
    ("max(0, 3, 2, 5, 4)", 5),
    ("min(createArray(0, 3, 2, 5, 4))", 0),
    ("min(0, 3, 2, 5, 4)", 0),
    ("flatten(createArray(createArray('one', 'two'), createArray('three'), createArray('four', 'five')))",
     ["one", "two", "three", "four", "five"]),
    ("indexOf(createArray('one', 'two', 'three'), 'two')", 1),
    ("indexOf(createArray(1, 2, 3), 4)", -1),
    ("lastIndexOf(createArray(1, 2, 3, 2), 2)", 3),
    ("indexOf(createArray(createArray(1, 2)), createArray(1, 2))", 0),
    ("indexFromEnd(createArray('a', 'b', 'c'), 1)", "c"),
    ("tryIndexFromEnd(createArray('a', 'b', 'c'), 4)", None),
])
def test_documented_examples(expression, expected):
    assert ev(expression, parameters=DOCUMENTED) == expected


def test_edge_cases():
    assert ev("first(createArray())") is None and ev("first('')") == ""
    assert ev("skip(createArray(1, 2), -1)") == [1, 2] and ev("skip(createArray(1, 2), 5)") == []
    assert ev("take('abc', 10)") == "abc" and ev("take('abc', -1)") == ""
    assert ev("concat('a', 1, true())") == "a1True"
    assert ev("concat(createArray(1), null(), createArray(2))") == [1, 2]
    assert ev("contains(createArray(1, '1'), 1)") is True
    assert ev("contains(createArray(true()), 1)") is False  # booleans are not integers
    assert ev("contains(json('{\"One\": 1}'), 'one')") is True  # keys: case-insensitive
    assert ev("contains('OneTwo', 'one')") is False  # strings: case-sensitive
    assert ev("empty(null())") is True and ev("empty(createArray(0))") is False


@pytest.mark.parametrize("expression, fragment", [
    ("concat(createArray(1), 'a')", "the second argument must be of type 'Array'"),
    ("length(1)", "must be of type 'Array' or 'String' or 'Object'"),
    ("range(0, 10001)", "the count must be between 0 and 10000"),
    ("range(2147483647, 1)", "must not exceed"),
    ("first(1)", "'first'"),
    ("max()", "function requires at least 1 argument(s) while 0 were provided"),
    ("max(createArray())", "must not be empty"),
    ("min('a', 1)", "must be integers"),
    ("flatten(createArray(1))", "must be of type 'Array'"),
    ("indexFromEnd(createArray(1), 2)", "out of bounds"),
    ("take(createArray(1), 'x')", "must be of type 'Integer'"),
    ("empty(1)", "'empty'"),
])
def test_errors(expression, fragment):
    with pytest.raises(TemplateError) as caught:
        ev(expression)
    assert fragment in caught.value.message
    assert caught.value.message.startswith("Unable to evaluate template language function")
