"""The registry's machinery and the value helpers every category shares.

A function receives ``(ctx, args)``. Ordinary functions get evaluated argument values; lazy ones
(``if``, ``and``, ``or``, ``lambda``, ``empty``) get ``Deferred`` arguments and evaluate only what
they need, which is how ARM lets ``if(empty(x), '', x.y)`` pass when ``x`` is empty.
"""

from ..errors import TemplateError, argument_count_error, function_error

FUNCTIONS = {}


class TemplateFunction:
    __slots__ = ("name", "implementation", "min_args", "max_args", "lazy")

    def __init__(self, name, implementation, min_args, max_args, lazy):
        self.name = name
        self.implementation = implementation
        self.min_args = min_args
        self.max_args = max_args
        self.lazy = lazy

    def __call__(self, ctx, args):
        count = len(args)
        if count < self.min_args or (self.max_args is not None and count > self.max_args):
            raise argument_count_error(self.name, _arity_prose(self.min_args, self.max_args), count)
        return self.implementation(ctx, args)

    def __repr__(self):
        return f"TemplateFunction({self.name})"


def _arity_prose(low, high):
    if high is None:
        return f"at least {low}"
    if low == high:
        return str(low)
    return f"between {low} and {high}"


def template_function(name, min_args=0, max_args=-1, lazy=False):
    """Register the decorated ``(ctx, args)`` callable; ``max_args`` defaults to ``min_args``, None is unbounded."""
    def register(implementation):
        high = min_args if max_args == -1 else max_args
        FUNCTIONS[name.lower()] = TemplateFunction(name, implementation, min_args, high, lazy)
        return implementation
    return register


class Deferred:
    """An unevaluated argument of a lazy function: its expression node and the context it was written in."""

    __slots__ = ("node", "ctx")

    def __init__(self, node, ctx):
        self.node = node
        self.ctx = ctx

    def value(self, ctx=None):
        return self.node.evaluate(self.ctx if ctx is None else ctx)


# --- value helpers shared by the categories ---------------------------------------------------------

_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth")


def type_name(value):
    """ARM's name for a JSON value's type, as its error messages spell it."""
    if value is None:
        return "Null"
    if isinstance(value, bool):
        return "Boolean"
    if isinstance(value, int):
        return "Integer"
    if isinstance(value, float):
        return "Float"
    if isinstance(value, str):
        return "String"
    if isinstance(value, list):
        return "Array"
    if isinstance(value, dict):
        return "Object"
    return type(value).__name__


def is_integer(value):
    return isinstance(value, int) and not isinstance(value, bool)


_CHECKS = {
    "String": lambda v: isinstance(v, str),
    "Integer": is_integer,
    "Boolean": lambda v: isinstance(v, bool),
    "Array": lambda v: isinstance(v, list),
    "Object": lambda v: isinstance(v, dict),
    "Null": lambda v: v is None,
}


def expect(function, args, position, *types):
    """``args[position]`` when its type is one of ``types`` (ARM type names), else ARM's type error."""
    return check(function, args[position], position, *types)


def check(function, value, position, *types):
    """``value``, argument number ``position`` of ``function``, when its type is one of ``types``."""
    if any(_CHECKS[kind](value) for kind in types):
        return value
    ordinal = _ORDINALS[position] if position < len(_ORDINALS) else f"#{position + 1}"
    expected = "' or '".join(types)
    raise function_error(function, f"the {ordinal} argument must be of type '{expected}'. The provided value is "
                                   f"of type '{type_name(value)}'.")


def expect_all(function, args, *types):
    return [expect(function, args, position, *types) for position in range(len(args))]


def deep_equals(left, right):
    """JSON equality without Python's 1 == True == 1.0 conflation; strings compare case-sensitively."""
    if isinstance(left, bool) or isinstance(right, bool):
        return isinstance(left, bool) and isinstance(right, bool) and left == right
    if isinstance(left, (int, float)) and isinstance(right, (int, float)):
        return left == right
    if isinstance(left, list) and isinstance(right, list):
        return len(left) == len(right) and all(deep_equals(a, b) for a, b in zip(left, right))
    if isinstance(left, dict) and isinstance(right, dict):
        return left.keys() == right.keys() and all(deep_equals(left[key], right[key]) for key in left)
    return type(left) is type(right) and left == right


def get_property(obj, name):
    """``obj[name]``: exact key first, then ARM's case-insensitive match; None when absent."""
    if name in obj:
        return obj[name]
    lower = name.lower()
    for key, value in obj.items():
        if key.lower() == lower:
            return value
    return None


def has_property(obj, name):
    lower = name.lower()
    return any(key.lower() == lower for key in obj)
