"""localauth: the local cloud's directory - extra principals, their credentials and access, and
federated (OIDC) tokens of its own issuer. Registers `local principal ...` and `local federated-token`
(the rest of `local` is the local module's)."""


def load_command_table(loader):
    from .commands import load_command_table as load
    load(loader)


def load_arguments(loader, command):
    from ._params import load_arguments as load
    load(loader, command)
