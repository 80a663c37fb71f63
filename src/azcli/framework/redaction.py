"""Secrets never reach logs: a filter on every log handler that masks them.

What is masked, in any log record (ours, knack's, azure-core's, msal's, urllib3's):
- the values of secret arguments on the command line (-p/--password, --federated-token, ...) and
  of secret environment variables (AZURE_CLIENT_SECRET, ...), registered when logging is set up;
- every secret the process handles later (tokens it obtains, assertions it reads), registered by
  the code that handles them (``add_secret``);
- anything shaped like a JWT, a bearer credential, or a secret form/JSON field
  (client_secret=, client_assertion=, refresh_token, access_token, ...).
The filter is installed by ``RedactingLogging`` (knack's CLILogging, passed to the CLI) right after
knack creates its handlers, before the first debug line (which echoes the command line).
"""
import functools
import logging

from knack.log import CLILogging

MASK = "***"
SECRET_OPTIONS = ("-p", "--password", "--federated-token", "--client-secret", "--secret", "--certificate-password")
SECRET_ENV = ("AZURE_CLIENT_SECRET", "AZURE_CLIENT_CERTIFICATE_PASSWORD", "IDENTITY_HEADER", "MSI_SECRET",
              "AZURE_PASSWORD")

@functools.lru_cache(maxsize=None)
def _patterns():
    """Compiled on first use: a command that logs nothing never pays for them."""
    import re
    return [
        # JWTs (access, ID, refresh tokens; client and federated assertions).
        (re.compile(r"eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*"), MASK),
        # Authorization: Bearer/Basic <credential>
        (re.compile(r"(?i)\b(bearer|basic)(\s+)[A-Za-z0-9._~+/=-]{8,}"), r"\1\2" + MASK),
        # form fields and JSON members that carry secrets
        (re.compile(r"(?i)([\"']?\b(?:client_secret|client_assertion|assertion|refresh_token|access_token|"
                    r"id_token|device_code|code_verifier|password|clientsecret|accesstoken|x-identity-header)"
                    r"[\"']?\s*[:=]\s*[\"']?)([^&\"'\s,;}\]]+)"), r"\1" + MASK),
    ]


class _Secrets:
    """The literal secrets of this process (a per-CLI object, held by the filter)."""

    def __init__(self):
        self.values = set()

    def add(self, value):
        if value and isinstance(value, str) and len(value) >= 6:
            self.values.add(value.strip())


def redact(text, secrets=()):
    for value in sorted(secrets, key=len, reverse=True):
        if value and value in text:
            text = text.replace(value, MASK)
    for pattern, replacement in _patterns():
        text = pattern.sub(replacement, text)
    return text


class RedactingFilter(logging.Filter):
    def __init__(self, secrets):
        super().__init__()
        self.secrets = secrets

    def filter(self, record):
        try:
            message = record.getMessage()
        except Exception:  # pylint: disable=broad-except - a malformed record is logging's problem
            return True
        cleaned = redact(message, self.secrets.values)
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text, self.secrets.values)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


def add_secret(cli_ctx, value):
    """Mask value in every later log line of this CLI invocation."""
    secrets = getattr(getattr(cli_ctx, "logging", None), "secrets", None)
    if secrets is not None:
        secrets.add(value)


class RedactingLogging(CLILogging):
    """knack's logging with a redacting filter on every handler it creates."""

    secrets = None

    def configure(self, args):
        secrets = self.secrets = _Secrets()
        args = list(args or [])
        for i, arg in enumerate(args[:-1]):
            if arg in SECRET_OPTIONS:
                secrets.add(args[i + 1])
        for arg in args:
            for option in SECRET_OPTIONS:
                if option.startswith("--") and arg.startswith(option + "="):
                    secrets.add(arg.split("=", 1)[1])
        environ = getattr(self.cli_ctx, "environ", None) or {}
        for name in SECRET_ENV:
            secrets.add(environ.get(name))
        super().configure(args)
        from knack.log import cli_logger_names
        log_filter = RedactingFilter(secrets)
        for logger in [logging.getLogger()] + [logging.getLogger(name) for name in cli_logger_names]:
            for handler in logger.handlers:
                for old in [f for f in handler.filters if isinstance(f, RedactingFilter)]:
                    handler.removeFilter(old)
                handler.addFilter(log_filter)
