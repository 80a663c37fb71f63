"""The access-token cache: {config_dir}/tokens.json, 0600, written atomically under a lock.

A command that finds an unexpired token here never imports azure-identity. A corrupt cache is
reported on stderr and rebuilt.
"""
import os
import time

from knack.log import get_logger

from .fileio import CorruptFileError, read_json, update_json

logger = get_logger(__name__)

TOKENS_FILE = "tokens.json"
# Refresh a little before expiry so a long command does not start with a dying token.
EXPIRY_MARGIN_SECONDS = 300


def _path(cli_ctx):
    return os.path.join(cli_ctx.config_dir, TOKENS_FILE)


def _key(cloud_name, tenant, client_id, scope):
    return "|".join(part.lower() for part in (cloud_name, tenant, client_id, scope))


def _warn_corrupt(error):
    logger.warning("%s; the token cache was rebuilt.", error)


def cached_token(cli_ctx, cloud_name, tenant, client_id, scope, now=None):
    """(token, expires_on) when a usable token is cached, else None."""
    try:
        data = read_json(_path(cli_ctx), default={}) or {}
    except CorruptFileError as ex:
        _warn_corrupt(ex)
        with update_json(_path(cli_ctx), on_corrupt=lambda e: None) as fresh:
            fresh.clear()
        return None
    entry = data.get("tokens", {}).get(_key(cloud_name, tenant, client_id, scope))
    now = time.time() if now is None else now
    if entry and entry.get("expiresOn", 0) - EXPIRY_MARGIN_SECONDS > now:
        return entry["accessToken"], int(entry["expiresOn"])
    return None


def store_token(cli_ctx, cloud_name, tenant, client_id, scope, token, expires_on):
    now = time.time()
    with update_json(_path(cli_ctx), on_corrupt=_warn_corrupt) as data:
        tokens = data.setdefault("tokens", {})
        for key in [k for k, v in tokens.items() if v.get("expiresOn", 0) < now]:
            del tokens[key]
        tokens[_key(cloud_name, tenant, client_id, scope)] = {"accessToken": token, "expiresOn": int(expires_on)}


def clear_tokens(cli_ctx, cloud_name=None):
    prefix = (cloud_name or "").lower() + "|"
    with update_json(_path(cli_ctx), on_corrupt=_warn_corrupt) as data:
        tokens = data.get("tokens", {})
        data["tokens"] = {k: v for k, v in tokens.items() if cloud_name and not k.startswith(prefix)}
