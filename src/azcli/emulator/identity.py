"""The identity endpoint: what msal / azure-identity need with instance discovery disabled.

  GET  /{tenant}/v2.0/.well-known/openid-configuration   (and the v1 path without /v2.0)
  GET  /{tenant}/discovery/v2.0/keys                     (empty: tokens are HMAC-signed)
  POST /{tenant}/oauth2/v2.0/token                       (and v1 /{tenant}/oauth2/token with resource=)

Grants are looked up in GRANTS (grant_type -> handler); client authentication methods in
authenticate_client. Phase 2 adds device_code, client assertions (certificates, federated tokens)
and managed identity here.
"""
import base64
import hmac

from . import auth, directory
from .errors import AadError
from .http import json_response

MULTI_TENANT = ("common", "organizations", "consumers")


def tenant_not_found(tenant):
    return AadError(400, "invalid_tenant", 90002,
                    "Tenant '%s' not found. Check to make sure you have the correct tenant ID and are signing into "
                    "the correct cloud." % tenant)


def resolve_tenant(db, tenant):
    """The tenants row for a tenant id or domain; None for the multi-tenant aliases."""
    if tenant.lower() in MULTI_TENANT:
        return None
    row = directory.tenant(db, tenant)
    if row is None:
        row = db.execute("SELECT * FROM tenants WHERE lower(default_domain) = ?", (tenant.lower(),)).fetchone()
    if row is None:
        raise tenant_not_found(tenant)
    return row


def openid_configuration(ctx, tenant):
    row = resolve_tenant(ctx.store.read(), tenant)
    base = ctx.base
    tid = row["tenant_id"] if row is not None else "{tenantid}"
    prefix = "%s/%s" % (base, tenant)
    return json_response({
        "token_endpoint": prefix + "/oauth2/v2.0/token",
        "token_endpoint_auth_methods_supported": ["client_secret_post", "private_key_jwt", "client_secret_basic"],
        "jwks_uri": prefix + "/discovery/v2.0/keys",
        "response_modes_supported": ["query", "fragment", "form_post"],
        "subject_types_supported": ["pairwise"],
        "id_token_signing_alg_values_supported": ["HS256"],
        "response_types_supported": ["code", "id_token", "code id_token", "id_token token"],
        "scopes_supported": ["openid", "profile", "email", "offline_access"],
        "issuer": auth.issuer(base, tid),
        "request_uri_parameter_supported": False,
        "userinfo_endpoint": base + "/oidc/userinfo",
        "authorization_endpoint": prefix + "/oauth2/v2.0/authorize",
        "device_authorization_endpoint": prefix + "/oauth2/v2.0/devicecode",
        "http_logout_supported": True,
        "frontchannel_logout_supported": True,
        "end_session_endpoint": prefix + "/oauth2/v2.0/logout",
        "claims_supported": ["sub", "iss", "aud", "exp", "iat", "nbf", "tid", "oid", "azp", "appid", "ver"],
        "tenant_region_scope": None,
        "cloud_instance_name": ctx.request.base_url.split("://", 1)[1],
        "cloud_graph_host_name": None,
        "msgraph_host": None,
        "rbac_url": base,
    })


def keys(ctx, tenant):
    resolve_tenant(ctx.store.read(), tenant)
    return json_response({"keys": []})


def authenticate_client(form, principal, basic_secret):
    """Check the client's proof of identity against the principal's credentials."""
    if form.get("client_assertion"):
        raise AadError(401, "invalid_client", 700027,
                       "Client assertion failed signature validation: no certificate is registered for this "
                       "application.")
    secret = form.get("client_secret") or basic_secret
    if not secret:
        raise AadError(401, "invalid_client", 7000218,
                       "The request body must contain the following parameter: 'client_assertion' or "
                       "'client_secret'.")
    if not any(hmac.compare_digest(secret.encode(), s.encode()) for s in principal.secrets()):
        raise AadError(401, "invalid_client", 7000215,
                       "Invalid client secret provided. Ensure the secret being sent in the request is the client "
                       "secret value, not the client secret ID, for a secret added to app '%s'."
                       % principal.client_id)


def requested_audience(ctx, form, v1, tenant):
    """The audience of the token: {base}/ for this cloud's ARM, from scope (v2) or resource (v1)."""
    if v1:
        resource = form.get("resource")
        if not resource:
            raise AadError(400, "invalid_request", 900144,
                           "The request body must contain the following parameter: 'resource'.")
    else:
        scopes = [s for s in form.get("scope", "").split() if s not in ("openid", "profile", "offline_access")]
        if not scopes:
            raise AadError(400, "invalid_request", 900144,
                           "The request body must contain the following parameter: 'scope'.")
        scope = scopes[0]
        if not scope.endswith("/.default"):
            raise AadError(400, "invalid_scope", 1002012,
                           "The provided value for scope %s is not valid. Client credential flows must have a scope "
                           "value with /.default suffixed to the resource identifier (application ID URI)." % scope)
        resource = scope[:-len(".default")]
    if resource.rstrip("/") != ctx.base:
        raise AadError(400, "invalid_resource", 500011,
                       "The resource principal named %s was not found in the tenant named %s. This can happen if "
                       "the application has not been installed by the administrator of the tenant or consented to "
                       "by any user in the tenant. You might have sent your authentication request to the wrong "
                       "tenant." % (resource, tenant))
    return ctx.base + "/"


def client_credentials(ctx, tenant, form, v1):
    db = ctx.store.read()
    tenant_row = resolve_tenant(db, tenant)
    client_id, basic_secret = form.get("client_id"), None
    header = ctx.request.header("Authorization") or ""
    if header.lower().startswith("basic "):
        try:
            client_id, _, basic_secret = base64.b64decode(header[6:]).decode("utf-8").partition(":")
        except ValueError:
            pass
    if not client_id:
        raise AadError(400, "invalid_request", 900144,
                       "The request body must contain the following parameter: 'client_id'.")
    principal = directory.principal_by_client(db, client_id)
    if principal is None or (tenant_row is not None and principal.tenant_id != tenant_row["tenant_lc"]):
        raise AadError(400, "unauthorized_client", 700016,
                       "Application with identifier '%s' was not found in the directory '%s'. This can happen if "
                       "the application has not been installed by the administrator of the tenant or consented to "
                       "by any user in the tenant. You may have sent your authentication request to the wrong "
                       "tenant." % (client_id, tenant))
    authenticate_client(form, principal, basic_secret)
    audience = requested_audience(ctx, form, v1, tenant)
    token, lifetime = auth.issue(ctx.store, ctx.base, principal, audience, ctx.now)
    body = {"token_type": "Bearer", "expires_in": lifetime - 1, "ext_expires_in": lifetime - 1,
            "access_token": token}
    if v1:
        body = {k: str(v) for k, v in body.items()}
        body.update({"expires_on": str(int(ctx.now) + lifetime), "not_before": str(int(ctx.now)),
                     "resource": audience})
    return json_response(body, headers={"Cache-Control": "no-store, no-cache"})


GRANTS = {"client_credentials": client_credentials}


def token(ctx, tenant, v1=False):
    form = ctx.request.form()
    grant = form.get("grant_type")
    if not grant:
        raise AadError(400, "invalid_request", 900144,
                       "The request body must contain the following parameter: 'grant_type'.")
    handler = GRANTS.get(grant)
    if handler is None:
        raise AadError(400, "unsupported_grant_type", 70003,
                       "The app requested an unsupported grant type '%s'." % grant)
    return handler(ctx, tenant, form, v1)


def token_v1(ctx, tenant):
    return token(ctx, tenant, v1=True)


def register(router):
    router.add("GET", "/{tenant}/v2.0/.well-known/openid-configuration", openid_configuration, kind="public")
    router.add("GET", "/{tenant}/.well-known/openid-configuration", openid_configuration, kind="public")
    router.add("GET", "/{tenant}/discovery/v2.0/keys", keys, kind="public")
    router.add("GET", "/{tenant}/discovery/keys", keys, kind="public")
    router.add("POST", "/{tenant}/oauth2/v2.0/token", token, kind="public")
    router.add("POST", "/{tenant}/oauth2/token", token_v1, kind="public")
