"""How a confidential client proves who it is at the token endpoint.

- a client secret (client_secret in the form, or HTTP Basic);
- a certificate: a JWT client assertion signed with the certificate's private key, naming the
  certificate by its SHA-1 (x5t, RS256) or SHA-256 (x5t#S256, PS256) thumbprint, with iss = sub =
  the client id and aud = the token endpoint (RFC 7523, as msal sends it);
- a federated assertion: an OIDC token of a trusted issuer matching one of the principal's
  federated credentials (see federation.py).
``cryptography`` is imported only on the assertion paths.
"""
import hmac

from . import federation
from ..wire.auth import b64url_decode
from ..common.errors import AadError

JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"


def certificate_record(pem):
    """The credential entry registering a certificate (public part) from PEM text."""
    import hashlib
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization
    data = pem.encode("ascii") if isinstance(pem, str) else pem
    cert = x509.load_pem_x509_certificate(data)
    der = cert.public_bytes(serialization.Encoding.DER)
    return {"type": "certificate", "sha1": hashlib.sha1(der).hexdigest(),  # nosec - a thumbprint, as AAD's
            "sha256": hashlib.sha256(der).hexdigest(),
            "pem": cert.public_bytes(serialization.Encoding.PEM).decode("ascii"),
            "notAfter": int(_not_after(cert).timestamp())}


def _not_after(cert):
    return getattr(cert, "not_valid_after_utc", None) or cert.not_valid_after


def new_certificate(common_name, days=365):
    """A self-signed RSA certificate and its key as one PEM text (key first), for a principal."""
    import datetime
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(minutes=5))
            .not_valid_after(now + datetime.timedelta(days=days))
            .sign(key, hashes.SHA256()))
    return (key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                              serialization.NoEncryption()).decode("ascii")
            + cert.public_bytes(serialization.Encoding.PEM).decode("ascii"))


def _thumbprint_hex(value):
    try:
        return b64url_decode(str(value), strict=False).hex()
    except ValueError:
        return None  # matches no certificate


def _certificate_for(principal, header):
    certs = principal.of_type("certificate")
    if header.get("x5t#S256"):
        wanted = _thumbprint_hex(header["x5t#S256"])
        return next((c for c in certs if c["sha256"] == wanted), None)
    if header.get("x5t"):
        wanted = _thumbprint_hex(header["x5t"])
        return next((c for c in certs if c["sha1"] == wanted), None)
    return None


def verify_certificate_assertion(ctx, principal, assertion, tenant):
    header, claims, signing_input, signature = federation.split(assertion)
    record = _certificate_for(principal, header)
    if record is None:
        raise AadError(401, "invalid_client", 700027,
                       "Client assertion failed signature validation. The certificate with the identifier used to "
                       "sign the client assertion is not registered on application '%s'." % principal.client_id)
    from cryptography import x509
    public_key = x509.load_pem_x509_certificate(record["pem"].encode("ascii")).public_key()
    if not federation.verify_rsa(public_key, header.get("alg"), signing_input, signature):
        raise AadError(401, "invalid_client", 700027, "Client assertion failed signature validation.")
    if claims.get("sub") != principal.client_id:
        raise AadError(400, "invalid_client", 700021,
                       "Client assertion application identifier doesn't match 'client_id' parameter.")
    audience = claims.get("aud")
    endpoints = {"%s/%s/oauth2/v2.0/token" % (ctx.base, tenant), "%s/%s/oauth2/token" % (ctx.base, tenant),
                 "%s/%s/" % (ctx.base, tenant), "%s/%s" % (ctx.base, tenant)}
    if audience not in endpoints and not (isinstance(audience, list) and endpoints & set(audience)):
        raise AadError(400, "invalid_client", 700016,
                       "Client assertion audience claim does not match the token endpoint: '%s'." % audience)
    federation.check_times(claims, ctx.now, "Client assertion")
    if record.get("notAfter") and record["notAfter"] < ctx.now:
        raise AadError(401, "invalid_client", 700027, "The certificate used to sign the client assertion expired.")


def authenticate(ctx, form, principal, basic_secret, tenant):
    """Check the client's proof of identity against the principal's credentials."""
    assertion = form.get("client_assertion")
    if assertion:
        if form.get("client_assertion_type") != JWT_BEARER:
            raise AadError(400, "invalid_request", 50027,
                           "The client_assertion_type must be '%s'." % JWT_BEARER)
        _, claims, _, _ = federation.split(assertion)
        if claims.get("iss") == principal.client_id:
            verify_certificate_assertion(ctx, principal, assertion, tenant)
        else:
            federation.verify_federated(ctx.store, principal, assertion, ctx.now)
        return
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
