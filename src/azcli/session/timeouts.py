"""The global network timeout: core.http_timeout (AZCLI_CORE_HTTP_TIMEOUT), the seconds one network call
may take - connect, each read, and its retries - for management clients, `rest` and token requests."""
from ..errors import UsageError

DEFAULT_HTTP_TIMEOUT = 300.0


def http_timeout(cli_ctx):
    text = cli_ctx.config.get("core", "http_timeout", fallback=None)
    if text in (None, ""):
        return DEFAULT_HTTP_TIMEOUT
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not value > 0:
        raise UsageError("core.http_timeout must be a number of seconds above 0, not {!r}.".format(text))
    return value
