"""The Key Vault secrets data plane, served at each vault's own host (``https://{vault}.vault.{cloud host}``,
see rp/keyvault.py), so azure-keyvault-secrets works unchanged, its challenge authentication included:

  PUT/GET/PATCH /secrets/{name}[/{version}]   set (a new version), get (current or a version), update
  GET  /secrets, /secrets/{name}/versions     lists (maxresults 1-25, $skiptoken, nextLink)
  DELETE /secrets/{name}                      soft delete; GET /deletedsecrets[/{name}]
  POST /deletedsecrets/{name}/recover         DELETE /deletedsecrets/{name} (purge, 204)

The routes are public (no ARM token check); every handler first checks that the request is addressed to a
vault host and carries a token for the vault audience: without one it answers 401 with Key Vault's
challenge (``WWW-Authenticate: Bearer authorization="{authority}/{tenant}", resource="{vault audience}"``),
the cue azure-keyvault-secrets waits for before it asks the identity endpoint for that audience.
"""
from urllib.parse import urlencode
import base64

from ..common.errors import route_not_found
from ..domain import secrets
from ..domain.operations import execute
from ..identity import directory
from ..rp import keyvault
from ..wire import auth
from ..wire.http import empty, json_response

API_VERSIONS = ("7.0", "7.1", "7.2", "7.3", "7.4", "7.5", "7.6", "2025-07-01", "2026-04-01")
MAX_RESULTS = 25
_PUBLIC_AUDIENCE = "https://vault.azure.net"


class Request:
    """What a data-plane handler knows: the vault row, its base URL, the caller and its token's issuer."""

    def __init__(self, ctx, operation):
        found = keyvault.vault_of_host(ctx.base)
        if found is None:
            raise route_not_found(ctx.request.path, ctx.args.get("api-version"))
        self.ctx, self.base = ctx, ctx.base
        db = ctx.store.read()
        self.row = secrets.vault(db, found[0])
        self.vault_name = self.row["name"]
        self.principal, self.issuer = _authenticate(ctx, self.row, found[1])
        _check_api_version(ctx)
        secrets.authorize(db, self.row, self.principal, self.issuer, operation)


def _challenge(ctx, row, authority, code, message):
    tenant = secrets.properties(row).get("tenantId") or auth.builtin_tenant(ctx.store)
    header = 'Bearer authorization="https://%s/%s", resource="%s"' % (authority, tenant,
                                                                      keyvault.vault_resource(ctx.base))
    return secrets.VaultError(401, "Unauthorized", "%s: %s" % (code, message), headers={"WWW-Authenticate": header})


def _authenticate(ctx, row, authority):
    header = ctx.request.header("Authorization") or ""
    scheme, _, token = header.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise _challenge(ctx, row, authority, "AKV10000", "Request is missing a Bearer or PoP token.")
    claims = auth.decode(token.strip(), auth.signing_key(ctx.store))
    if claims is None:
        raise _challenge(ctx, row, authority, "AKV10016", "Bearer token is not valid.")
    exp, nbf = claims.get("exp"), claims.get("nbf", 0)
    if not isinstance(exp, (int, float)) or exp <= ctx.now or not isinstance(nbf, (int, float)) \
            or nbf > ctx.now + auth.CLOCK_SKEW:
        raise _challenge(ctx, row, authority, "AKV10022", "Token has expired or is not yet valid.")
    audience = str(claims.get("aud", "")).rstrip("/")
    expected = keyvault.vault_resource(ctx.base)
    if audience not in (expected, _PUBLIC_AUDIENCE):
        raise _challenge(ctx, row, authority, "AKV10022", "Invalid audience. Expected %s, found: %s."
                         % (expected, claims.get("aud")))
    principal = directory.principal_by_object(ctx.store.read(), str(claims.get("oid", "")))
    tenant = (secrets.properties(row).get("tenantId") or "").lower()
    if principal is None or str(claims.get("tid", "")).lower() != tenant or principal.tenant_id != tenant:
        raise _challenge(ctx, row, authority, "AKV10032", "Invalid issuer. Expected one of https://sts.windows.net/"
                         "%s/, found %s." % (tenant, claims.get("iss")))
    return principal, claims.get("iss")


def _check_api_version(ctx):
    version = ctx.args.get("api-version")
    if not version:
        raise secrets.VaultError(400, "BadParameter", "The request URI contains an invalid parameter: api-version "
                                 "is missing.")
    if version not in API_VERSIONS:
        raise secrets.VaultError(400, "BadParameter", "The specified version (%s) is not recognized. Consider "
                                 "using the latest supported version (%s)." % (version, API_VERSIONS[-1]))


def _body(ctx):
    try:
        return ctx.json_body()
    except Exception:  # pylint: disable=broad-except
        raise secrets.VaultError(400, "BadParameter", "The request body is not valid JSON.") from None


def _page(ctx, items, render):
    """One page of items (maxresults 1-25) with Key Vault's nextLink."""
    raw = ctx.args.get("maxresults") or str(MAX_RESULTS)
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_RESULTS:
        raise secrets.VaultError(400, "BadParameter", "invalid maxresults value %s: it must be between 1 and 25."
                                 % raw)
    size, token = int(raw), ctx.args.get("$skiptoken") or ""
    try:
        start = int(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()) if token else 0
    except ValueError:
        raise secrets.VaultError(400, "BadParameter", "The $skiptoken is invalid.") from None
    out = {"value": [render(i) for i in items[start:start + size]]}
    if start + size < len(items):
        skip = base64.urlsafe_b64encode(str(start + size).encode()).rstrip(b"=").decode()
        out["nextLink"] = "%s%s?%s" % (ctx.base, ctx.request.path, urlencode(
            {"api-version": ctx.args["api-version"], "$skiptoken": skip, "maxresults": size}))
    return out


def set_secret(ctx, name):
    r = Request(ctx, "set")
    secret, version, props = execute(ctx, secrets.SetSecret(r.vault_name, name, _body(ctx)))
    return json_response(secrets.bundle(r.base, secret, version, props))


def get_secret(ctx, name, version=""):
    r = Request(ctx, "get")
    secret, found = secrets.find(r.row, name, ctx.now, version)
    if not found["enabled"]:
        raise secrets.VaultError(403, "Forbidden", "Operation get is not allowed on a disabled secret.",
                                 inner="SecretDisabled")
    return json_response(secrets.bundle(r.base, secret, found, secrets.properties(r.row)))


def update_secret(ctx, name, version=""):
    r = Request(ctx, "set")
    secret, found, props = execute(ctx, secrets.UpdateSecret(r.vault_name, name, _body(ctx), version))
    return json_response(secrets.bundle(r.base, secret, found, props, value=False))


def list_secrets(ctx):
    r = Request(ctx, "list")
    props = secrets.properties(r.row)
    return json_response(_page(ctx, secrets.listed(r.row, ctx.now), lambda s: secrets.bundle(
        r.base, s, s["versions"][-1], props, value=False, versioned=False)))


def list_versions(ctx, name):
    r = Request(ctx, "list")
    secret, _ = secrets.find(r.row, name, ctx.now)
    props = secrets.properties(r.row)
    return json_response(_page(ctx, secret["versions"], lambda v: secrets.bundle(r.base, secret, v, props,
                                                                                 value=False)))


def delete_secret(ctx, name):
    r = Request(ctx, "delete")
    record, props = execute(ctx, secrets.DeleteSecret(r.vault_name, name))
    body = secrets.deleted_bundle(r.base, record, props)
    if not secrets._recovery(props)[1]:  # pylint: disable=protected-access
        body = {k: v for k, v in body.items() if k not in ("recoveryId", "deletedDate", "scheduledPurgeDate")}
    return json_response(body)


def list_deleted(ctx):
    r = Request(ctx, "list")
    props = secrets.properties(r.row)
    return json_response(_page(ctx, secrets.deleted(r.row, ctx.now),
                               lambda d: secrets.deleted_bundle(r.base, d, props, item=True)))


def get_deleted(ctx, name):
    r = Request(ctx, "list")
    return json_response(secrets.deleted_bundle(r.base, secrets.deleted(r.row, ctx.now, name),
                                                secrets.properties(r.row)))


def recover_deleted(ctx, name):
    r = Request(ctx, "recover")
    secret, version, props = execute(ctx, secrets.RecoverSecret(r.vault_name, name))
    return json_response(secrets.bundle(r.base, secret, version, props, value=False))


def purge_deleted(ctx, name):
    r = Request(ctx, "purge")
    execute(ctx, secrets.PurgeSecret(r.vault_name, name))
    return empty(204)


def backup_secret(ctx, name):
    r = Request(ctx, "backup")
    secret, _ = secrets.find(r.row, name, ctx.now)
    return json_response({"value": secrets.backup_blob(r.row, secret, r.row["sub_lc"])})


def restore_secret(ctx):
    r = Request(ctx, "restore")
    blob = _body(ctx).get("value")
    if not isinstance(blob, str) or not blob:
        raise secrets.VaultError(400, "BadParameter", "Property value is required.")
    secret, version, props = execute(ctx, secrets.RestoreSecret(r.vault_name, blob, r.row["sub_lc"]))
    return json_response(secrets.bundle(r.base, secret, version, props, value=False))


def register(router):
    public = {"kind": "public"}
    router.add("POST", "/secrets/restore", restore_secret, **public)
    router.add("POST", "/secrets/{name}/backup", backup_secret, **public)
    router.add("GET", "/secrets", list_secrets, **public)
    router.add("GET", "/deletedsecrets", list_deleted, **public)
    router.add("GET", "/deletedsecrets/{name}", get_deleted, **public)
    router.add("DELETE", "/deletedsecrets/{name}", purge_deleted, **public)
    router.add("POST", "/deletedsecrets/{name}/recover", recover_deleted, **public)
    router.add("GET", "/secrets/{name}/versions", list_versions, **public)
    router.add("PUT", "/secrets/{name}", set_secret, **public)
    router.add("DELETE", "/secrets/{name}", delete_secret, **public)
    router.add("GET", "/secrets/{name}", get_secret, **public)
    router.add("PATCH", "/secrets/{name}", update_secret, **public)
    router.add("GET", "/secrets/{name}/{version}", get_secret, **public)
    router.add("PATCH", "/secrets/{name}/{version}", update_secret, **public)
