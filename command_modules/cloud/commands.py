"""The cloud module's command table (no table transformers: az shows knack's automatic tables)."""

CUSTOM = "azcli.command_modules.cloud.custom#{}"


def load_command_table(loader):
    with loader.command_group("cloud", custom=CUSTOM) as g:
        g.custom_command("list", "list_clouds")
        g.show_command("show", "show_cloud", custom=True)
        g.custom_command("register", "register_cloud")
        g.custom_command("update", "update_cloud")
        g.custom_command("set", "set_cloud")
        g.custom_command("unregister", "unregister_cloud")
        g.custom_command("list-profiles", "list_profiles")
