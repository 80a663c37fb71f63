"""local: serve the embedded local cloud over HTTPS, show how to reach it, reset its state."""


def load_command_table(loader):
    from .commands import load_command_table as load
    load(loader)


def load_arguments(loader, command):
    from ._params import load_arguments as load
    load(loader, command)
