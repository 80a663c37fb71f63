"""The resource module's command table, readable top to bottom."""
from ._format import transform_resource_group_list

RG_OPS = "azure.mgmt.resource.resources.operations#ResourceGroupsOperations.{}"
RG_CUSTOM = "azcli.command_modules.resource.custom.group#{}"
RG_FACTORY = "azcli.command_modules.resource._client_factory#cf_resource_groups"


def load_command_table(loader):
    with loader.command_group("group", RG_OPS, custom=RG_CUSTOM, client_factory=RG_FACTORY) as g:
        g.custom_command("create", "create_resource_group")
        g.custom_command("list", "list_resource_groups", table_transformer=transform_resource_group_list)
        g.show_command("show", "get")
        g.command("exists", "check_existence")
        g.command("delete", "begin_delete", supports_no_wait=True, confirmation=True)
        g.generic_update_command("update", "get", "create_or_update", custom_func_name="update_resource_group")
        g.wait_command("wait", "get")
