"""Who a write is done for, when it is not an HTTP request: the deployment engine's resources.

The domain reads only these attributes of its caller (an HTTP request context has them too):
``subscription`` (the subscriptions row), ``principal``, ``now``, ``settings.lro_seconds`` and
``api_version``. Work that outlives its request (a deployment run when its operation settles)
keeps ``describe()`` in the operation's params and rebuilds the caller with ``restore``.
"""
from ..identity import directory


class Settings:
    def __init__(self, lro_seconds):
        self.lro_seconds = lro_seconds


class Caller:
    def __init__(self, subscription, principal, now, settings, api_version=None):
        self.subscription, self.principal, self.now = subscription, principal, now
        self.settings, self.api_version = settings, api_version

    def with_api_version(self, api_version, subscription=None):
        return Caller(subscription if subscription is not None else self.subscription, self.principal, self.now,
                      self.settings, api_version)


def of(ctx):
    """The Caller of a request context (or a Caller itself)."""
    if isinstance(ctx, Caller):
        return ctx
    return Caller(ctx.subscription, ctx.principal, ctx.now, ctx.settings, ctx.api_version)


def describe(ctx):
    """What restore needs, as JSON: the principal, the subscription and the settings of a request."""
    return {"principal": ctx.principal.object_id,
            "subscription": ctx.subscription["subscription_id"] if ctx.subscription is not None else None,
            "lro_seconds": ctx.settings.lro_seconds}


def restore(db, described, now):
    subscription = directory.subscription(db, described["subscription"]) if described["subscription"] else None
    principal = directory.principal_by_object(db, described["principal"])
    return Caller(subscription, principal, now, Settings(described["lro_seconds"]))
