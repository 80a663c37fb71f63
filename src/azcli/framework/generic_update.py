"""Generic update: `--set/--add/--remove/--force-string` applied to the resource as JSON.

The object is read with the getter, changed in its wire (camelCase) form, and written back with
the setter. A path that does not exist fails with an error naming the failing segment.
"""
import json

from knack.arguments import CLICommandArgument

from ..errors import InvalidArgumentValueError


def arguments():
    return [
        ("properties_to_set", CLICommandArgument(
            "properties_to_set", options_list=["--set"], nargs="+", action="append", default=[],
            arg_group="Generic Update", metavar="KEY=VALUE",
            help="Update an object by specifying a property path and value to set. "
                 "Example: --set property1.property2=<value>.")),
        ("properties_to_add", CLICommandArgument(
            "properties_to_add", options_list=["--add"], nargs="+", action="append", default=[],
            arg_group="Generic Update", metavar="LIST KEY=VALUE",
            help="Add an object to a list of objects by specifying a path and key value pairs. "
                 "Example: --add property.listProperty <key=value, string or JSON string>.")),
        ("properties_to_remove", CLICommandArgument(
            "properties_to_remove", options_list=["--remove"], nargs="+", action="append", default=[],
            arg_group="Generic Update", metavar="LIST INDEX",
            help="Remove a property or an element from a list. "
                 "Example: --remove property.list <indexToRemove> OR --remove propertyToRemove.")),
        ("force_string", CLICommandArgument(
            "force_string", options_list=["--force-string"], action="store_true", arg_group="Generic Update",
            help="When using 'set' or 'add', preserve string literals instead of attempting to convert to JSON.")),
    ]


def _parse_value(text, force_string):
    if force_string:
        return text
    try:
        return json.loads(text)
    except ValueError:
        return text


def _split_path(path):
    parts = []
    for segment in path.split("."):
        while "[" in segment and segment.endswith("]"):
            head, _, rest = segment.partition("[")
            if head:
                parts.append(head)
            index, _, segment = rest.partition("]")
            parts.append(int(index) if index.lstrip("-").isdigit() else index)
            segment = segment.lstrip(".")
        if segment:
            parts.append(segment)
    return parts


def _child(container, key, path, create=False):
    if isinstance(container, list):
        if not isinstance(key, int) or not -len(container) <= key < len(container):
            raise InvalidArgumentValueError("Index '{}' in '{}' is out of range (the list has {} items)."
                                            .format(key, path, len(container)))
        return container[key], key
    if not isinstance(container, dict):
        raise InvalidArgumentValueError("Couldn't find '{}' in '{}': the parent is not an object.".format(key, path))
    if key in container:
        return container[key], key
    match = next((k for k in container if isinstance(k, str) and str(key).lower() == k.lower()), None)
    if match is not None:
        return container[match], match
    if create:
        container[key] = {}
        return container[key], key
    raise InvalidArgumentValueError("Couldn't find '{}' in '{}'. Available options: {}"
                                    .format(key, path, sorted(container)))


def _walk(instance, parts, path, create=False):
    target = instance
    for part in parts:
        target, _ = _child(target, part, path, create=create)
    return target


def apply_set(instance, expression, force_string=False):
    path, sep, value = expression.partition("=")
    if not sep:
        raise InvalidArgumentValueError("--set expects KEY=VALUE, got '{}'.".format(expression))
    parts = _split_path(path)
    parent = _walk(instance, parts[:-1], path, create=True)
    last = parts[-1]
    # ARM tag values are strings; az's models coerce `--set tags.n=3` to "3", and so do we.
    force_string = force_string or (len(parts) == 2 and str(parts[0]).lower() == "tags")
    if isinstance(parent, dict):
        key = next((k for k in parent if isinstance(last, str) and k.lower() == last.lower()), last)
        parent[key] = _parse_value(value, force_string)
    else:
        _, index = _child(parent, last, path)
        parent[index] = _parse_value(value, force_string)


def apply_add(instance, path, values, force_string=False):
    target = _walk(instance, _split_path(path), path)
    if not isinstance(target, list):
        raise InvalidArgumentValueError("'{}' is not a list; --add appends to lists.".format(path))
    if all("=" in v for v in values) and values:
        target.append({k: _parse_value(v, force_string) for k, _, v in (x.partition("=") for x in values)})
    else:
        target.extend(_parse_value(v, force_string) for v in values)


def apply_remove(instance, path, index=None):
    parts = _split_path(path)
    if index is None:
        parent = _walk(instance, parts[:-1], path)
        _, key = _child(parent, parts[-1], path)
        del parent[key]
        return
    target = _walk(instance, parts, path)
    if not isinstance(target, list):
        raise InvalidArgumentValueError("'{}' is not a list; give no index to remove a property.".format(path))
    try:
        del target[int(index)]
    except (ValueError, IndexError):
        raise InvalidArgumentValueError("Index '{}' is not valid for '{}' ({} items)."
                                        .format(index, path, len(target))) from None


def apply_all(instance, sets, adds, removes, force_string=False):
    for group in sets:
        for expression in group:
            apply_set(instance, expression, force_string)
    for group in adds:
        apply_add(instance, group[0], group[1:], force_string)
    for group in removes:
        apply_remove(instance, group[0], group[1] if len(group) > 1 else None)
    return instance


def update(cmd, client, args, no_wait=False):
    import inspect
    from .handlers import import_handler
    from .results import todict

    sets = args.pop("properties_to_set", None) or []
    adds = args.pop("properties_to_add", None) or []
    removes = args.pop("properties_to_remove", None) or []
    force_string = bool(args.pop("force_string", False))
    getter = import_handler(cmd.getter)
    getter_params = inspect.signature(getter).parameters
    getter_args = {k: v for k, v in args.items() if k in getter_params}
    instance = todict(getter(client, **getter_args))
    if cmd.custom_func:
        custom = import_handler(cmd.custom_func)
        custom_params = inspect.signature(custom).parameters
        custom_args = {k: v for k, v in args.items() if k in custom_params and k != "instance"}
        if "cmd" in custom_params:
            custom_args["cmd"] = cmd
        instance = custom(instance=instance, **custom_args)
    apply_all(instance, sets, adds, removes, force_string)
    setter = import_handler(cmd.setter)
    body_param = next(p for p in inspect.signature(setter).parameters
                      if p not in getter_args and p not in ("self", "kwargs", "client", "cmd"))
    return setter(client, **getter_args, **{body_param: instance})
