"""Arguments of the local principal and local federated-token commands."""


def load_arguments(loader, _command):
    with loader.argument_context("local principal") as c:
        c.argument("name", options_list=["--name", "-n"],
                   help="Principal name (for show/delete also its client ID, object ID or user name).")
        c.argument("subscription_access", options_list=["--subscription-access"], nargs="+",
                   help="Subscriptions it may use (Owner): 'default' (the built-in subscription), 'none', 'all', "
                        "or subscription IDs or names.")
    with loader.argument_context("local principal create") as c:
        c.argument("principal_type", options_list=["--type"],
                   choices=["service-principal", "managed-identity", "user"],
                   help="What to create. A managed identity gets an identity header for the /msi/token endpoint; "
                        "a user can sign in with 'azcli login' (device code or browser) once 'azcli local approve "
                        "CODE --user NAME' approves the sign-in.")
        c.argument("no_secret", options_list=["--no-secret"], action="store_true",
                   help="Do not create a client secret (default: one is created unless a certificate or "
                        "federated credential is given).")
        c.argument("create_certificate", options_list=["--create-certificate"], metavar="PEM_PATH",
                   help="Create a self-signed certificate for the principal and write it with its key to this "
                        "file (0600), for 'azcli login --service-principal --certificate'.")
        c.argument("certificate", options_list=["--certificate"], metavar="PEM_PATH",
                   help="Register the certificate in this PEM file (its public part).")
        c.argument("federated_subjects", options_list=["--federated-subject"], nargs="+",
                   help="Trust federated tokens of the local issuer with these subjects (audience "
                        "api://AzureADTokenExchange), e.g. repo:org/repo:ref:refs/heads/main.")
    with loader.argument_context("local federated-token") as c:
        c.argument("name", options_list=["--name", "-n", "--client-id"],
                   help="A principal (name or client ID) whose first federated credential gives the subject.")
        c.argument("subject", options_list=["--subject"], help="The token's subject (default: from --name).")
        c.argument("audience", options_list=["--audience"], help="Default: api://AzureADTokenExchange.")
        c.argument("lifetime", options_list=["--lifetime"], type=int, help="Seconds until it expires (300).")
        c.argument("file", options_list=["--file"], metavar="PATH",
                   help="Write the token to this file (0600) instead of printing it, as CI platforms do.")
    with loader.argument_context("local approve") as c:
        c.positional("user_code", nargs="?", metavar="USER_CODE",
                     help="The code the signing-in application shows. Without it: list the sign-ins waiting.")
        c.argument("user", options_list=["--user", "-u"],
                   help="The local user to sign in as (user name, display name or object ID). Default: the "
                        "tenant's first user (localuser@<domain>, created when the tenant has none).")
        c.argument("deny", options_list=["--deny"], action="store_true", help="Refuse the sign-in.")
