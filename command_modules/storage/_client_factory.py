"""Client factories over the core's single management-client factory."""
# The api-version az uses for Microsoft.Storage (the SDK's own default is newer than the service lists).
API_VERSION = "2025-01-01"


def _client(cli_ctx):
    from azcli.session.clients import mgmt_client
    from azure.mgmt.storage import StorageManagementClient
    return mgmt_client(cli_ctx, StorageManagementClient, api_version=API_VERSION)


def cf_storage_accounts(cli_ctx, _):
    return _client(cli_ctx).storage_accounts


def cf_blob_containers(cli_ctx, _):
    return _client(cli_ctx).blob_containers


def resource_groups(cli_ctx):
    from azcli.session.clients import mgmt_client
    from azure.mgmt.resource.resources import ResourceManagementClient
    return mgmt_client(cli_ctx, ResourceManagementClient).resource_groups
