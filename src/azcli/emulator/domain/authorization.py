"""Role definitions and role assignments as ARM serves them (Microsoft.Authorization 2022-04-01).

Role definitions are the built-in roles (rp/roles.py), served at every scope: below a subscription
their id is the subscription's (``/subscriptions/{id}/providers/Microsoft.Authorization/
roleDefinitions/{guid}``), above it the tenant's. Role assignments are the rows rp/authorization.py
checks, plus the directory's ``access`` rows, served as assignments of their role with a stable name
(a UUID derived from principal and scope) that ``DELETE`` removes like any other - except the built-in
principal's Owner of its subscription, which keeps the local cloud administrable. See rbac.py for
what assignments allow.
"""
import json
import re

from . import rbac
from .operations import Operation, Outcome
from ..common.errors import ArmError
from ..common.values import iso
from ..rp import authorization as assignments
from ..rp import roles
from ..store.db import get_meta

DEFINITIONS = "/providers/Microsoft.Authorization/roleDefinitions/"
ASSIGNMENTS = "/providers/Microsoft.Authorization/roleAssignments/"
DEFINITION_TYPE = "Microsoft.Authorization/roleDefinitions"
_NAMESPACE = "6f1c3e9a-52b4-4c0e-9a51-7a0b8c2d1e43"
_PROPERTY_ORDER = ("roleDefinitionId", "principalId", "principalType", "scope", "condition", "conditionVersion",
                   "createdOn", "updatedOn", "createdBy", "updatedBy", "delegatedManagedIdentityResourceId",
                   "description")


def _prefix(scope):
    """The scope role definition ids hang off: the subscription of a scope below one, else the tenant."""
    parts = [p for p in (scope or "").split("/") if p]
    return "/subscriptions/" + parts[1] if len(parts) >= 2 and parts[0].lower() == "subscriptions" else ""


# --- role definitions -----------------------------------------------------------------------------

def definition_document(role, scope):
    return {"properties": {
        "roleName": role.role_name, "type": "BuiltInRole", "description": role.description, "assignableScopes": ["/"],
        "permissions": [{"actions": list(role.actions), "notActions": list(role.not_actions),
                         "dataActions": list(role.data_actions), "notDataActions": list(role.not_data_actions)}],
        "createdOn": role.created_on, "updatedOn": role.updated_on, "createdBy": None, "updatedBy": None},
        "id": _prefix(scope) + DEFINITIONS + role.name, "type": DEFINITION_TYPE, "name": role.name}


_DEFINITION_FILTER = re.compile(r"^\s*(roleName|type)\s+eq\s+'((?:[^']|'')*)'\s*$", re.IGNORECASE)


def list_definitions(scope, filter_text=None):
    """The definitions a GET .../roleDefinitions answers ($filter: roleName eq '...', type eq '...')."""
    found = list(roles.ROLES)
    if filter_text and filter_text.strip():
        m = _DEFINITION_FILTER.match(filter_text)
        if m is None:
            raise ArmError(400, "InvalidFilter", "The filter '%s' is not supported. Supported filters are "
                           "\"roleName eq '{name}'\" and \"type eq 'BuiltInRole|CustomRole'\"." % filter_text)
        value = m.group(2).replace("''", "'").lower()
        if m.group(1).lower() == "rolename":
            found = [r for r in found if r.role_name.lower() == value]
        elif value != "builtinrole":
            found = []
    return [definition_document(r, scope) for r in found]


def get_definition(scope, role_id):
    role = roles.by_id(role_id)
    if role is None:
        raise ArmError(404, "RoleDefinitionDoesNotExist", "The role definition '%s' could not be found." % role_id,
                       gateway=False)
    return definition_document(role, scope)


# --- role assignments -------------------------------------------------------------------------------

def assignment_document(doc):
    """A role assignment as ARM serves it: properties in ARM's order, no provisioningState or systemData;
    unset ones are left out (the spec declares them strings, not nullable)."""
    props = doc.get("properties") or {}
    return {"properties": {k: props[k] for k in _PROPERTY_ORDER if props.get(k) is not None}, "id": doc["id"],
            "type": assignments.TYPE, "name": doc["name"]}


def access_name(object_lc, scope_lc):
    import uuid
    return str(uuid.uuid5(uuid.UUID(_NAMESPACE), "%s|%s" % (object_lc, scope_lc.rstrip("/") or "/")))


def access_document(db, row):
    """An ``access`` row served as the role assignment it stands for."""
    return assignment_document(_access_doc(db, row))


def _access_doc(db, row):
    scope = row["scope"].rstrip("/") or "/"
    role = roles.by_name(row["role"]) or roles.by_name("Owner")
    name = access_name(row["object_lc"], row["scope_lc"])
    principal = db.execute("SELECT object_id FROM principals WHERE object_lc = ?", (row["object_lc"],)).fetchone()
    object_id = principal["object_id"] if principal is not None else row["object_lc"]
    return {"properties": {
        "roleDefinitionId": _prefix(scope) + DEFINITIONS + role.name, "principalId": object_id,
        "principalType": assignments.principal_type(db, object_id), "scope": scope, "condition": None,
        "conditionVersion": None, "createdOn": iso(row["created"]), "updatedOn": iso(row["created"]),
        "createdBy": None, "updatedBy": None, "delegatedManagedIdentityResourceId": None, "description": None},
        "id": (scope if scope != "/" else "") + ASSIGNMENTS + name, "type": assignments.TYPE, "name": name}


def find(db, scope, name):
    """("row", resources row) or ("access", access row) of the assignment name at scope, or None."""
    scope_lc = rbac.normalize(scope)
    row = db.execute("SELECT * FROM resources WHERE id_lc = ?", (scope_lc + ASSIGNMENTS.lower() + name.lower(),)
                     ).fetchone()
    if row is not None:
        return "row", row
    for access in db.execute("SELECT * FROM access WHERE scope_lc = ? OR scope_lc = ?", (scope_lc or "/", scope_lc)):
        if access_name(access["object_lc"], access["scope_lc"]) == name.lower():
            return "access", access
    return None


def document_of(db, found):
    kind, row = found
    return assignment_document(json.loads(row["body"])) if kind == "row" else access_document(db, row)


_TERM = re.compile(r"^\s*(?:(atscope)\(\s*\)|principalid\s+eq\s+'([^']*)'|assignedto\(\s*'([^']*)'\s*\))\s*$",
                   re.IGNORECASE)


def _parse_filter(text):
    """(at or above only, principal id or None) of a role assignments $filter."""
    at_scope, principal = False, None
    for term in re.split(r"\s+and\s+", (text or "").strip(), flags=re.IGNORECASE) if (text or "").strip() else ():
        m = _TERM.match(term)
        if m is None:
            raise ArmError(400, "InvalidFilter", "The filter '%s' is not supported. Supported filters are "
                           "'atScope()', \"principalId eq '{id}'\" and \"assignedTo('{id}')\"." % text)
        at_scope = at_scope or bool(m.group(1))
        principal = m.group(2) or m.group(3) or principal
    return at_scope, principal


def list_assignments(db, scope, filter_text=None):
    """What GET {scope}/.../roleAssignments answers: at, above and below the scope (atScope(): at and above),
    of one principal with principalId eq / assignedTo."""
    at_scope, principal = _parse_filter(filter_text)
    target = rbac.normalize(scope)

    def wanted(grant_lc, object_lc):
        if principal is not None and object_lc != principal.lower():
            return False
        return rbac._covers(grant_lc, target) or (not at_scope and grant_lc.startswith(target + "/"))
    out = [access_document(db, r) for r in db.execute("SELECT * FROM access ORDER BY created")
           if wanted(rbac.normalize(r["scope_lc"]), r["object_lc"])]
    for row in db.execute("SELECT * FROM resources WHERE type_lc = ? ORDER BY seq", (rbac.ASSIGNMENT_TYPE_LC,)):
        doc = json.loads(row["body"])
        if wanted(rbac.normalize(row["parent_lc"]), (doc["properties"].get("principalId") or "").lower()):
            out.append(assignment_document(doc))
    return out


class DeleteAccess(Operation):
    """DELETE of an assignment that is an ``access`` row: the row goes."""

    def __init__(self, row):
        self.row = row

    def prepare(self, caller, db):
        builtin = (get_meta(db, "builtin_object") or "").lower()
        sub = "/subscriptions/" + (get_meta(db, "builtin_subscription") or "").lower()
        if self.row["object_lc"] == builtin and self.row["scope_lc"] == sub:
            raise ArmError(409, "RoleAssignmentNotDeletable", "The built-in principal's Owner assignment of the "
                           "built-in subscription cannot be deleted in the local cloud.", gateway=False)
        self.doc = access_document(db, self.row)
        return [(self.doc["id"], "delete")]

    def apply(self, caller, db):
        db.execute("DELETE FROM access WHERE object_lc = ? AND scope_lc = ?", (self.row["object_lc"],
                                                                               self.row["scope_lc"]))
        return Outcome(self.doc, status=200)
