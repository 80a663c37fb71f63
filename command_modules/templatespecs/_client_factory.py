"""Clients: azure-mgmt-resource-templatespecs' TemplateSpecsClient (api-version 2022-02-01, as az 2.91
sends) and the resource groups operations (a spec's default location), over the core's one factory."""

API_VERSION = "2022-02-01"


def cf_template_specs(cli_ctx, subscription_id=None):
    """The client for the command's subscription, or for subscription_id (a --template-spec ID's)."""
    from azcli.session.clients import mgmt_client
    from azure.mgmt.resource.templatespecs import TemplateSpecsClient
    if subscription_id:
        return mgmt_client(cli_ctx, TemplateSpecsClient, subscription_bound=False, subscription_id=subscription_id,
                           api_version=API_VERSION)
    return mgmt_client(cli_ctx, TemplateSpecsClient, api_version=API_VERSION)


def cf_resource_groups(cli_ctx):
    from azcli.session.clients import mgmt_client
    from azure.mgmt.resource.resources import ResourceManagementClient
    return mgmt_client(cli_ctx, ResourceManagementClient).resource_groups
