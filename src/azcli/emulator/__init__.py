"""The local cloud: an ARM-compatible control plane and identity endpoint over SQLite, as a WSGI app.

Importing this package is free: the app's modules (and sqlite3) load on first call.
"""


def create_app(state_dir, *, lro_seconds=None, faults=None):
    """Return the WSGI app serving ARM + the identity endpoint, state in {state_dir}/localcloud.db.

    lro_seconds: how long long-running operations take (default: env AZCLI_LOCAL_LRO_SECONDS, else 0,
    so an operation completes at the first poll). faults: fault injection, e.g. "429=0.2,500=0.05,seed=1"
    (default: env AZCLI_LOCAL_FAULTS, else none).
    The app derives its base URL per request from the Host header and scheme.
    """
    from .app import App
    return App(state_dir, lro_seconds=lro_seconds, faults=faults)


def local_identity(state_dir):
    """{"tenantId", "subscriptionId", "subscriptionName", "clientId", "clientSecret"} of the built-in
    principal and subscription; created (random GUIDs and secret) on first use, persisted in the store."""
    from .directory import builtin_identity, open_store
    store = open_store(state_dir)
    try:
        return builtin_identity(store)
    finally:
        store.close()


def reset_state(state_dir):
    """Empty all ARM state (groups, resources, operations...), keeping identities and subscriptions."""
    from .directory import open_store
    from .store import reset
    store = open_store(state_dir)
    try:
        with store.write() as db:
            reset(db)
    finally:
        store.close()
