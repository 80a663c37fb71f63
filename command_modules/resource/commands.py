"""The resource module's command table, readable top to bottom."""
# Table transformers only where az has one; elsewhere knack's automatic table is az's table too.
from ._format import (transform_group_export, transform_provider_list, transform_provider_show,
                      transform_resource_group_list, transform_resource_list)

RG_OPS = "azure.mgmt.resource.resources.operations#ResourceGroupsOperations.{}"
RG_CUSTOM = "azcli.command_modules.resource.custom.group#{}"
RESOURCE_CUSTOM = "azcli.command_modules.resource.custom.resource#{}"
TAG_OPS = "azure.mgmt.resource.resources.operations#TagsOperations.{}"
TAG_CUSTOM = "azcli.command_modules.resource.custom.tag#{}"
LOCK_CUSTOM = "azcli.command_modules.resource.custom.lock#{}"
PROVIDER_OPS = "azure.mgmt.resource.resources.operations#ProvidersOperations.{}"
PROVIDER_CUSTOM = "azcli.command_modules.resource.custom.provider#{}"
LINK_CUSTOM = "azcli.command_modules.resource.custom.link#{}"
FEATURE_CUSTOM = "azcli.command_modules.resource.custom.feature#{}"
FEATURE_TABLE = "{Name:name, RegistrationState:properties.state}"

FACTORY = "azcli.command_modules.resource._client_factory#{}"


def load_command_table(loader):
    with loader.command_group("group", RG_OPS, custom=RG_CUSTOM, client_factory=FACTORY.format("cf_resource_groups")) as g:
        g.custom_command("create", "create_resource_group")
        g.custom_command("list", "list_resource_groups", table_transformer=transform_resource_group_list)
        g.show_command("show", "get")
        g.command("exists", "check_existence")
        g.command("delete", "begin_delete", supports_no_wait=True, confirmation=True)
        g.generic_update_command("update", "get", "create_or_update", custom_func_name="update_resource_group")
        g.wait_command("wait", "get")
        g.custom_command("export", "export_group_as_template", transform=transform_group_export)

    with loader.command_group("resource", custom=RESOURCE_CUSTOM, client_factory=FACTORY.format("cf_generic")) as g:
        g.custom_command("create", "create_resource")
        g.custom_command("show", "show_resource", ids="resource_id")
        g.custom_command("list", "list_resources", table_transformer=transform_resource_list)
        g.custom_command("delete", "delete_resource", ids="resource_id", supports_no_wait=True)
        g.generic_update_command("update", "show_resource", "update_resource", custom=True, ids="resource_id")
        g.custom_command("patch", "patch_resource", ids="resource_id")
        g.custom_command("tag", "tag_resource", ids="resource_id")
        g.custom_command("move", "move_resource", supports_no_wait=True)
        g.custom_command("invoke-action", "invoke_resource_action", ids="resource_id", supports_no_wait=True)
        g.wait_command("wait", "show_resource", custom=True, ids="resource_id")

    with loader.command_group("tag", TAG_OPS, custom=TAG_CUSTOM, client_factory=FACTORY.format("cf_tags")) as g:
        g.custom_command("list", "get_tag_at_scope")
        g.custom_command("create", "create_or_update_tag_at_scope")
        g.custom_command("delete", "delete_tag_at_scope", confirmation=True)
        g.custom_command("update", "update_tag_at_scope")
        g.custom_command("add-value", "add_tag_value")
        g.custom_command("remove-value", "remove_tag_value")

    # `lock`, and az's `group lock`, `resource lock` and `account lock`: the same functions at every scope.
    for group in ("lock", "group lock", "resource lock", "account lock"):
        with loader.command_group(group, custom=LOCK_CUSTOM, client_factory=FACTORY.format("cf_locks")) as g:
            g.custom_command("create", "create_lock")
            g.custom_command("list", "list_locks")
            g.show_command("show", "get_lock", custom=True, ids="lock_id")
            g.custom_command("delete", "delete_lock", ids="lock_id")
            g.custom_command("update", "update_lock", ids="lock_id")

    with loader.command_group("resource link", custom=LINK_CUSTOM, client_factory=FACTORY.format("cf_links")) as g:
        g.custom_command("create", "create_resource_link")
        g.custom_command("delete", "delete_resource_link")
        g.show_command("show", "show_resource_link", custom=True)
        g.custom_command("list", "list_resource_links")
        g.custom_command("update", "update_resource_link")

    with loader.command_group("feature", custom=FEATURE_CUSTOM, client_factory=FACTORY.format("cf_features")) as g:
        g.custom_command("list", "list_features", table_transformer="[]." + FEATURE_TABLE)
        g.show_command("show", "show_feature", custom=True, table_transformer=FEATURE_TABLE)
        g.custom_command("register", "register_feature")
        g.custom_command("unregister", "unregister_feature")

    with loader.command_group("provider", PROVIDER_OPS, custom=PROVIDER_CUSTOM,
                              client_factory=FACTORY.format("cf_providers")) as g:
        g.custom_command("list", "list_providers", table_transformer=transform_provider_list)
        g.show_command("show", "show_provider", custom=True, table_transformer=transform_provider_show)
        g.custom_command("register", "register_provider")
        g.custom_command("unregister", "unregister_provider")

    with loader.command_group("provider operation", custom=PROVIDER_CUSTOM) as g:
        g.custom_command("list", "list_provider_operations")
        g.show_command("show", "show_provider_operations", custom=True)
