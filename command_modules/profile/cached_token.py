"""`azcli account get-access-token` answered from the token cache, without knack or the SDK.

Scripts call it once per job step (`--query accessToken -o tsv`), so its start-up is most of its
cost. This path answers only when its answer is certainly the one knack's path would give, byte for
byte: a signed-in profile (not environment mode), a fresh cached token, options it knows, each once,
and an output format plain_output renders (json, tsv, none). Anything else - a cache miss, --debug,
an unknown, abbreviated or repeated option, another format, a file that does not parse, an error to
report - returns None and knack's path runs, asks for the token and reports as usual. It only reads.
"""
import os

from azcli.fileio import read_json
from azcli.framework.plain_args import parse_words
from azcli.framework.plain_output import FORMATTERS, apply_query
from azcli.session import clouds, profile, tokens
from azcli.session.plain_context import PlainContext, knack_reads_another_dir

from .access_token import requested_scopes, token_answer

COMMAND = ["account", "get-access-token"]
OPTIONS = {"--resource": "resource", "--scope": "scopes", "--tenant": "tenant", "-t": "tenant",
           "--name": "subscription_name", "-n": "subscription_name", "--subscription": "subscription",
           "--output": "output", "-o": "output", "--query": "query"}
MANY_VALUES = ("scopes",)  # nargs="+"
FLAGS = ("--only-show-errors",)  # changes nothing on success
# Read once before anything else: a corrupt file is knack's path's to report and rebuild.
STATE_FILES = (profile.PROFILE_FILE, profile.CREDENTIALS_FILE, tokens.TOKENS_FILE, clouds.REGISTRY_FILE)


def parse(words):
    """{destination: value} for the words after the command, or None when knack's parser should decide."""
    return parse_words(words, OPTIONS, many=MANY_VALUES, quiet=FLAGS)


def token_for(ctx, args):
    """The command's answer from the cache, or None."""
    if not os.path.isdir(ctx.config_dir):
        return None
    for name in STATE_FILES:
        read_json(os.path.join(ctx.config_dir, name))
    cloud = clouds.active_cloud(ctx)
    if not profile.subscriptions_for_cloud(ctx, cloud.name):
        return None  # signed out, or environment mode (whose tokens live in one process)
    subscription = profile.current_subscription(ctx, cloud, args.get("subscription_name") or args.get("subscription"))
    account = subscription.get("user", {}).get("name")
    if profile.find_credential(ctx, cloud.name, subscription["tenantId"], account or "") is None:
        return None
    tenant_id = args.get("tenant") or subscription["tenantId"]
    scope = " ".join(requested_scopes(cloud, args.get("resource"), args.get("scopes")))
    hit = tokens.cached_token(ctx, cloud.name, tenant_id, account, scope)
    if hit is None:
        return None
    return token_answer(hit[0], hit[1], subscription["id"], tenant_id, bool(args.get("tenant")))


def render(ctx, args, result):
    output = args.get("output") or ctx.config.get("core", "output", fallback="json")
    formatter = FORMATTERS.get(output.lower())
    if formatter is None:
        return None
    if "query" in args:
        result = apply_query(args["query"], result)
    return "" if result is None else formatter(result)


def answer(argv, out, environ=None):
    """Write the answer and return 0, or return None (nothing written) for knack's path."""
    if argv[:2] != COMMAND:
        return None
    args = parse(argv[2:])
    if args is None or (args.get("resource") and args.get("scopes")):
        return None
    ctx = PlainContext(environ)
    if knack_reads_another_dir(ctx.environ):
        return None
    try:
        result = token_for(ctx, args)
        text = None if result is None else render(ctx, args, result)
    except Exception:  # pylint: disable=broad-except
        # Whatever went wrong (a malformed file, an unknown subscription or cloud, a bad query), knack's
        # path meets it again and reports it with its message and exit code.
        return None
    if text is None:
        return None
    out.write(text)
    return 0
