"""The configure module's command table."""
CUSTOM = "azcli.command_modules.configure.custom#{}"


def load_command_table(loader):
    with loader.command_group("", custom=CUSTOM) as g:
        g.custom_command("configure", "configure")
        g.custom_command("version", "show_version")
    with loader.command_group("config", custom=CUSTOM) as g:
        g.custom_command("set", "config_set")
        g.custom_command("get", "config_get")
        g.custom_command("unset", "config_unset")
