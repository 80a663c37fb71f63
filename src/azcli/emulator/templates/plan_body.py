"""Evaluating template values: expressions everywhere (keys too) plus ARM's ``copy`` arrays inside
properties and variables, which the expression language itself knows nothing about."""

from .errors import TemplateError

MAX_COPY = 800
# Template syntax around a resource that never reaches the resource provider.
TEMPLATE_ONLY = frozenset(("condition", "copy", "dependson", "comments", "apiversion", "existing", "scope",
                           "resourcegroup", "subscriptionid", "resources", "name", "type", "import", "metadata"))


class NotDeployed(Exception):
    """reference()/list*() of a template resource that has not been deployed yet (planning and what-if).

    Deliberately not a TemplateError, so nothing on the way up mistakes it for a template problem.
    """

    def __init__(self, resource_id):
        super().__init__(resource_id)
        self.resource_id = resource_id


def _expressions():
    from . import expressions  # loaded on first evaluation, not at import
    return expressions


def is_property_copy(value):
    return isinstance(value, list) and bool(value) and all(
        isinstance(item, dict) and "name" in item and "input" in item for item in value)


def copy_count(spec, ctx, where):
    """A copy loop's ``count``: an integer between 0 and 800."""
    count = evaluate_value(spec.get("count"), ctx) if isinstance(spec, dict) else None
    if isinstance(count, bool) or not isinstance(count, int) or count < 0 or count > MAX_COPY:
        raise TemplateError(f"The template copy '{where}' is not valid: the copy count must be a non-negative integer "
                            f"no larger than {MAX_COPY}; it is '{count}'. Please see https://aka.ms/arm-copy for usage "
                            f"details.")
    return count


def copy_name(spec, where):
    name = spec.get("name") if isinstance(spec, dict) else None
    if not isinstance(name, str) or not name:
        raise TemplateError(f"The copy of '{where}' must have a 'name'. Please see https://aka.ms/arm-copy for "
                            f"usage details.")
    return name


def evaluate_value(value, ctx):
    """Deep evaluation, with ``"copy": [{name, count, input}]`` members expanded into arrays."""
    if isinstance(value, str):
        if value[:1] == "[":
            return _expressions().evaluate_string(value, ctx)
        return value
    if isinstance(value, dict):
        result = {}
        copies = value.get("copy")
        if not is_property_copy(copies):
            copies = None
        for key, item in value.items():
            if copies is not None and key == "copy":
                continue
            name = _expressions().evaluate_string(key, ctx) if key[:1] == "[" else key
            if not isinstance(name, str):
                raise TemplateError(f"The property name expression '{key}' must evaluate to a string.")
            result[name] = evaluate_value(item, ctx)
        for spec in copies or ():
            name = copy_name(spec, "properties")
            count = copy_count(spec, ctx, name)
            result[name] = [evaluate_value(spec["input"], ctx.with_copy(name, index)) for index in range(count)]
        return result
    if isinstance(value, list):
        return [evaluate_value(item, ctx) for item in value]
    return value


def evaluate_text(value, ctx, what):
    """A value that must come out a string (names, types, api versions)."""
    result = evaluate_value(value, ctx)
    if not isinstance(result, str):
        raise TemplateError(f"The template {what} '{value}' must evaluate to a string.")
    return result


def put_body(declaration, evaluated):
    """What the resource provider receives: the evaluated declaration minus template-only syntax."""
    return {key: value for key, value in evaluated.items() if key.lower() not in TEMPLATE_ONLY}


def body_source(declaration, inner_template=False):
    """The part of a declaration evaluated in the template's own context (an inner-scope nested
    template is evaluated by its own deployment, so it is left out)."""
    body = {key: value for key, value in declaration.items()
            if key.lower() not in ("resources", "name", "type", "copy", "dependson", "condition", "comments")}
    if inner_template and isinstance(body.get("properties"), dict):
        properties = dict(body["properties"])
        properties.pop("template", None)
        body["properties"] = properties
    return body


def evaluate_resource(inst):
    """The body the resource provider receives, evaluated now (it may read resources deployed before it)."""
    evaluated = evaluate_value(body_source(inst.declaration, inner_template=inst.is_deployment), inst.ctx)
    location = evaluated.get("location")
    inst.location = location if isinstance(location, str) else None
    return put_body(inst.declaration, evaluated)
