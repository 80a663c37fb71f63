"""The template functions: name (lower case) -> TemplateFunction, one module per category.

A function receives ``(ctx, args)``. Ordinary functions get evaluated argument values; lazy ones
(``if``, ``and``, ``or``, ``lambda``, ``empty``) get ``Deferred`` arguments and evaluate only what
they need, which is how ARM lets ``if(empty(x), '', x.y)`` pass when ``x`` is empty.
The machinery lives in registry.py so that the categories never import this package (no cycles).
"""

from . import (array, cidr, comparison, date, deployment, lambda_, logical, numeric, objects,  # noqa: F401
               resource, scope, string)
from .registry import FUNCTIONS, Deferred, TemplateFunction, is_integer, type_name


def lookup(name):
    """The function called ``name`` (any casing), or None. Every ``list*`` name is a resource action."""
    lower = name.lower()
    found = FUNCTIONS.get(lower)
    if found is None and lower.startswith("list"):
        return resource.list_action_function(name)
    return found


__all__ = ["FUNCTIONS", "Deferred", "TemplateFunction", "lookup", "is_integer", "type_name"]
