"""Key Vault's own management operations beyond a vault's PUT/PATCH/DELETE: deleted vaults (list, get,
purge), name availability and access-policy edits (rp/keyvault.py has the vault type, its soft delete and
the rules of its names)."""
import json

from . import lro, resources
from .operations import Operation, Outcome
from ..common.errors import ArmError
from ..common.values import iso
from ..rp import keyvault
from ..store import records

NAMESPACE = "Microsoft.KeyVault"
PERMISSION_KINDS = ("keys", "secrets", "certificates", "storage")


def deleted_vault_not_found(name):
    return ArmError(404, "ResourceNotFound", "The Resource 'Microsoft.KeyVault/deletedVaults/%s' under resource "
                    "group '<null>' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix"
                    % name, gateway=False)


def list_deleted(db, caller):
    return keyvault.deleted_rows(db, caller.now, sub_lc=caller.subscription["sub_lc"])


def get_deleted(db, caller, location, name):
    for row in keyvault.deleted_rows(db, caller.now, sub_lc=caller.subscription["sub_lc"], name=name):
        if (row["location"] or "").lower() == location.replace(" ", "").lower():
            return row
    raise deleted_vault_not_found(name)


def check_name(db, caller, name, type_):
    """The answer of checkNameAvailability for a vault name."""
    if (type_ or "").lower() != keyvault.VAULT_TYPE_LC:
        raise ArmError(400, "InvalidResourceType", "The resource type '%s' is not valid; expected "
                       "'Microsoft.KeyVault/vaults'." % type_, gateway=False)
    rule = keyvault.Vault.name_rule
    if not isinstance(name, str) or not rule[0].match(name):
        return {"nameAvailable": False, "reason": "AccountNameInvalid", "message": rule[2] % name}
    if keyvault.vault_named(db, name) is not None:
        return {"nameAvailable": False, "reason": "AlreadyExists",
                "message": "The vault name '%s' is already in use." % name}
    if keyvault.deleted_rows(db, caller.now, name=name):
        return {"nameAvailable": False, "reason": "AlreadyExists", "message": "The vault name '%s' is in use by a "
                "vault in deleted state. Recover or purge it to use the name." % name}
    return {"nameAvailable": True}


class PurgeDeletedVault(Operation):
    """POST .../locations/{loc}/deletedVaults/{name}/purge: 202, the name is free when the operation settles."""

    def __init__(self, location, name):
        self.location, self.name = location, name

    def resolve(self, caller, db):
        self.row = get_deleted(db, caller, self.location, self.name)
        return NAMESPACE

    def prepare(self, caller, db):
        if json.loads(self.row["body"])["properties"].get("purgeProtectionEnabled"):
            raise ArmError(409, "Conflict", "Operation 'purge' is not allowed: the deleted vault '%s' has purge "
                           "protection enabled; it is purged when its retention period ends." % self.name,
                           gateway=False)
        return []

    def apply(self, caller, db):
        op_id = lro.start(db, caller, "keyVaultPurge", self.row["id"], caller.subscription["subscription_id"],
                          location=self.row["location"])
        return Outcome(op_id=op_id, status=202, location=self.row["location"])


@lro.completer("keyVaultPurge")
def _finish_purge(db, op, now):
    db.execute("DELETE FROM resources WHERE id_lc = ?", (op["target_lc"],))
    stamp = iso(op["started"]).replace("T", " ").split(".")[0] + "Z"
    return 200, {"createdDateTime": stamp, "lastActionDateTime": iso(now).replace("T", " ").split(".")[0] + "Z",
                 "status": "Succeeded"}


def _same_entry(a, b):
    return all((a.get(k) or "").lower() == (b.get(k) or "").lower() for k in ("tenantId", "objectId", "applicationId"))


def _merge(policies, kind, changes):
    """Access policies after an add, replace or remove of changes (lists of AccessPolicyEntry)."""
    policies = [json.loads(json.dumps(p)) for p in policies]
    for change in changes:
        found = next((p for p in policies if _same_entry(p, change)), None)
        wanted = change.get("permissions") or {}
        if kind == "add":
            if found is None:
                policies.append(change)
                continue
            for perm in PERMISSION_KINDS:
                have = found.setdefault("permissions", {}).setdefault(perm, [])
                have += [p for p in wanted.get(perm) or [] if p.lower() not in [h.lower() for h in have]]
        elif kind == "replace":
            if found is None:
                policies.append(change)
            else:
                found["permissions"] = wanted
        elif found is not None:
            for perm in PERMISSION_KINDS:
                drop = [p.lower() for p in wanted.get(perm) or []]
                found.setdefault("permissions", {})[perm] = [p for p in found["permissions"].get(perm) or []
                                                             if p.lower() not in drop]
            if not any(found["permissions"].get(perm) for perm in PERMISSION_KINDS):
                policies.remove(found)
    return policies


class UpdateAccessPolicies(Operation):
    """PUT {vault}/accessPolicies/{add|replace|remove} {"properties": {"accessPolicies": [...]}}."""

    def __init__(self, target, kind, body):
        self.target, self.kind, self.body = target, kind.lower(), body

    def resolve(self, caller, db):
        resources.resolve(caller, self.target)
        self.row = resources.existing_row(db, caller, self.target)
        return NAMESPACE

    def prepare(self, caller, db):
        if self.kind not in ("add", "replace", "remove"):
            raise ArmError(400, "BadRequest", "The access policy update kind '%s' is invalid: use add, replace or "
                           "remove." % self.kind, gateway=False)
        changes = ((self.body or {}).get("properties") or {}).get("accessPolicies")
        if not isinstance(changes, list) or not all(isinstance(c, dict) and c.get("objectId") for c in changes):
            raise ArmError(400, "BadRequest", "The request must have properties.accessPolicies: a list of access "
                           "policy entries with tenantId, objectId and permissions.", gateway=False)
        self.changes = changes
        return [(self.row["id"], "write")]

    def apply(self, caller, db):
        doc = json.loads(self.row["body"])
        props = doc.setdefault("properties", {})
        props["accessPolicies"] = _merge(props.get("accessPolicies") or [], self.kind, self.changes)
        records.update_body(db, self.row, doc, caller.now)
        body = {"id": self.row["id"] + "/accessPolicies/" + self.kind, "name": self.kind,
                "type": "Microsoft.KeyVault/vaults/accessPolicies", "location": self.row["location"],
                "properties": {"accessPolicies": props["accessPolicies"]}}
        return Outcome(doc, body=body)
