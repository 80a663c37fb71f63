"""Arguments of `identity ...`, with az's names."""
from azcli.framework.argtypes import location_type, resource_group_name_type, tags_type


def load_arguments(loader, _command):
    with loader.argument_context("identity") as c:
        c.argument("resource_group_name", resource_group_name_type)
        c.argument("resource_name", options_list=["--name", "-n"], help="The name of the identity resource.")
        c.argument("location", location_type)
        c.argument("tags", tags_type)
    with loader.argument_context("identity list") as c:
        c.argument("resource_group_name", resource_group_name_type,
                   help="Name of resource group (default: every identity of the subscription).")
    with loader.argument_context("identity federated-credential") as c:
        c.argument("identity_name", options_list=["--identity-name"], help="The name of the identity resource.")
        c.argument("federated_credential_name", options_list=["--name", "-n"],
                   help="The name of the federated identity credential resource.")
        c.argument("issuer", options_list=["--issuer"],
                   help="The openId connect metadata URL of the issuer of the identity provider that Azure AD "
                        "would use in the token exchange protocol for validating tokens before issuing a token "
                        "as the user-assigned managed identity.")
        c.argument("subject", options_list=["--subject"],
                   help="The sub value in the token sent to Azure AD for getting the user-assigned managed "
                        "identity token. The value configured in the federated credential and the one in the "
                        "incoming token must exactly match for Azure AD to issue the access token.")
        c.argument("audiences", options_list=["--audiences"], nargs="+",
                   help="The aud value in the token sent to Azure for getting the user-assigned managed identity "
                        "token. Default: api://AzureADTokenExchange.")
