"""Access tokens: issued by identity.py, checked on every ARM request.

Tokens are JWTs signed with HS256 under a random key kept in the store (meta.signing_key), so
every process serving the same state directory accepts them. Claims (AAD v2.0 style):
  iss = {base}/{tid}/v2.0   aud = the requested resource ({base}/ for ARM)
  tid, oid, sub (= oid), appid and azp (= client id), idtyp, iat, nbf, exp (1 hour), uti, ver.

The same key signs ID tokens and the identity endpoint's flow tokens (device codes, authorization codes,
refresh tokens), so the header's typ says which kind a token is: "at+jwt" for access tokens (RFC 9068),
"JWT" for ID tokens, FLOW_TOKEN_TYPE for flow tokens. decode() accepts only the kind asked for (access
tokens by default), so an ID token whose audience is a client id chosen to look like ARM's is no bearer
token. Decoding is strict, as AAD's: canonical unpadded base64url, integer exp and nbf.
"""
import base64
import hashlib
import hmac
import json
import re
import time

from ..identity import directory
from ..common.errors import ArmError
from ..common.values import new_guid
from ..store.db import get_meta

TOKEN_LIFETIME = 3600
CLOCK_SKEW = 300  # seconds of nbf leeway, as AAD/ARM allow
ACCESS_TOKEN_TYPE = "at+jwt"
ID_TOKEN_TYPE = "JWT"
FLOW_TOKEN_TYPE = "azcli-flow+jwt"
_B64URL = re.compile(r"[A-Za-z0-9_-]*")


def b64url_encode(data):
    """base64url without padding, as JWTs use it."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text, strict=True):
    """Strict base64url, as JWT segments must be: no padding, no other characters, no leftover bits (one
    encoding per value); raises ValueError otherwise. strict=False also takes padding (msal pads the x5t
    thumbprint it puts in a client assertion's header, and AAD accepts it)."""
    if not strict and isinstance(text, str):
        text = text.rstrip("=")
    if not isinstance(text, str) or not _B64URL.fullmatch(text) or len(text) % 4 == 1:
        raise ValueError("not unpadded base64url")
    data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    if b64url_encode(data) != text:
        raise ValueError("not canonical base64url")
    return data


def _no_constants(name):
    raise ValueError("%s is not JSON" % name)


def _json(text):
    """JSON as JWTs carry it: no NaN or Infinity."""
    return json.loads(text, parse_constant=_no_constants)


def numeric_date(value):
    """An exp/nbf/iat claim: an integer number of seconds (not a float, bool, NaN or infinity)."""
    return isinstance(value, int) and not isinstance(value, bool)


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


def encode(claims, key, typ=ACCESS_TOKEN_TYPE):
    header = b64url_encode(json.dumps({"alg": "HS256", "typ": typ}, separators=(",", ":")).encode("ascii"))
    payload = b64url_encode(json.dumps(claims, separators=(",", ":")).encode("utf-8"))
    signing_input = header + "." + payload
    signature = hmac.new(key, signing_input.encode("ascii"), hashlib.sha256).digest()
    return signing_input + "." + b64url_encode(signature)


def decode(token, key, typ=ACCESS_TOKEN_TYPE):
    """The claims of a token of kind typ signed with key, or None if it is malformed, of another kind or
    the signature is wrong."""
    try:
        header, payload, signature = token.split(".")
        expected = hmac.new(key, (header + "." + payload).encode("ascii"), hashlib.sha256).digest()
        if not hmac.compare_digest(expected, b64url_decode(signature)):
            return None
        head = _json(b64url_decode(header))
        if not isinstance(head, dict) or head.get("alg") != "HS256" or head.get("typ") != typ:
            return None
        claims = _json(b64url_decode(payload))
        return claims if isinstance(claims, dict) else None
    except (ValueError, TypeError, UnicodeError, AttributeError):
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
    if not numeric_date(exp) or not numeric_date(nbf):
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
