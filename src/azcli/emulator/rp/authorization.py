"""Microsoft.Authorization/roleAssignments: a role given to a principal at a scope.

However it is made - ``PUT .../providers/Microsoft.Authorization/roleAssignments/{guid}`` at any scope
(arm/authorization.py), a template's resource (the deployment engine's PutResource) - the assignment
is its row of ``resources``, and that row is what domain/rbac.py grants from: it takes effect in the
write's transaction and goes away with its row (a DELETE, the deletion of its scope). This entry checks
an assignment as ARM does (a GUID name, a known role, no second assignment of the same role to the same
principal at the same scope, no change of principal, role or scope) and completes its properties.
"""
import json

from . import ResourceType, name_rule, roles
from ..common.errors import ArmError
from ..common.values import iso
from ..identity import directory

TYPE = "Microsoft.Authorization/roleAssignments"
SEGMENT = "/providers/microsoft.authorization/roleassignments/"
PRINCIPAL_TYPES = {"User": "User", "ServicePrincipal": "ServicePrincipal", "ManagedIdentity": "ServicePrincipal"}
_GUID = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"


def scope_of(assignment_id):
    """The scope of an assignment id, as written ("/" for the tenant root)."""
    return assignment_id[:assignment_id.lower().rindex(SEGMENT)] or "/"


def role_definition_missing(role_definition_id):
    guid = (role_definition_id or "").rstrip("/").rsplit("/", 1)[-1]
    return ArmError(400, "RoleDefinitionDoesNotExist", "The specified role definition with ID '%s' does not "
                    "exist." % guid, gateway=False)


def principal_type(db, object_id):
    principal = directory.principal_by_object(db, object_id)
    return PRINCIPAL_TYPES.get(principal.kind, "ServicePrincipal") if principal is not None else "User"


class RoleAssignment(ResourceType):
    type = TYPE
    name_rule = name_rule(_GUID, "InvalidRoleAssignmentId",
                          "The role assignment ID '%s' is not valid. The role assignment ID must be a GUID.")

    def complete(self, doc, old_properties, caller):
        given = doc["properties"]
        for key in ("roleDefinitionId", "principalId"):
            if not isinstance(given.get(key), str) or not given[key]:
                raise ArmError(400, "InvalidRoleAssignmentRequest" if key == "principalId" else
                               "InvalidRoleDefinitionId", "The role assignment request must have a '%s'." % key,
                               gateway=False)
        if roles.by_id(given["roleDefinitionId"]) is None:
            raise role_definition_missing(given["roleDefinitionId"])
        if old_properties and (roles.by_id(old_properties["roleDefinitionId"]) is not roles.by_id(
                given["roleDefinitionId"]) or old_properties["principalId"].lower() != given["principalId"].lower()):
            raise ArmError(400, "RoleAssignmentUpdateNotPermitted", "Tenant ID, application ID, principal ID, and "
                           "scope are not allowed to be updated.", gateway=False)
        who = caller.principal.object_id
        doc["properties"] = {
            "roleDefinitionId": given["roleDefinitionId"], "principalId": given["principalId"],
            "principalType": given.get("principalType") or old_properties.get("principalType"),
            "scope": scope_of(doc["id"]), "condition": given.get("condition"),
            "conditionVersion": given.get("conditionVersion") or ("2.0" if given.get("condition") else None),
            "createdOn": old_properties.get("createdOn") or iso(caller.now), "updatedOn": iso(caller.now),
            "createdBy": old_properties.get("createdBy") or who, "updatedBy": who,
            "delegatedManagedIdentityResourceId": given.get("delegatedManagedIdentityResourceId"),
            "description": given.get("description")}

    def created(self, db, caller, doc):
        props = doc["properties"]
        if props["principalType"] is None:
            props["principalType"] = principal_type(db, props["principalId"])
        role = roles.by_id(props["roleDefinitionId"])
        scope_lc = props["scope"].lower().rstrip("/")
        for row in db.execute("SELECT body FROM resources WHERE type_lc = ? AND parent_lc = ? AND "
                              "lower(json_extract(body, '$.properties.principalId')) = ?",
                              (TYPE.lower(), scope_lc, props["principalId"].lower())):
            if roles.by_id(json.loads(row["body"])["properties"]["roleDefinitionId"]) is role:
                raise _exists()
        for row in db.execute("SELECT scope_lc, role FROM access WHERE object_lc = ?", (props["principalId"].lower(),)):
            if (row["scope_lc"].rstrip("/") == scope_lc) and (roles.by_name(row["role"]) or roles.by_name("Owner")) \
                    is role:
                raise _exists()


def _exists():
    return ArmError(409, "RoleAssignmentExists", "The role assignment already exists.", gateway=False)


TYPES = [RoleAssignment()]
