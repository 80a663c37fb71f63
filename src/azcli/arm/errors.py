"""The one mapping from azure-core's exceptions to azcli's errors, and so to exit codes.

Every SDK call, raw ARM request (``requests.send``) and poller failure that reaches the user goes
through ``from_azure_error``: in the command runner (framework/commands.py) and, for what escapes a
command, in the top-level handler (framework/cli.py). The status decides the class (README, "Exit
codes"); the message names ARM's error code and message, on one line.
"""
import json
import sys

from ..errors import (AuthenticationError, AzCliError, ConflictError, OperationTimeoutError, ResourceNotFoundError,
                      ThrottledError)

STATUS_ERRORS = {
    401: AuthenticationError,
    403: AuthenticationError,
    404: ResourceNotFoundError,
    409: ConflictError,   # includes ScopeLocked: an operation refused by a lock
    429: ThrottledError,  # what is left after the pipeline's retries
}


def _azure_exceptions():
    """azure.core.exceptions when it is loaded; an error of its kind cannot exist before then."""
    return sys.modules.get("azure.core.exceptions")


def is_azure_error(ex):
    exceptions = _azure_exceptions()
    return exceptions is not None and isinstance(ex, exceptions.AzureError)


def from_azure_error(ex):
    """The AzCliError for an azure-core exception, or None when ex is not one this mapping knows.

    HttpResponseError (and its subclasses): by status; a ClientAuthenticationError is an
    authentication failure even without one (a credential raises it). ServiceRequestError and
    ServiceResponseError (no answer at all, after retries): a plain error.
    """
    exceptions = _azure_exceptions()
    if exceptions is None:
        return None
    if isinstance(ex, exceptions.HttpResponseError):
        return _from_http_error(ex, exceptions)
    if isinstance(ex, (exceptions.ServiceRequestTimeoutError, exceptions.ServiceResponseTimeoutError)):
        return OperationTimeoutError(_with_retries("No answer within core.http_timeout (AZCLI_CORE_HTTP_TIMEOUT): "
                                                   + (" ".join(str(ex).split()) or type(ex).__name__), ex))
    if isinstance(ex, (exceptions.ServiceRequestError, exceptions.ServiceResponseError)):
        return AzCliError(_with_retries(" ".join(str(ex).split()) or type(ex).__name__, ex))
    return None


def _with_retries(text, ex):
    """text, plus what was retried when the pipeline's retry policy gave up (session/clients.py notes it)."""
    response = getattr(ex, "response", None)
    noted = getattr(ex, "azcli_retries", None) or getattr(getattr(response, "request", None), "azcli_retries", None)
    if not noted or not noted[0]:
        return text
    count, method, url = noted
    return "{} (gave up after {} {} of {} {})".format(text, count, "retry" if count == 1 else "retries", method, url)


def _from_http_error(ex, exceptions):
    status = getattr(ex, "status_code", None)
    code, message = arm_code_and_message(ex)
    cls = STATUS_ERRORS.get(status, AzCliError)
    if cls is AzCliError and isinstance(ex, exceptions.ClientAuthenticationError):
        cls = AuthenticationError
    if code and message:
        text = "({}) {}".format(code, message)
    else:
        text = message or (str(ex).splitlines() or [type(ex).__name__])[0]
    error = cls(_with_retries(text, ex))
    error.arm_code = code
    error.status_code = status
    return error


def arm_code_and_message(ex):
    """(ARM error code, message on one line) of an HttpResponseError; (None, 'status reason') without."""
    error = getattr(ex, "error", None)
    code = getattr(error, "code", None)
    message = getattr(error, "message", None)
    if code or message:
        return code, " ".join(str(message or "").split())
    response = getattr(ex, "response", None)
    if response is not None:
        try:
            body = json.loads(response.text())
            inner = body.get("error", body) if isinstance(body, dict) else {}
            if isinstance(inner, dict) and (inner.get("code") or inner.get("message")):
                return inner.get("code"), " ".join(str(inner.get("message", "")).split())
        except (ValueError, AttributeError, TypeError):
            pass
    reason = getattr(ex, "reason", None)
    return None, "{} {}".format(getattr(ex, "status_code", "") or "", reason or "").strip() or None
