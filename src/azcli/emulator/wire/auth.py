"""Access tokens: issued by identity.py, checked on every ARM request.

Tokens are JWTs signed with HS256 under a random key kept in the store (meta.signing_key), so
every process serving the same state directory accepts them. Claims (AAD v2.0 style):
  iss = {base}/{tid}/v2.0   aud = the requested resource ({base}/ for ARM)
  tid, oid, sub (= oid), appid and azp (= client id), idtyp, iat, nbf, exp (1 hour), uti, ver.
"""
import base64
import hashlib
import hmac
import json
import time

from ..identity import directory
from ..common.errors import ArmError
from ..common.values import new_guid
from ..store.db import get_meta

TOKEN_LIFETIME = 3600
CLOCK_SKEW = 300  # seconds of nbf leeway, as AAD/ARM allow


def b64url_encode(data):
    """base64url without padding, as JWTs use it."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def signing_key(store):
    key = store.cache.get("signing_key")
    if key is None:
        key = store.cache["signing_key"] = bytes.fromhex(get_meta(store.read(), "signing_key"))
    return key


def builtin_tenant(store):
    tid = store.cache.get("builtin_tenant")
    if tid is None:
        tid = store.cache["builtin_tenant"] = get_meta(store.read(), "builtin_tenant")
    return tid


def arm_audiences(base):
    return (base + "/", base)


def issuer(base, tenant_id):
    return "%s/%s/v2.0" % (base, tenant_id)


def encode(claims, key):
    header = b64url_encode(b'{"alg":"HS256","typ":"JWT"}')
    payload = b64url_encode(json.dumps(claims, separators=(",", ":")).encode("utf-8"))
    signing_input = header + "." + payload
    signature = hmac.new(key, signing_input.encode("ascii"), hashlib.sha256).digest()
    return signing_input + "." + b64url_encode(signature)


def decode(token, key):
    """The claims of a token signed with key, or None if it is malformed or the signature is wrong."""
    try:
        header, payload, signature = token.split(".")
        expected = hmac.new(key, (header + "." + payload).encode("ascii"), hashlib.sha256).digest()
        if not hmac.compare_digest(expected, b64url_decode(signature)):
            return None
        if json.loads(b64url_decode(header)).get("alg") != "HS256":
            return None
        claims = json.loads(b64url_decode(payload))
        return claims if isinstance(claims, dict) else None
    except (ValueError, TypeError, UnicodeError):
        return None


def issue(store, base, principal, audience, now=None, lifetime=TOKEN_LIFETIME, client_id=None):
    """A signed access token for principal and audience; returns (token, expires_in).

    client_id: the application a person signed in with (people have no client id of their own)."""
    now = int(now if now is not None else time.time())
    app_id = client_id or principal.client_id
    claims = {
        "aud": audience,
        "iss": issuer(base, principal.tenant_id),
        "iat": now,
        "nbf": now,
        "exp": now + lifetime,
        "tid": principal.tenant_id,
        "oid": principal.object_id,
        "sub": principal.object_id,
        "appid": app_id,
        "azp": app_id,
        "idtyp": "user" if principal.kind == "User" else "app",
        "uti": new_guid(),
        "ver": "2.0",
    }
    if principal.kind == "User":
        claims.update({"upn": principal.upn, "unique_name": principal.upn, "name": principal.display_name})
    return encode(claims, signing_key(store)), lifetime


# --- the ARM side ---------------------------------------------------------------------------

def _unauthorized(ctx, code, message, description):
    challenge = 'Bearer authorization_uri="%s/%s", error="invalid_token", error_description="%s"' % (
        ctx.base, builtin_tenant(ctx.store), description)
    return ArmError(401, code, message, headers={"WWW-Authenticate": challenge})


def _dotnet_time(seconds):
    t = time.gmtime(seconds)
    hour = t.tm_hour % 12 or 12
    return "%d/%d/%d %d:%02d:%02d %s" % (t.tm_mon, t.tm_mday, t.tm_year, hour, t.tm_min, t.tm_sec,
                                         "AM" if t.tm_hour < 12 else "PM")


def authenticate(ctx):
    """The Principal behind the request's bearer token, or raise a 401 ArmError like ARM's."""
    header = ctx.request.header("Authorization")
    if not header:
        raise _unauthorized(ctx, "AuthenticationFailed",
                            "Authentication failed. The 'Authorization' header is missing.",
                            "The authentication failed because of missing 'Authorization' header.")
    scheme, _, token = header.strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise _unauthorized(ctx, "AuthenticationFailed",
                            "Authentication failed. The 'Authorization' header is provided in an invalid format.",
                            "The authentication failed because of malformed 'Authorization' header.")
    claims = decode(token, signing_key(ctx.store))
    if claims is None:
        raise _unauthorized(ctx, "InvalidAuthenticationToken", "The access token is invalid.",
                            "The access token is invalid.")
    now = ctx.now
    exp, nbf = claims.get("exp"), claims.get("nbf", 0)
    if not isinstance(exp, (int, float)) or not isinstance(nbf, (int, float)):
        raise _unauthorized(ctx, "InvalidAuthenticationToken", "The access token is invalid.",
                            "The access token is invalid.")
    if exp <= now:
        raise _unauthorized(
            ctx, "ExpiredAuthenticationToken",
            "The access token expiry UTC time '%s' is earlier than current UTC time '%s'."
            % (_dotnet_time(exp), _dotnet_time(now)),
            "The access token has expired.")
    if nbf > now + CLOCK_SKEW:
        raise _unauthorized(ctx, "InvalidAuthenticationToken",
                            "The access token is not yet valid (nbf is in the future).",
                            "The access token is not yet valid.")
    aud = claims.get("aud")
    allowed = arm_audiences(ctx.base)
    if aud not in allowed:
        raise _unauthorized(
            ctx, "InvalidAuthenticationTokenAudience",
            "The access token has been obtained for wrong audience or resource '%s'. It should exactly match "
            "with one of the allowed audiences '%s'." % (aud, "','".join(allowed)),
            "The access token has been obtained for wrong audience or resource.")
    tid = str(claims.get("tid", ""))
    principal = directory.principal_by_object(ctx.store.read(), str(claims.get("oid", "")))
    if principal is None:
        raise _unauthorized(ctx, "InvalidAuthenticationToken",
                            "The access token is invalid: its principal does not exist.",
                            "The access token is invalid.")
    if tid.lower() != principal.tenant_id or claims.get("iss") != issuer(ctx.base, tid):
        raise _unauthorized(
            ctx, "InvalidAuthenticationTokenTenant",
            "The access token is from the wrong issuer '%s'. It must match the tenant '%s' associated with "
            "this principal. Please use the authority (URL) '%s/%s' to get the token."
            % (claims.get("iss"), issuer(ctx.base, principal.tenant_id), ctx.base, principal.tenant_id),
            "The access token is from the wrong issuer.")
    _check_subscription_tenant(ctx, tid)
    return principal


def _check_subscription_tenant(ctx, tid):
    """A token is good only for subscriptions of the tenant that issued it, as ARM checks."""
    parts = ctx.request.path.split("/", 3)
    if len(parts) < 3 or parts[1].lower() != "subscriptions" or not parts[2]:
        return
    row = directory.subscription(ctx.store.read(), parts[2])
    if row is None or row["tenant_lc"] == tid.lower():
        return
    raise _unauthorized(
        ctx, "InvalidAuthenticationTokenTenant",
        "The access token is from the wrong issuer '%s'. It must match the tenant '%s' associated with this "
        "subscription. Please use the authority (URL) '%s/%s' to get the token." % (
            issuer(ctx.base, tid), issuer(ctx.base, row["tenant_lc"]), ctx.base, row["tenant_lc"]),
        "The access token is from the wrong issuer.")
