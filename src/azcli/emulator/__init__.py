"""The local cloud: an ARM-compatible control plane and identity endpoint over SQLite, as a WSGI app.

Importing this package is free: the app's modules (and sqlite3) load on first call.

This module is the local cloud's facade: the command modules reach the emulator only through the
functions below, and branch on the typed errors of ``errors`` (re-exported here), never on text.
"""
from .errors import ConflictError, InvalidRequestError, LocalCloudError, NotFoundError

__all__ = ["ConflictError", "InvalidRequestError", "LocalCloudError", "NotFoundError", "create_app", "local_identity",
           "reset_state", "add_principal", "list_principals", "show_principal", "delete_principal", "grant_access",
           "federated_token", "add_tenant", "add_subscription", "https_server", "approve_sign_in", "pending_sign_ins"]


def create_app(state_dir, *, lro_seconds=None, faults=None):
    """Return the WSGI app serving ARM + the identity endpoint, state in {state_dir}/localcloud.db.

    lro_seconds: how long long-running operations take (default: env AZCLI_LOCAL_LRO_SECONDS, else 0,
    so an operation completes at the first poll). faults: fault injection on ARM requests, e.g.
    "429=0.2,500=0.05,reset=0.02,seed=1" (default: env AZCLI_LOCAL_FAULTS, else none); a reset raises
    ConnectionResetError out of the app, which a server turns into a dropped connection (see serve.py).
    Raises ValueError for an invalid spec.
    The app derives its base URL per request from the Host header and scheme.
    """
    from .wire.app import App
    return App(state_dir, lro_seconds=lro_seconds, faults=faults)


def local_identity(state_dir):
    """{"tenantId", "subscriptionId", "subscriptionName", "clientId", "clientSecret"} of the built-in
    principal and subscription; created (random GUIDs and secret) on first use, persisted in the store."""
    from .identity.directory import builtin_identity, open_store
    store = open_store(state_dir)
    try:
        return builtin_identity(store)
    finally:
        store.close()


def reset_state(state_dir):
    """Empty all ARM state (groups, resources, operations...), keeping identities and subscriptions."""
    from .identity.directory import open_store
    from .store.db import reset
    store = open_store(state_dir)
    try:
        with store.write() as db:
            reset(db)
    finally:
        store.close()


def _with_store(state_dir, func, *args, **kwargs):
    from .identity.directory import open_store
    store = open_store(state_dir)
    try:
        return func(store, *args, **kwargs)
    finally:
        store.close()


def add_principal(state_dir, name, **options):
    """Create a principal (service principal, managed identity or user) with its credentials and
    subscription access; returns its description and, only this once, its secrets. See
    principals.add_principal for the options. Raises a LocalCloudError (NotFoundError, ConflictError, InvalidRequestError)."""
    from .identity.principals import add_principal as add
    return _with_store(state_dir, add, name, **options)


def list_principals(state_dir):
    from .identity.principals import list_principals as list_
    return _with_store(state_dir, list_)


def show_principal(state_dir, name):
    from .identity.principals import show_principal as show
    return _with_store(state_dir, show, name)


def delete_principal(state_dir, name):
    from .identity.principals import delete_principal as delete
    return _with_store(state_dir, delete, name)


def grant_access(state_dir, name, access, role="Owner"):
    from .identity.principals import grant
    return _with_store(state_dir, grant, name, access, role)


def federated_token(state_dir, name=None, subject=None, audience=None, lifetime=None):
    """An OIDC token of the local issuer, as a CI platform hands a job (see federation.py)."""
    from .identity.principals import federated_token as issue
    return _with_store(state_dir, issue, name, subject, audience, lifetime)


def add_tenant(state_dir, display_name, domain=None):
    from .identity.principals import add_tenant as add
    return _with_store(state_dir, add, display_name, domain)


def add_subscription(state_dir, display_name, tenant_id=None):
    from .identity.principals import add_subscription as add
    return _with_store(state_dir, add, display_name, tenant_id)


def https_server(state_dir, host, port, tls_dir, *, client_host=None, lro_seconds=None, faults=None):
    """An HttpsServer (not yet started) serving this state dir's local cloud on host:port, with TLS files
    from tls_dir (generated once, valid for client_host, the name clients use; default host).
    Raises ValueError for an invalid fault spec, before any file is written."""
    from .serve import certs
    from .serve.server import HttpsServer
    app = create_app(state_dir, lro_seconds=lro_seconds, faults=faults)
    from .rp.keyvault import tls_name  # vaults are served at {name}.vault.{host} (rp/keyvault.py)
    tls = certs.ensure(tls_dir, hosts=[client_host or host, tls_name(client_host or host)])
    return HttpsServer(app, host, port, tls.server, tls.server_key)


def approve_sign_in(state_dir, user_code, user=None, approve=True):
    """Approve (or, approve=False, decline) the device-code or browser sign-in waiting for user_code, as
    user (a local user's UPN, name or object id; default the tenant's first user, created when it has
    none). Returns {"userCode", "type", "clientId", "tenantId", "scope", "status"[, "user"]}.
    Raises NotFoundError (no such code waiting: never requested, expired or used), ConflictError."""
    import time
    from .identity.signins import decide
    return _with_store(state_dir, decide, user_code, time.time(), user=user, approve=approve)


def pending_sign_ins(state_dir):
    """The sign-ins waiting for approval, oldest first (same shape as approve_sign_in's answer)."""
    import time
    from .identity.signins import pending
    return _with_store(state_dir, pending, time.time())
