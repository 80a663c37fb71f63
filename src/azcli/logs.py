"""Loggers under knack's names ("cli.<module>") that import `logging` only when they first log.

The session's readers (clouds, profile, token cache) are shared by knack's path and the knack-free
fast paths; with these, importing them costs neither knack nor `logging`.
"""
CLI_LOGGER_NAME = "cli"  # knack.log.CLI_LOGGER_NAME: knack's handlers and our redaction filter sit on it


class _DeferredLogger:
    __slots__ = ("_name", "_logger")

    def __init__(self, name):
        self._name = name
        self._logger = None

    def __getattr__(self, attr):
        if self._logger is None:
            import logging
            self._logger = logging.getLogger(self._name)
        return getattr(self._logger, attr)


def get_logger(module_name):
    """The same logger knack.log.get_logger(module_name) returns, resolved on first use."""
    return _DeferredLogger("{}.{}".format(CLI_LOGGER_NAME, module_name))
