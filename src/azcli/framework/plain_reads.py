"""Read commands (`group list|show|exists`, `resource list`, `account show`, ...) answered without
knack or the SDK: the commands scripts run most, where importing knack and azure-core was most of the
time. Each command that asks ARM still sends its real request, every time, and nothing is cached but
the token; `account show|list` read the signed-in profile, as the SDK's path does.

A command answers here only when the answer is certainly the one the SDK's path would print, byte for
byte: a signed-in profile with a fresh cached token, options it knows (each once, no @file or
abbreviation), an output format plain_output renders (json, tsv, none), no --debug or --verbose, no
proxy, and a 200 for every page (for `exists`, a 204 or a 404). Anything else returns None before a
word is written, and the SDK's path runs the command as before: it sends the request again (a read
changes nothing) and reports errors, retries throttling and refreshes tokens as it always has.

The commands are declared (as Read) in their modules' plain_reads.py, next to the functions the SDK's
path runs; tests/cli/test_plain_reads.py runs both paths on the same local cloud and compares.
"""
import json
import os

from .. import __version__
from ..fileio import read_json
from ..session import clouds, profile, tokens
from ..session.plain_context import PlainContext, knack_reads_another_dir
from .plain_args import parse_words
from .plain_output import FORMATTERS, apply_query
from .plain_shapes import add_resource_group

# Modules that declare reads: {module: its plain_reads module}.
READ_MODULES = {"resource": "azcli.command_modules.resource.plain_reads",
                "network": "azcli.command_modules.network.plain_reads",
                "profile": "azcli.command_modules.profile.plain_reads"}
GLOBAL_OPTIONS = {"--output": "_output", "-o": "_output", "--query": "_query", "--subscription": "_subscription"}
QUIET_FLAGS = ("--only-show-errors",)  # changes nothing on success
STATE_FILES = (profile.PROFILE_FILE, profile.CREDENTIALS_FILE, tokens.TOKENS_FILE, clouds.REGISTRY_FILE)
MAX_PAGES = 10000  # arm.requests' limit; a longer list is the SDK's path's to handle
EXISTENCE = {204: True, 404: False}  # a HEAD's answers the SDK's check_existence operations take


class NotHere(Exception):
    """This read is the SDK's path's to answer."""


class Read:
    """One read command.

    request(args, subscription_id) -> (path, query): the GET the SDK's path sends (args: destination ->
    value, for the options given or defaulted). shape(item) -> item: what the SDK's round trip makes of
    one wire document. transform(result): the command's transform, after `resourceGroup` is added.
    many: a list of pages (`value`, `nextLink`). exists: a HEAD whose answer is true (204) or false (404),
    as the SDK's check_existence operations answer. names: destinations that become an id segment (not
    empty, no '/' or '\\'). required: destinations that must have a value. defaults: {destination:
    configured default} (`azcli configure --defaults group=...`). types: {destination: the argument's type}.
    local(ctx, cloud, subscription, args) -> result: an answer from the signed-in profile and the token
    cache instead of a request (`account show`, `account get-access-token`): nothing is sent.
    subscription_from: destinations of the command's own that name the subscription, before --subscription.
    """

    def __init__(self, request=None, shape=None, transform=None, many=False, exists=False, names=(), required=(),
                 defaults=None, types=None, local=None, subscription_from=()):
        self.request = request
        self.local = local
        self.subscription_from = tuple(subscription_from)
        self.exists = exists
        self.shape = shape
        self.transform = transform
        self.many = many
        self.names = tuple(names)
        self.required = tuple(required)
        self.defaults = dict(defaults or {})
        self.types = dict(types or {})


def _declared(command, module):
    import importlib
    name = READ_MODULES.get(module)
    return importlib.import_module(name).READS.get(command) if name else None


def split_command(argv):
    """(command, the words after it, its index entry), or None when argv names no indexed command."""
    from .index_data import load
    index = load()
    if index is None:
        return None
    commands = index["commands"]
    for length in (3, 2, 4):
        name = " ".join(argv[:length])
        if name in commands:
            return name, argv[length:], commands[name]
    return None


def parse(words, arguments):
    """{destination: value} for the words after the command (a list for nargs="+"), or None when knack's
    parser should decide."""
    options, many = dict(GLOBAL_OPTIONS), set()
    for argument in arguments:
        nargs = argument.get("nargs")
        if argument.get("flag") or nargs in ("?", "*") or (argument.get("repeatable") and nargs != "+"):
            continue  # a flag, an optional value, or a list knack gathers otherwise: knack's
        if nargs == "+":
            many.add(argument["dest"])
        for spelling in argument["options"]:
            options[spelling] = argument["dest"]
    return parse_words(words, options, many=many, quiet=QUIET_FLAGS)


def _arguments(read, ctx, args):
    """The command's own arguments as its function gets them, or NotHere."""
    own = {k: v for k, v in args.items() if not k.startswith("_")}
    for dest, key in read.defaults.items():
        if dest not in own:
            value = ctx.config.get("defaults", key, local=True)
            if value:
                own[dest] = value
    for dest, convert in read.types.items():
        if dest in own:
            own[dest] = convert(own[dest])
    for dest in read.names:
        value = own.get(dest)
        if value is not None and (not value.strip() or "/" in value or "\\" in value):
            raise NotHere(dest)
    if any(own.get(dest) is None for dest in read.required):
        raise NotHere("required")
    return own


def fresh_token(ctx, cloud, subscription, tenant=None, scope=None):
    """(token, expires_on) cached for the subscription's account (in tenant, default the subscription's;
    for scope, default ARM's), or NotHere: the SDK's path asks for one."""
    account = subscription.get("user", {}).get("name")
    if profile.find_credential(ctx, cloud.name, subscription["tenantId"], account or "") is None:
        raise NotHere("credential")
    hit = tokens.cached_token(ctx, cloud.name, tenant or subscription["tenantId"], account, scope or cloud.arm_scope)
    if hit is None:
        raise NotHere("token")
    return hit


class _Sender:
    """GETs to the local cloud in this process, or over HTTPS."""

    def __init__(self, ctx, cloud):
        self.ctx, self.cloud = ctx, cloud
        self._session = None

    def send(self, method, url, headers):
        if self.cloud.in_process:
            from ..session.clients import local_app
            from ..session.wsgi_call import call_wsgi
            status, _headers, body = call_wsgi(local_app(self.ctx), method, url, headers, b"")
            return int(status.split(" ", 1)[0]), body
        from . import plain_http
        if not plain_http.can_send(url, self.ctx.environ):
            raise NotHere("transport")
        if self._session is None:
            from ..session.timeouts import http_timeout
            self._session = plain_http.Session(self.ctx.environ, http_timeout(self.ctx))
        return self._session.send(method, url, headers)

    def close(self):
        if self._session is not None:
            self._session.close()


def _request_id():
    """A random (version 4) UUID, as the SDK's RequestIdPolicy sends, without importing uuid."""
    raw = bytearray(os.urandom(16))
    raw[6] = (raw[6] & 0x0F) | 0x40
    raw[8] = (raw[8] & 0x3F) | 0x80
    text = raw.hex()
    return "-".join((text[:8], text[8:12], text[12:16], text[16:20], text[20:]))


def _headers(token):
    return {"Authorization": "Bearer " + token, "Accept": "application/json",
            "User-Agent": "azcli/" + __version__, "x-ms-client-request-id": _request_id()}


def _document(sender, url, token):
    status, body = sender.send("GET", url, _headers(token))
    if status != 200:
        raise NotHere(status)
    document = json.loads(body)
    if not isinstance(document, dict):
        raise NotHere("body")
    return document


def fetch(read, sender, url, token):
    """The command's result, shaped as the SDK's path shapes it."""
    if read.exists:
        status, _body = sender.send("HEAD", url, _headers(token))
        if status not in EXISTENCE:
            raise NotHere(status)  # the SDK's path raises what it raises
        return EXISTENCE[status]
    shape = read.shape or (lambda item: item)
    document = _document(sender, url, token)
    if not read.many:
        return shape(document)
    items, pages = [], 1
    while True:
        values = document.get("value") or []
        if not isinstance(values, list):
            raise NotHere("value")
        items.extend(shape(item) for item in values)
        link = document.get("nextLink")
        if not link:
            return items
        if pages >= MAX_PAGES:
            raise NotHere("pages")
        pages += 1
        document = _document(sender, link, token)


def _url(cloud, path, query):
    from urllib.parse import urlencode
    return cloud.resource_manager + path + ("?" + urlencode(query) if query else "")


def result_for(ctx, read, args):
    """The command's result, or NotHere."""
    for name in STATE_FILES:
        read_json(os.path.join(ctx.config_dir, name))  # a corrupt file: the SDK's path reports and rebuilds it
    cloud = clouds.active_cloud(ctx)
    if not profile.subscriptions_for_cloud(ctx, cloud.name):
        raise NotHere("signed out")  # or environment mode, whose tokens live in one process
    own = _arguments(read, ctx, args)
    wanted = next((own[dest] for dest in read.subscription_from if own.get(dest)), None) or args.get("_subscription")
    subscription = profile.current_subscription(ctx, cloud, wanted)
    if read.local is not None:
        return add_resource_group(read.local(ctx, cloud, subscription, own))
    token = fresh_token(ctx, cloud, subscription)[0]
    path, query = read.request(own, subscription["id"])
    sender = _Sender(ctx, cloud)
    try:
        result = add_resource_group(fetch(read, sender, _url(cloud, path, query), token))
    finally:
        sender.close()
    return read.transform(result) if read.transform else result


def render(ctx, args, result):
    output = (args.get("_output") or ctx.config.get("core", "output", fallback="json")).lower()
    formatter = FORMATTERS.get(output)
    if formatter is None:
        raise NotHere("output")
    if "_query" in args:
        result = apply_query(args["_query"], result)
    return "" if result is None else formatter(result)


def answer(argv, out, environ=None):
    """Write the answer and return 0, or return None (nothing written) for the SDK's path."""
    found = split_command(argv)
    if found is None:
        return None
    command, words, entry = found
    read = _declared(command, entry.get("module"))
    if read is None:
        return None
    args = parse(words, entry.get("args") or [])
    if args is None:
        return None
    ctx = PlainContext(environ)
    if knack_reads_another_dir(ctx.environ) or not os.path.isdir(ctx.config_dir):
        return None
    try:
        text = render(ctx, args, result_for(ctx, read, args))
    except Exception:  # pylint: disable=broad-except
        # NotHere, or whatever went wrong (a malformed file, an unknown subscription, a bad query, a
        # dropped connection): the SDK's path meets it again and reports it with its message and exit code.
        return None
    out.write(text)
    return 0
