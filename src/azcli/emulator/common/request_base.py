"""The base URL (https://host[:port]) of the request being served, for the few documents that name the
cloud's own address: a vault's vaultUri is where the vault is reached through this request's cloud, so
a vault made in-process (or by a server on another port) is served with the address that works now.
The wire sets it for each request; outside a request it is None and stored documents are served as stored.
"""
import contextvars

_BASE = contextvars.ContextVar("localcloud_request_base", default=None)


def current():
    return _BASE.get()


def serving(base):
    """Set for the request being served; returns the token that done() takes."""
    return _BASE.set(base)


def done(token):
    _BASE.reset(token)
