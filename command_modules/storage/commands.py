"""The storage module's command table, readable top to bottom."""
from ._format import transform_flatten, transform_keys

FLAT = {"transform": transform_flatten}

ACCOUNT = "azcli.command_modules.storage.custom#{}"
CONTAINER = "azcli.command_modules.storage.custom_container#{}"
FACTORY = "azcli.command_modules.storage._client_factory#{}"


def load_command_table(loader):
    with loader.command_group("storage account", custom=ACCOUNT,
                              client_factory=FACTORY.format("cf_storage_accounts")) as g:
        g.custom_command("create", "create_storage_account", **FLAT)
        g.show_command("show", "show_storage_account", custom=True, **FLAT)
        g.custom_command("list", "list_storage_accounts", **FLAT)
        g.custom_command("delete", "delete_storage_account", confirmation=True)
        g.generic_update_command("update", "show_storage_account", "set_storage_account",
                                 custom_func_name="update_storage_account", custom=True, **FLAT)
        g.custom_command("check-name", "check_name")
        g.custom_command("show-connection-string", "show_connection_string")

    with loader.command_group("storage account keys", custom=ACCOUNT,
                              client_factory=FACTORY.format("cf_storage_accounts")) as g:
        g.custom_command("list", "list_keys", transform=transform_keys)
        g.custom_command("renew", "renew_key", transform=transform_keys)

    with loader.command_group("storage container-rm", custom=CONTAINER,
                              client_factory=FACTORY.format("cf_blob_containers")) as g:
        g.custom_command("create", "create_container", **FLAT)
        g.show_command("show", "show_container", custom=True, **FLAT)
        g.custom_command("list", "list_containers", **FLAT)
        g.custom_command("delete", "delete_container", confirmation=True)
        g.custom_command("update", "update_container", **FLAT)
        g.custom_command("exists", "container_exists")
