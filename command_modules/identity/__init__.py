"""identity: user-assigned managed identities and their federated identity credentials
(Microsoft.ManagedIdentity), over azure-mgmt-msi. Imports nothing heavy."""


def load_command_table(loader):
    from .commands import load_command_table as load
    load(loader)


def load_arguments(loader, command):
    from ._params import load_arguments as load
    load(loader, command)
