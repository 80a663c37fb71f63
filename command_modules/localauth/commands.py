"""The localauth module's command table."""
CUSTOM = "azcli.command_modules.localauth.custom#{}"


def transform_principal_list(result):
    return [{"Name": r.get("name"), "Type": r.get("type"), "ClientId": r.get("clientId") or "",
             "UserPrincipalName": r.get("userPrincipalName") or "",
             "Access": ", ".join(a["scope"] for a in r.get("access") or [])} for r in result]


def load_command_table(loader):
    with loader.command_group("local principal", custom=CUSTOM) as g:
        g.custom_command("create", "create_principal")
        g.custom_command("list", "list_principals", table_transformer=transform_principal_list)
        g.show_command("show", "show_principal", custom=True)
        g.custom_command("delete", "delete_principal", confirmation=True)
        g.custom_command("grant", "grant_principal")
    with loader.command_group("local", custom=CUSTOM) as g:
        g.custom_command("federated-token", "federated_token")
        g.custom_command("approve", "approve_sign_in")
