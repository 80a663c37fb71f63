"""Logical functions: and, or, not, bool, if, true, false.

`if`, `and` and `or` are lazy: ARM evaluates only the chosen branch of `if` and stops `and`/`or`
at the first deciding argument, which templates rely on to guard member accesses.
"""

from .registry import check, expect, function_error, is_integer, template_function


def _boolean_argument(name, deferred, position):
    return check(name, deferred.value(), position, "Boolean")


@template_function("and", 2, None, lazy=True)
def and_(ctx, args):
    return all(_boolean_argument("and", arg, position) for position, arg in enumerate(args))


@template_function("or", 2, None, lazy=True)
def or_(ctx, args):
    return any(_boolean_argument("or", arg, position) for position, arg in enumerate(args))


@template_function("not", 1)
def not_(ctx, args):
    return not expect("not", args, 0, "Boolean")


@template_function("if", 3, lazy=True)
def if_(ctx, args):
    condition = _boolean_argument("if", args[0], 0)
    return args[1].value() if condition else args[2].value()


@template_function("bool", 1)
def bool_(ctx, args):
    value = expect("bool", args, 0, "Boolean", "String", "Integer")
    if isinstance(value, str):
        lowered = value.lower()
        if lowered not in ("true", "false"):
            raise function_error("bool", f"the string '{value}' is not a valid boolean value.")
        return lowered == "true"
    if is_integer(value):
        return value != 0
    return value


@template_function("true", 0)
def true_(ctx, args):
    return True


@template_function("false", 0)
def false_(ctx, args):
    return False
