"""Role definitions and role assignments (Microsoft.Authorization) on the wire, at every scope: a
subscription, a group, a resource (``{scope}/providers/Microsoft.Authorization/...``), a management
group and the tenant root. Writes go through the domain (PutResource/DeleteResource of the assignment
row, checked by rp/authorization.py and RBAC); documents come from domain/authorization.py.
Below a subscription the wire checks access (wire/app.py); above it, these handlers do: the tenant
root's owners (domain/managementgroups.owns_root) or a role that allows the action there.
"""
from ..common.errors import ArmError, authorization_failed, resource_group_not_found
from ..domain import authorization, managementgroups, rbac, resources
from ..domain.operations import execute
from ..domain.resource_writes import DeleteResource, PutResource
from ..store import records
from ..wire.http import empty, json_response

ACTION = "Microsoft.Authorization/roleAssignments/"
DEFINITIONS_READ = "Microsoft.Authorization/roleDefinitions/read"
_MARKERS = {"assignments": "/providers/microsoft.authorization/roleassignments",
            "definitions": "/providers/microsoft.authorization/roledefinitions"}


def _split(ctx, kind):
    """(scope as written, "" for the tenant root; the name after the collection or None) of the path."""
    path = "/" + "/".join(p for p in ctx.request.path.split("/") if p)
    at = path.lower().rindex(_MARKERS[kind])
    return path[:at], path[at + len(_MARKERS[kind]) + 1:] or None


def _check_scope(ctx, db, scope, action):
    """Above subscriptions: the caller's access (below, wire/app.py checked it). A group scope must exist."""
    parts = [p for p in scope.split("/") if p]
    if parts and parts[0].lower() == "subscriptions":
        if len(parts) >= 4 and records.get(db, "/" + "/".join(parts[:4])) is None:
            raise resource_group_not_found(parts[3])
        return
    principal = ctx.principal
    if not (managementgroups.owns_root(db, principal, principal.tenant_id) or rbac.permits(db, principal, action,
                                                                                         scope)):
        raise authorization_failed(principal, action, scope or "/")


def _target(scope, name):
    return resources.Target.parse(scope + authorization.ASSIGNMENTS + name)


def list_assignments(ctx, **params):
    scope, _ = _split(ctx, "assignments")
    db = ctx.store.read()
    _check_scope(ctx, db, scope, ACTION + "read")
    return json_response({"value": authorization.list_assignments(db, scope or "/", ctx.args.get("$filter"))})


def get_assignment(ctx, **params):
    scope, name = _split(ctx, "assignments")
    db = ctx.store.read()
    _check_scope(ctx, db, scope, ACTION + "read")
    found = authorization.find(db, scope, name)
    if found is None:
        raise ArmError(404, "RoleAssignmentNotFound", "The role assignment '%s' is not found." % name, gateway=False)
    return json_response(authorization.document_of(db, found))


def put_assignment(ctx, **params):
    scope, name = _split(ctx, "assignments")
    _check_scope(ctx, ctx.store.read(), scope, ACTION + "write")
    body = ctx.json_body()
    if not isinstance(body.get("properties"), dict):
        raise ArmError(400, "InvalidRequestContent", "The request content was invalid and could not be "
                       "deserialized: 'Required property 'properties' not found in JSON.'")
    found = authorization.find(ctx.store.read(), scope, name)
    if found is not None and found[0] == "access":
        raise ArmError(409, "RoleAssignmentExists", "The role assignment already exists.", gateway=False)
    done = execute(ctx, PutResource(_target(scope, name), body))
    return json_response(authorization.assignment_document(done.doc), 201 if done.created else 200)


def delete_assignment(ctx, **params):
    scope, name = _split(ctx, "assignments")
    _check_scope(ctx, ctx.store.read(), scope, ACTION + "delete")
    with ctx.store.write() as db:
        found = authorization.find(db, scope, name)
        if found is None:
            return empty(204)
        doc = authorization.document_of(db, found)
        if found[0] == "row":
            execute(ctx, DeleteResource(_target(scope, name)), db)
        else:
            execute(ctx, authorization.DeleteAccess(found[1]), db)
    return json_response(doc)


def list_definitions(ctx, **params):
    scope, _ = _split(ctx, "definitions")
    return json_response({"value": authorization.list_definitions(scope, ctx.args.get("$filter"))})


def get_definition(ctx, **params):
    scope, role_id = _split(ctx, "definitions")
    return json_response(authorization.get_definition(scope, role_id))


def register(router):
    sub = "/subscriptions/{subscriptionId}"
    mg = "/providers/Microsoft.Management/managementGroups/{groupId}"
    for base in (sub, sub + "/{scope*}", mg, ""):
        assignments = base + "/providers/Microsoft.Authorization/roleAssignments"
        router.add("GET", assignments, list_assignments, action=ACTION + "read")
        router.add("GET", assignments + "/{roleAssignmentName}", get_assignment, action=ACTION + "read")
        router.add("PUT", assignments + "/{roleAssignmentName}", put_assignment, action=ACTION + "write")
        router.add("DELETE", assignments + "/{roleAssignmentName}", delete_assignment, action=ACTION + "delete")
        definitions = base + "/providers/Microsoft.Authorization/roleDefinitions"
        router.add("GET", definitions, list_definitions, action=DEFINITIONS_READ)
        router.add("GET", definitions + "/{roleDefinitionId}", get_definition, action=DEFINITIONS_READ)
