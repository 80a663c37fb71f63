"""Client factories over the core's single management-client factory."""


def _client(cli_ctx):
    from azcli.session.clients import mgmt_client
    from azure.mgmt.msi import ManagedServiceIdentityClient
    return mgmt_client(cli_ctx, ManagedServiceIdentityClient)


def cf_identities(cli_ctx, _):
    return _client(cli_ctx).user_assigned_identities


def cf_federated_credentials(cli_ctx, _):
    return _client(cli_ctx).federated_identity_credentials
