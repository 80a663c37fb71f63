"""Arguments of `keyvault ...` and `keyvault secret ...`, with az's names and defaults."""
import argparse

from knack.arguments import CLIArgumentType

from azcli.framework.argtypes import json_object, location_type, resource_group_name_type, tags_type

KEY_PERMISSIONS = ("all", "backup", "create", "decrypt", "delete", "encrypt", "get", "getrotationpolicy", "import",
                   "list", "purge", "recover", "release", "restore", "rotate", "setrotationpolicy", "sign",
                   "unwrapKey", "update", "verify", "wrapKey")
SECRET_PERMISSIONS = ("all", "backup", "delete", "get", "list", "purge", "recover", "restore", "set")
CERTIFICATE_PERMISSIONS = ("all", "backup", "create", "delete", "deleteissuers", "get", "getissuers", "import",
                           "list", "listissuers", "managecontacts", "manageissuers", "purge", "recover", "restore",
                           "setissuers", "update")
STORAGE_PERMISSIONS = ("all", "backup", "delete", "deletesas", "get", "getsas", "list", "listsas", "purge", "recover",
                       "regeneratekey", "restore", "set", "setsas", "update")


def three_state(value):
    """az's three-state flag: `--flag`, `--flag true|false`."""
    text = str(value).lower()
    if text in ("true", "yes", "y", "1", "on"):
        return True
    if text in ("false", "no", "n", "0", "off"):
        return False
    raise argparse.ArgumentTypeError("expected true or false, got '{}'".format(value))


def _choice(choices):
    return lambda value: next((c for c in choices if c.lower() == value.lower()), value)


def _flag(help_text):
    return CLIArgumentType(nargs="?", const="true", type=three_state, choices=[True, False], help=help_text)


def _datetime(value):
    import datetime
    try:
        parsed = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise argparse.ArgumentTypeError("expected a UTC date-time such as 2030-01-01T00:00:00Z, got '{}'"
                                         .format(value)) from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=datetime.timezone.utc)


vault_name_type = CLIArgumentType(options_list=["--name", "-n"], metavar="NAME", help="Name of the Vault.")
data_vault_type = CLIArgumentType(options_list=["--vault-name"], metavar="NAME",
                                  help="Name of the Key Vault. Required if --id is not specified.")


def _vault_arguments(loader):
    with loader.argument_context("keyvault") as c:
        c.argument("vault_name", vault_name_type)
        c.argument("resource_group_name", resource_group_name_type, required=False,
                   help="Name of resource group (found from the vault when not given).")
        c.argument("tags", tags_type)
        c.argument("location", location_type)
        for name, text in (("enabled_for_deployment", "Whether Azure Virtual Machines may retrieve certificates "
                            "stored as secrets from the key vault."),
                           ("enabled_for_disk_encryption", "Whether Azure Disk Encryption may retrieve secrets from "
                            "the vault and unwrap keys."),
                           ("enabled_for_template_deployment", "Whether Azure Resource Manager may retrieve secrets "
                            "from the key vault."),
                           ("enable_rbac_authorization", "Authorize data actions with Role Based Access Control "
                            "(access policies are then ignored). If not specified, the vault is created with true."),
                           ("enable_purge_protection", "Protection against purge for this vault and its content "
                            "(irreversible).")):
            c.argument(name, arg_type=_flag(text))
        c.argument("public_network_access", type=_choice(["Disabled", "Enabled"]), choices=["Disabled", "Enabled"],
                   help="Control permission for data plane traffic coming from public networks.")
        c.argument("retention_days", type=int, help="Soft delete data retention days. It accepts >=7 and <=90.")
        c.argument("bypass", type=_choice(["AzureServices", "None"]), choices=["AzureServices", "None"],
                   arg_group="Network Rule", help="Bypass traffic for space-separated uses.")
        c.argument("default_action", type=_choice(["Allow", "Deny"]), choices=["Allow", "Deny"],
                   arg_group="Network Rule", help="Default action to apply when no rule matches.")
        c.argument("resource_type", choices=["vault", "hsm"],
                   help="When --resource-type is not present the command lists Vaults and HSMs.")
    with loader.argument_context("keyvault create") as c:
        c.argument("resource_group_name", resource_group_name_type, required=True)
        c.argument("location", location_type, help="Location. Defaults to the resource group's location.")
        c.argument("sku", type=_choice(["premium", "standard"]), choices=["premium", "standard"],
                   help="SKU details. Default: standard.")
        c.argument("no_self_perms", arg_type=_flag("Don't add permissions for the current user/service principal in "
                                                   "the new vault."))
        c.argument("retention_days", type=int, help="Soft delete data retention days. It accepts >=7 and <=90. "
                   "Defaults to 90.")
        c.argument("network_acls", type=lambda v: json_object(v, "--network-acls"), arg_group="Network Rule",
                   help='Network ACLs: a JSON string or @file, {"ip": [...], "vnet": [subnet ids...]}.')
        c.argument("network_acls_ips", nargs="*", arg_group="Network Rule",
                   help="Network ACLs IP rules. Space-separated list of IP addresses.")
        c.argument("network_acls_vnets", nargs="*", arg_group="Network Rule",
                   help="Network ACLs VNet rules. Space-separated list of subnet resource ids.")
    for verb in ("recover", "purge"):
        with loader.argument_context("keyvault " + verb) as c:
            c.argument("vault_name", vault_name_type, help="Name of the deleted Vault.")
            c.argument("location", location_type, required=False,
                       help="Location of the deleted Vault (found from the deleted vault when not given).")
    with loader.argument_context("keyvault recover") as c:
        c.argument("resource_group_name", resource_group_name_type, required=False,
                   help="Resource group of the deleted Vault (found from the deleted vault when not given).")
    with loader.argument_context("keyvault set-policy") as c:
        c.argument("object_id", help="A GUID that identifies the principal that will receive permissions.")
        c.argument("spn", help="Name of a service principal that will receive permissions.")
        c.argument("upn", help="Name of a user principal that will receive permissions.")
        c.argument("application_id", help="Application ID of the client making request on behalf of a principal.")
        for name, choices in (("key_permissions", KEY_PERMISSIONS), ("secret_permissions", SECRET_PERMISSIONS),
                              ("certificate_permissions", CERTIFICATE_PERMISSIONS),
                              ("storage_permissions", STORAGE_PERMISSIONS)):
            kind = name.split("_")[0]
            c.argument(name, nargs="*", metavar="PERM", type=_choice(choices), choices=list(choices),
                       arg_group="Permission", help="Space-separated list of {} permissions to assign.".format(kind))


def _secret_arguments(loader):
    with loader.argument_context("keyvault secret") as c:
        c.argument("vault_name", data_vault_type)
        c.argument("name", options_list=["--name", "-n"], help="Name of the secret. Required if --id is not "
                   "specified.")
        c.argument("secret_id", options_list=["--id"], help="Id of the secret. If specified all other 'Id' "
                   "arguments should be omitted.")
        c.argument("version", options_list=["--version", "-v"], help="The secret version. If omitted, uses the "
                   "latest version.")
        c.argument("maxresults", type=int, help="Maximum number of results to return in a page. If not "
                   "specified, the service will return up to 25 results.")
    with loader.argument_context("keyvault secret set") as c:
        c.argument("vault_name", data_vault_type, required=True, help="Name of the Key Vault.")
        c.argument("name", options_list=["--name", "-n"], required=True, help="Name of the secret.")
        c.argument("value", help="Plain text secret value. Cannot be used with --file or --encoding.")
        c.argument("file_path", options_list=["--file", "-f"], arg_group="Content Source",
                   help="Source file for secret. Use in conjunction with '--encoding'.")
        c.argument("encoding", options_list=["--encoding", "-e"], choices=list(ENCODINGS_CHOICES),
                   arg_group="Content Source", help="Source file encoding. The value is saved as a tag "
                   "(`file-encoding=<val>`) and used during download to automatically encode the resulting file. "
                   "Default: utf-8.")
        c.argument("description", help="Description of the secret contents (e.g. password, connection string).")
        c.argument("disabled", arg_type=_flag("Create secret in disabled state."))
        c.argument("expires", type=_datetime, help="Expiration UTC datetime (Y-m-d'T'H:M:S'Z').")
        c.argument("not_before", type=_datetime, help="Key not usable before the provided UTC datetime "
                   "(Y-m-d'T'H:M:S'Z').")
        c.argument("tags", tags_type)
    with loader.argument_context("keyvault secret list") as c:
        c.argument("include_managed", arg_type=_flag("Include managed secrets (those of certificates). Default: "
                                                     "false."))
        c.argument("secret_id", options_list=["--id"], help="Full URI of the Vault. If specified all other 'Id' "
                   "arguments should be omitted.")
    with loader.argument_context("keyvault secret download") as c:
        c.argument("file_path", options_list=["--file", "-f"], required=True,
                   help="File to receive the secret contents.")
        c.argument("encoding", options_list=["--encoding", "-e"], choices=list(ENCODINGS_CHOICES),
                   help="Encoding of the secret. By default, will look for the 'file-encoding' tag on the secret. "
                   "Otherwise will assume 'utf-8'.")


ENCODINGS_CHOICES = ("ascii", "base64", "hex", "utf-16be", "utf-16le", "utf-8")


def load_arguments(loader, _command):
    _vault_arguments(loader)
    _secret_arguments(loader)
