"""The expression language: detection, escapes, parsing, evaluation, errors, laziness."""

import pytest
from hypothesis import given, strategies as st

from azcli.emulator.templates import expressions
from azcli.emulator.templates.errors import MissingPropertyError, TemplateError
from azcli.emulator.templates.expressions import Call, Index, Literal, Member

from .helpers import ev, make_context


# --- detection and escapes -------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("[concat('a')]", True), ("[[concat('a')]", False), ("concat('a')", False), ("[x", False),
    ("x]", False), (" [a()]", False), ("[]", True), ("", False), (5, False), (None, False),
])
def test_is_expression(text, expected):
    assert expressions.is_expression(text) is expected


def test_double_bracket_escape_drops_the_first_bracket():
    ctx = make_context()
    assert expressions.evaluate("[[parameters('x')]", ctx) == "[parameters('x')]"
    assert expressions.evaluate("[[", ctx) == "[["  # not bracketed at the end: a plain string
    assert expressions.evaluate("plain [text]", ctx) == "plain [text]"


# --- parsing ---------------------------------------------------------------------------------------

def test_parse_builds_calls_members_and_indexes():
    tree = expressions.parse("[parameters('a').b[0]['c']]")
    assert isinstance(tree, Index) and tree.index.value == "c"
    assert isinstance(tree.target, Index) and tree.target.index.value == 0
    member = tree.target.target
    assert isinstance(member, Member) and member.name == "b"
    assert isinstance(member.target, Call) and member.target.name_lower == "parameters"


def test_parse_is_cached_and_accepts_text_without_brackets():
    assert expressions.parse("[concat('a', 'b')]") is expressions.parse("[concat('a', 'b')]")
    assert expressions.parse("concat('a', 'b')").source() == "concat('a', 'b')"


def test_literals_integers_and_whitespace():
    tree = expressions.parse("[  add( -1 ,  42 )  ]")
    assert [arg.value for arg in tree.args] == [-1, 42]
    assert ev("add( -1 ,  42 )") == 41


def test_string_literal_quotes_are_doubled():
    assert ev("concat('it''s', '''')") == "it's'"


@given(st.text())
def test_string_literals_round_trip(text):
    source = Literal(text).source()
    assert expressions.parse(f"[{source}]").value == text
    assert expressions.parse(f"[concat({source})]").source() == f"concat({source})"


def test_function_names_are_case_insensitive():
    assert ev("CONCAT('a', ToLower('B'))") == "ab"


def test_true_false_null_are_functions():
    assert ev("true()") is True and ev("false()") is False and ev("null()") is None
    with pytest.raises(TemplateError, match="not valid"):
        ev("true")


@pytest.mark.parametrize("text, fragment", [
    ("concat('a'", "expected token 'RightParenthesis' and actual 'EndOfData'"),
    ("concat('a)", "is not terminated"),
    ("concat('a') x", "expected token 'EndOfData' and actual 'Identifier'"),
    ("concat('a',)", "not valid"),
    ("concat(#)", "the string character '#' at position '7' is not expected"),
    ("", "the expression is empty"),
    ("parameters('a').", "expected token 'Identifier'"),
])
def test_syntax_errors_are_arm_style(text, fragment):
    with pytest.raises(TemplateError) as caught:
        expressions.parse(f"[{text}]")
    assert caught.value.message.startswith(f"The template language expression '{text}' is not valid: ")
    assert fragment in caught.value.message
    assert caught.value.code == "InvalidTemplate"


def test_unknown_function():
    with pytest.raises(TemplateError, match="The template function 'nosuch' is not valid"):
        ev("nosuch()")


# --- property access and indexing ------------------------------------------------------------------

def test_property_access_is_case_insensitive():
    assert ev("parameters('o').Inner.VALUE", parameters={"o": {"inner": {"value": 3}}}) == 3


def test_missing_property_lists_the_available_ones():
    with pytest.raises(MissingPropertyError) as caught:
        ev("parameters('o').c", parameters={"o": {"a": 1, "b": 2}})
    assert caught.value.message == "The language expression property 'c' doesn't exist, available properties are 'a, b'."


def test_property_of_a_non_object_is_an_error():
    with pytest.raises(TemplateError, match="'name' can't be evaluated"):
        ev("parameters('s').name", parameters={"s": "text"})


def test_indexers_on_arrays_and_objects():
    parameters = {"a": [10, 20, {"k-1": "v"}]}
    assert ev("parameters('a')[1]", parameters=parameters) == 20
    assert ev("parameters('a')[2]['k-1']", parameters=parameters) == "v"
    assert ev("parameters('a')[add(1, 1)]['K-1']", parameters=parameters) == "v"
    with pytest.raises(TemplateError, match="array index '3' is out of bounds"):
        ev("parameters('a')[3]", parameters=parameters)
    with pytest.raises(TemplateError, match="can't be indexed"):
        ev("parameters('a')['x']", parameters=parameters)


def test_member_names_may_look_like_keywords_or_start_with_digits():
    parameters = {"o": {"if": 1, "2nd": 2}}
    assert ev("parameters('o').if", parameters=parameters) == 1
    assert ev("parameters('o').2nd", parameters=parameters) == 2


# --- deep evaluation -------------------------------------------------------------------------------

def test_evaluate_walks_objects_arrays_and_keys():
    ctx = make_context(parameters={"name": "web", "n": 2})
    value = {"[parameters('name')]": ["[parameters('n')]", {"k": "[concat('x', 'y')]"}, 3, True, None],
             "plain": "[[escaped]"}
    assert expressions.evaluate(value, ctx) == {"web": [2, {"k": "xy"}, 3, True, None], "plain": "[escaped]"}


def test_a_key_must_evaluate_to_a_string():
    with pytest.raises(TemplateError, match="must evaluate to a string"):
        expressions.evaluate({"[add(1, 2)]": 1}, make_context())


def test_nested_calls_and_parameter_defaults_by_any_casing():
    ctx = make_context(parameters={"storageName": "abc"}, variables={"Suffix": "-x"})
    assert ev("toUpper(concat(parameters('STORAGENAME'), variables('suffix')))", ctx) == "ABC-X"


def test_missing_parameter_and_variable():
    with pytest.raises(TemplateError, match="The template parameter 'nope' is not found"):
        ev("parameters('nope')")
    with pytest.raises(TemplateError, match="The template variable 'nope' is not found"):
        ev("variables('nope')")


# --- laziness --------------------------------------------------------------------------------------

def test_if_evaluates_only_the_chosen_branch():
    parameters = {"x": ""}
    assert ev("if(empty(parameters('x')), 'none', parameters('x').y)", parameters=parameters) == "none"
    assert ev("if(not(empty(parameters('x'))), parameters('x').y, 'none')", parameters=parameters) == "none"


def test_and_or_short_circuit():
    assert ev("and(false(), parameters('missing'))") is False
    assert ev("or(true(), parameters('missing'))") is True
    with pytest.raises(TemplateError):
        ev("and(true(), parameters('missing'))")


def test_empty_treats_a_missing_member_as_null():
    # 040-web-app-asp-app-on-asev3-create: empty(parameters('subnets')[i].routeTableName)
    subnets = [{"name": "a", "networkSecurityGroupName": "nsg"}]
    ctx = make_context(parameters={"subnets": subnets}).with_copy("subnets", 0)
    assert ev("empty(parameters('subnets')[copyIndex('subnets')].routeTableName)", ctx) is True
    assert ev("empty(parameters('subnets')[copyIndex('subnets')].networkSecurityGroupName)", ctx) is False


# --- function_calls --------------------------------------------------------------------------------

def test_function_calls_finds_every_call_in_every_expression():
    template = {"a": "[reference(resourceId('A.B/c', parameters('n')))]", "[listKeys('id', '1')]": ["x", "[[no()]"]}
    names = [name for name, _ in expressions.function_calls(template)]
    assert names == ["reference", "resourceid", "parameters", "listkeys"]
    reference_args = next(args for name, args in expressions.function_calls(template) if name == "reference")
    assert isinstance(reference_args[0], Call) and reference_args[0].name == "resourceId"


# --- user-defined functions ------------------------------------------------------------------------

FUNCTIONS = [{"namespace": "contoso", "members": {"uniqueName": {
    "parameters": [{"name": "namePrefix", "type": "string"}],
    "output": {"type": "string", "value": "[concat(toLower(parameters('namePrefix')), uniqueString('x'))]"}}}}]


def test_user_defined_functions():
    from azcli.emulator.templates import hashing
    ctx = make_context(functions=FUNCTIONS)
    assert ev("Contoso.UniqueName('ABC')", ctx) == "abc" + hashing.unique_string("x")
    with pytest.raises(TemplateError, match="expects 1 argument"):
        ev("contoso.uniqueName()", ctx)
    with pytest.raises(TemplateError, match="'contoso.other' is not defined"):
        ev("contoso.other('a')", ctx)


def test_user_defined_functions_cannot_read_variables():
    functions = [{"namespace": "n", "members": {"f": {"parameters": [], "output": {
        "type": "string", "value": "[variables('v')]"}}}}]
    with pytest.raises(TemplateError, match="'variables' is not expected in a user-defined function"):
        ev("n.f()", make_context(functions=functions, variables={"v": "x"}))


def test_a_lambda_cannot_be_a_value():
    with pytest.raises(TemplateError, match="only valid as an argument"):
        ev("lambda('x', lambdaVariables('x'))")
