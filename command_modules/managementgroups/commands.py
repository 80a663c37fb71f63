"""The managementgroups module's command table: `account management-group` and its `subscription` subgroup."""
from ._format import transform_group, transform_group_list, transform_operation, transform_subscription

CUSTOM = "azcli.command_modules.managementgroups.custom#{}"
FACTORY = "azcli.command_modules.managementgroups._client_factory#{}"


def load_command_table(loader):
    with loader.command_group("account management-group", custom=CUSTOM,
                              client_factory=FACTORY.format("cf_management_groups")) as g:
        g.custom_command("list", "list_management_groups", transform=transform_group_list)
        g.show_command("show", "show_management_group", custom=True, transform=transform_group)
        g.custom_command("create", "create_management_group", transform=transform_group)
        g.custom_command("delete", "delete_management_group", transform=transform_operation)
        g.generic_update_command("update", "update_get", "update_set", custom_func_name="update_apply",
                                 custom=True, transform=transform_group)

    with loader.command_group("account management-group subscription", custom=CUSTOM,
                              client_factory=FACTORY.format("cf_management_group_subscriptions")) as g:
        g.custom_command("add", "add_subscription", transform=transform_subscription)
        g.custom_command("remove", "remove_subscription")
