"""The cloud module's command table."""
from ._format import transform_cloud_list

CUSTOM = "azcli.command_modules.cloud.custom#{}"


def load_command_table(loader):
    with loader.command_group("cloud", custom=CUSTOM) as g:
        g.custom_command("list", "list_clouds", table_transformer=transform_cloud_list)
        g.show_command("show", "show_cloud", custom=True)
        g.custom_command("register", "register_cloud")
        g.custom_command("update", "update_cloud")
        g.custom_command("set", "set_cloud")
        g.custom_command("unregister", "unregister_cloud")
