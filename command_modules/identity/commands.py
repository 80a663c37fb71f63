"""The identity module's command table: `identity` and `identity federated-credential`."""
from ._format import transform_identity, transform_identity_list

CUSTOM = "azcli.command_modules.identity.custom#{}"
FACTORY = "azcli.command_modules.identity._client_factory#{}"


def load_command_table(loader):
    with loader.command_group("identity", custom=CUSTOM, client_factory=FACTORY.format("cf_identities")) as g:
        g.custom_command("create", "create_identity", transform=transform_identity)
        g.show_command("show", "show_identity", custom=True, transform=transform_identity)
        g.custom_command("list", "list_identities", transform=transform_identity_list)
        g.custom_command("delete", "delete_identity")

    with loader.command_group("identity federated-credential", custom=CUSTOM,
                              client_factory=FACTORY.format("cf_federated_credentials")) as g:
        g.custom_command("create", "create_federated_credential")
        g.show_command("show", "show_federated_credential", custom=True)
        g.custom_command("list", "list_federated_credentials")
        g.custom_command("delete", "delete_federated_credential", confirmation=True)
