"""The keyvault module's command table: vaults, then their secrets."""
CUSTOM = "azcli.command_modules.keyvault.custom#{}"
SECRET = "azcli.command_modules.keyvault.custom_secret#{}"
FACTORY = "azcli.command_modules.keyvault._client_factory#cf_vaults"


def load_command_table(loader):
    with loader.command_group("keyvault", custom=CUSTOM, client_factory=FACTORY) as g:
        g.custom_command("create", "create_vault", supports_no_wait=True)
        g.show_command("show", "show_vault", custom=True)
        g.custom_command("list", "list_vaults")
        g.generic_update_command("update", "update_get", "update_set", custom_func_name="update_apply",
                                 custom=True, supports_no_wait=True)
        g.custom_command("delete", "delete_vault")
        g.custom_command("purge", "purge_vault", supports_no_wait=True)
        g.custom_command("recover", "recover_vault", supports_no_wait=True)
        g.custom_command("list-deleted", "list_deleted_vaults")
        g.custom_command("set-policy", "set_policy", supports_no_wait=True)

    with loader.command_group("keyvault secret", custom=SECRET) as g:
        g.custom_command("set", "set_secret")
        g.show_command("show", "show_secret", custom=True)
        g.custom_command("list", "list_secrets")
        g.custom_command("list-versions", "list_secret_versions")
        g.custom_command("delete", "delete_secret")
        g.custom_command("purge", "purge_secret")
        g.custom_command("recover", "recover_secret")
        g.custom_command("download", "download_secret")
