"""login, logout and account: thin functions over the core's profile, auth and clients."""
import datetime

from azcli import clients, clouds, profile
from azcli.argtypes import read_text_argument
from azcli.errors import AuthenticationError, RequiredArgumentMissingError, UsageError


def login(cmd, local=False, service_principal=False, username=None, password=None, certificate=None,
          tenant=None, allow_no_subscriptions=False):
    """Sign in. `--local` signs in to the built-in local cloud as its service principal."""
    cli_ctx = cmd.cli_ctx
    if local:
        from azcli.emulator import local_identity
        identity = local_identity(cli_ctx.config_dir)
        cloud = clouds.get_cloud(cli_ctx, clouds.LOCAL_CLOUD_NAME)
        entry = {"type": "secret", "clientId": identity["clientId"], "clientSecret": identity["clientSecret"]}
        return _sign_in(cmd, cloud, identity["tenantId"], entry, allow_no_subscriptions)
    cloud = clouds.active_cloud(cli_ctx)
    if not service_principal:
        raise UsageError("Interactive sign-in is not available here. Use --service-principal, "
                         "or 'azcli login --local' for the built-in local cloud.")
    if not username or not tenant:
        raise RequiredArgumentMissingError("--service-principal needs --username and --tenant.")
    if certificate:
        entry = {"type": "certificate", "clientId": username, "certificatePath": certificate}
    elif password:
        entry = {"type": "secret", "clientId": username, "clientSecret": read_text_argument(password).strip()}
    else:
        raise RequiredArgumentMissingError("--service-principal needs --password or --certificate.")
    return _sign_in(cmd, cloud, tenant, entry, allow_no_subscriptions)


def _sign_in(cmd, cloud, tenant, entry, allow_no_subscriptions):
    from azcli.auth import ProfileCredential
    cli_ctx = cmd.cli_ctx
    transport = clients.transport_for(cli_ctx, cloud)
    credential = ProfileCredential(cli_ctx, cloud, tenant, entry["clientId"], entry, lambda: transport)
    # A real token request through azure-identity: wrong secrets fail here, not later.
    from azcli import tokens
    tokens.clear_tokens(cli_ctx, cloud.name)
    credential.get_token(cloud.arm_scope)
    subscriptions = _list_subscriptions(cloud, credential, transport)
    user = {"name": entry["clientId"], "type": "servicePrincipal"}
    entries = [{"id": s["subscriptionId"], "name": s.get("displayName"), "state": s.get("state"),
                "tenantId": s.get("tenantId") or tenant, "homeTenantId": s.get("tenantId") or tenant,
                "managedByTenants": s.get("managedByTenants") or [], "environmentName": cloud.name,
                "isDefault": False, "user": dict(user)} for s in subscriptions]
    if not entries:
        if not allow_no_subscriptions:
            raise AuthenticationError("No subscriptions found for {}. Use --allow-no-subscriptions to sign in "
                                      "for tenant-level access.".format(entry["clientId"]))
        entries = [{"id": tenant, "name": "N/A(tenant level account)", "state": "Enabled", "tenantId": tenant,
                    "homeTenantId": tenant, "managedByTenants": [], "environmentName": cloud.name,
                    "isDefault": False, "user": dict(user)}]
    entry = dict(entry, cloud=cloud.name, tenant=tenant)
    profile.save_login(cli_ctx, cloud.name, entries, entry)
    clouds.set_active_cloud(cli_ctx, cloud.name)
    return [_as_listed(e) for e in profile.subscriptions_for_cloud(cli_ctx, cloud.name)
            if e["user"]["name"].lower() == user["name"].lower()]


def _list_subscriptions(cloud, credential, transport):
    from azure.mgmt.resource.subscriptions import SubscriptionClient
    kwargs = {"base_url": cloud.resource_manager, "credential_scopes": [cloud.arm_scope]}
    if transport is not None:
        kwargs["transport"] = transport
    client = SubscriptionClient(credential, **kwargs)
    return [s.as_dict() for s in client.subscriptions.list()]


def _as_listed(entry):
    """az shows 'cloudName' in login and account list output, 'environmentName' in account show."""
    listed = {k: v for k, v in entry.items() if k != "environmentName"}
    listed["cloudName"] = entry.get("environmentName")
    return listed


def logout(cmd, username=None):
    """Log out to remove access to Azure subscriptions."""
    cloud = clouds.active_cloud(cmd.cli_ctx)
    removed = profile.logout(cmd.cli_ctx, cloud.name, username)
    if username and not removed:
        raise UsageError("User '{}' is not signed in to {}.".format(username, cloud.name))


def show_account(cmd):
    """Get the details of the subscription this command would use."""
    cloud = clouds.active_cloud(cmd.cli_ctx)
    return profile.current_subscription(cmd.cli_ctx, cloud, cmd.cli_ctx.invocation.data.get("subscription"))


def list_accounts(cmd, all_clouds=False):
    """List the subscriptions you are signed in to. Exits 4 when signed out (az prints [])."""
    cli_ctx = cmd.cli_ctx
    cloud = clouds.active_cloud(cli_ctx)
    subs = profile.load_subscriptions(cli_ctx) if all_clouds else profile.subscriptions_for_cloud(cli_ctx, cloud.name)
    if not subs:
        raise AuthenticationError("Not signed in to {}. Run 'azcli login' (or 'azcli login --local')."
                                  .format("any cloud" if all_clouds else cloud.name))
    return [_as_listed(s) for s in subs]


def set_account(cmd, subscription=None):
    """Set the default subscription (for this config dir; a command can still pick its own)."""
    wanted = subscription or cmd.cli_ctx.invocation.data.get("subscription")
    if not wanted:
        raise RequiredArgumentMissingError("Specify the subscription with --name or --subscription.")
    cloud = clouds.active_cloud(cmd.cli_ctx)
    profile.set_default(cmd.cli_ctx, cloud.name, wanted)


def clear_accounts(cmd):
    """Clear all subscriptions from the CLI's local cache."""
    for cloud in clouds.all_clouds(cmd.cli_ctx):
        profile.logout(cmd.cli_ctx, cloud.name)


def get_access_token(cmd, resource=None, scopes=None, tenant=None, subscription_name=None):
    """Get a token for utilities to access Azure."""
    if resource and scopes:
        raise UsageError("Use --resource or --scope, not both.")
    cli_ctx = cmd.cli_ctx
    ctx = clients.Context(cli_ctx, subscription_name)
    if tenant and tenant.lower() != ctx.subscription["tenantId"].lower():
        raise AuthenticationError("No credential for tenant '{}'.".format(tenant))
    wanted = scopes or [(resource.rstrip("/") + "/.default") if resource else ctx.cloud.arm_scope]
    token = ctx.credential.get_token(*wanted)
    expires = datetime.datetime.fromtimestamp(token.expires_on, tz=datetime.timezone.utc).astimezone()
    return {"accessToken": token.token, "expiresOn": expires.isoformat(sep=" ", timespec="seconds"),
            "expires_on": int(token.expires_on), "subscription": ctx.subscription_id,
            "tenant": ctx.subscription["tenantId"], "tokenType": "Bearer"}


def list_locations(cmd):
    """List the regions the current subscription can use."""
    from azure.mgmt.resource.subscriptions import SubscriptionClient
    ctx = clients.get_context(cmd.cli_ctx)
    client = clients.mgmt_client(cmd.cli_ctx, SubscriptionClient, subscription_bound=False)
    return client.subscriptions.list_locations(ctx.subscription_id)
