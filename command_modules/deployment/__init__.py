"""deployment: ARM template deployments at resource group, subscription, management group and tenant
scope, their operations, and az's older `group deployment` forms.

Imports nothing heavy: the command table names its handlers as strings.
"""


def load_command_table(loader):
    from .commands import load_command_table as load
    load(loader)


def load_arguments(loader, command):
    from ._params import load_arguments as load
    load(loader, command)
