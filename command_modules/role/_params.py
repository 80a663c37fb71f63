"""Arguments of `role ...`, with az's names."""
from azcli.framework.argtypes import resource_group_name_type

PRINCIPAL_TYPES = ["User", "Group", "ServicePrincipal", "ForeignGroup"]


def load_arguments(loader, _command):
    with loader.argument_context("role") as c:
        c.argument("scope", options_list=["--scope"],
                   help="Scope at which the role assignment or definition applies to, e.g., "
                        "/subscriptions/0b1f6471-1bf0-4dda-aec3-111122223333, "
                        "/subscriptions/0b1f6471-1bf0-4dda-aec3-111122223333/resourceGroups/myGroup, or "
                        "/subscriptions/0b1f6471-1bf0-4dda-aec3-111122223333/resourceGroups/myGroup/providers/"
                        "Microsoft.Compute/virtualMachines/myVM (default: the subscription).")
        c.argument("resource_group_name", resource_group_name_type,
                   help="Use it only if the role or assignment was added at the level of a resource group.")
    with loader.argument_context("role definition") as c:
        c.argument("custom_role_only", options_list=["--custom-role-only"], action="store_true",
                   help="Custom roles only (vs. build-in ones).")
    with loader.argument_context("role definition list") as c:
        c.argument("name", options_list=["--name", "-n"], help="A role's name (e.g. Reader) or id.")
    with loader.argument_context("role definition show") as c:
        c.argument("name", options_list=["--name", "-n"], help="A role's name (e.g. Reader) or id (a GUID).")
    with loader.argument_context("role assignment") as c:
        c.argument("role", options_list=["--role"],
                   help="Role name or id (a GUID or a full role definition id).")
        c.argument("assignee", options_list=["--assignee"],
                   help="Represent a user or service principal. Supported format: object id, user sign-in name, "
                        "or service principal name (in the local cloud: a principal's name, client id, object "
                        "id or user name).")
        c.argument("include_inherited", options_list=["--include-inherited"], action="store_true",
                   help="Include assignments applied on parent scopes.")
    with loader.argument_context("role assignment create") as c:
        c.argument("assignee_object_id", options_list=["--assignee-object-id"],
                   help="Use this parameter instead of '--assignee' to bypass Graph API invocation in case of "
                        "insufficient privileges. This parameter only works with object ids for users, groups, "
                        "service principals, and managed identities.")
        c.argument("assignee_principal_type", options_list=["--assignee-principal-type"], choices=PRINCIPAL_TYPES,
                   help="Use with --assignee-object-id to avoid errors caused by propagation latency in Microsoft "
                        "Graph.")
        c.argument("description", options_list=["--description"], help="Description of role assignment.")
    with loader.argument_context("role assignment list") as c:
        c.argument("show_all", options_list=["--all"], action="store_true",
                   help="Show all assignments under the current subscription (at, above and below every scope).")
    with loader.argument_context("role assignment delete") as c:
        c.argument("ids", options_list=["--ids"], nargs="+",
                   help="Space-separated role assignment ids.")
        c.argument("yes", options_list=["--yes", "-y"], action="store_true",
                   help="Currently no-op (az's flag).")
