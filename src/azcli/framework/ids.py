"""--ids: a command declared with ids='param' (the handler gets the whole id) or
ids={param: id_part} accepts one or more resource ids and runs once per id.

The arguments an id supplies become optional. As in az, one id gives that run's result (the object
itself, or nothing) and several give the list of their results, in order. With several ids a failure
does not stop the others: each is reported, and the first is raised at the end (its exit code wins;
az would exit 0 when any id succeeded).
"""
from knack.arguments import CLICommandArgument
from knack.log import get_logger

logger = get_logger(__name__)


def with_ids_argument(args, ids):
    """Add --ids; the arguments an id supplies become optional (and a string `ids` is hidden)."""
    from copy import deepcopy
    supplied = {ids} if isinstance(ids, str) else set(ids)
    result = []
    for name, argument in args:
        if isinstance(ids, str) and name == ids:
            continue
        if name in supplied:
            argument = deepcopy(argument)
            argument.type.settings["required"] = False
            argument.type.settings.setdefault("arg_group", "Resource Id")
        result.append((name, argument))
    result.append(("ids", CLICommandArgument(
        "ids", options_list=["--ids"], nargs="+", arg_group="Resource Id", metavar="ID",
        help="One or more resource IDs (space- or newline-separated, a JSON array, or '-' to read them "
             "from stdin). One id gives its object, several a list; other 'Resource Id' arguments "
             "are ignored.")))
    return result


def id_arguments(ids, resource_id):
    """The handler arguments one resource id supplies: the whole id, or named parts of it."""
    if isinstance(ids, str):
        return {ids: resource_id}
    from azure.mgmt.core.tools import parse_resource_id
    parts = parse_resource_id(resource_id)
    return {param: parts.get(part) for param, part in ids.items()}


def run_for_each_id(cmd, values, args, run_once):
    """Run `run_once(arguments)` for every id in `values`; see the module docstring."""
    from .argtypes import expand_ids
    from ..errors import RequiredArgumentMissingError
    ids = expand_ids(values)
    if not ids:
        raise RequiredArgumentMissingError("--ids was given no resource ids.")
    results, failures = [], []
    for resource_id in ids:
        run_args = dict(args)
        run_args.update(id_arguments(cmd.ids, resource_id))
        try:
            results.append(run_once(run_args))
        except Exception as ex:  # pylint: disable=broad-except
            if len(ids) == 1:
                raise
            if failures:  # the first failure is raised at the end; report the others as they come
                logger.error("%s: %s", resource_id, ex)
            elif ex.args:
                ex.args = ("{}: {}".format(resource_id, ex.args[0]),) + ex.args[1:]
            failures.append(ex)
    if failures:
        raise failures[0]
    return results[0] if len(results) == 1 else results
