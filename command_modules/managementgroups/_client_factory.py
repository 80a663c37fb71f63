"""Client factories over the core's single management-client factory (management groups are tenant-level:
the client is not bound to a subscription)."""


def _client(cli_ctx):
    from azcli.session.clients import mgmt_client
    from azure.mgmt.managementgroups import ManagementGroupsMgmtClient
    return mgmt_client(cli_ctx, ManagementGroupsMgmtClient, subscription_bound=False)


def cf_management_groups(cli_ctx, _):
    return _client(cli_ctx).management_groups


def cf_management_group_subscriptions(cli_ctx, _):
    return _client(cli_ctx).management_group_subscriptions
