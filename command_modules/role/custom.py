"""Custom functions for `azcli role definition|assignment ...`.

Without Microsoft Graph, `--assignee` is resolved in the local cloud through its directory (a
principal's name, client id, object id or user name); elsewhere it must be an object id (or use
`--assignee-object-id`, as az recommends for automation).
"""
import re

from azcli.errors import InvalidArgumentValueError, RequiredArgumentMissingError, ResourceNotFoundError

DEFINITIONS = "/providers/Microsoft.Authorization/roleDefinitions/"
_GUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.IGNORECASE)


def _subscription_scope(cmd):
    from azcli.session.clients import get_context
    return "/subscriptions/" + get_context(cmd.cli_ctx).subscription_id


def _scope(cmd, scope=None, resource_group_name=None):
    if scope and resource_group_name:
        raise InvalidArgumentValueError("Resource group '{}' is redundant because 'scope' is supplied."
                                        .format(resource_group_name))
    if scope:
        return "/" + scope.strip("/")
    base = _subscription_scope(cmd)
    return base + "/resourceGroups/" + resource_group_name if resource_group_name else base


def _definitions(cmd):
    from ._client_factory import authorization_client
    return authorization_client(cmd.cli_ctx).role_definitions


def _role_id(cmd, role, scope):
    """A role (name, GUID or full id) -> its role definition id."""
    if role.lower().startswith("/") and DEFINITIONS.lower() in role.lower():
        return role
    if _GUID.match(role):
        return _subscription_scope(cmd) + DEFINITIONS + role
    found = list(_definitions(cmd).list(scope, filter="roleName eq '{}'".format(role.replace("'", "''"))))
    if not found:
        raise ResourceNotFoundError("Role '{}' doesn't exist.".format(role))
    return found[0].id


def list_role_definitions(client, cmd, name=None, custom_role_only=False, scope=None, resource_group_name=None):
    """List role definitions (the built-in roles, in the local cloud)."""
    scope = _scope(cmd, scope, resource_group_name)
    if name and _GUID.match(name):
        return [client.get(scope, name)]
    query = "roleName eq '{}'".format(name.replace("'", "''")) if name else None
    roles = client.list(scope, filter=query)
    if custom_role_only:
        return [r for r in roles if (r.role_type or "").lower() == "customrole"]
    return roles


def show_role_definition(client, cmd, name, scope=None, resource_group_name=None):
    """Show a role definition by name or id (exit code 3 when there is none)."""
    found = list_role_definitions(client, cmd, name, scope=scope, resource_group_name=resource_group_name)
    found = list(found)
    if not found:
        raise ResourceNotFoundError("Role definition '{}' doesn't exist.".format(name))
    return found[0]


def _local_principal(cmd, assignee):
    from azcli.session import clouds
    if not clouds.active_cloud(cmd.cli_ctx).in_process:
        return None
    from azcli import emulator
    try:
        return emulator.show_principal(cmd.cli_ctx.config_dir, assignee)
    except emulator.NotFoundError:
        raise ResourceNotFoundError("Cannot find user or service principal in graph database for '{}'."
                                    .format(assignee)) from None


def _assignee(cmd, assignee):
    """(object id, principal type or None, display name or None) of --assignee."""
    found = _local_principal(cmd, assignee)
    if found is not None:
        kind = {"User": "User"}.get(found["type"], "ServicePrincipal")
        return found["objectId"], kind, found.get("userPrincipalName") or found.get("clientId") or found["name"]
    if _GUID.match(assignee):
        return assignee, None, None
    raise InvalidArgumentValueError("Cannot resolve '{}' without Microsoft Graph: pass an object id (or use "
                                    "--assignee-object-id).".format(assignee))


def create_role_assignment(client, cmd, role, assignee=None, assignee_object_id=None, assignee_principal_type=None,
                           scope=None, resource_group_name=None, description=None):
    """Create a role assignment for a user, group or service principal (managed identities included)."""
    import uuid
    from azure.mgmt.authorization.models import RoleAssignmentCreateParameters
    if bool(assignee) == bool(assignee_object_id):
        raise RequiredArgumentMissingError("Provide exactly one of --assignee and --assignee-object-id.")
    scope = _scope(cmd, scope, resource_group_name)
    if assignee_object_id:
        object_id, kind = assignee_object_id, assignee_principal_type
    else:
        object_id, kind, _ = _assignee(cmd, assignee)
        kind = assignee_principal_type or kind
    parameters = RoleAssignmentCreateParameters(role_definition_id=_role_id(cmd, role, scope), principal_id=object_id,
                                                principal_type=kind, description=description)
    return client.create(scope, str(uuid.uuid4()), parameters)


def _matching(client, cmd, assignee=None, role=None, scope=None, resource_group_name=None, include_inherited=False,
              show_all=False):
    if show_all and (scope or resource_group_name):
        raise InvalidArgumentValueError("--all can't be used with --scope or --resource-group.")
    scope = _scope(cmd, scope, resource_group_name)
    name = object_id = None
    if assignee:
        object_id, _, name = _assignee(cmd, assignee)
    terms = [] if show_all else ["atScope()"]
    if object_id:
        terms.append("principalId eq '{}'".format(object_id))
    found = client.list_for_scope(_subscription_scope(cmd) if show_all else scope, filter=" and ".join(terms) or None)
    role_guid = _role_id(cmd, role, scope).rsplit("/", 1)[-1].lower() if role else None
    out = []
    for item in found:
        if not (show_all or include_inherited) and item.scope.lower().rstrip("/") != scope.lower():
            continue
        if role_guid and item.role_definition_id.rsplit("/", 1)[-1].lower() != role_guid:
            continue
        out.append((item, name))
    return out


def list_role_assignments(client, cmd, assignee=None, role=None, scope=None, resource_group_name=None,
                          include_inherited=False, show_all=False):
    """List role assignments (at the scope; with --include-inherited also above it; --all: everywhere)."""
    from azcli.framework.results import add_resource_group, todict
    names = {r.id.rsplit("/", 1)[-1].lower(): r.role_name for r in _definitions(cmd).list(_subscription_scope(cmd))}
    out = []
    for item, principal_name in _matching(client, cmd, assignee, role, scope, resource_group_name, include_inherited,
                                          show_all):
        doc = add_resource_group(todict(item))
        doc["principalName"] = principal_name or _display_name(cmd, item.principal_id)
        doc["roleDefinitionName"] = names.get(item.role_definition_id.rsplit("/", 1)[-1].lower())
        out.append(dict(sorted(doc.items())))
    return out


def _display_name(cmd, object_id):
    from azcli.session import clouds
    if not clouds.active_cloud(cmd.cli_ctx).in_process:
        return None
    from azcli import emulator
    try:
        found = emulator.show_principal(cmd.cli_ctx.config_dir, object_id)
    except emulator.NotFoundError:
        return None
    return found.get("userPrincipalName") or found.get("clientId") or found["name"]


def delete_role_assignments(client, cmd, ids=None, assignee=None, role=None, scope=None, resource_group_name=None,
                            include_inherited=False, yes=False):
    """Delete role assignments by id, or those matching --assignee/--role at the scope."""
    if ids:
        if assignee or role or scope or resource_group_name:
            raise InvalidArgumentValueError("When assignment ids are used, other parameter values are not required.")
        for assignment_id in ids:
            client.delete_by_id(assignment_id)
        return None
    matched = _matching(client, cmd, assignee, role, scope, resource_group_name, include_inherited)
    if not matched:
        from knack.log import get_logger
        get_logger(__name__).warning("No matched assignments were found to delete")
        return None
    for item, _ in matched:
        client.delete_by_id(item.id)
    return None
