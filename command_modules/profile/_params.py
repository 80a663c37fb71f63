"""Arguments for login, logout and account.

secret=True marks an argument whose value never reaches a log (framework/redaction.py).
"""
from azcli.framework.argtypes import boolean_value


def load_arguments(loader, _command):
    with loader.argument_context("login") as c:
        c.argument("local", options_list=["--local"], action="store_true",
                   help="Sign in to the built-in local cloud (no Azure account or network needed).")
        c.argument("service_principal", options_list=["--service-principal"], action="store_true",
                   help="The credential represents a service principal.")
        c.argument("username", options_list=["--username", "-u"],
                   help="Client ID of the service principal; with --identity, the client or resource ID of a "
                        "user-assigned identity.")
        c.argument("password", options_list=["--password", "-p"], secret=True,
                   help="The client secret (or, with --certificate, the certificate's password). Prefer "
                        "'--password @file' or '-' (stdin) to keep it out of shell history.")
        c.argument("certificate", options_list=["--certificate"],
                   help="Path to a PEM file with the service principal's certificate and private key.")
        c.argument("tenant", options_list=["--tenant", "-t"], help="The tenant (ID or domain).")
        c.argument("allow_no_subscriptions", options_list=["--allow-no-subscriptions"], action="store_true",
                   help="Allow signing in to a tenant with no subscriptions, for tenant-level commands.")
        c.argument("federated_token", options_list=["--federated-token"], secret=True,
                   help="A federated (OIDC) token of the CI platform to sign in a service principal with. When it "
                        "is the content of AZURE_FEDERATED_TOKEN_FILE, that file is re-read on every token request.")
        c.argument("federated_token_file", options_list=["--federated-token-file"],
                   help="A file holding the federated token, re-read on every token request so that jobs outlive "
                        "the platform's short-lived tokens.")
        c.argument("identity", options_list=["--identity"], action="store_true",
                   help="Sign in with the managed identity of this Azure host.")
        c.argument("client_id", options_list=["--client-id"], help="With --identity: a user-assigned identity's "
                                                                   "client ID.")
        c.argument("object_id", options_list=["--object-id"], help="With --identity: a user-assigned identity's "
                                                                   "object (principal) ID.")
        c.argument("resource_id", options_list=["--resource-id"], help="With --identity: a user-assigned "
                                                                       "identity's resource ID.")
        c.argument("use_device_code", options_list=["--use-device-code"], action="store_true",
                   help="Sign in with a device code instead of a browser.")
    with loader.argument_context("logout") as c:
        c.argument("username", options_list=["--username"], help="The account to log out; default: all.")
    with loader.argument_context("account set") as c:
        c.argument("subscription", options_list=["--name", "-n", "-s"], required=False,
                   help="Name or ID of the subscription to make the default (or use --subscription).")
    with loader.argument_context("account list") as c:
        c.argument("all_clouds", options_list=["--all"], action="store_true",
                   help="List subscriptions of every cloud, not only the active one.")
    with loader.argument_context("account list-locations") as c:
        c.argument("include_extended_locations", options_list=["--include-extended-locations"], nargs="?",
                   const="true", type=boolean_value, metavar="{false,true}",
                   help="Whether to include extended locations.")
    with loader.argument_context("account get-access-token") as c:
        c.argument("resource", options_list=["--resource"],
                   help="Azure resource endpoints in AAD v1.0 (default: the cloud's ARM audience).")
        c.argument("scopes", options_list=["--scope"], nargs="+",
                   help="Space-separated AAD scopes in AAD v2.0.")
        c.argument("tenant", options_list=["--tenant", "-t"], help="Tenant ID for which to get the token.")
        c.argument("subscription_name", options_list=["--name", "-n"],
                   help="Name or ID of subscription (same as the global --subscription).")
