"""The util module's command table."""

REST_CUSTOM = "azcli.command_modules.util.custom#{}"


def load_command_table(loader):
    with loader.command_group("", custom=REST_CUSTOM) as g:
        g.custom_command("rest", "rest_call")
