"""what-if: the report az prints on stdout (or the result as data with --no-pretty-print), the
confirmation of `create --confirm-with-what-if`, and, beyond az, `--exit-code` (0: no changes,
2: changes, as README "Exit codes" says)."""
from azcli.errors import UsageError

from .._errors import arm_error_of, validation_failure
from .._whatif_format import format_what_if, result_parts
from .core import VALIDATION_STATUSES, ResultPoller

CHANGES_EXIT_CODE = 2
QUIET_CHANGE_TYPES = ("nochange", "ignore")  # what "no change" means, as az's --proceed-if-no-change reads it


def what_if_body(scope, properties, result_format=None):
    props = {k: v for k, v in properties.items() if k != "onErrorDeployment"}  # what-if takes no rollback
    props["whatIfSettings"] = {"resultFormat": result_format or "FullResourcePayloads"}
    return scope.body(props)


def flatten(result):
    """az's shape of a what-if result (status, error, changes, potentialChanges, diagnostics), every
    change with the members the SDK model declares."""
    from azure.mgmt.resource.deployments.models import WhatIfChange
    from azcli.framework.results import todict, with_model_fields
    data = todict(result) or {}
    changes, potential, diagnostics = result_parts(data)
    return {"status": data.get("status"), "error": data.get("error"),
            "changes": [with_model_fields(dict(c), WhatIfChange) for c in changes],
            "potentialChanges": [with_model_fields(dict(c), WhatIfChange) for c in potential] or None,
            "diagnostics": diagnostics or None}


def has_changes(result):
    changes, potential, _ = result_parts(result)
    return any(str(c.get("changeType") or "").lower() not in QUIET_CHANGE_TYPES for c in changes + potential)


def _excluding(result, exclude_change_types):
    if exclude_change_types:
        excluded = {str(t).lower() for t in exclude_change_types}
        for key in ("changes", "potentialChanges"):
            if result.get(key):
                result[key] = [c for c in result[key] if str(c.get("changeType") or "").lower() not in excluded]
    return result


def _checked(result, exclude_change_types):
    data = flatten(result)
    if data.get("error"):
        # ARM answers 200 with an error when the template, not the operation, is at fault
        raise validation_failure(data["error"], "The what-if operation found errors in the deployment")
    return _excluding(data, exclude_change_types)


def _failure(ex):
    status = getattr(ex, "status_code", None) or 200
    if status < 300 or status in VALIDATION_STATUSES:
        return validation_failure(arm_error_of(ex) or {"message": str(ex)},
                                  "The what-if operation found errors in the deployment")
    return None


def begin_what_if(client, scope, name, body, exclude_change_types=None):
    """POST .../whatIf as a poller whose result is the flattened, filtered what-if result."""
    from azure.core.exceptions import HttpResponseError
    try:
        poller = scope.call(client.deployments, "begin_what_if", name, body)
    except HttpResponseError as ex:
        error = _failure(ex)
        if error is None:
            raise
        raise error from ex
    return ResultPoller(poller, on_result=lambda r: _checked(r, exclude_change_types), on_error=_failure)


def print_report(cmd, result):
    out = cmd.cli_ctx.out_file
    out.write(format_what_if(result, colour=bool(cmd.cli_ctx.enable_color)) + "\n")
    out.flush()


def exit_after_output(cmd, code):
    """End the process with code once the output is written: a result is still printed as data."""
    from knack.events import EVENT_CLI_POST_EXECUTE

    def finish(_cli_ctx, **_kwargs):
        raise SystemExit(code)
    cmd.cli_ctx.register_event(EVENT_CLI_POST_EXECUTE, finish)


def what_if_command(cmd, client, scope, name, properties, result_format=None, exclude_change_types=None,
                    no_pretty_print=False, exit_code=False):
    """The what-if commands: a poller whose result is printed as the report (None) or returned as data."""
    def finish(result):
        if exit_code and has_changes(result):
            exit_after_output(cmd, CHANGES_EXIT_CODE)
        if no_pretty_print:
            return result
        print_report(cmd, result)
        return None
    poller = begin_what_if(client, scope, name, what_if_body(scope, properties, result_format), exclude_change_types)
    return ResultPoller(poller, on_result=finish)


def confirmed(cmd, client, scope, name, properties, options, prompter):
    """create --what-if / --confirm-with-what-if: show the report; whether to go on with the deployment."""
    body = what_if_body(scope, properties, options.get("what_if_result_format"))
    result = begin_what_if(client, scope, name, body, options.get("what_if_exclude_change_types")).result()
    print_report(cmd, result)
    if options.get("what_if"):
        return False
    if options.get("proceed_if_no_change") and not has_changes(result):
        return True
    if not prompter.interactive():
        raise UsageError("--confirm-with-what-if asks before it deploys, and there is no terminal to ask on. "
                         "Review the changes with 'what-if', then run 'create' without --confirm-with-what-if "
                         "(or add --proceed-if-no-change to deploy only when nothing would change).")
    return prompter.confirm("\nAre you sure you want to execute the deployment?")
