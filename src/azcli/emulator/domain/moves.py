"""Moving resources between groups (Resources_MoveResources / ValidateMoveResources).

A move is validated at once (errors answer the POST itself); a valid one is a long-running operation
and happens when it completes: each resource's row and every row below it (children, locks) get ids
under the target group. Validation's operation ends with 204 and changes nothing.
"""
import json

from . import groups, locking, lro
from .operations import Operation, Outcome
from ..common.errors import ArmError, resource_group_not_found
from ..identity import directory
from ..store import records

_GROUP_PREFIX = "/subscriptions/"


def _bad(message):
    return ArmError(400, "InvalidResourceMoveRequest", message)


def _parse_group(group_id):
    parts = [p for p in (group_id or "").split("/") if p]
    if len(parts) != 4 or parts[0].lower() != "subscriptions" or parts[2].lower() != "resourcegroups":
        raise _bad("The target resource group '%s' is not a valid resource group id." % group_id)
    return parts[1], parts[3]


def validate(ctx, db, source_name, body):
    """(source group row, target group row, resource rows) of a move request; raises ARM's errors."""
    sub_id = ctx.subscription["subscription_id"]
    source = records.get(db, groups.group_id(sub_id, source_name))
    if source is None:
        raise resource_group_not_found(source_name)
    ids = body.get("resources")
    if not isinstance(ids, list) or not ids or not all(isinstance(i, str) for i in ids):
        raise _bad("The resources to move must be a non-empty list of resource ids.")
    target_sub, target_name = _parse_group(body.get("targetResourceGroup"))
    if directory.subscription(db, target_sub) is None:
        raise ArmError(404, "SubscriptionNotFound", "The subscription '%s' could not be found." % target_sub)
    if not directory.covers(directory.scopes_of(db, ctx.principal.object_id),
                            groups.group_id(target_sub, target_name).lower()):
        raise ArmError(403, "AuthorizationFailed", "The client '%s' does not have authorization to perform action "
                       "'Microsoft.Resources/subscriptions/resourceGroups/moveResources/action' over scope '%s'."
                       % (ctx.principal.client_id or ctx.principal.object_id, body["targetResourceGroup"]))
    target = records.get(db, groups.group_id(target_sub, target_name))
    if target is None:
        raise resource_group_not_found(target_name)
    if target["id_lc"] == source["id_lc"]:
        raise _bad("The source and target resource groups are the same.")
    if target["state"] == "Deleting" or source["state"] == "Deleting":
        raise ArmError(409, "ResourceGroupBeingDeleted", "The resource group '%s' is in deprovisioning state and "
                       "cannot perform this operation." % (source if source["state"] else target)["name"])
    rows, outside = [], []
    for rid in ids:
        row = records.get(db, rid)
        if row is None:
            parts = rid.split("/")
            raise ArmError(404, "ResourceNotFound", "The Resource '%s' under resource group '%s' was not found. For "
                           "more details please go to https://aka.ms/ARMResourceNotFoundFix"
                           % ("/".join(parts[6:]), parts[4] if len(parts) > 4 else source_name))
        if row["parent_lc"] != source["id_lc"] or row["type_lc"] == locking.TYPE.lower():
            outside.append(rid)
        rows.append(row)
    if outside:
        raise _bad("The resources '%s' are not top-level resources of the source resource group '%s'."
                   % ("','".join(outside), source["name"]))
    for row in rows:
        new_lc = (target["id"] + row["id"][len(source["id"]):]).lower()
        if records.get(db, new_lc) is not None:
            raise ArmError(409, "ResourceExists", "The resource '%s' already exists in the target resource group "
                           "'%s'." % (row["name"], target["name"]), gateway=False)
    return source, target, rows


class MoveResources(Operation):
    """Move (or, with ``validate_only``, only validate moving) resources out of the group ``source_name``."""

    def __init__(self, source_name, body, validate_only=False):
        self.source_name, self.body = source_name, body
        self.kind = "validateMoveResources" if validate_only else "moveResources"

    def prepare(self, caller, db):
        self.source, self.target, self.rows = validate(caller, db, self.source_name, self.body)
        return [(row["id"], "move") for row in self.rows] + [(self.target["id"], "write")]

    def apply(self, caller, db):
        op_id = lro.start(db, caller, self.kind, self.source["id"], caller.subscription["subscription_id"],
                          location=self.source["location"],
                          params={"resources": [r["id"] for r in self.rows], "target": self.target["id"]})
        return Outcome(op_id=op_id)


def move(db, source_id, target_id, resource_id, now):
    """Rewrite resource_id and every row below it from source_id to target_id."""
    old_lc = resource_id.lower()
    source_lc, target_lc = source_id.lower(), target_id.lower()
    target_sub, target_group = target_id.split("/")[2], target_id.split("/")[4]
    rows = db.execute("SELECT * FROM resources WHERE id_lc = ? OR (id_lc >= ? AND id_lc < ?)",
                      (old_lc, old_lc + "/", old_lc + "0")).fetchall()
    for row in rows:
        new_id = target_id + row["id"][len(source_id):]
        body = json.loads(row["body"])
        if "id" in body:
            body["id"] = new_id
        parent_lc = target_lc + row["parent_lc"][len(source_lc):]
        db.execute("UPDATE resources SET id_lc = ?, id = ?, sub_lc = ?, group_lc = ?, parent_lc = ?, body = ?, "
                   "changed = ? WHERE seq = ?",
                   (new_id.lower(), new_id, target_sub.lower(), target_group.lower(), parent_lc,
                    json.dumps(body, separators=(",", ":")), now, row["seq"]))


@lro.completer("moveResources")
def _finish_move(db, op, now):
    params = json.loads(op["params"])
    source = records.get(db, op["target"])
    target = records.get(db, params["target"])
    if source is None or target is None:
        return 404, {"error": {"code": "ResourceGroupNotFound", "message": "The source or target resource group "
                               "no longer exists."}}
    for rid in params["resources"]:
        if records.get(db, rid) is not None:
            move(db, source["id"], target["id"], rid, now)
    return 204, None


@lro.completer("validateMoveResources")
def _finish_validate(db, op, now):
    return 204, None
