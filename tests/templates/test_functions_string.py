"""String functions: documented examples, .NET formatting and errors."""

import pytest
from hypothesis import given, strategies as st

from azcli.emulator.templates import hashing
from azcli.emulator.templates.errors import TemplateError

from .helpers import GROUP_ID, ev, make_context


@pytest.mark.parametrize("expression, expected", [
    ("base64('one, two, three')", "b25lLCB0d28sIHRocmVl"),
    ("base64ToString(base64('one, two, three'))", "one, two, three"),
    ("base64ToJson(base64('{''one'': ''a'', ''two'': ''b''}'))", {"one": "a", "two": "b"}),
    ("dataUri('Hello')", "data:text/plain;charset=utf8;base64,SGVsbG8="),
    ("dataUriToString('data:;base64,SGVsbG8sIFdvcmxkIQ==')", "Hello, World!"),
    ("dataUriToString('data:text/plain,a%20b')", "a b"),
    ("startsWith('abcdef', 'ab')", True), ("startsWith('abcdef', 'A')", True), ("startsWith('abcdef', 'e')", False),
    ("endsWith('abcdef', 'ef')", True), ("endsWith('abcdef', 'F')", True), ("endsWith('abcdef', 'e')", False),
    ("format('{0}, {1}. Formatted number: {2:N0}', 'Hello', 'User', 8175133)",
     "Hello, User. Formatted number: 8,175,133"),
    ("indexOf('test', 't')", 0), ("lastIndexOf('test', 't')", 3), ("indexOf('abcdef', 'CD')", 2),
    ("lastIndexOf('abcdef', 'AB')", 0), ("indexOf('abcdef', 'z')", -1),
    ("join(createArray('one', 'two', 'three'), ',')", "one,two,three"),
    ("join(createArray('one', 'two', 'three'), ';')", "one;two;three"),
    ("padLeft('123', 10, '0')", "0000000123"),
    ("padLeft(7, 3)", "  7"),
    ("replace('123-123-1234', '-', '')", "1231231234"),
    ("replace('123-123-1234', '1234', 'xxxx')", "123-123-xxxx"),
    ("split('one,two,three', ',')", ["one", "two", "three"]),
    ("split('one;two,three', createArray(',', ';'))", ["one", "two", "three"]),
    ("string(json('{\"valueA\": 10, \"valueB\": \"Example Text\"}'))", '{"valueA":10,"valueB":"Example Text"}'),
    ("string(createArray('a', 'b', 'c'))", '["a","b","c"]'),
    ("string(5)", "5"), ("string(true())", "True"), ("string(false())", "False"),
    ("substring('one two three', 4, 3)", "two"),
    ("substring('one two three', 4)", "two three"),
    ("toLower('One Two Three')", "one two three"), ("toUpper('One Two Three')", "ONE TWO THREE"),
    ("trim('    one two three   ')", "one two three"),
    ("uri('http://contoso.com/resources/', 'nested/azuredeploy.json')",
     "http://contoso.com/resources/nested/azuredeploy.json"),
    ("uriComponent('http://contoso.com/resources/nested/azuredeploy.json')",
     "http%3A%2F%2Fcontoso.com%2Fresources%2Fnested%2Fazuredeploy.json"),
    ("uriComponentToString('http%3A%2F%2Fcontoso.com%2Fresources%2Fnested%2Fazuredeploy.json')",
     "http://contoso.com/resources/nested/azuredeploy.json"),
])
def test_documented_examples(expression, expected):
    assert ev(expression) == expected


@pytest.mark.parametrize("base, relative, expected", [
    ("http://contoso.com/resources/", "/nested/a.json", "http://contoso.com/resources/nested/a.json"),
    ("http://contoso.com/resources/azuredeploy.json", "nested/a.json", "http://contoso.com/resources/nested/a.json"),
    ("http://contoso.com", "nested/a.json", "http://contoso.com/nested/a.json"),
])
def test_uri_joining_rules(base, relative, expected):
    assert ev(f"uri('{base}', '{relative}')") == expected


def test_unique_string_and_guid_over_the_scope():
    ctx = make_context(deployment={"name": "deploy1"})
    assert ev("concat('prefix', '-', uniqueString(resourceGroup().id))", ctx) == \
        "prefix-" + hashing.unique_string(GROUP_ID)
    assert ev("uniqueString(resourceGroup().id, deployment().name)", ctx) == hashing.unique_string(GROUP_ID, "deploy1")
    assert ev("guid(resourceGroup().id, deployment().name)", ctx) == hashing.guid(GROUP_ID, "deploy1")


def test_new_guid_is_a_fresh_uuid_each_time():
    first, second = ev("newGuid()"), ev("newGuid()")
    assert first != second and len(first) == 36 and first[14] == "4"


@pytest.mark.parametrize("template, expected", [
    ("{{x}} {0}", "{x} a"),
    ("[{0,5}|{0,-5}]", "[    a|a    ]"),
    ("{1:D5} {1:X} {1:x4} {2:N2} {2:F1} {1:000000} {2:#,##0.0}", "00255 FF 00ff 1,234.57 1234.6 000255 1,234.6"),
    ("{3:P0} {4}", "50 % True"),
])
def test_format_follows_dotnet(template, expected):
    assert ev(f"format('{template}', 'a', 255, json('1234.5678'), json('0.5'), true())") == expected


@given(st.text(alphabet=st.characters(blacklist_characters="{}'"), max_size=30))
def test_format_without_items_is_the_text(text):
    assert ev(f"format('{text}')") == text


@pytest.mark.parametrize("expression, fragment", [
    ("format('{1}', 'a')", "refers to an argument that was not provided"),
    ("format('{0', 'a')", "invalid format item"),
    ("format('a}', 'a')", "unmatched"),
    ("substring('abc', 2, 5)", "the index and length parameters must refer to a location within the string"),
    ("substring('abc', -1)", "must refer to a location"),
    ("padLeft('a', 3, 'xy')", "single character"),
    ("base64ToString('***')", "not a valid base64 string"),
    ("base64ToJson(base64('{no'))", "not valid JSON"),
    ("dataUriToString('hello')", "not a valid data URI"),
    ("toLower(1)", "the first argument must be of type 'String'. The provided value is of type 'Integer'"),
    ("replace('a', '', 'b')", "must not be empty"),
    ("join(createArray(createArray()), ',')", "must be of type"),
    ("uniqueString()", "function requires at least 1 argument(s) while 0 were provided"),
    ("guid(1)", "must be of type 'String'"),
])
def test_errors(expression, fragment):
    with pytest.raises(TemplateError) as caught:
        ev(expression)
    assert fragment in caught.value.message
