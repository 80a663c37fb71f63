"""Numeric functions: add, sub, mul, div, mod, int, float, copyIndex (min and max live with arrays).

ARM's integers are .NET 64-bit: division truncates toward zero and the remainder takes the
dividend's sign, unlike Python's floor semantics.
"""

from .registry import expect, expect_all, function_error, is_integer, template_function

_INT64_MIN, _INT64_MAX = -(2 ** 63), 2 ** 63 - 1


def _checked(name, value):
    if not _INT64_MIN <= value <= _INT64_MAX:
        raise function_error(name, "the result is out of the range of a 64-bit integer.")
    return value


def _truncating_division(name, dividend, divisor):
    if divisor == 0:
        raise function_error(name, "the divisor must not be zero.")
    quotient = abs(dividend) // abs(divisor)
    return quotient if (dividend >= 0) == (divisor >= 0) else -quotient


@template_function("add", 2)
def add(ctx, args):
    left, right = expect_all("add", args, "Integer")
    return _checked("add", left + right)


@template_function("sub", 2)
def sub(ctx, args):
    left, right = expect_all("sub", args, "Integer")
    return _checked("sub", left - right)


@template_function("mul", 2)
def mul(ctx, args):
    left, right = expect_all("mul", args, "Integer")
    return _checked("mul", left * right)


@template_function("div", 2)
def div(ctx, args):
    dividend, divisor = expect_all("div", args, "Integer")
    return _checked("div", _truncating_division("div", dividend, divisor))


@template_function("mod", 2)
def mod(ctx, args):
    dividend, divisor = expect_all("mod", args, "Integer")
    return dividend - divisor * _truncating_division("mod", dividend, divisor)


@template_function("int", 1)
def int_(ctx, args):
    value = args[0]
    if is_integer(value):
        return value
    if isinstance(value, float):
        return int(value)
    text = expect("int", args, 0, "String", "Integer").strip()
    try:
        return _checked("int", int(text))
    except ValueError:
        raise function_error("int", f"the string '{value}' is not a valid integer.") from None


@template_function("float", 1)
def float_(ctx, args):
    value = args[0]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    text = expect("float", args, 0, "String", "Integer")
    try:
        return float(text)
    except ValueError:
        raise function_error("float", f"the string '{value}' is not a valid number.") from None


@template_function("copyIndex", 0, 2)
def copy_index(ctx, args):
    """copyIndex(), copyIndex(offset), copyIndex(loopName) or copyIndex(loopName, offset)."""
    loop_name, offset = None, 0
    if len(args) == 2:
        loop_name = expect("copyIndex", args, 0, "String")
        offset = expect("copyIndex", args, 1, "Integer")
    elif args:
        first = expect("copyIndex", args, 0, "String", "Integer")
        if isinstance(first, str):
            loop_name = first
        else:
            offset = first
    return ctx.copy_index(loop_name) + offset
