"""Credentials: one cache-first TokenCredential in front of azure-identity.

Tokens come from the token cache when one is fresh; only on a miss is azure-identity imported
and asked, through the same transport as the management clients (in-process for the local
cloud). A credential entry (credentials.json, or the environment) says how to ask:

  {"type": "secret", "clientId", "clientSecret"}                    ClientSecretCredential
  {"type": "certificate", "clientId", "certificatePath"[, "certificatePassword"]}
                                                                    CertificateCredential
  {"type": "federated", "clientId", "tokenFile" | "assertion"}      ClientAssertionCredential; the token
                                                                    file is re-read on every request, so a
                                                                    job outlives its 5-10 minute OIDC tokens
  {"type": "managedIdentity"[, "clientId" | "resourceId" | "objectId"]}
                                                                    ManagedIdentityCredential
  {"type": "user", "flow": "device_code" | "browser", "clientId", "username", "homeAccountId",
   "authorityHost", "homeTenant", "msalCache"}                      DeviceCodeCredential /
                                                                    InteractiveBrowserCredential, silent only
                                                                    (refresh token from msalCache); never prompts
Secrets are never logged (see redaction.py).
"""
from collections import namedtuple

from ..logs import get_logger

from ..framework import redaction
from . import tokens
from ..errors import AuthenticationError, OperationTimeoutError
from .timeouts import http_timeout

logger = get_logger(__name__)

# Same fields as azure.core.credentials.AccessToken, without importing azure.core on a cache hit.
AccessToken = namedtuple("AccessToken", ["token", "expires_on"])

KNOWN_AUTHORITIES = ("login.microsoftonline.com", "login.chinacloudapi.cn", "login.microsoftonline.us")
# The public client application people sign in with (the same well-known id az uses).
PUBLIC_CLIENT_ID = "04b07795-8ddb-461a-bbee-02f9e1bf7b46"
# Managed identity: how long one token request may take, and how many times it is retried.
MSI_TIMEOUTS = {"connection_timeout": 3, "read_timeout": 15, "retry_total": 1, "retry_backoff_factor": 0.5}
IMDS_ADDRESS = ("169.254.169.254", 80)
IMDS_PROBE_SECONDS = 1.0


class ProfileCredential:
    """azure-core TokenCredential for one signed-in identity (account) in one cloud.

    cache: tokens.FileTokenCache (default) or tokens.MemoryTokenCache (writes nothing).
    identity: an azure-identity credential to use instead of building one from entry (sign-in).
    on_entry_changed(entry): called when the entry's state changed (a user's refreshed msal cache).
    """

    def __init__(self, cli_ctx, cloud, tenant, account, entry, transport_factory=None, cache=None, identity=None,
                 on_entry_changed=None):
        self.cli_ctx = cli_ctx
        self.cloud = cloud
        self.tenant = tenant
        self.account = account
        self.entry = entry
        self.transport_factory = transport_factory
        self.cache = cache if cache is not None else tokens.FileTokenCache(cli_ctx)
        self.on_entry_changed = on_entry_changed
        self._identity = identity
        self._msal_cache = None

    def get_token(self, *scopes, **kwargs):
        tenant = kwargs.pop("tenant_id", None) or self.tenant
        scope = " ".join(scopes)
        hit = self.cache.get(self.cloud.name, tenant, self.account, scope)
        if hit:
            return AccessToken(hit[0], hit[1])
        token = self.request_token(scopes, tenant, kwargs)
        redaction.add_secret(self.cli_ctx, token.token)
        self.cache.put(self.cloud.name, tenant, self.account, scope, token.token, token.expires_on)
        return AccessToken(token.token, token.expires_on)

    def request_token(self, scopes, tenant, kwargs):
        options = {k: v for k, v in kwargs.items() if k in ("claims", "enable_cae") and v}
        if tenant and self.tenant and tenant.lower() != self.tenant.lower():
            options["tenant_id"] = tenant
        try:
            token = self.identity().get_token(*scopes, **options)
        except Exception as ex:  # pylint: disable=broad-except
            if not type(ex).__module__.startswith(("azure.", "msal")):
                raise
            raise self._auth_error(ex) from ex
        self._save_state()
        return token

    def identity(self):
        if self._identity is None:
            transport = self.transport_factory() if self.transport_factory else None
            if self.entry.get("type") == "user":
                self._msal_cache = msal_cache(self.entry)
            self._identity = identity_credential(self.cloud, self.tenant, self.entry, transport,
                                                 msal_token_cache=self._msal_cache,
                                                 secret_sink=lambda v: redaction.add_secret(self.cli_ctx, v),
                                                 timeout=http_timeout(self.cli_ctx))
        return self._identity

    def _save_state(self):
        cache = self._msal_cache
        if cache is not None and cache.has_state_changed and self.on_entry_changed is not None:
            self.entry["msalCache"] = cache.serialize()
            cache.has_state_changed = False
            self.on_entry_changed(self.entry)

    def _auth_error(self, ex):
        name = type(ex).__name__
        text = getattr(ex, "message", None) or str(ex) or name
        lines = [line.strip() for line in str(text).splitlines() if line.strip()]
        detail = lines[0] if lines else name
        for line in lines:
            if "AADSTS" in line or "Token request error" in line:
                detail = line
                break
        kind = self.entry.get("type")
        hint = {"user": "Sign in again with 'azcli login'.",
                "federated": "If the federated token expired, sign in with a fresh one or point "
                             "--federated-token-file (or AZURE_FEDERATED_TOKEN_FILE) at a file the CI platform "
                             "keeps current.",
                "managedIdentity": "Check that this machine has a managed identity (IDENTITY_ENDPOINT and "
                                   "IDENTITY_HEADER, or the instance metadata service)."}.get(kind)
        if _timed_out(ex):
            return OperationTimeoutError("No answer within core.http_timeout (AZCLI_CORE_HTTP_TIMEOUT) from {} while "
                                         "getting an access token for '{}'.".format(self.cloud.authority_host,
                                                                                     self.account))
        if name == "AuthenticationRequiredError":
            detail = "The sign-in of '{}' needs to be renewed interactively.".format(self.account)
        return AuthenticationError("Could not get an access token for '{}' from {}: {}".format(
            self.account, self.cloud.authority_host, detail), recommendation=hint)

    def close(self):
        pass


_TIMEOUTS = ("ServiceRequestTimeoutError", "ServiceResponseTimeoutError", "ReadTimeout", "ConnectTimeout",
             "ReadTimeoutError", "ConnectTimeoutError", "TimeoutError", "timeout")


def _timed_out(ex):
    """Whether a token request failed because the network wait ran out (azure-identity wraps the cause)."""
    seen = set()
    while ex is not None and id(ex) not in seen:
        seen.add(id(ex))
        if type(ex).__name__ in _TIMEOUTS:
            return True
        ex = getattr(ex, "inner_exception", None) or ex.__cause__ or ex.__context__
    return False


def identity_options(cloud, transport=None, timeout=None):
    options = {"authority": cloud.authority_host}
    if timeout is not None:  # core.http_timeout bounds token requests too (connect and each read)
        options.update(connection_timeout=timeout, read_timeout=timeout)
    host = cloud.authority_host.split("://", 1)[-1].split("/", 1)[0].lower()
    if host not in KNOWN_AUTHORITIES:
        options["disable_instance_discovery"] = True
    if transport is not None:
        options["transport"] = transport
    return options


def msal_cache(entry):
    import msal
    cache = msal.SerializableTokenCache()
    if entry.get("msalCache"):
        cache.deserialize(entry["msalCache"])
    return cache


def read_token_file(path, secret_sink=None):
    try:
        with open(path, encoding="utf-8") as handle:
            value = handle.read().strip()
    except OSError as ex:
        raise AuthenticationError("Cannot read the federated token file '{}': {}".format(path, ex.strerror)) from None
    if not value:
        raise AuthenticationError("The federated token file '{}' is empty.".format(path))
    if secret_sink:
        secret_sink(value)
    return value


def identity_credential(cloud, tenant, entry, transport=None, msal_token_cache=None, secret_sink=None, timeout=None):
    """The azure-identity credential for a credential entry."""
    options = identity_options(cloud, transport, timeout)
    kind = entry.get("type")
    if kind in ("secret", "certificate", "federated", "user"):
        options["additionally_allowed_tenants"] = ["*"]
    if kind == "secret":
        from azure.identity import ClientSecretCredential
        return ClientSecretCredential(tenant, entry["clientId"], entry["clientSecret"], **options)
    if kind == "certificate":
        from azure.identity import CertificateCredential
        if entry.get("certificatePassword"):
            options["password"] = entry["certificatePassword"]
        try:
            return CertificateCredential(tenant, entry["clientId"], certificate_path=entry["certificatePath"],
                                         **options)
        except (OSError, ValueError) as ex:
            raise AuthenticationError("Cannot use the certificate '{}': {}".format(
                entry["certificatePath"], getattr(ex, "strerror", None) or ex)) from None
    if kind == "federated":
        from azure.identity import ClientAssertionCredential
        path, value = entry.get("tokenFile"), entry.get("assertion")

        def read_assertion():
            # Re-read on every token request: CI platforms rotate short-lived OIDC tokens.
            return read_token_file(path, secret_sink) if path else value
        return ClientAssertionCredential(tenant, entry["clientId"], read_assertion, **options)
    if kind == "managedIdentity":
        return managed_identity_credential(cloud, entry, transport)
    if kind == "user":
        return user_credential(cloud, tenant, entry, options, msal_token_cache)
    raise AuthenticationError("The stored credential for '{}' is not usable; sign in again with 'azcli login'."
                              .format(entry.get("clientId")))


def user_credential(cloud, tenant, entry, options, token_cache, prompt_callback=None, interactive=False):
    """A person's credential. Signed in (entry has homeAccountId): silent only, from the refresh token
    in token_cache. interactive=True: a fresh sign-in (device code, or browser when entry says so)."""
    from azure.identity import AuthenticationRecord, DeviceCodeCredential, InteractiveBrowserCredential
    cls = InteractiveBrowserCredential if entry.get("flow") == "browser" else DeviceCodeCredential
    # azure-identity keeps people's tokens in an msal cache; `_cache` hands it ours (kept in
    # credentials.json, 0600) instead of a platform keyring outside the config dir.
    options = dict(options, _cache=token_cache)
    if interactive:
        if cls is DeviceCodeCredential and prompt_callback is not None:
            options["prompt_callback"] = prompt_callback
        return cls(client_id=entry.get("clientId") or PUBLIC_CLIENT_ID, tenant_id=tenant or "organizations",
                   **options)
    record = AuthenticationRecord(entry.get("homeTenant") or tenant, entry["clientId"], entry["authorityHost"],
                                  entry["homeAccountId"], entry["username"])
    options.pop("authority", None)  # the record names it
    return cls(authentication_record=record, tenant_id=tenant or entry.get("homeTenant"),
               disable_automatic_authentication=True, **options)


def managed_identity_credential(cloud, entry, transport=None):
    """ManagedIdentityCredential with bounded timeouts; fails fast where there is no endpoint at all."""
    import os
    from_env = any(os.environ.get(name) for name in ("IDENTITY_ENDPOINT", "MSI_ENDPOINT", "IMDS_ENDPOINT",
                                                    "AZURE_POD_IDENTITY_AUTHORITY_HOST"))
    if not from_env and (cloud.in_process or not imds_reachable()):
        raise AuthenticationError(
            "No managed identity endpoint found: IDENTITY_ENDPOINT/IDENTITY_HEADER (App Service, Functions, "
            "Container Apps) are not set and the instance metadata service at {}:{} did not answer within {:g} s."
            .format(IMDS_ADDRESS[0], IMDS_ADDRESS[1], IMDS_PROBE_SECONDS),
            recommendation="Use 'azcli login --identity' on an Azure host with a managed identity.")
    from azure.identity import ManagedIdentityCredential
    options = dict(MSI_TIMEOUTS)
    if transport is not None:
        options["transport"] = transport
    if entry.get("clientId"):
        options["client_id"] = entry["clientId"]
    elif entry.get("resourceId"):
        options["identity_config"] = {"resource_id": entry["resourceId"]}
    elif entry.get("objectId"):
        options["identity_config"] = {"object_id": entry["objectId"]}
    return ManagedIdentityCredential(**options)


def imds_reachable(timeout=IMDS_PROBE_SECONDS):
    """Whether something listens at the instance metadata address (a TCP connect, bounded)."""
    import socket
    try:
        with socket.create_connection(IMDS_ADDRESS, timeout=timeout):
            return True
    except OSError:
        return False
