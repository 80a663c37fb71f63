"""Client factories over the core's single management-client factory."""


def authorization_client(cli_ctx):
    from azcli.session.clients import mgmt_client
    from azure.mgmt.authorization import AuthorizationManagementClient
    return mgmt_client(cli_ctx, AuthorizationManagementClient)


def cf_role_definitions(cli_ctx, _):
    return authorization_client(cli_ctx).role_definitions


def cf_role_assignments(cli_ctx, _):
    return authorization_client(cli_ctx).role_assignments
