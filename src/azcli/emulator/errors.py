"""Typed errors of the local cloud's administration surface (the facade in ``azcli.emulator``).

Callers (the ``local`` command modules) branch on the class, never on the message text.
"""


class LocalCloudError(ValueError):
    """A local-cloud administration request that cannot be done."""


class NotFoundError(LocalCloudError):
    """The principal, tenant or subscription named does not exist."""


class ConflictError(LocalCloudError):
    """The request collides with what exists (a duplicate name, the built-in principal)."""


class InvalidRequestError(LocalCloudError):
    """An argument the local cloud cannot accept."""
