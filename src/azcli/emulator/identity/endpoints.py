"""The identity endpoint: what msal / azure-identity need with instance discovery disabled.

  GET  /{tenant}/v2.0/.well-known/openid-configuration   (and the v1 path without /v2.0)
  GET  /{tenant}/discovery/v2.0/keys                     (empty: tokens are HMAC-signed)
  POST /{tenant}/oauth2/v2.0/token                       (and v1 /{tenant}/oauth2/token with resource=)
  POST /{tenant}/oauth2/v2.0/devicecode                  device authorization (approved automatically)
  GET  /{tenant}/oauth2/v2.0/authorize                   browser sign-in (approved automatically: 302 back
                                                         to the loopback redirect_uri with a code)
  GET  /msi/token                                        managed identity, App Service style
                                                         (IDENTITY_ENDPOINT + X-IDENTITY-HEADER)
  GET  /federation/...                                   the local OIDC issuer (federation.py)

Grants are looked up in GRANTS (grant_type -> handler); how confidential clients prove who they
are is in clientauth.py. Device codes, authorization codes and refresh tokens are self-contained
HMAC-signed tokens (like the access tokens), so no state is kept between the steps of a flow and
any process serving the store can answer any step.

Sign-ins of people are approved automatically as the tenant's first user (created as
localuser@<domain> with access to the built-in subscription when the tenant has none).
"""
import base64
import json

from ..wire import auth
from . import clientauth, directory, federation
from ..common.errors import AadError
from ..wire.http import Response, json_response
from ..common.values import new_guid

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


# Data-plane audiences the local cloud also issues tokens for (ARM refuses them, as ARM does).
OTHER_AUDIENCES = ("https://vault.azure.net", "https://storage.azure.com", "https://graph.microsoft.com",
                   "api://azcli-local-app")


def check_resource(ctx, resource, tenant):
    """The audience for a resource: this cloud's ARM ({base}/), a path under it, its vaults' or OTHER_AUDIENCES."""
    from ..rp.keyvault import vault_resource
    if resource.rstrip("/") == ctx.base:
        return ctx.base + "/"
    if resource.startswith(ctx.base + "/") or resource.rstrip("/") in OTHER_AUDIENCES + (vault_resource(ctx.base),):
        return resource
    raise AadError(400, "invalid_resource", 500011,
                   "The resource principal named %s was not found in the tenant named %s. This can happen if "
                   "the application has not been installed by the administrator of the tenant or consented to "
                   "by any user in the tenant. You might have sent your authentication request to the wrong "
                   "tenant." % (resource, tenant))


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


def token_response(ctx, principal, audience, v1, client_id=None, extra=None):
    token, lifetime = auth.issue(ctx.store, ctx.base, principal, audience, ctx.now, client_id=client_id)
    body = {"token_type": "Bearer", "expires_in": lifetime - 1, "ext_expires_in": lifetime - 1,
            "access_token": token}
    if v1:
        body = {k: str(v) for k, v in body.items()}
        body.update({"expires_on": str(int(ctx.now) + lifetime), "not_before": str(int(ctx.now)),
                     "resource": audience})
    body.update(extra or {})
    return json_response(body, headers={"Cache-Control": "no-store, no-cache"})


# --- people: device code, browser (authorization code + PKCE), refresh tokens -------------------

DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"
DEVICE_CODE_LIFETIME = 900
REFRESH_TOKEN_LIFETIME = 90 * 24 * 3600
USER_SCOPES = ("openid", "profile", "offline_access")


def _flow_token(ctx, kind, lifetime, **claims):
    now = int(ctx.now)
    claims.update({"typ": kind, "aud": "urn:azcli:" + kind, "iat": now, "exp": now + lifetime, "jti": new_guid()})
    return auth.encode(claims, auth.signing_key(ctx.store))


def _read_flow_token(ctx, value, kind, error, code, description):
    claims = auth.decode(value or "", auth.signing_key(ctx.store))
    if claims is None or claims.get("typ") != kind:
        raise AadError(400, error, code, description)
    if claims.get("exp", 0) <= ctx.now:
        raise AadError(400, "expired_token" if kind == "device_code" else error, code,
                       description + " It has expired.")
    return claims


def _sign_in_user(ctx, tenant):
    """The user a sign-in in tenant (an id, a domain or an alias like 'organizations') is approved as."""
    db = ctx.store.read()
    row = resolve_tenant(db, tenant)
    tenant_id = row["tenant_id"] if row is not None else auth.builtin_tenant(ctx.store)
    user = None
    for principal in directory.principals(db):
        if principal.kind == "User" and principal.tenant_id == tenant_id.lower():
            user = principal
            break
    if user is None:
        with ctx.store.write() as wdb:
            user = directory.default_user(wdb, tenant_id, ctx.now)
    return user


def _resource_scope(ctx, scope, tenant):
    scopes = [s for s in (scope or "").split() if s not in USER_SCOPES]
    if not scopes:
        raise AadError(400, "invalid_scope", 70011, "The provided request must include a 'scope' input parameter.")
    resource = scopes[0][:-len(".default")] if scopes[0].endswith("/.default") else scopes[0].rsplit("/", 1)[0] + "/"
    return check_resource(ctx, resource, tenant)


def user_token_response(ctx, user, client_id, scope, tenant, nonce=None):
    """Access, ID and refresh tokens for a person, with the client_info msal builds its account from."""
    audience = _resource_scope(ctx, scope, tenant)
    now = int(ctx.now)
    id_claims = {"nonce": nonce} if nonce else {}
    id_claims.update({"aud": client_id, "iss": auth.issuer(ctx.base, user.tenant_id), "iat": now, "nbf": now,
                 "exp": now + auth.TOKEN_LIFETIME, "tid": user.tenant_id, "oid": user.object_id,
                 "sub": user.object_id, "preferred_username": user.upn, "name": user.display_name, "ver": "2.0"})
    client_info = base64.urlsafe_b64encode(json.dumps({"uid": user.object_id, "utid": user.tenant_id})
                                           .encode()).rstrip(b"=").decode("ascii")
    refresh = _flow_token(ctx, "refresh_token", REFRESH_TOKEN_LIFETIME, oid=user.object_id, azp=client_id)
    granted = " ".join([audience + ".default"] + list(USER_SCOPES))
    return token_response(ctx, user, audience, False, client_id=client_id, extra={
        "scope": granted, "refresh_token": refresh, "id_token": auth.encode(id_claims, auth.signing_key(ctx.store)),
        "client_info": client_info})


def device_code(ctx, tenant):
    form = ctx.request.form()
    client_id = form.get("client_id")
    if not client_id:
        raise AadError(400, "invalid_request", 900144,
                       "The request body must contain the following parameter: 'client_id'.")
    _resource_scope(ctx, form.get("scope"), tenant)
    user = _sign_in_user(ctx, tenant)
    code = _flow_token(ctx, "device_code", DEVICE_CODE_LIFETIME, azp=client_id, oid=user.object_id,
                       scope=form.get("scope", ""))
    import hashlib
    user_code = hashlib.sha256(code.encode()).hexdigest()[:9].upper()
    uri = ctx.base + "/devicelogin"
    return json_response({
        "user_code": user_code, "device_code": code, "verification_uri": uri,
        "expires_in": DEVICE_CODE_LIFETIME, "interval": 1,
        "message": "To sign in, use a web browser to open the page %s and enter the code %s to authenticate. "
                   "(Local cloud: the code is approved automatically as %s.)" % (uri, user_code, user.upn),
    })


def _flow_user(ctx, form, kind, code, invalid_message, what):
    """The claims of a device code or refresh token and the user it was issued to."""
    claims = _read_flow_token(ctx, form.get(kind), kind, "invalid_grant", code, invalid_message)
    if claims.get("azp") != form.get("client_id"):
        raise AadError(400, "invalid_grant", 70000, "The %s was issued to another client." % what)
    user = directory.principal_by_object(ctx.store.read(), claims["oid"])
    if user is None:
        raise AadError(400, "invalid_grant", 50034, "The user account does not exist in the directory.")
    return claims, user


def device_code_grant(ctx, tenant, form, v1):
    claims, user = _flow_user(ctx, form, "device_code", 70000,
                              "The provided value for the input parameter 'device_code' is not valid.", "device code")
    return user_token_response(ctx, user, claims["azp"], form.get("scope") or claims.get("scope"), tenant)


def refresh_token_grant(ctx, tenant, form, v1):
    claims, user = _flow_user(ctx, form, "refresh_token", 9002313,
                              "Invalid request. The refresh token is malformed or not valid.", "refresh token")
    row = resolve_tenant(ctx.store.read(), tenant)
    if row is not None and row["tenant_lc"] != user.tenant_id:
        raise AadError(400, "invalid_grant", 50020,
                       "User account '%s' from identity provider '%s' does not exist in tenant '%s'."
                       % (user.upn, auth.issuer(ctx.base, user.tenant_id), tenant))
    return user_token_response(ctx, user, claims["azp"], form.get("scope"), tenant)


def _loopback(uri):
    from urllib.parse import urlsplit
    parts = urlsplit(uri or "")
    return parts.scheme == "http" and parts.hostname in ("localhost", "127.0.0.1", "::1")


def authorize(ctx, tenant):
    """Browser sign-in, approved at once: redirect back to the app's loopback address with a code."""
    from urllib.parse import urlencode
    args = ctx.request.args
    redirect_uri = args.get("redirect_uri")
    if not args.get("client_id") or not _loopback(redirect_uri):
        raise AadError(400, "invalid_request", 50011,
                       "The redirect URI '%s' specified in the request does not match the redirect URIs configured "
                       "for the application. The local cloud accepts loopback (http://localhost) redirect URIs."
                       % redirect_uri)
    user = _sign_in_user(ctx, tenant)
    code = _flow_token(ctx, "code", 600, azp=args["client_id"], oid=user.object_id, redirect_uri=redirect_uri,
                       challenge=args.get("code_challenge"), method=args.get("code_challenge_method", "plain"),
                       scope=args.get("scope", ""), nonce=args.get("nonce"))
    query = {"code": code}
    if args.get("state") is not None:
        query["state"] = args["state"]
    separator = "&" if "?" in redirect_uri else "?"
    return Response(302, b"", {"Location": redirect_uri + separator + urlencode(query)})


def authorization_code_grant(ctx, tenant, form, v1):
    import hashlib
    import hmac
    claims = _read_flow_token(ctx, form.get("code"), "code", "invalid_grant", 70008,
                              "The provided authorization code or refresh token has expired or is not valid.")
    if claims.get("azp") != form.get("client_id") or claims.get("redirect_uri") != form.get("redirect_uri"):
        raise AadError(400, "invalid_grant", 70000, "The authorization code was issued to another client or "
                       "redirect URI.")
    challenge = claims.get("challenge")
    if challenge:
        verifier = form.get("code_verifier") or ""
        if claims.get("method") == "S256":
            computed = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
        else:
            computed = verifier
        if not hmac.compare_digest(computed.encode(), challenge.encode()):
            raise AadError(400, "invalid_grant", 501481, "The Code_Verifier does not match the code_challenge "
                           "supplied in the authorization request.")
    user = directory.principal_by_object(ctx.store.read(), claims["oid"])
    if user is None:
        raise AadError(400, "invalid_grant", 50034, "The user account does not exist in the directory.")
    return user_token_response(ctx, user, claims["azp"], form.get("scope") or claims.get("scope"), tenant,
                               nonce=claims.get("nonce"))


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


GRANTS = {"client_credentials": client_credentials, DEVICE_CODE_GRANT: device_code_grant,
          "refresh_token": refresh_token_grant, "authorization_code": authorization_code_grant}


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
    federation.register(router)
    router.add("GET", "/msi/token", msi_token, kind="public")
    router.add("POST", "/{tenant}/oauth2/v2.0/devicecode", device_code, kind="public")
    router.add("POST", "/{tenant}/oauth2/devicecode", device_code, kind="public")
    router.add("GET", "/{tenant}/oauth2/v2.0/authorize", authorize, kind="public")
    router.add("GET", "/{tenant}/v2.0/.well-known/openid-configuration", openid_configuration, kind="public")
    router.add("GET", "/{tenant}/.well-known/openid-configuration", openid_configuration, kind="public")
    router.add("GET", "/{tenant}/discovery/v2.0/keys", keys, kind="public")
    router.add("GET", "/{tenant}/discovery/keys", keys, kind="public")
    router.add("POST", "/{tenant}/oauth2/v2.0/token", token, kind="public")
    router.add("POST", "/{tenant}/oauth2/token", token_v1, kind="public")
