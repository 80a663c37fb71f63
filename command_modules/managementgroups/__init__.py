"""managementgroups: `account management-group ...` (Microsoft.Management), a subgroup of `account`
that this module owns (the command index maps each command to its module)."""


def load_command_table(loader):
    from .commands import load_command_table as load
    load(loader)


def load_arguments(loader, command):
    from ._params import load_arguments as load
    load(loader, command)
