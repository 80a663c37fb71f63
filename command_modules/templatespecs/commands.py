"""The templatespecs module's command table: `ts`, az's verbs for template specs and their versions."""
CUSTOM = "azcli.command_modules.templatespecs.custom#{}"


def load_command_table(loader):
    with loader.command_group("ts", custom=CUSTOM) as g:
        g.custom_command("create", "create_template_spec")
        g.custom_command("update", "update_template_spec", confirmation=True)
        g.custom_command("export", "export_template_spec")
        g.show_command("show", "get_template_spec", custom=True)
        g.custom_command("list", "list_template_specs")
        g.custom_command("delete", "delete_template_spec", confirmation=True)
