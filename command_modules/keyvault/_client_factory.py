"""Clients: the vaults operations of azure-mgmt-keyvault (over the core's one management-client factory) and
azure-keyvault-secrets' SecretClient for a vault URI (the profile's credential and the cloud's transport)."""
import ipaddress

# The newest api-version az 2.91 and the local cloud's catalogue share for Microsoft.KeyVault/vaults.
API_VERSION = "2024-11-01"


def _client(cli_ctx):
    from azcli.session.clients import mgmt_client
    from azure.mgmt.keyvault import KeyVaultManagementClient
    return mgmt_client(cli_ctx, KeyVaultManagementClient, api_version=API_VERSION)


def cf_vaults(cli_ctx, _):
    return _client(cli_ctx).vaults


def cf_managed_hsms(cli_ctx):
    return _client(cli_ctx).managed_hsms


def keyvault_dns_suffix(cloud):
    """'.vault.azure.net' for Azure; a cloud without the suffix serves vaults at {name}.vault.{its ARM host}
    (an IP address as localhost), as the local cloud does."""
    suffix = cloud.suffixes.get("keyvaultDns")
    if suffix:
        return suffix
    netloc = cloud.resource_manager.split("://", 1)[-1]
    host, sep, port = netloc.rpartition(":") if netloc.count(":") == 1 else (netloc, "", "")
    try:
        ipaddress.ip_address(host.strip("[]"))
        host = "localhost"
    except ValueError:
        pass
    return ".vault." + host.lower() + sep + port


def vault_url(cli_ctx, vault_name):
    from azcli.session.clients import get_context
    return "https://{}{}".format(vault_name.lower(), keyvault_dns_suffix(get_context(cli_ctx).cloud))


def secret_client(cli_ctx, url):
    from azcli.session.clients import _user_agent, get_context  # pylint: disable=protected-access
    from azure.keyvault.secrets import SecretClient
    ctx = get_context(cli_ctx)
    kwargs = {"user_agent": _user_agent()}
    if ctx.transport is not None:
        kwargs["transport"] = ctx.transport
    return SecretClient(url, ctx.credential, **kwargs)
