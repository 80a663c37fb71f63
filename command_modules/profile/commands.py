"""The profile module's command table."""
from ._format import transform_account_list

CUSTOM = "azcli.command_modules.profile.custom#{}"
LOGIN = "azcli.command_modules.profile.login#{}"


def load_command_table(loader):
    with loader.command_group("", custom=LOGIN) as g:
        g.custom_command("login", "login")
    with loader.command_group("", custom=CUSTOM) as g:
        g.custom_command("logout", "logout")
    with loader.command_group("account", custom=CUSTOM) as g:
        g.show_command("show", "show_account", custom=True)
        g.custom_command("list", "list_accounts", table_transformer=transform_account_list)
        g.custom_command("set", "set_account")
        g.custom_command("clear", "clear_accounts")
        g.custom_command("get-access-token", "get_access_token")
        g.custom_command("list-locations", "list_locations")
