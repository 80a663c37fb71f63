"""Client factory over the core's request pipeline (see _client.py)."""


def cf_network(cli_ctx, _):
    from ._client import NetworkClient
    return NetworkClient(cli_ctx)
