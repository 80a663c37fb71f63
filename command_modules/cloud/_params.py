"""Arguments for the cloud commands."""

ENDPOINT_HELP = {
    "endpoint_resource_manager": ("--endpoint-resource-manager", "The Azure Resource Manager endpoint "
                                  "(https). Its other endpoints are discovered from {arm}/metadata/endpoints."),
    "endpoint_active_directory": ("--endpoint-active-directory", "The Active Directory login endpoint."),
    "endpoint_active_directory_resource_id": ("--endpoint-active-directory-resource-id",
                                              "The resource ID (audience) to obtain ARM tokens for."),
    "endpoint_active_directory_graph_resource_id": ("--endpoint-active-directory-graph-resource-id",
                                                    "The Active Directory Graph resource ID."),
    "endpoint_microsoft_graph_resource_id": ("--endpoint-microsoft-graph-resource-id",
                                             "The Microsoft Graph resource ID."),
    "endpoint_management": ("--endpoint-management", "The endpoint for the classic management API."),
    "endpoint_gallery": ("--endpoint-gallery", "The template gallery endpoint."),
    "endpoint_sql_management": ("--endpoint-sql-management", "The SQL management endpoint."),
    "endpoint_vm_image_alias_doc": ("--endpoint-vm-image-alias-doc", "The URI of the VM image alias document."),
    "suffix_storage_endpoint": ("--suffix-storage-endpoint", "The storage DNS suffix."),
    "suffix_keyvault_dns": ("--suffix-keyvault-dns", "The Key Vault DNS suffix."),
}


def load_arguments(loader, _command):
    with loader.argument_context("cloud") as c:
        c.argument("name", options_list=["--name", "-n"], help="Name of the cloud (case-insensitive).")
    with loader.argument_context("cloud list-profiles") as c:
        c.argument("show_all", options_list=["--show-all"], action="store_true",
                   help="Show all available profiles supported in the CLI (azcli supports 'latest' only).")
    for scope in ("cloud register", "cloud update"):
        with loader.argument_context(scope) as c:
            for dest, (option, text) in ENDPOINT_HELP.items():
                c.argument(dest, options_list=[option], help=text)
            c.argument("profile", options_list=["--profile"], help="API profile of the cloud (only 'latest').")
            c.argument("skip_endpoint_discovery", options_list=["--skip-endpoint-discovery"], action="store_true",
                       help="Do not query {arm}/metadata/endpoints; use the endpoints given.")
