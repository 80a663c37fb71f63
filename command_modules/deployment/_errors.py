"""Deployment failures as users need them: the whole ARM error tree and the failed operations.

ARM reports a failed deployment as `DeploymentFailed: At least one resource deployment operation
failed...` with the causes in `details` (often nested) and in the deployment's operations; a
validation failure as `InvalidTemplate`/`InvalidTemplateDeployment` with `details` and
`additionalInfo` (line, position, path). One line hides all of that, so these errors carry it all.
"""
import json

from azcli.errors import AzCliError, ValidationFailedError


class DeploymentValidationError(ValidationFailedError):
    """validate, what-if, or create's preflight refused the deployment (HTTP 400 or an `error` result)."""


class DeploymentFailedError(AzCliError):
    """The deployment ran and ended Failed or Canceled: a failed operation, exit 1."""


def error_lines(error, depth=0):
    """An ARM error object as indented lines: (code) message [target], additional info, then details."""
    if not isinstance(error, dict):
        return ["  " * depth + str(error)] if error else []
    pad = "  " * depth
    code, message, target = error.get("code"), " ".join(str(error.get("message") or "").split()), error.get("target")
    embedded = _embedded_error(message)
    if embedded is not None:
        # resource providers' errors often reach ARM's details as JSON text: show them as a level of the tree
        return [pad + ("({}) ".format(code) if code else "") + "the resource provider answered:"] + \
            error_lines(embedded, depth + 1)
    head = "({}) {}".format(code, message) if code else message or "(no message)"
    if target:
        head += " [target: {}]".format(target)
    lines = [pad + head]
    for info in error.get("additionalInfo") or []:
        lines.append(pad + "  " + _additional_info(info))
    for detail in error.get("details") or []:
        lines.extend(error_lines(detail, depth + 1))
    return lines


def _embedded_error(message):
    if not message.startswith("{"):
        return None
    try:
        body = json.loads(message)
    except ValueError:
        return None
    inner = body.get("error", body) if isinstance(body, dict) else None
    return inner if isinstance(inner, dict) and (inner.get("code") or inner.get("message")) else None


def _additional_info(info):
    data = info.get("info") if isinstance(info, dict) else None
    kind = info.get("type") if isinstance(info, dict) else None
    if isinstance(data, dict) and {"lineNumber", "linePosition"} & set(data):
        where = "line {}, position {}".format(data.get("lineNumber"), data.get("linePosition"))
        if data.get("path"):
            where += ", path '{}'".format(data["path"])
        return "{}: {}".format(kind or "info", where)
    return "{}: {}".format(kind or "info", json.dumps(data, sort_keys=True) if data is not None else "")


def arm_error_of(ex):
    """The ARM error object an azure-core HttpResponseError carries (from its body), or None."""
    response = getattr(ex, "response", None)
    if response is not None:
        try:
            body = json.loads(response.text())
        except (ValueError, AttributeError, TypeError):
            body = None
        if isinstance(body, dict):
            inner = body.get("error", body)
            if isinstance(inner, dict) and (inner.get("code") or inner.get("message")):
                return inner
    error = getattr(ex, "error", None)
    if error is not None and getattr(error, "code", None):
        return _odata_to_dict(error)
    return None


def _odata_to_dict(error):
    return {"code": getattr(error, "code", None), "message": getattr(error, "message", None),
            "target": getattr(error, "target", None),
            "details": [_odata_to_dict(d) for d in getattr(error, "details", None) or []]}


def _operation_line(operation):
    props = operation.get("properties") or {}
    target = props.get("targetResource") or {}
    what = "{} '{}'".format(target.get("resourceType") or "deployment", target.get("resourceName") or "") \
        if target else "operation {}".format(operation.get("operationId"))
    status = " ".join(str(x) for x in (props.get("provisioningOperation"), props.get("statusCode")) if x)
    return "{}{}".format(what, " ({})".format(status) if status else "")


def operation_error(operation):
    """The error object of a failed deployment operation's statusMessage (which ARM shapes several ways)."""
    message = (operation.get("properties") or {}).get("statusMessage")
    if isinstance(message, dict):
        if isinstance(message.get("error"), dict):
            return message["error"]
        return message if message.get("code") or message.get("message") else None
    return {"message": message} if message else None


def failed_operations(operations):
    return [op for op in operations or []
            if str((op.get("properties") or {}).get("provisioningState") or "").lower() in ("failed", "canceled")]


def deployment_failure(name, deployment, operations, fallback=None):
    """The DeploymentFailedError for a deployment that ended badly, with every cause we can find."""
    props = (deployment or {}).get("properties") or {}
    state = props.get("provisioningState") or "Failed"
    error = props.get("error") or fallback or {"code": "DeploymentFailed", "message": "The deployment failed."}
    lines = ["Deployment '{}' {}.".format(name, "was canceled" if state.lower() == "canceled" else "failed")]
    lines += error_lines(error, 1)
    failed = failed_operations(operations)
    if failed:
        lines.append("Failed operations:")
        for op in failed:
            lines.append("  " + _operation_line(op))
            lines += error_lines(operation_error(op), 2)
    return DeploymentFailedError("\n".join(lines))


def validation_failure(error, what="The deployment validation failed"):
    lines = ["{}.".format(what)] + error_lines(error, 1)
    return DeploymentValidationError("\n".join(lines))
