"""Generic update: `--set/--add/--remove/--force-string` applied to the resource as JSON, as az does.

The object is read with the getter, changed in its wire (camelCase) form, and written back with
the setter. az's rules, on the JSON form of its models:
- the expressions apply in the order they appear on the command line;
- `--set a.b.c=v` sets a member (a new one too); a member on the way that is null (a model's
  attribute not set, such as a group's `tags`) becomes `{}`, but a member that does not exist is an
  error naming it and the available ones;
- `--add path k=v k2=v2 x` appends to a list (a null one becomes `[]`): consecutive key=value pairs make
  one object, any other value is JSON (or a string);
- `--remove path` deletes a member, `--remove path N` an item of a list;
- `[N]` indexes a list, `[key=value]` picks its single item whose member key is value;
- values are JSON unless `--force-string` (a tag value is always a string).
An invalid path is a usage error (exit 2; az exits 1).
"""
import argparse
import json
import re

from knack.arguments import CLICommandArgument

from ..errors import InvalidArgumentValueError

_DESTS = ("properties_to_set", "properties_to_add", "properties_to_remove")
_INDEX = re.compile(r"^\[(.*)\]$")
_SEGMENTS = re.compile(r"(\[.*?\])|([^.\[]+)")


class _InOrder(argparse.Action):
    """Appends (position among every --set/--add/--remove, values): az applies them in command-line order."""

    def __call__(self, parser, namespace, values, option_string=None):
        position = sum(len(getattr(namespace, dest, None) or []) for dest in _DESTS)
        items = list(getattr(namespace, self.dest, None) or [])
        items.append((position, list(values)))
        setattr(namespace, self.dest, items)


def arguments():
    return [
        ("properties_to_set", CLICommandArgument(
            "properties_to_set", options_list=["--set"], nargs="+", action=_InOrder, default=[],
            arg_group="Generic Update", metavar="KEY=VALUE",
            help="Update an object by specifying a property path and value to set. "
                 "Example: --set property1.property2=<value>.")),
        ("properties_to_add", CLICommandArgument(
            "properties_to_add", options_list=["--add"], nargs="+", action=_InOrder, default=[],
            arg_group="Generic Update", metavar="LIST KEY=VALUE",
            help="Add an object to a list of objects by specifying a path and key value pairs. "
                 "Example: --add property.listProperty <key=value, string or JSON string>.")),
        ("properties_to_remove", CLICommandArgument(
            "properties_to_remove", options_list=["--remove"], nargs="+", action=_InOrder, default=[],
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


def split_path(path):
    """'a.b[0].c[name=x]' -> ['a', 'b', '[0]', 'c', '[name=x]']"""
    return [index or name for index, name in _SEGMENTS.findall(path)]


def _split_assignment(expression):
    """KEY=VALUE on the first '=' outside [brackets] (a filter like [name=x] may sit in the key)."""
    depth = 0
    for position, char in enumerate(expression):
        if char == "[":
            depth += 1
        elif char == "]":
            depth = max(depth - 1, 0)
        elif char == "=" and depth == 0:
            return expression[:position], expression[position + 1:]
    return expression, None


def _fail(container, part, where):
    message = "Couldn't find '{}' in '{}'.".format(part, where or "root")
    if isinstance(container, dict):
        message += " Available options: {}".format(sorted(container))
    elif isinstance(container, list):
        message += " Available options: index into the collection '{}' with [<index>] or [<key=value>]".format(where)
    else:
        message += " '{}' does not support further indexing.".format(where)
    raise InvalidArgumentValueError(message)


def _key(container, part):
    """The member of container that part names (az's model attributes match any casing)."""
    if part in container:
        return part
    return next((k for k in container if isinstance(k, str) and k.lower() == part.lower()), None)


def _list_item(container, part, where):
    inner = _INDEX.match(part).group(1)
    if "=" in inner:
        key, value = inner.split("=", 1)
        value = _parse_value(value, False)
        matches = [x for x in container if isinstance(x, dict) and x.get(key) == value]
        if len(matches) > 1:
            raise InvalidArgumentValueError("non-unique key '{}' found multiple matches on {}. Key must be unique."
                                            .format(key, where))
        if not matches:
            raise InvalidArgumentValueError("item with value '{}' doesn't exist for key '{}' on {}"
                                            .format(value, key, where))
        return container.index(matches[0])
    try:
        index = int(inner)
        container[index]  # pylint: disable=pointless-statement
    except ValueError:
        _fail(container, part, where)
    except IndexError:
        raise InvalidArgumentValueError("index {} doesn't exist on {}".format(inner, where)) from None
    return index


def _locate(container, part, where):
    """(container, key or index) of the member part names; an error when there is none."""
    if _INDEX.match(part):
        if not isinstance(container, list):
            _fail(container, part, where)
        return container, _list_item(container, part, where)
    if isinstance(container, dict):
        key = _key(container, part)
        if key is None:
            _fail(container, part, where)
        return container, key
    _fail(container, part, where)


def _walk(instance, parts, create=None):
    """The value at parts; with create ('{}' or '[]'), a null on the way (and at the end) becomes one."""
    target = instance
    for depth, part in enumerate(parts):
        where = ".".join(parts[:depth]).replace(".[", "[")
        container, key = _locate(target, part, where)
        if container[key] is None and create is not None:
            container[key] = [] if create == "[]" and depth == len(parts) - 1 else {}
        target = container[key]
    return target


def apply_set(instance, expression, force_string=False):
    path, value = _split_assignment(expression)
    if not path.strip():
        raise InvalidArgumentValueError("usage error: Empty key in --set. Correct syntax: --set KEY=VALUE "
                                        "[KEY=VALUE ...]")
    if value is None:
        raise InvalidArgumentValueError("--set expects KEY=VALUE, got '{}'.".format(expression))
    parts = split_path(path)
    parent = _walk(instance, parts[:-1], create="{}")
    last = parts[-1]
    # ARM tag values are strings; az's models coerce `--set tags.n=3` to "3", and so do we.
    force_string = force_string or (len(parts) == 2 and parts[0].lower() == "tags")
    value = _parse_value(value, force_string)
    where = ".".join(parts[:-1]).replace(".[", "[")
    if _INDEX.match(last) or not isinstance(parent, dict):
        container, key = _locate(parent, last, where)
        container[key] = value
    else:
        parent[_key(parent, last) or last] = value


def apply_add(instance, path, values, force_string=False):
    target = _walk(instance, split_path(path), create="[]")
    if not isinstance(target, list):
        raise InvalidArgumentValueError("'{}' is not a list; --add appends to lists.".format(path))
    entry = {}
    for value in values:
        if "=" in value:
            key, text = value.split("=", 1)
            entry[key] = text
            continue
        if entry:
            target.append(entry)
            entry = {}
        target.append(_parse_value(value, force_string))
    if entry:
        target.append(entry)


def apply_remove(instance, path, index=None):
    parts = split_path(path)
    if index is None:
        parent = _walk(instance, parts[:-1])
        container, key = _locate(parent, parts[-1], ".".join(parts[:-1]).replace(".[", "["))
        del container[key]
        return
    target = _walk(instance, parts)
    if not isinstance(target, list):
        raise InvalidArgumentValueError("'{}' is not a list; give no index to remove a property.".format(path))
    try:
        del target[int(index)]
    except ValueError:
        raise InvalidArgumentValueError("--remove {}: '{}' is not an index.".format(path, index)) from None
    except IndexError:
        raise InvalidArgumentValueError("index {} doesn't exist on {}".format(index, parts[-1])) from None


def _ordered(kind, groups):
    """(position, kind, values) for each group; plain lists (a caller's own) keep their given order."""
    for number, group in enumerate(groups):
        if isinstance(group, tuple):
            yield group[0], kind, group[1]
        else:
            yield number + {"set": 0, "add": 10 ** 6, "remove": 2 * 10 ** 6}[kind], kind, group


def apply_all(instance, sets, adds, removes, force_string=False):
    steps = sorted(list(_ordered("set", sets)) + list(_ordered("add", adds)) + list(_ordered("remove", removes)),
                   key=lambda step: step[0])
    for _, kind, values in steps:
        if kind == "set":
            for expression in values:
                apply_set(instance, expression, force_string)
        elif kind == "add":
            apply_add(instance, values[0], values[1:], force_string)
        else:
            apply_remove(instance, values[0], values[1] if len(values) > 1 else None)
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
