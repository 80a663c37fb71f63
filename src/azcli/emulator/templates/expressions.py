"""ARM's template expression language: `"[concat(parameters('a'), '-x')[0].name]"`.

A string is an expression when it starts with `[` and ends with `]`; `[[` escapes a literal
bracket. The grammar: function calls (names case-insensitive, `namespace.member(...)` for user
functions), string literals with `''` for a quote, integers, `.property` and `[index]` accesses.
`true`, `false` and `null` are functions, as in ARM.
"""

import functools

from . import functions
from .errors import MissingPropertyError, TemplateError
from .functions.lambda_ import LambdaValue

_HELP = "Please see https://aka.ms/arm-template-expressions for usage details."


def is_expression(value):
    return (isinstance(value, str) and len(value) >= 2 and value[0] == "[" and value[-1] == "]"
            and value[1] != "[")


# --- the syntax tree -------------------------------------------------------------------------------

class Node:
    __slots__ = ()

    def walk(self):
        """This node and every node below it, parents first."""
        yield self


class Literal(Node):
    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value

    def evaluate(self, ctx):
        return self.value

    def source(self):
        if isinstance(self.value, str):
            return "'" + self.value.replace("'", "''") + "'"
        return str(self.value)

    def __repr__(self):
        return f"Literal({self.value!r})"


class Call(Node):
    __slots__ = ("name", "name_lower", "args")

    def __init__(self, name, args):
        self.name = name
        self.name_lower = name.lower()
        self.args = tuple(args)

    def walk(self):
        yield self
        for arg in self.args:
            yield from arg.walk()

    def evaluate(self, ctx):
        function = functions.lookup(self.name)
        if function is None:
            if "." in self.name:
                return _call_user_function(self.name, [arg.evaluate(ctx) for arg in self.args], ctx)
            raise TemplateError(f"The template function '{self.name}' is not valid. {_HELP}")
        if function.lazy:
            return function(ctx, [functions.Deferred(arg, ctx) for arg in self.args])
        return function(ctx, [arg.evaluate(ctx) for arg in self.args])

    def source(self):
        return f"{self.name}({', '.join(arg.source() for arg in self.args)})"

    def __repr__(self):
        return f"Call({self.name!r}, {list(self.args)!r})"


class Member(Node):
    """`target.name`."""

    __slots__ = ("target", "name")

    def __init__(self, target, name):
        self.target = target
        self.name = name

    def walk(self):
        yield self
        yield from self.target.walk()

    def evaluate(self, ctx):
        return property_of(self.target.evaluate(ctx), self.name)

    def source(self):
        return f"{self.target.source()}.{self.name}"

    def __repr__(self):
        return f"Member({self.target!r}, {self.name!r})"


class Index(Node):
    """`target[index]`: an array element, or a property named by a string."""

    __slots__ = ("target", "index")

    def __init__(self, target, index):
        self.target = target
        self.index = index

    def walk(self):
        yield self
        yield from self.target.walk()
        yield from self.index.walk()

    def evaluate(self, ctx):
        target = self.target.evaluate(ctx)
        index = self.index.evaluate(ctx)
        if isinstance(target, list) and functions.is_integer(index):
            if not 0 <= index < len(target):
                raise TemplateError(f"The language expression property array index '{index}' is out of bounds.")
            return target[index]
        if isinstance(target, dict) and isinstance(index, str):
            return property_of(target, index)
        raise TemplateError(f"The language expression property '{index}' can't be evaluated: a value of type "
                            f"'{functions.type_name(target)}' can't be indexed by a value of type "
                            f"'{functions.type_name(index)}'.")

    def source(self):
        return f"{self.target.source()}[{self.index.source()}]"

    def __repr__(self):
        return f"Index({self.target!r}, {self.index!r})"


def property_of(target, name):
    """ARM's `.name`: case-insensitive on objects, an error naming what exists when it is missing."""
    if isinstance(target, dict):
        if name in target:
            return target[name]
        lower = name.lower()
        for key, value in target.items():
            if key.lower() == lower:
                return value
        raise MissingPropertyError(name, list(target))
    raise TemplateError(f"The language expression property '{name}' can't be evaluated, the value is of type "
                        f"'{functions.type_name(target)}', not an object.")


def _call_user_function(name, arguments, ctx):
    definition = ctx.user_function(name)
    if definition is None:
        raise TemplateError(f"The template function '{name}' is not defined. {_HELP}")
    declared = definition.get("parameters") or []
    if len(arguments) != len(declared):
        raise TemplateError(f"The template user function '{name}' expects {len(declared)} argument(s) while "
                            f"{len(arguments)} were provided. {_HELP}")
    named = {parameter["name"]: value for parameter, value in zip(declared, arguments)}
    output = definition.get("output") or {}
    return evaluate(output.get("value"), ctx.for_user_function(named))


# --- tokens and parser -----------------------------------------------------------------------------

_PUNCTUATION = {"(": "LeftParenthesis", ")": "RightParenthesis", "[": "LeftSquareBracket",
                "]": "RightSquareBracket", ",": "Comma", ".": "Dot"}
_END = "EndOfData"


def _is_identifier_char(ch):
    return ch.isalnum() or ch in "_$"


def _tokenize(text, fail):
    """[(kind, value, position)], ending with an EndOfData token."""
    tokens = []
    position, length = 0, len(text)
    while position < length:
        ch = text[position]
        if ch.isspace():
            position += 1
        elif ch in _PUNCTUATION:
            tokens.append((_PUNCTUATION[ch], ch, position))
            position += 1
        elif ch == "'":
            start, pieces = position, []
            position += 1
            while True:
                close = text.find("'", position)
                if close < 0:
                    fail(f"the string literal starting at position '{start}' is not terminated.")
                pieces.append(text[position:close])
                if text.startswith("''", close):
                    pieces.append("'")
                    position = close + 2
                else:
                    position = close + 1
                    break
            tokens.append(("String", "".join(pieces), start))
        elif ch.isdigit() or (ch == "-" and position + 1 < length and text[position + 1].isdigit()):
            start = position
            position += 1
            while position < length and text[position].isdigit():
                position += 1
            tokens.append(("Integer", int(text[start:position]), start))
        elif _is_identifier_char(ch):
            start = position
            while position < length and _is_identifier_char(text[position]):
                position += 1
            tokens.append(("Identifier", text[start:position], start))
        else:
            fail(f"the string character '{ch}' at position '{position}' is not expected.")
    tokens.append((_END, None, length))
    return tokens


class _Parser:
    def __init__(self, text):
        self.text = text
        self.tokens = _tokenize(text, self.fail)
        self.at = 0

    def fail(self, reason):
        raise TemplateError(f"The template language expression '{self.text}' is not valid: {reason} {_HELP}")

    def peek(self, offset=0):
        return self.tokens[min(self.at + offset, len(self.tokens) - 1)]

    def take(self, kind):
        token = self.tokens[self.at]
        if token[0] != kind:
            self.fail(f"expected token '{kind}' and actual '{token[0]}' at position '{token[2]}'.")
        self.at += 1
        return token

    def parse(self):
        if self.peek()[0] == _END:
            self.fail("the expression is empty.")
        node = self.expression()
        self.take(_END)
        return node

    def expression(self):
        kind, value, _ = self.peek()
        if kind in ("String", "Integer"):
            self.at += 1
            node = Literal(value)
        else:
            node = self.call()
        while True:
            kind = self.peek()[0]
            if kind == "Dot":
                self.at += 1
                node = Member(node, self.member_name())
            elif kind == "LeftSquareBracket":
                self.at += 1
                index = self.expression()
                self.take("RightSquareBracket")
                node = Index(node, index)
            else:
                return node

    def member_name(self):
        # Names such as `properties.2ndKey` tokenize as Integer + Identifier; ARM reads them as one name.
        kind, value, position = self.peek()
        if kind not in ("Identifier", "Integer"):
            self.fail(f"expected token 'Identifier' and actual '{kind}' at position '{position}'.")
        self.at += 1
        name = str(value)
        following = self.peek()
        if kind == "Integer" and following[0] == "Identifier" and following[2] == position + len(name):
            self.at += 1
            name += following[1]
        return name

    def call(self):
        name = self.take("Identifier")[1]
        if self.peek()[0] == "Dot" and self.peek(1)[0] == "Identifier" and self.peek(2)[0] == "LeftParenthesis":
            name = f"{name}.{self.peek(1)[1]}"
            self.at += 2
        self.take("LeftParenthesis")
        args = []
        if self.peek()[0] != "RightParenthesis":
            args.append(self.expression())
            while self.peek()[0] == "Comma":
                self.at += 1
                args.append(self.expression())
        self.take("RightParenthesis")
        return Call(name, args)


@functools.lru_cache(maxsize=8192)
def parse(text):
    """The syntax tree of an expression, given with or without its enclosing brackets."""
    if is_expression(text):
        text = text[1:-1]
    return _Parser(text).parse()


# --- evaluation ------------------------------------------------------------------------------------

def evaluate_string(text, ctx):
    """An expression's value; `[[...]` loses its escaping bracket; any other string is itself."""
    if is_expression(text):
        value = parse(text).evaluate(ctx)
        if isinstance(value, LambdaValue):
            raise TemplateError("The template function 'lambda' is only valid as an argument of filter, groupBy, "
                                "map, mapValues, reduce, sort and toObject. " + _HELP)
        return value
    if text.startswith("[[") and text.endswith("]"):
        return text[1:]
    return text


def evaluate(value, ctx):
    """Evaluate every expression inside a JSON value, object keys included."""
    if isinstance(value, str):
        return evaluate_string(value, ctx)
    if isinstance(value, dict):
        result = {}
        for key, item in value.items():
            name = evaluate_string(key, ctx)
            if not isinstance(name, str):
                raise TemplateError(f"The property name expression '{key}' must evaluate to a string, not "
                                    f"'{functions.type_name(name)}'.")
            result[name] = evaluate(item, ctx)
        return result
    if isinstance(value, list):
        return [evaluate(item, ctx) for item in value]
    return value


def expression_strings(value):
    """Every expression string inside a JSON value, object keys included."""
    if isinstance(value, str):
        if is_expression(value):
            yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from expression_strings(key)
            yield from expression_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from expression_strings(item)


def function_calls(value):
    """(name lower, argument nodes) of every function call in every expression of a JSON value."""
    for text in expression_strings(value):
        for node in parse(text).walk():
            if isinstance(node, Call):
                yield node.name_lower, node.args
