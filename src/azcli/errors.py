"""The error taxonomy. Every failure a user can see is one of these, with its exit code.

Exit codes are part of the interface (documented in the README):
0 success, 1 error, 2 usage error, 3 not found, 4 authentication or authorization,
5 throttled, 6 conflict (including locks), 7 timeout, 130 interrupted.
"""


class ExitCode:
    SUCCESS = 0
    ERROR = 1
    USAGE = 2
    NOT_FOUND = 3
    AUTH = 4
    THROTTLED = 5
    CONFLICT = 6
    TIMEOUT = 7
    INTERRUPTED = 130


class AzCliError(Exception):
    """An error with a one-line message for the user and an exit code."""
    exit_code = ExitCode.ERROR

    def __init__(self, message, recommendation=None):
        super().__init__(message)
        self.recommendation = recommendation


class UsageError(AzCliError):
    exit_code = ExitCode.USAGE


class InvalidArgumentValueError(UsageError):
    pass


class RequiredArgumentMissingError(UsageError):
    pass


class ResourceNotFoundError(AzCliError):
    exit_code = ExitCode.NOT_FOUND


class AuthenticationError(AzCliError):
    exit_code = ExitCode.AUTH


class ThrottledError(AzCliError):
    exit_code = ExitCode.THROTTLED


class ConflictError(AzCliError):
    exit_code = ExitCode.CONFLICT


class OperationTimeoutError(AzCliError):
    exit_code = ExitCode.TIMEOUT


class ConfigError(AzCliError):
    pass


_STATUS_TO_ERROR = {
    401: AuthenticationError,
    403: AuthenticationError,
    404: ResourceNotFoundError,
    409: ConflictError,
    429: ThrottledError,
}


def is_http_error(ex):
    """An azure-core HttpResponseError, checked without importing azure.core on the happy path."""
    import sys
    exceptions = sys.modules.get("azure.core.exceptions")
    return exceptions is not None and isinstance(ex, exceptions.HttpResponseError)


def from_http_error(ex):
    """Turn an azure-core HttpResponseError into an AzCliError naming ARM's code and message."""
    status = getattr(ex, "status_code", None)
    code, message = _arm_code_and_message(ex)
    cls = _STATUS_TO_ERROR.get(status, AzCliError)
    if code and message:
        text = "({}) {}".format(code, message)
    else:
        text = message or str(ex).splitlines()[0]
    err = cls(text)
    err.arm_code = code
    err.status_code = status
    return err


def _arm_code_and_message(ex):
    error = getattr(ex, "error", None)
    code = getattr(error, "code", None)
    message = getattr(error, "message", None)
    if code or message:
        return code, " ".join(str(message or "").split())
    response = getattr(ex, "response", None)
    if response is not None:
        try:
            import json
            body = json.loads(response.text())
            inner = body.get("error", body) if isinstance(body, dict) else {}
            if isinstance(inner, dict) and (inner.get("code") or inner.get("message")):
                return inner.get("code"), " ".join(str(inner.get("message", "")).split())
        except (ValueError, AttributeError, TypeError):
            pass
    reason = getattr(ex, "reason", None)
    return None, "{} {}".format(getattr(ex, "status_code", "") or "", reason or "").strip() or None
