"""The shared `wait` command: poll a getter until a condition holds, or time out (exit 7)."""
import time

from knack.arguments import CLICommandArgument

from ..errors import AzCliError, InvalidArgumentValueError, OperationTimeoutError

_CONDITIONS = ("created", "updated", "deleted", "exists", "custom")


def arguments():
    def flag(name, help_text):
        return (name, CLICommandArgument(name, options_list=["--" + name], action="store_true",
                                         arg_group="Wait Condition", help=help_text))
    return [
        flag("created", "Wait until created with 'provisioningState' at 'Succeeded'."),
        flag("updated", "Wait until updated with provisioningState at 'Succeeded'."),
        flag("deleted", "Wait until deleted."),
        flag("exists", "Wait until the resource exists."),
        ("custom", CLICommandArgument("custom", options_list=["--custom"], arg_group="Wait Condition",
                                      help="Wait until the condition satisfies a custom JMESPath query. "
                                           "E.g. provisioningState!='InProgress'.")),
        ("interval", CLICommandArgument("interval", options_list=["--interval"], type=int, default=30,
                                        arg_group="Wait Condition", help="Polling interval in seconds.")),
        ("timeout", CLICommandArgument("timeout", options_list=["--timeout"], type=int, default=3600,
                                       arg_group="Wait Condition", help="Maximum wait in seconds.")),
    ]


def _state(instance):
    props = instance.get("properties") if isinstance(instance, dict) else None
    state = (props or {}).get("provisioningState") or (instance or {}).get("provisioningState")
    return state


def _satisfied(condition, instance, custom):
    if condition == "deleted":
        return instance is None
    if instance is None:
        return False
    if condition == "exists":
        return True
    state = _state(instance)
    if state and state.lower() in ("failed", "canceled"):
        raise AzCliError("The resource reached provisioningState '{}'.".format(state))
    if condition in ("created", "updated"):
        return state is None or state.lower() == "succeeded"
    import jmespath
    return bool(jmespath.search(custom, instance))


def wait_for(cmd, client, args, sleep=time.sleep, clock=time.monotonic):
    from azure.core.exceptions import ResourceNotFoundError
    from .handlers import import_handler
    from .results import todict

    given = {c: args.pop(c, None) for c in _CONDITIONS}
    chosen = [c for c, value in given.items() if value]
    interval = int(args.pop("interval", 30))
    timeout = int(args.pop("timeout", 3600))
    if len(chosen) != 1:
        raise InvalidArgumentValueError("Specify exactly one of --created, --updated, --deleted, --exists, --custom.")
    condition = chosen[0]
    custom = given["custom"]
    getter = import_handler(cmd.getter)
    deadline = clock() + timeout
    while True:
        try:
            instance = todict(getter(client, **args) if client is not None else getter(**args))
        except ResourceNotFoundError:
            instance = None
        if instance is False:  # check_existence-style getters
            instance = None
        if _satisfied(condition, instance, custom):
            return None
        if clock() + interval > deadline:
            raise OperationTimeoutError("Timed out after {} seconds waiting for the condition '--{}'."
                                        .format(timeout, condition))
        sleep(interval)
