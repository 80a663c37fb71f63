"""The error taxonomy. Every failure a user can see is one of these, with its exit code.

Exit codes are part of the interface (documented in the README):
0 success, 1 error, 2 usage error, 3 not found, 4 authentication or authorization,
5 throttled, 6 conflict (including locks), 7 timeout, 8 template validation failed, 130 interrupted.

A foundation module: it imports nothing of the project. Which azure-core error becomes which of
these is decided in one place, ``azcli.arm.errors``.
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
    VALIDATION = 8  # ARM rejected a template or its parameters: nothing was deployed
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


class ValidationFailedError(AzCliError):
    """ARM refused a deployment's template or parameters before deploying anything."""
    exit_code = ExitCode.VALIDATION


class OperationTimeoutError(AzCliError):
    exit_code = ExitCode.TIMEOUT
