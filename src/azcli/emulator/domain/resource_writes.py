"""Writes of resources below a group: create/update (PUT), PATCH, DELETE and POST actions.

What differs per type (computed properties, long-running style, actions) comes from the registry
(rp/); the checks every write needs come from operations.execute.
"""
import json

from . import lro, resources
from .operations import Operation, Outcome
from .. import rp
from ..common.errors import ArmError, invalid_request_content, invalid_resource_type
from ..rp import catalog
from ..store import records
from ..store import db as store


def _being_deleted(row):
    return ArmError(409, "Conflict", "The resource '%s' is being deleted." % row["id"], gateway=False)


def _start(db, caller, kind, row_id, location, params=None):
    sub_id = caller.subscription["subscription_id"] if caller.subscription is not None else ""
    return lro.start(db, caller, kind, row_id, sub_id, params=params,
                     location=location or "westus")


class PutResource(Operation):
    """Create or update ``target`` (a resources.Target) from a PUT body."""

    def __init__(self, target, body):
        self.target, self.body = target, body

    def resolve(self, caller, db):
        location = self.body.get("location") if isinstance(self.body.get("location"), str) else None
        self.entry, self.canonical, self.rt = resources.resolve(caller, self.target, location)
        self.group = resources.group_row(db, caller, self.target, for_write=True)
        # Registration is per subscription: tenant and management group resources need none.
        return self.entry["namespace"] if caller.subscription is not None else None

    def prepare(self, caller, db):
        self.parent = resources.parent_row(db, self.target)
        self.existing = existing = records.get(db, self.target.id_lc())
        if existing is not None and existing["state"] == "Deleting":
            raise _being_deleted(existing)
        self.doc = resources.build(caller, db, self.target, self.canonical, self.rt, self.body, existing,
                                   self.parent, self.group)
        rp.lookup(self.doc["type"].lower()).prepare_write(db, caller, self.doc, existing)
        return [(self.doc["id"], "write")]

    def apply(self, caller, db):
        doc, existing = self.doc, self.existing
        behaviour = rp.lookup(doc["type"].lower())
        style = behaviour.lro if existing is None or behaviour.lro_on_update else None
        state = None
        if style is not None:
            state = "Updating" if existing is not None else behaviour.creating_state
        if existing is None:
            behaviour.created(db, caller, doc)
        resources.store(db, caller, doc, self.target, self.group, self.parent, state)
        behaviour.stored(db, caller, doc)
        op_id = None
        if style is not None:
            op_id = _start(db, caller, "resourcePut", doc["id"], doc.get("location"))
        return Outcome(doc, created=existing is None, op_id=op_id, style=style, state=state,
                       location=doc.get("location") or (self.group["location"] if self.group is not None else None))


class PatchResource(Operation):
    """Merge a PATCH body into a resource: top-level members replace, ``properties`` merge one level."""

    _REPLACED = ("tags", "sku", "kind", "plan", "identity", "managedBy", "zones")

    def __init__(self, target, body):
        self.target, self.body = target, body

    def resolve(self, caller, db):
        resources.resolve(caller, self.target)
        self.row = resources.existing_row(db, caller, self.target)
        if self.body.get("properties") is not None and not isinstance(self.body["properties"], dict):
            raise invalid_request_content("properties must be an object.")
        return catalog.namespace(self.target.namespace)["namespace"]

    def prepare(self, caller, db):
        return [(self.row["id"], "write")]

    def apply(self, caller, db):
        row, body, target = self.row, self.body, self.target
        doc = resources.render(row)
        merged = {k: v for k, v in doc.items() if k != "properties"}
        for key in self._REPLACED:
            if key in body:
                merged[key] = body[key]
        merged["properties"] = dict(doc.get("properties") or {})
        merged["properties"].update(body.get("properties") or {})
        merged["location"] = doc.get("location")
        group = resources.group_row(db, caller, target)
        parent = resources.parent_row(db, target)
        _, canonical, rt = resources.resolve(caller, target)
        new = resources.build(caller, db, target, canonical, rt, merged, row, parent, group)
        if "location" not in doc:
            new.pop("location", None)
        behaviour = rp.lookup(row["type_lc"])
        behaviour.prepare_write(db, caller, new, row)
        records.update_body(db, row, new, caller.now)
        behaviour.stored(db, caller, new)
        return Outcome(new)


class DeleteResource(Operation):
    """Delete a resource and everything below it; long-running for the types whose RP makes it so."""

    def __init__(self, target):
        self.target = target

    def resolve(self, caller, db):
        resources.resolve(caller, self.target)
        self.group = resources.group_row(db, caller, self.target)
        self.row = records.get(db, self.target.id_lc())
        return None

    def prepare(self, caller, db):
        if self.row is None:
            return []
        behaviour = rp.lookup(self.row["type_lc"])
        behaviour.check_delete(db, caller, self.row)
        self.async_ = behaviour.lro == rp.ASYNC
        self.running = lro.running(db, self.row["id"], "resourceDelete") if self.async_ else None
        return [(self.row["id"], "delete")]

    def apply(self, caller, db):
        row = self.row
        if row is None:
            return Outcome(status=204)
        if not self.async_:
            rp.lookup(row["type_lc"]).removed(db, row)
            store.delete_under(db, row["id_lc"])
            return Outcome(status=200)
        if self.running is not None:
            op_id = self.running["op_id"]
        else:
            records.set_state(db, row["id"], "Deleting")
            op_id = _start(db, caller, "resourceDelete", row["id"], row["location"])
        return Outcome(op_id=op_id, style=rp.ASYNC, status=202,
                       location=row["location"] or (self.group["location"] if self.group is not None else None))


class InvokeAction(Operation):
    """POST {resource}/{action}. ARM treats it as a write: a ReadOnly lock refuses every action."""

    def __init__(self, target, action, body):
        self.target, self.action, self.body = target, action, body

    def resolve(self, caller, db):
        resources.resolve(caller, self.target)
        type_lc = "/".join([self.target.namespace] + self.target.types).lower()
        self.handler = rp.lookup(type_lc).action(self.action.lower())
        if self.handler is None:
            raise invalid_resource_type("/".join(self.target.types + [self.action]),
                                        catalog.namespace(self.target.namespace)["namespace"], caller.api_version)
        self.row = resources.existing_row(db, caller, self.target)
        return catalog.namespace(self.target.namespace)["namespace"]

    def prepare(self, caller, db):
        if self.row["state"] == "Deleting":
            raise _being_deleted(self.row)
        return [(self.row["id"], "write")]

    def permissions(self, caller, db, locked):
        """ARM's action of a POST: "{type}/{action}/action", e.g. Microsoft.Storage/storageAccounts/listKeys/action."""
        return [("%s/%s/action" % (json.loads(self.row["body"])["type"], self.action), self.row["id"])]

    def apply(self, caller, db):
        result = self.handler(caller, db, self.row, self.body)
        if isinstance(result, rp.Accepted):
            op_id = _start(db, caller, "resourceAction", self.row["id"], self.row["location"], params=result.params)
            return Outcome(op_id=op_id, style=rp.ASYNC, status=202, location=self.row["location"])
        return Outcome(status=result.status, body=result.body)


@lro.completer("resourcePut")
def _finish_put(db, op, now):
    row = records.get(db, op["target"])
    if row is None:
        return 404, None
    records.set_state(db, op["target"], None)
    return 200, resources.render(records.get(db, op["target"]))


@lro.completer("resourceDelete")
def _finish_delete(db, op, now):
    row = records.get(db, op["target"])
    if row is not None:
        rp.lookup(row["type_lc"]).removed(db, row)
    store.delete_under(db, op["target_lc"])
    return 204, None


@lro.completer("resourceAction")
def _finish_action(db, op, now):
    row = records.get(db, op["target"])
    if row is None:
        return 404, None
    rp.lookup(row["type_lc"]).action_done(db, row, json.loads(op["params"]))
    return 200, None
