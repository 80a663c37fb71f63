"""Comparison functions: coalesce, equals, greater, greaterOrEquals, less, lessOrEquals."""

from .registry import deep_equals, function_error, is_integer, template_function, type_name


@template_function("coalesce", 1, None)
def coalesce(ctx, args):
    return next((value for value in args if value is not None), None)


@template_function("equals", 2)
def equals(ctx, args):
    return deep_equals(args[0], args[1])


def _ordered_pair(name, args):
    """Both numbers or both strings (compared ordinally, as .NET does), else ARM's error."""
    left, right = args
    numbers = all((is_integer(v) or isinstance(v, float)) for v in (left, right))
    strings = all(isinstance(v, str) for v in (left, right))
    if not (numbers or strings):
        raise function_error(name, f"the arguments must both be integers or both be strings. The provided values "
                                   f"are of type '{type_name(left)}' and '{type_name(right)}'.")
    return left, right


def _comparison(name, test):
    @template_function(name, 2)
    def compare(ctx, args):
        left, right = _ordered_pair(name, args)
        return test(left, right)
    return compare


greater = _comparison("greater", lambda a, b: a > b)
greater_or_equals = _comparison("greaterOrEquals", lambda a, b: a >= b)
less = _comparison("less", lambda a, b: a < b)
less_or_equals = _comparison("lessOrEquals", lambda a, b: a <= b)
