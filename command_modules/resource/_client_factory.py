"""Client factories: one line each, over the core's single management-client factory."""


def _resource_client(cli_ctx):
    from azcli.clients import mgmt_client
    from azure.mgmt.resource.resources import ResourceManagementClient
    return mgmt_client(cli_ctx, ResourceManagementClient)


def cf_resource_groups(cli_ctx, _):
    return _resource_client(cli_ctx).resource_groups
