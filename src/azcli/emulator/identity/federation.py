"""Workload identity federation: the local cloud is its own OIDC issuer and verifies assertions.

A CI platform (GitHub Actions, a Kubernetes cluster) gives a job a short-lived OIDC token; the job
trades it at the token endpoint (client_assertion_type=jwt-bearer) for an access token of a principal
that has a federated credential {issuer, subject, audiences} matching the token. Here the issuer is
the local cloud itself, so tests and users can simulate CI without one:

  GET /federation/.well-known/openid-configuration   the issuer's discovery document
  GET /federation/keys                               its JWKS (one RSA key)

Tokens are RS256-signed with an RSA key kept in the store (meta.federation_key, PEM), as real
issuers sign theirs; the token endpoint verifies them with the same key. The issuer's name is fixed
(ISSUER), whatever address the cloud is served on, so a principal's federated credential and a token
minted offline (``azcli local federated-token``) agree without knowing the address. ``cryptography``
is imported only here, only when a federated token is minted or checked.
"""
import json
import time

from ..wire.auth import b64url_decode, b64url_encode
from ..common.errors import AadError
from ..wire.http import json_response
from ..common.values import new_guid
from ..store.db import get_meta

ISSUER = "https://local.azcli.invalid/federation"
DEFAULT_AUDIENCE = "api://AzureADTokenExchange"
DEFAULT_LIFETIME = 300
CLOCK_SKEW = 300


def _private_key(store):
    """The issuer's RSA key, created on first use (one writer wins; everyone then reads it)."""
    key = store.cache.get("federation_key")
    if key is not None:
        return key
    from cryptography.hazmat.primitives import serialization
    pem = get_meta(store.read(), "federation_key")
    if pem is None:
        from cryptography.hazmat.primitives.asymmetric import rsa
        fresh = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        text = fresh.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                   serialization.NoEncryption()).decode("ascii")
        with store.write() as db:
            db.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('federation_key', ?)", (text,))
        pem = get_meta(store.read(), "federation_key")
    key = serialization.load_pem_private_key(pem.encode("ascii"), password=None)
    store.cache["federation_key"] = key
    return key


def _jwk(public_key):
    numbers = public_key.public_numbers()

    def as_b64(value):
        return b64url_encode(value.to_bytes((value.bit_length() + 7) // 8, "big"))
    jwk = {"kty": "RSA", "use": "sig", "alg": "RS256", "n": as_b64(numbers.n), "e": as_b64(numbers.e)}
    jwk["kid"] = key_id(public_key)
    return jwk


def key_id(public_key):
    import hashlib
    from cryptography.hazmat.primitives import serialization
    der = public_key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return b64url_encode(hashlib.sha256(der).digest())[:22]


def issue(store, subject, audience=DEFAULT_AUDIENCE, lifetime=DEFAULT_LIFETIME, now=None, extra=None):
    """An RS256 OIDC token of the local issuer for subject, as a CI platform would hand a job."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding
    key = _private_key(store)
    now = int(now if now is not None else time.time())
    header = {"alg": "RS256", "typ": "JWT", "kid": key_id(key.public_key())}
    claims = {"iss": ISSUER, "sub": subject, "aud": audience, "iat": now, "nbf": now, "exp": now + int(lifetime),
              "jti": new_guid()}
    claims.update(extra or {})
    signing_input = b64url_encode(json.dumps(header, separators=(",", ":")).encode()) + "." + \
        b64url_encode(json.dumps(claims, separators=(",", ":")).encode())
    signature = key.sign(signing_input.encode("ascii"), padding.PKCS1v15(), hashes.SHA256())
    return signing_input + "." + b64url_encode(signature)


def split(token):
    """(header, claims, signing_input, signature) of a compact JWT, without checking anything."""
    try:
        head, payload, signature = token.split(".")
        header = json.loads(b64url_decode(head))
        claims = json.loads(b64url_decode(payload))
        if not isinstance(header, dict) or not isinstance(claims, dict):
            raise ValueError("not a JSON object")
        return header, claims, (head + "." + payload).encode("ascii"), b64url_decode(signature)
    except (ValueError, TypeError, UnicodeError):
        raise AadError(400, "invalid_request", 50027,
                       "JWT token is invalid or malformed.") from None


def verify_rsa(public_key, alg, signing_input, signature):
    """Whether signature is a valid RS256 or PS256 signature of signing_input under public_key."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding
    if alg == "RS256":
        pad = padding.PKCS1v15()
    elif alg == "PS256":
        pad = padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=padding.PSS.DIGEST_LENGTH)
    else:
        return False
    try:
        public_key.verify(signature, signing_input, pad, hashes.SHA256())
        return True
    except (InvalidSignature, ValueError, TypeError):
        return False


def check_times(claims, now, what):
    exp, nbf = claims.get("exp"), claims.get("nbf", claims.get("iat", 0))
    if not isinstance(exp, (int, float)) or not isinstance(nbf, (int, float)):
        raise AadError(400, "invalid_client", 50027, "JWT token is invalid or malformed.")
    if exp <= now or nbf > now + CLOCK_SKEW:
        raise AadError(400, "invalid_client", 700024,
                       "%s is not within its valid time range. Current time: %s, assertion valid from %s, expiry "
                       "time of assertion %s." % (what, _utc(now), _utc(nbf), _utc(exp)))


def _utc(seconds):
    return time.strftime("%Y-%m-%dT%H:%M:%S.0000000Z", time.gmtime(seconds))


def verify_federated(store, principal, assertion, now):
    """Check a federated assertion presented by principal; raise AadError like AAD's when it fails."""
    header, claims, signing_input, signature = split(assertion)
    issuer, subject, audience = claims.get("iss"), claims.get("sub"), claims.get("aud")
    audiences = audience if isinstance(audience, list) else [audience]
    matching = [c for c in principal.of_type("federated")
                if c.get("issuer") == issuer and c.get("subject") == subject
                and set(audiences) & set(c.get("audiences") or [DEFAULT_AUDIENCE])]
    if not matching:
        raise AadError(400, "invalid_client", 70021,
                       "No matching federated identity record found for presented assertion. Assertion Issuer: "
                       "'%s'. Assertion Subject: '%s'. Assertion Audience: '%s'." % (issuer, subject, audience))
    if issuer != ISSUER:
        # Only the local issuer's keys are known here: another issuer's tokens cannot be verified.
        raise AadError(400, "invalid_client", 700211,
                       "No matching federated identity record found for presented assertion issuer '%s'." % issuer)
    key = _private_key(store).public_key()
    if header.get("kid") not in (None, key_id(key)) or not verify_rsa(key, header.get("alg"), signing_input,
                                                                      signature):
        raise AadError(400, "invalid_client", 700213,
                       "The federated assertion's signature could not be verified with the keys of issuer '%s'."
                       % issuer)
    check_times(claims, now, "The federated assertion")
    return claims


# --- the issuer's public endpoints ------------------------------------------------------------

def openid_configuration(ctx):
    return json_response({
        "issuer": ISSUER,
        "jwks_uri": ctx.base + "/federation/keys",
        "response_types_supported": ["id_token"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "claims_supported": ["sub", "aud", "exp", "iat", "iss", "jti", "nbf"],
    })


def keys(ctx):
    return json_response({"keys": [_jwk(_private_key(ctx.store).public_key())]})


def register(router):
    router.add("GET", "/federation/.well-known/openid-configuration", openid_configuration, kind="public")
    router.add("GET", "/federation/keys", keys, kind="public")
