"""storage: storage accounts, their keys and blob containers through the management plane
(`storage container-rm`), over azure-mgmt-storage, with az's command names, arguments and output."""


def load_command_table(loader):
    from .commands import load_command_table as load
    load(loader)


def load_arguments(loader, command):
    from ._params import load_arguments as load
    load(loader, command)
