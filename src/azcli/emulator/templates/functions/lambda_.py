"""Lambda functions: lambda, lambdaVariables, filter, groupBy, map, mapValues, reduce, sort, toObject.

`lambda(...)` is lazy: it yields a LambdaValue holding its unevaluated body; the higher-order
functions invoke it with their items bound as lambda variables.
"""

import functools

from .registry import check, expect, function_error, template_function, type_name


class LambdaValue:
    """A lambda's variable names and body, bound to the context it was written in."""

    __slots__ = ("names", "body")

    def __init__(self, names, body):
        self.names = names
        self.body = body

    def invoke(self, function, *values):
        """Bind as many values as the lambda declares (extra ones, such as an index, are optional)."""
        if len(self.names) > len(values):
            raise function_error(function, f"the lambda function must have at most {len(values)} "
                                           f"parameter(s); it declares {len(self.names)}.")
        bound = dict(zip(self.names, values))
        return self.body.value(self.body.ctx.with_lambda(bound))


@template_function("lambda", 1, None, lazy=True)
def lambda_(ctx, args):
    names = []
    for position, deferred in enumerate(args[:-1]):
        names.append(check("lambda", deferred.value(), position, "String"))
    return LambdaValue(tuple(names), args[-1])


@template_function("lambdaVariables", 1)
def lambda_variables(ctx, args):
    return ctx.lambda_variable(expect("lambdaVariables", args, 0, "String"))


def _lambda_argument(function, args, position):
    value = args[position]
    if not isinstance(value, LambdaValue):
        raise function_error(function, f"argument {position + 1} must be a lambda function, not a value of type "
                                       f"'{type_name(value)}'.")
    return value


@template_function("filter", 2)
def filter_(ctx, args):
    items = expect("filter", args, 0, "Array")
    predicate = _lambda_argument("filter", args, 1)
    kept = []
    for index, item in enumerate(items):
        if check("filter", predicate.invoke("filter", item, index), 1, "Boolean"):
            kept.append(item)
    return kept


@template_function("map", 2)
def map_(ctx, args):
    items = expect("map", args, 0, "Array")
    mapper = _lambda_argument("map", args, 1)
    return [mapper.invoke("map", item, index) for index, item in enumerate(items)]


@template_function("groupBy", 2)
def group_by(ctx, args):
    items = expect("groupBy", args, 0, "Array")
    key_of = _lambda_argument("groupBy", args, 1)
    groups = {}
    for item in items:
        key = check("groupBy", key_of.invoke("groupBy", item), 1, "String")
        groups.setdefault(key, []).append(item)
    return groups


@template_function("mapValues", 2)
def map_values(ctx, args):
    source = expect("mapValues", args, 0, "Object")
    mapper = _lambda_argument("mapValues", args, 1)
    return {key: mapper.invoke("mapValues", value) for key, value in source.items()}


@template_function("reduce", 3)
def reduce_(ctx, args):
    items = expect("reduce", args, 0, "Array")
    combine = _lambda_argument("reduce", args, 2)
    accumulated = args[1]
    for index, item in enumerate(items):
        accumulated = combine.invoke("reduce", accumulated, item, index)
    return accumulated


@template_function("sort", 2)
def sort_(ctx, args):
    """The lambda answers "does the first item come before the second"; the sort is stable."""
    items = expect("sort", args, 0, "Array")
    before = _lambda_argument("sort", args, 1)

    def compare(left, right):
        if check("sort", before.invoke("sort", left, right), 1, "Boolean"):
            return -1
        return 1 if check("sort", before.invoke("sort", right, left), 1, "Boolean") else 0
    return sorted(items, key=functools.cmp_to_key(compare))


@template_function("toObject", 2, 3)
def to_object(ctx, args):
    items = expect("toObject", args, 0, "Array")
    key_of = _lambda_argument("toObject", args, 1)
    value_of = _lambda_argument("toObject", args, 2) if len(args) == 3 else None
    result = {}
    for item in items:
        key = check("toObject", key_of.invoke("toObject", item), 1, "String")
        result[key] = value_of.invoke("toObject", item) if value_of else item
    return result
