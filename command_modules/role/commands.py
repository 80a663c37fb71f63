"""The role module's command table: `role definition` and `role assignment`."""
CUSTOM = "azcli.command_modules.role.custom#{}"
FACTORY = "azcli.command_modules.role._client_factory#{}"


def load_command_table(loader):
    with loader.command_group("role definition", custom=CUSTOM,
                              client_factory=FACTORY.format("cf_role_definitions")) as g:
        g.custom_command("list", "list_role_definitions")
        g.show_command("show", "show_role_definition", custom=True)

    with loader.command_group("role assignment", custom=CUSTOM,
                              client_factory=FACTORY.format("cf_role_assignments")) as g:
        g.custom_command("create", "create_role_assignment")
        g.custom_command("list", "list_role_assignments")
        g.custom_command("delete", "delete_role_assignments")
