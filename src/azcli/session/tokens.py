"""The access-token cache: {config_dir}/tokens.json, 0600, written atomically under a lock.

A command that finds an unexpired token here never imports azure-identity (nor azure.core). A
corrupt cache is reported on stderr (one line naming the file) and rebuilt. In environment-credential
mode nothing may be written, so the credential uses a MemoryTokenCache instead.
"""
import os
import time

from ..logs import get_logger

from ..fileio import CorruptFileError, read_json, update_json

logger = get_logger(__name__)

TOKENS_FILE = "tokens.json"
# Refresh a little before expiry so a long command does not start with a dying token.
EXPIRY_MARGIN_SECONDS = 300


def _path(cli_ctx):
    return os.path.join(cli_ctx.config_dir, TOKENS_FILE)


def _key(cloud_name, tenant, account, scope):
    return "|".join((part or "").lower() for part in (cloud_name, tenant, account, scope))


def _warn_corrupt(error):
    logger.warning("%s; the token cache was rebuilt.", error)


def _usable(entry, now):
    return bool(entry) and entry.get("expiresOn", 0) - EXPIRY_MARGIN_SECONDS > now


def _rebuild(cli_ctx):
    """Replace a corrupt cache with an empty one, unless another process already repaired it."""
    def replace(_error):
        return None
    with update_json(_path(cli_ctx), on_corrupt=replace) as fresh:
        fresh.setdefault("tokens", {})


def cached_token(cli_ctx, cloud_name, tenant, account, scope, now=None):
    """(token, expires_on) when a usable token is cached, else None."""
    try:
        data = read_json(_path(cli_ctx), default={}) or {}
    except CorruptFileError as ex:
        _warn_corrupt(ex)
        _rebuild(cli_ctx)
        return None
    tokens = data.get("tokens") if isinstance(data, dict) else None
    entry = tokens.get(_key(cloud_name, tenant, account, scope)) if isinstance(tokens, dict) else None
    now = time.time() if now is None else now
    if isinstance(entry, dict) and _usable(entry, now):
        return entry["accessToken"], int(entry["expiresOn"])
    return None


def store_token(cli_ctx, cloud_name, tenant, account, scope, token, expires_on):
    now = time.time()
    with update_json(_path(cli_ctx), on_corrupt=_warn_corrupt) as data:
        tokens = data.get("tokens")
        if not isinstance(tokens, dict):
            tokens = data["tokens"] = {}
        for key in [k for k, v in tokens.items() if not isinstance(v, dict) or v.get("expiresOn", 0) < now]:
            del tokens[key]
        tokens[_key(cloud_name, tenant, account, scope)] = {"accessToken": token, "expiresOn": int(expires_on)}


def clear_tokens(cli_ctx, cloud_name=None, account=None):
    """Forget cached tokens: all, a cloud's, or one account's in a cloud."""
    if not os.path.exists(_path(cli_ctx)):
        return

    def keep(key):
        cloud, _, rest = key.partition("|")
        if cloud_name is None or cloud != cloud_name.lower():
            return cloud_name is not None
        return account is not None and rest.split("|")[1:2] != [account.lower()]

    with update_json(_path(cli_ctx), on_corrupt=_warn_corrupt) as data:
        tokens = data.get("tokens") if isinstance(data.get("tokens"), dict) else {}
        data["tokens"] = {k: v for k, v in tokens.items() if keep(k)}


class FileTokenCache:
    """The shared cache in the config dir."""

    def __init__(self, cli_ctx):
        self.cli_ctx = cli_ctx

    def get(self, cloud_name, tenant, account, scope):
        return cached_token(self.cli_ctx, cloud_name, tenant, account, scope)

    def put(self, cloud_name, tenant, account, scope, token, expires_on):
        store_token(self.cli_ctx, cloud_name, tenant, account, scope, token, expires_on)


class MemoryTokenCache:
    """A cache for one process that writes nothing (environment-credential mode)."""

    def __init__(self):
        self.tokens = {}

    def get(self, cloud_name, tenant, account, scope):
        entry = self.tokens.get(_key(cloud_name, tenant, account, scope))
        return (entry["accessToken"], entry["expiresOn"]) if _usable(entry, time.time()) else None

    def put(self, cloud_name, tenant, account, scope, token, expires_on):
        self.tokens[_key(cloud_name, tenant, account, scope)] = {"accessToken": token, "expiresOn": int(expires_on)}
