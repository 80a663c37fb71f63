"""network: virtual networks and subnets, security groups and rules, public IPs and NICs
(Microsoft.Network), with az's command names, arguments and output shapes.

azure-mgmt-network 33 ships one 144,000-line operations module and one 55,000-line models module, and
importing either costs about a second here (five times `group list`'s whole run). So, as az's own
generated network commands do, this module sends the requests through azcli.arm (the client pipeline,
nextLink paging, ARM polling) with the api-version az uses: no part of the SDK is imported.
"""


def load_command_table(loader):
    from .commands import load_command_table as load
    load(loader)


def load_arguments(loader, command):
    from ._params import load_arguments as load
    load(loader, command)
