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


def _locked_scopes(message):
    """The scopes ARM names in a ScopeLocked message ("... following scope(s) are locked: 'a', 'b'.")."""
    import re
    _, sep, tail = (message or "").partition("are locked:")
    if not sep:
        return re.findall(r"'(/subscriptions/[^']+)'", message or "")[-1:]
    return re.findall(r"'([^']+)'", tail)


def explain_scope_locked(cli_ctx, error):
    """Name the lock(s) behind a ScopeLocked refusal and the command that removes them.

    ARM's message names only the locked scope; one list of the locks at that scope names them.
    Best effort: when the list itself fails, the original message stands.
    """
    scopes = _locked_scopes(str(error))
    if not scopes:
        return error
    found = []
    try:
        from urllib.parse import quote
        from azure.core.rest import HttpRequest
        from azure.mgmt.resource.locks import ManagementLockClient
        from .session.clients import mgmt_client
        client = mgmt_client(cli_ctx, ManagementLockClient)
        for scope in scopes:
            # {scope}/providers/Microsoft.Authorization/locks lists the locks at and below the scope.
            prefix = scope.rstrip("/").lower() + "/providers/microsoft.authorization/locks/"
            url = quote(scope.rstrip("/"), safe="/") + "/providers/Microsoft.Authorization/locks"
            response = client._send_request(  # pylint: disable=protected-access
                HttpRequest("GET", url, params={"api-version": client._config.api_version}))  # pylint: disable=protected-access
            for lock in (response.json().get("value") or []) if response.status_code == 200 else []:
                lock_id = lock.get("id") or ""
                if lock_id.lower().startswith(prefix) and lock_id not in [f["id"] for f in found]:
                    found.append(lock)
    except Exception:  # pylint: disable=broad-except
        found = []
    if found:
        names = ", ".join("'{}' ({})".format(lock.get("name"), (lock.get("properties") or {}).get("level"))
                          for lock in found)
        error.args = ("{} Blocking lock(s): {}.".format(error.args[0], names),) + error.args[1:]
        error.recommendation = "Remove them with: azcli lock delete --ids {}".format(
            " ".join(lock["id"] for lock in found))
    else:
        error.recommendation = "List the locks with: azcli lock list --query \"[?starts_with(id, '{}')]\"".format(
            scopes[0])
    error.locks = [lock["id"] for lock in found]
    return error
