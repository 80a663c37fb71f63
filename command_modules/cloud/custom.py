"""cloud commands: thin functions over the core's clouds registry."""
from azcli.session import clouds
from azcli.errors import RequiredArgumentMissingError

# --endpoint-* arguments -> az's endpoint names.
ENDPOINT_ARGS = {
    "endpoint_resource_manager": "resourceManager",
    "endpoint_active_directory": "activeDirectory",
    "endpoint_active_directory_resource_id": "activeDirectoryResourceId",
    "endpoint_active_directory_graph_resource_id": "activeDirectoryGraphResourceId",
    "endpoint_microsoft_graph_resource_id": "microsoftGraphResourceId",
    "endpoint_management": "management",
    "endpoint_gallery": "gallery",
    "endpoint_sql_management": "sqlManagement",
    "endpoint_vm_image_alias_doc": "vmImageAliasDoc",
}


def list_clouds(cmd):
    """List the clouds: built in, the local cloud, and registered ones."""
    return [c.to_dict() for c in clouds.all_clouds(cmd.cli_ctx)]


def show_cloud(cmd, name=None):
    """Show a cloud's endpoints (default: the active cloud)."""
    return clouds.get_cloud(cmd.cli_ctx, name or clouds.active_cloud_name(cmd.cli_ctx)).to_dict()


def _register(cmd, name, endpoints, profile, skip_endpoint_discovery, update, suffixes):
    given = {ENDPOINT_ARGS[k]: v for k, v in endpoints.items() if v}
    discovered, found_suffixes = {}, {}
    arm = given.get("resourceManager")
    if arm and not skip_endpoint_discovery:
        discovered, found_suffixes = clouds.discover_endpoints(arm)
    elif not update and not skip_endpoint_discovery and not arm:
        raise RequiredArgumentMissingError("Give --endpoint-resource-manager (its endpoints are discovered from "
                                           "{arm}/metadata/endpoints), or the endpoints with --skip-endpoint-"
                                           "discovery.")
    merged = dict(discovered, **given)
    found_suffixes.update({k: v for k, v in (suffixes or {}).items() if v})
    return clouds.register_cloud(cmd.cli_ctx, name, merged, profile=profile, update=update,
                                 suffixes=found_suffixes).to_dict()


def register_cloud(cmd, name, endpoint_resource_manager=None, endpoint_active_directory=None,
                   endpoint_active_directory_resource_id=None, endpoint_active_directory_graph_resource_id=None,
                   endpoint_microsoft_graph_resource_id=None, endpoint_management=None, endpoint_gallery=None,
                   endpoint_sql_management=None, endpoint_vm_image_alias_doc=None, suffix_storage_endpoint=None,
                   suffix_keyvault_dns=None, profile="latest", skip_endpoint_discovery=False):
    """Register a cloud; its endpoints are discovered from {arm}/metadata/endpoints unless given."""
    endpoints = {k: v for k, v in locals().items() if k in ENDPOINT_ARGS}
    suffixes = {"storageEndpoint": suffix_storage_endpoint, "keyvaultDns": suffix_keyvault_dns}
    _register(cmd, name, endpoints, profile, skip_endpoint_discovery, False, suffixes)  # az prints nothing


def update_cloud(cmd, name, endpoint_resource_manager=None, endpoint_active_directory=None,
                 endpoint_active_directory_resource_id=None, endpoint_active_directory_graph_resource_id=None,
                 endpoint_microsoft_graph_resource_id=None, endpoint_management=None, endpoint_gallery=None,
                 endpoint_sql_management=None, endpoint_vm_image_alias_doc=None, suffix_storage_endpoint=None,
                 suffix_keyvault_dns=None, profile=None, skip_endpoint_discovery=False):
    """Update the endpoints of a registered cloud."""
    endpoints = {k: v for k, v in locals().items() if k in ENDPOINT_ARGS}
    suffixes = {"storageEndpoint": suffix_storage_endpoint, "keyvaultDns": suffix_keyvault_dns}
    _register(cmd, name, endpoints, profile, skip_endpoint_discovery, True, suffixes)  # az prints nothing


def set_cloud(cmd, name):
    """Make a cloud the active one (each cloud keeps its own sign-ins)."""
    clouds.set_active_cloud(cmd.cli_ctx, name)


def unregister_cloud(cmd, name):
    """Unregister a cloud (not a built-in one, nor the active one)."""
    clouds.unregister_cloud(cmd.cli_ctx, name)


def list_profiles(cmd, name=None, show_all=False):  # pylint: disable=unused-argument
    """The API profiles azcli supports for a cloud: only 'latest' (with or without --show-all; az's older
    hybrid profiles are not implemented)."""
    clouds.get_cloud(cmd.cli_ctx, name or clouds.active_cloud_name(cmd.cli_ctx))
    return ["latest"]
