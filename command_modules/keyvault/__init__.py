"""keyvault: `keyvault ...` vaults (Microsoft.KeyVault, management plane) and `keyvault secret ...` (the
secrets data plane at each vault's own URI)."""


def load_command_table(loader):
    from .commands import load_command_table as load
    load(loader)


def load_arguments(loader, command):
    from ._params import load_arguments as load
    load(loader, command)
