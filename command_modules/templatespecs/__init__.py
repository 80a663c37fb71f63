"""templatespecs: `ts ...`, template specs and their versions (Microsoft.Resources/templateSpecs), with a
version's linked templates packed from `templateLink.relativePath` references as az packs them."""


def load_command_table(loader):
    from .commands import load_command_table as load
    load(loader)


def load_arguments(loader, command):
    from ._params import load_arguments as load
    load(loader, command)
