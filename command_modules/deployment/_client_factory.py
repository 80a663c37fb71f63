"""Client factories over the core's single management-client factory (heavy imports inside)."""


def _client(cli_ctx):
    from azcli.session.clients import mgmt_client
    from azure.mgmt.resource.deployments import DeploymentsMgmtClient
    return mgmt_client(cli_ctx, DeploymentsMgmtClient)


def cf_deployment_client(cli_ctx, _):
    """The whole client: create/what-if read deployments and, after a failure, their operations."""
    return _client(cli_ctx)


def cf_deployments(cli_ctx, _):
    return _client(cli_ctx).deployments


def cf_deployment_operations(cli_ctx, _):
    return _client(cli_ctx).deployment_operations
