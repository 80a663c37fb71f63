"""role: Azure RBAC role definitions and role assignments (Microsoft.Authorization), over
azure-mgmt-authorization. Imports nothing heavy."""


def load_command_table(loader):
    from .commands import load_command_table as load
    load(loader)


def load_arguments(loader, command):
    from ._params import load_arguments as load
    load(loader, command)
