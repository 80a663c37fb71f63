"""Sign-ins of people: device code, browser (authorization code + PKCE), refresh tokens.

  POST /{tenant}/oauth2/v2.0/devicecode          device authorization: a user code to approve
  GET  /{tenant}/oauth2/v2.0/authorize           browser sign-in: a page with a user code to approve,
  GET  /{tenant}/oauth2/v2.0/authorize/continue  which reloads itself here until it is approved, then
                                                 302 back to the app's loopback redirect_uri with a code
  GET  /devicelogin                              what to do with a user code

Neither flow is approved by HTTP: the local user approves the user code with `azcli local approve`
(signins.py), naming the user (default: the tenant's first user, created as localuser@<domain> with
access to the built-in subscription when the tenant has none). Device codes, authorization codes and
refresh tokens are HMAC-signed flow tokens; the approval itself is the one row kept between the steps.
"""
import base64
import html
import json

from ..wire import auth
from . import directory, signins
from .tokens import check_resource, resolve_tenant, token_response
from ..common.errors import AadError
from ..wire.http import Response, json_response
from ..common.values import new_guid

DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"
DEVICE_CODE_LIFETIME = 900
BROWSER_LIFETIME = 600
REFRESH_TOKEN_LIFETIME = 90 * 24 * 3600
USER_SCOPES = ("openid", "profile", "offline_access")
APPROVE = "azcli local approve %s"


def _flow_token(ctx, kind, lifetime, **claims):
    now = int(ctx.now)
    claims.update({"typ": kind, "aud": "urn:azcli:" + kind, "iat": now, "exp": now + lifetime, "jti": new_guid()})
    return auth.encode(claims, auth.signing_key(ctx.store), typ=auth.FLOW_TOKEN_TYPE)


def _read_flow_token(ctx, value, kind, error, code, description):
    claims = auth.decode(value or "", auth.signing_key(ctx.store), typ=auth.FLOW_TOKEN_TYPE)
    if claims is None or claims.get("typ") != kind:
        raise AadError(400, error, code, description)
    if claims.get("exp", 0) <= ctx.now:
        raise AadError(400, "expired_token" if kind == "device_code" else error, code,
                       description + " It has expired.")
    return claims


def _tenant_id(ctx, tenant):
    row = resolve_tenant(ctx.store.read(), tenant)
    return row["tenant_id"] if row is not None else auth.builtin_tenant(ctx.store)


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
                      "sub": user.object_id, "preferred_username": user.upn, "name": user.display_name,
                      "ver": "2.0"})
    client_info = base64.urlsafe_b64encode(json.dumps({"uid": user.object_id, "utid": user.tenant_id})
                                           .encode()).rstrip(b"=").decode("ascii")
    refresh = _flow_token(ctx, "refresh_token", REFRESH_TOKEN_LIFETIME, oid=user.object_id, azp=client_id)
    granted = " ".join([audience + ".default"] + list(USER_SCOPES))
    id_token = auth.encode(id_claims, auth.signing_key(ctx.store), typ=auth.ID_TOKEN_TYPE)
    return token_response(ctx, user, audience, False, client_id=client_id, extra={
        "scope": granted, "refresh_token": refresh, "id_token": id_token, "client_info": client_info})


def _require_client(client_id):
    if not client_id:
        raise AadError(400, "invalid_request", 900144,
                       "The request body must contain the following parameter: 'client_id'.")


# --- device code ----------------------------------------------------------------------------------

def device_code(ctx, tenant):
    form = ctx.request.form()
    client_id = form.get("client_id")
    _require_client(client_id)
    _resource_scope(ctx, form.get("scope"), tenant)
    user_code = signins.start(ctx.store, "deviceCode", client_id, _tenant_id(ctx, tenant), form.get("scope", ""),
                              ctx.now, DEVICE_CODE_LIFETIME)
    code = _flow_token(ctx, "device_code", DEVICE_CODE_LIFETIME, azp=client_id, code=user_code,
                       scope=form.get("scope", ""))
    uri = ctx.base + "/devicelogin"
    return json_response({
        "user_code": user_code, "device_code": code, "verification_uri": uri,
        "expires_in": DEVICE_CODE_LIFETIME, "interval": 1,
        "message": "To sign in, use a web browser to open the page %s and enter the code %s to authenticate. "
                   "(Local cloud: approve it with '%s' in the config dir of this cloud.)"
                   % (uri, user_code, APPROVE % user_code),
    })


def device_code_grant(ctx, tenant, form, v1):
    claims = _read_flow_token(ctx, form.get("device_code"), "device_code", "invalid_grant", 70000,
                              "The provided value for the input parameter 'device_code' is not valid.")
    if claims.get("azp") != form.get("client_id"):
        raise AadError(400, "invalid_grant", 70000, "The device code was issued to another client.")
    signin = signins.consume(ctx.store, claims.get("code"), ctx.now)
    if signin is None:
        raise AadError(400, "expired_token", 70020, "The provided device code has expired or was already used.")
    if signin["status"] == "pending":
        raise AadError(400, "authorization_pending", 70016,
                       "OAuth 2.0 device flow error. Authorization is pending. Continue polling. (Local cloud: "
                       "approve it with '%s'.)" % (APPROVE % signin["userCode"]))
    if signin["status"] != "approved":
        raise AadError(400, "authorization_declined", 70000, "The user declined the sign-in.")
    user = _user(ctx, signin["objectId"])
    return user_token_response(ctx, user, claims["azp"], form.get("scope") or claims.get("scope"), tenant)


def _user(ctx, object_id):
    user = directory.principal_by_object(ctx.store.read(), object_id or "")
    if user is None:
        raise AadError(400, "invalid_grant", 50034, "The user account does not exist in the directory.")
    return user


def devicelogin(ctx):
    return _page("Sign in to the local cloud",
                 "<p>The local cloud approves sign-ins from its command line, not from this page. In a shell "
                 "with the same config dir, run:</p><pre>azcli local approve &lt;code&gt;</pre>"
                 "<p>with the code your application shows (add <code>--user NAME</code> to sign in as another "
                 "local user, <code>--deny</code> to refuse).</p>")


def _page(title, body, refresh=None):
    head = '<meta http-equiv="refresh" content="2; url=%s">' % html.escape(refresh) if refresh else ""
    text = "<!DOCTYPE html><html><head><title>%s</title>%s</head><body><h1>%s</h1>%s</body></html>" % (
        html.escape(title), head, html.escape(title), body)
    return Response(200, text.encode("utf-8"), {"Content-Type": "text/html; charset=utf-8",
                                                "Cache-Control": "no-store"})


# --- refresh tokens ----------------------------------------------------------------------------------

def refresh_token_grant(ctx, tenant, form, v1):
    claims = _read_flow_token(ctx, form.get("refresh_token"), "refresh_token", "invalid_grant", 9002313,
                              "Invalid request. The refresh token is malformed or not valid.")
    if claims.get("azp") != form.get("client_id"):
        raise AadError(400, "invalid_grant", 70000, "The refresh token was issued to another client.")
    user = _user(ctx, claims.get("oid"))
    row = resolve_tenant(ctx.store.read(), tenant)
    if row is not None and row["tenant_lc"] != user.tenant_id:
        raise AadError(400, "invalid_grant", 50020,
                       "User account '%s' from identity provider '%s' does not exist in tenant '%s'."
                       % (user.upn, auth.issuer(ctx.base, user.tenant_id), tenant))
    return user_token_response(ctx, user, claims["azp"], form.get("scope"), tenant)


# --- browser: authorization code + PKCE -------------------------------------------------------------

def _loopback(uri):
    from urllib.parse import urlsplit
    parts = urlsplit(uri or "")
    return parts.scheme == "http" and parts.hostname in ("localhost", "127.0.0.1", "::1")


AUTHORIZE_PARAMETERS = ("client_id", "redirect_uri", "state", "code_challenge", "code_challenge_method", "scope",
                        "nonce")


def authorize(ctx, tenant):
    """Browser sign-in: record it for approval and show the page that waits for it."""
    args = ctx.request.args
    redirect_uri = args.get("redirect_uri")
    if not args.get("client_id") or not _loopback(redirect_uri):
        raise AadError(400, "invalid_request", 50011,
                       "The redirect URI '%s' specified in the request does not match the redirect URIs configured "
                       "for the application. The local cloud accepts loopback (http://localhost) redirect URIs."
                       % redirect_uri)
    request = {name: args.get(name) for name in AUTHORIZE_PARAMETERS if args.get(name) is not None}
    user_code = signins.start(ctx.store, "browser", args["client_id"], _tenant_id(ctx, tenant),
                              args.get("scope", ""), ctx.now, BROWSER_LIFETIME, request=request)
    return _waiting_page(ctx, tenant, user_code)


def _waiting_page(ctx, tenant, user_code):
    from urllib.parse import quote, urlencode
    handle = _flow_token(ctx, "authorize_request", BROWSER_LIFETIME, code=user_code)
    link = "%s/%s/oauth2/v2.0/authorize/continue?%s" % (ctx.base, quote(tenant, safe=""), urlencode({"request": handle}))
    return _page("Approve this sign-in to the local cloud",
                 "<p>In a shell with this cloud's config dir, run:</p><pre>%s</pre><p>This page continues by "
                 'itself once the sign-in is approved (<a href="%s">continue</a>).</p>'
                 % (html.escape(APPROVE % user_code), html.escape(link)), refresh=link)


def authorize_continue(ctx, tenant):
    """Where the waiting page reloads: the page again until the sign-in is decided, then back to the app."""
    from urllib.parse import urlencode
    claims = _read_flow_token(ctx, ctx.request.args.get("request"), "authorize_request", "invalid_request", 90014,
                              "The sign-in request is not valid.")
    signin = signins.consume(ctx.store, claims.get("code"), ctx.now)
    if signin is None:
        raise AadError(400, "invalid_request", 90014, "The sign-in request has expired or was already used.")
    if signin["status"] == "pending":
        return _waiting_page(ctx, tenant, signin["userCode"])
    request = signin["request"]
    redirect_uri = request["redirect_uri"]
    if signin["status"] == "approved":
        query = {"code": _flow_token(
            ctx, "code", 600, azp=request["client_id"], oid=signin["objectId"], redirect_uri=redirect_uri,
            challenge=request.get("code_challenge"), method=request.get("code_challenge_method", "plain"),
            scope=request.get("scope", ""), nonce=request.get("nonce"))}
    else:
        query = {"error": "access_denied", "error_description": "The user declined the sign-in."}
    if request.get("state") is not None:
        query["state"] = request["state"]
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
    user = _user(ctx, claims.get("oid"))
    return user_token_response(ctx, user, claims["azp"], form.get("scope") or claims.get("scope"), tenant,
                               nonce=claims.get("nonce"))


GRANTS = {DEVICE_CODE_GRANT: device_code_grant, "refresh_token": refresh_token_grant,
          "authorization_code": authorization_code_grant}


def register(router):
    router.add("POST", "/{tenant}/oauth2/v2.0/devicecode", device_code, kind="public")
    router.add("POST", "/{tenant}/oauth2/devicecode", device_code, kind="public")
    router.add("GET", "/{tenant}/oauth2/v2.0/authorize", authorize, kind="public")
    router.add("GET", "/{tenant}/oauth2/v2.0/authorize/continue", authorize_continue, kind="public")
    router.add("GET", "/devicelogin", devicelogin, kind="public")
