"""logout and account: thin functions over the core's profile, auth and clients (login is in login.py)."""
from azcli.session import clients, clouds, profile
from azcli.errors import AuthenticationError, RequiredArgumentMissingError, UsageError

from .access_token import requested_scopes, token_answer
from .listing import as_listed


def logout(cmd, username=None):
    """Log out to remove access to Azure subscriptions."""
    cloud = clouds.active_cloud(cmd.cli_ctx)
    removed = profile.logout(cmd.cli_ctx, cloud.name, username)
    if username and not removed:
        raise UsageError("User '{}' is not signed in to {}.".format(username, cloud.name))


def show_account(cmd):
    """Get the details of the subscription this command would use."""
    cli_ctx = cmd.cli_ctx
    cloud = clouds.active_cloud(cli_ctx)
    wanted = cli_ctx.invocation.data.get("subscription")
    if profile.subscriptions_for_cloud(cli_ctx, cloud.name):
        return profile.current_subscription(cli_ctx, cloud, wanted)
    ctx = clients.Context(cli_ctx)
    return _environment_subscription(ctx) if ctx.env_mode else ctx.subscription


def _environment_subscription(ctx):
    """Environment mode knows a subscription by id only until it asks the API."""
    from azcli.session.env_credentials import subscription_entry
    if ctx.subscription.get("name") is None:
        found = [s for s in ctx.list_subscriptions() if s["subscriptionId"].lower() == ctx.subscription_id.lower()]
        if found:
            return subscription_entry(ctx.cloud, ctx.env_entry, found[0])
    return ctx.subscription


def list_accounts(cmd, all_clouds=False):
    """List the subscriptions you are signed in to. Exits 4 when signed out (az prints [])."""
    cli_ctx = cmd.cli_ctx
    cloud = clouds.active_cloud(cli_ctx)
    subs = profile.load_subscriptions(cli_ctx) if all_clouds else profile.subscriptions_for_cloud(cli_ctx, cloud.name)
    if subs:
        return [as_listed(s) for s in subs]
    from azcli.session.env_credentials import entry_from_environment
    if entry_from_environment(cli_ctx.environ) is not None:
        from azcli.session.env_credentials import subscription_entry
        ctx = clients.Context(cli_ctx)
        listed = [subscription_entry(ctx.cloud, ctx.env_entry, s) for s in ctx.list_subscriptions()]
        for entry in listed:
            entry["isDefault"] = entry["id"].lower() == ctx.subscription_id.lower()
        return [as_listed(s) for s in listed]
    raise AuthenticationError("Not signed in to {}. Run 'azcli login' (or 'azcli login --local').".format(
        "any cloud" if all_clouds else cloud.name))


def set_account(cmd, subscription=None):
    """Set the default subscription (for this config dir; a command can still pick its own)."""
    wanted = subscription or cmd.cli_ctx.invocation.data.get("subscription")
    if not wanted:
        raise RequiredArgumentMissingError("Specify the subscription with --name or --subscription.")
    cloud = clouds.active_cloud(cmd.cli_ctx)
    if not profile.subscriptions_for_cloud(cmd.cli_ctx, cloud.name):
        raise profile.not_signed_in(cloud.name)
    profile.set_default(cmd.cli_ctx, cloud.name, wanted)


def clear_accounts(cmd):
    """Clear all subscriptions from the CLI's local cache."""
    for cloud in clouds.all_clouds(cmd.cli_ctx):
        profile.logout(cmd.cli_ctx, cloud.name)


def get_access_token(cmd, resource=None, scopes=None, tenant=None, subscription_name=None):
    """Get a token for utilities to access Azure."""
    if resource and scopes:
        raise UsageError("Use --resource or --scope, not both.")
    ctx = clients.Context(cmd.cli_ctx, subscription_name)
    tenant_id = tenant or ctx.subscription["tenantId"]
    token = ctx.credential.get_token(*requested_scopes(ctx.cloud, resource, scopes), tenant_id=tenant_id)
    return token_answer(token.token, token.expires_on, ctx.subscription_id, tenant_id, bool(tenant))


def list_locations(cmd, include_extended_locations=None):
    """List the regions the current subscription can use (with --include-extended-locations, its extended
    locations too)."""
    from azure.mgmt.resource.subscriptions import SubscriptionClient
    ctx = clients.get_context(cmd.cli_ctx)
    client = clients.mgmt_client(cmd.cli_ctx, SubscriptionClient, subscription_bound=False)
    return client.subscriptions.list_locations(ctx.subscription_id,
                                               include_extended_locations=include_extended_locations)
