"""Secrets never reach logs: a filter on every log handler that masks them.

What is masked, in any log record (ours, knack's, azure-core's, msal's, urllib3's):
- the values of secret arguments on the command line, in every spelling argparse accepts, and of
  secret environment variables (AZURE_CLIENT_SECRET, ...), registered when logging is set up;
- every secret the process handles later (tokens it obtains, assertions it reads), registered by
  the code that handles them (``add_secret``);
- anything shaped like a JWT, a bearer credential, or a secret form/JSON field
  (client_secret=, client_assertion=, refresh_token, access_token, ...).
The filter is installed by ``RedactingLogging`` (knack's CLILogging, passed to the CLI) right after
knack creates its handlers, before the first debug line (which echoes the command line).

Which arguments are secret is the parser's own option table: a module marks an argument
``secret=True`` in its _params.py. The command line is logged before it is parsed, so the marks
are read from the command index (generated from those tables), and the spellings argparse would
accept are derived from the options: ``--password X``, ``--password=X``, any prefix (``--pass X``,
``--passw=X``; an ambiguous one too, since argparse refuses it only after the line was logged),
``-p X``, ``-pX``, ``-p=X`` and ``-p`` at the end of a cluster of flags. After parsing, the values
argparse actually bound to secret arguments are registered as well (``register_parsed_secrets``).
"""
import functools
import logging

from knack.log import CLILogging

MASK = "***"
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


def secret_options(args, index):
    """The secret option strings of the command args invoke, as the command index lists them.

    A command line that names no command (a typo, options first) may still carry a secret: then every
    command's secret options count. Without an index nothing is known, and None means "every value".
    """
    if index is None:
        return None
    words = []
    for arg in args:
        if not arg or arg.startswith("-"):
            break
        words.append(arg.lower())
    for n in range(len(words), 0, -1):
        entry = index["commands"].get(" ".join(words[:n]))
        if entry is not None:
            return entry.get("secret", [])
    return sorted({opt for entry in index["commands"].values() for opt in entry.get("secret", [])})


def secret_values(args, options):
    """The values args give to the options, in every spelling argparse accepts for them.

    options None: the value of every option (the table is unknown; masking too much beats leaking).
    """
    values = []
    for i, arg in enumerate(args):
        following = args[i + 1] if i + 1 < len(args) else None
        if not arg.startswith("-") or arg in ("-", "--"):
            continue
        if options is None:
            name, eq, value = arg.partition("=")
            values.append(value if eq else following)
        elif arg.startswith("--"):
            name, eq, value = arg.partition("=")
            # The option itself or a prefix of it (argparse's allow_abbrev).
            if any(option.startswith(name) for option in options if option.startswith("--")):
                values.append(value if eq else following)
        else:
            values.append(_short_option_value(arg[1:], following, options))
    return [value for value in values if value]


def secure_parameter_values(args):
    """The values a deployment's command line gives its template's secure parameters (securestring,
    secureobject): ``-p name=value`` and inline JSON ``-p '{"name": {"value": ...}}'``. Only the template
    says which are secure, so a JSON --template-file is read for their names; without one every inline
    value counts. (Parameter files are not on the command line.)"""
    if not args or args[0] not in ("deployment", "group"):
        return []
    template, items, option = None, [], None
    for arg in args:
        if arg.startswith("-") and arg != "-":
            option = arg
        elif option in ("-f", "--template-file"):
            template, option = arg, None
        elif option in ("-p", "--parameters"):
            items.append(arg)  # nargs="+": every word until the next option
    secure = _secure_names(template)
    values = []
    for item in items:
        if item.startswith("{"):
            values += _secure_json_values(item, secure)
        elif "=" in item and not item.startswith("@"):
            name, _, value = item.partition("=")
            if (secure is None or name.lower() in secure) and not value.startswith("@"):
                values += [value] + _strings(_json_or_none(value))
    return values


def _secure_names(template):
    import json
    try:
        with open(template, encoding="utf-8-sig") as handle:
            declared = json.load(handle).get("parameters") or {}
        return {name.lower() for name, spec in declared.items()
                if str((spec or {}).get("type", "")).lower() in ("securestring", "secureobject")}
    except (TypeError, OSError, ValueError, AttributeError):
        return None


def _json_or_none(text):
    import json
    try:
        return json.loads(text)
    except ValueError:
        return None


def _secure_json_values(item, secure):
    parsed = _json_or_none(item)
    if not isinstance(parsed, dict):
        return [item] if secure is None else []
    values = []
    for name, value in parsed.items():
        if secure is None or name.lower() in secure:
            values += _strings(value)
    return values


def _strings(value):
    """Every string in a JSON value, and the value's own JSON text (as it may be logged)."""
    import json
    if value is None:
        return []
    found = [json.dumps(value)] if isinstance(value, (dict, list)) else []
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        return found + [s for item in value for s in _strings(item)]
    return found + [str(value)]


def _short_option_value(cluster, following, options):
    """-pX, -p=X, -p X, and -abpX when -a and -b are flags (argparse reads a cluster left to right)."""
    letters = {option[1] for option in options if len(option) == 2 and option[1] != "-"}
    for position, char in enumerate(cluster):
        if char in letters:
            rest = cluster[position + 1:]
            return (rest[1:] if rest.startswith("=") else rest) or following
        if not char.isalpha():
            return None
    return None


def register_parsed_secrets(cli_ctx, **kwargs):
    """EVENT_INVOKER_POST_PARSE_ARGS: the values argparse bound to the command's secret arguments."""
    invocation = getattr(cli_ctx, "invocation", None)
    loader = getattr(invocation, "commands_loader", None)
    command = getattr(loader, "command_table", {}).get(kwargs.get("command"))
    parsed = kwargs.get("args")
    if command is None or parsed is None:
        return
    for dest, argument in command.arguments.items():
        if argument.type.settings.get("secret"):
            value = getattr(parsed, dest, None)
            for item in value if isinstance(value, list) else [value]:
                add_secret(cli_ctx, item)


class RedactingLogging(CLILogging):
    """knack's logging with a redacting filter on every handler it creates."""

    secrets = None

    def configure(self, args):
        from .index_data import load
        secrets = self.secrets = _Secrets()
        args = [arg for arg in args or [] if isinstance(arg, str)]
        for value in secret_values(args, secret_options(args, load())) + secure_parameter_values(args):
            secrets.add(value)
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
