"""The identity endpoint: what msal / azure-identity need with instance discovery disabled.

  GET  /{tenant}/v2.0/.well-known/openid-configuration   (and the v1 path without /v2.0)
  GET  /{tenant}/discovery/v2.0/keys                     (empty: tokens are HMAC-signed)
  POST /{tenant}/oauth2/v2.0/token                       (and v1 /{tenant}/oauth2/token with resource=)
  POST /{tenant}/oauth2/v2.0/devicecode                  device authorization   } people.py: approved by the
  GET  /{tenant}/oauth2/v2.0/authorize                   browser sign-in        } local user, never by HTTP
  GET  /msi/token                                        managed identity, App Service style
                                                         (IDENTITY_ENDPOINT + X-IDENTITY-HEADER)
  GET  /federation/...                                   the local OIDC issuer (federation.py)

Grants are looked up in GRANTS (grant_type -> handler); how confidential clients prove who they
are is in clientauth.py. Device codes, authorization codes and refresh tokens are self-contained
HMAC-signed tokens (like the access tokens), so no state is kept between the steps of a flow and
any process serving the store can answer any step.

Sign-ins of people wait for the local user's approval (`azcli local approve <code>`, see people.py
and signins.py).
"""
import base64

from ..wire import auth
from . import clientauth, directory, federation
from ..common.errors import AadError
from ..wire.http import json_response
from .tokens import check_resource, resolve_tenant, token_response  # noqa: F401 (also this module's API)
from ..common.values import new_guid

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
    return check_resource(ctx, resource, tenant)


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
    clientauth.authenticate(ctx, form, principal, basic_secret, tenant)
    audience = requested_audience(ctx, form, v1, tenant)
    return token_response(ctx, principal, audience, v1)


# --- managed identity ---------------------------------------------------------------------------

def msi_token(ctx):
    """App Service's managed identity endpoint (api-version 2019-08-01)."""
    args = ctx.request.args
    header = ctx.request.header("X-IDENTITY-HEADER")
    if not header:
        return _msi_error(401, "The X-IDENTITY-HEADER header is missing.")
    db = ctx.store.read()
    principal = directory.principal_by_msi_header(db, header)
    if principal is None:
        return _msi_error(401, "The X-IDENTITY-HEADER header is not valid.")
    wanted = [(key, args[key]) for key in ("client_id", "mi_res_id", "msi_res_id", "object_id", "principal_id")
              if args.get(key)]
    if wanted:
        key, value = wanted[0]
        msi = principal.of_type("msi")[0]
        actual = {"client_id": principal.client_id, "object_id": principal.object_id,
                  "principal_id": principal.object_id}.get(key, msi.get("resourceId"))
        if (actual or "").lower() != value.lower():
            return _msi_error(400, "No managed identity with %s '%s' is assigned to this host." % (key, value))
    resource = args.get("resource")
    if not resource:
        return _msi_error(400, "The 'resource' query parameter is required.")
    try:
        audience = check_resource(ctx, resource, principal.tenant_id)
    except AadError as exc:
        return _msi_error(400, exc.description)
    token, lifetime = auth.issue(ctx.store, ctx.base, principal, audience, ctx.now)
    return json_response({"access_token": token, "expires_on": str(int(ctx.now) + lifetime), "resource": resource,
                          "token_type": "Bearer", "client_id": principal.client_id},
                         headers={"Cache-Control": "no-store, no-cache"})


def _msi_error(status, message):
    return json_response({"statusCode": status, "message": message, "correlationId": new_guid()}, status)


GRANTS = {"client_credentials": client_credentials}  # + people.GRANTS


def token(ctx, tenant, v1=False):
    form = ctx.request.form()
    grant = form.get("grant_type")
    if not grant:
        raise AadError(400, "invalid_request", 900144,
                       "The request body must contain the following parameter: 'grant_type'.")
    from . import people
    handler = GRANTS.get(grant) or people.GRANTS.get(grant)
    if handler is None:
        raise AadError(400, "unsupported_grant_type", 70003,
                       "The app requested an unsupported grant type '%s'." % grant)
    return handler(ctx, tenant, form, v1)


def token_v1(ctx, tenant):
    return token(ctx, tenant, v1=True)


def register(router):
    from . import people
    federation.register(router)
    people.register(router)
    router.add("GET", "/msi/token", msi_token, kind="public")
    router.add("GET", "/{tenant}/v2.0/.well-known/openid-configuration", openid_configuration, kind="public")
    router.add("GET", "/{tenant}/.well-known/openid-configuration", openid_configuration, kind="public")
    router.add("GET", "/{tenant}/discovery/v2.0/keys", keys, kind="public")
    router.add("GET", "/{tenant}/discovery/keys", keys, kind="public")
    router.add("POST", "/{tenant}/oauth2/v2.0/token", token, kind="public")
    router.add("POST", "/{tenant}/oauth2/token", token_v1, kind="public")
