"""Credentials: a cache-first TokenCredential in front of azure-identity.

Tokens come from the token cache when one is fresh; only on a miss is azure-identity imported
and asked, through the same transport as the management clients (in-process for the local
cloud). Secrets are read from credentials.json and never logged.
"""
from collections import namedtuple

from knack.log import get_logger

from . import tokens
from .errors import AuthenticationError

logger = get_logger(__name__)

# Same fields as azure.core.credentials.AccessToken, without importing azure.core on a cache hit.
AccessToken = namedtuple("AccessToken", ["token", "expires_on"])

KNOWN_AUTHORITIES = ("login.microsoftonline.com", "login.chinacloudapi.cn", "login.microsoftonline.us")


class ProfileCredential:
    """azure-core TokenCredential for one signed-in identity in one cloud."""

    def __init__(self, cli_ctx, cloud, tenant, client_id, entry, transport_factory=None):
        self.cli_ctx = cli_ctx
        self.cloud = cloud
        self.tenant = tenant
        self.client_id = client_id
        self.entry = entry
        self.transport_factory = transport_factory
        self._identity = None

    def get_token(self, *scopes, **kwargs):
        scope = " ".join(scopes)
        hit = tokens.cached_token(self.cli_ctx, self.cloud.name, self.tenant, self.client_id, scope)
        if hit:
            return AccessToken(hit[0], hit[1])
        kwargs.pop("tenant_id", None)
        token = self.identity().get_token(*scopes, **kwargs)
        tokens.store_token(self.cli_ctx, self.cloud.name, self.tenant, self.client_id, scope,
                           token.token, token.expires_on)
        return AccessToken(token.token, token.expires_on)

    def identity(self):
        if self._identity is None:
            transport = self.transport_factory() if self.transport_factory else None
            self._identity = identity_credential(self.cloud, self.tenant, self.entry, transport)
        return self._identity

    def close(self):
        pass


def identity_options(cloud, transport=None):
    options = {"authority": cloud.authority_host}
    host = cloud.authority_host.split("://", 1)[-1].split("/", 1)[0].lower()
    if host not in KNOWN_AUTHORITIES:
        options["disable_instance_discovery"] = True
    if transport is not None:
        options["transport"] = transport
    return options


def identity_credential(cloud, tenant, entry, transport=None):
    """The azure-identity credential for a stored credential entry."""
    options = identity_options(cloud, transport)
    kind = entry.get("type")
    if kind == "secret":
        from azure.identity import ClientSecretCredential
        return ClientSecretCredential(tenant, entry["clientId"], entry["clientSecret"], **options)
    if kind == "certificate":
        from azure.identity import CertificateCredential
        return CertificateCredential(tenant, entry["clientId"], certificate_path=entry["certificatePath"],
                                     **options)
    if kind == "federated":
        from azure.identity import ClientAssertionCredential
        path = entry["tokenFile"]

        def read_assertion():
            # Re-read on every token request: CI platforms rotate short-lived OIDC tokens.
            with open(path, encoding="utf-8") as handle:
                return handle.read().strip()
        return ClientAssertionCredential(tenant, entry["clientId"], read_assertion, **options)
    raise AuthenticationError("The stored credential for '{}' is not usable; sign in again with 'azcli login'."
                              .format(entry.get("clientId")))
