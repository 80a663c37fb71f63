"""Client factories: one line each, over the core's single management-client factory."""


def _resource_client(cli_ctx):
    from azcli.session.clients import mgmt_client
    from azure.mgmt.resource.resources import ResourceManagementClient
    return mgmt_client(cli_ctx, ResourceManagementClient)


def cf_resource_groups(cli_ctx, _):
    return _resource_client(cli_ctx).resource_groups


def cf_providers(cli_ctx, _):
    return _resource_client(cli_ctx).providers


def cf_tags(cli_ctx, _):
    return _resource_client(cli_ctx).tags


def cf_generic(cli_ctx, _):
    """Generic resources need the resource client, the subscription and the API-version cache."""
    from ._generic import GenericClient
    return GenericClient(cli_ctx, _resource_client(cli_ctx))


def cf_locks(cli_ctx, _):
    from azcli.session.clients import get_context, mgmt_client
    from azure.mgmt.resource.locks import ManagementLockClient
    from ._generic import LockClient
    return LockClient(mgmt_client(cli_ctx, ManagementLockClient), get_context(cli_ctx).subscription_id)


def cf_links(cli_ctx, _):
    from azcli.session.clients import get_context
    from ._generic import LinkClient
    return LinkClient(_resource_client(cli_ctx), get_context(cli_ctx).subscription_id)


def cf_features(cli_ctx, _):
    from azcli.session.clients import get_context
    from ._generic import FeatureClient
    return FeatureClient(_resource_client(cli_ctx), get_context(cli_ctx).subscription_id)
