"""The local module's command table."""
CUSTOM = "azcli.command_modules.local.custom#{}"


def load_command_table(loader):
    with loader.command_group("local", custom=CUSTOM) as g:
        g.custom_command("serve", "serve")
        g.custom_command("show", "show")
        g.custom_command("reset", "reset", confirmation=True)
