"""POST actions on resources: ``{resourceId}/{action}``.

Storage accounts: listKeys, regenerateKey (keys stable per account until regenerated). Virtual
machines: powerOff, start, restart, deallocate, redeploy, reapply (202 + Azure-AsyncOperation +
Location; the power state changes when the operation completes, shown by ``$expand=instanceView``),
generalize (200). Web sites: start, stop, restart (200). Container registries: listCredentials,
regenerateCredential. Other actions: 404 InvalidResourceType (ARM finds no such action type).
A ReadOnly lock refuses every action (ARM treats POST as a write), listKeys included.
"""
import base64
import json
import os

from ..arm import locks, providers
from ..store import records
from . import resources, rpasync
from ..wire.errors import ArmError, invalid_resource_type, missing_subscription_registration
from ..wire.http import empty, json_response

_VM_TARGET = {"poweroff": "stopped", "start": "running", "restart": "running", "deallocate": "deallocated",
              "redeploy": "running", "reapply": None}
_VM_DISPLAY = {"running": "VM running", "stopped": "VM stopped", "deallocated": "VM deallocated"}


def _secret(n=64):
    return base64.b64encode(os.urandom(n)).decode("ascii")


def _hidden_update(db, row, **changes):
    body = json.loads(row["body"])
    body.setdefault("_hidden", {}).update(changes)
    resources.update_body(db, row, body, row["changed"])
    return body["_hidden"]


def _storage_keys(ctx, db, row, regenerate=None):
    hidden = resources.hidden(row)
    keys = hidden.get("keys") or []
    stamp = resources.iso(ctx.now)
    if not keys:
        keys = [{"creationTime": stamp, "keyName": n, "value": _secret(), "permissions": "FULL"}
                for n in ("key1", "key2")]
    if regenerate is not None:
        names = [k["keyName"] for k in keys]
        if regenerate not in names:
            raise ArmError(400, "InvalidValuesForRequestParameters",
                           "Values for request parameters are invalid: keyName.", gateway=False)
        keys = [dict(k, value=_secret(), creationTime=stamp) if k["keyName"] == regenerate else k for k in keys]
    if keys != hidden.get("keys"):
        _hidden_update(db, row, keys=keys)
    return {"keys": keys}


def list_keys(ctx, db, row, body):
    return json_response(_storage_keys(ctx, db, row))


def regenerate_key(ctx, db, row, body):
    name = (body or {}).get("keyName")
    if not isinstance(name, str):
        raise ArmError(400, "InvalidValuesForRequestParameters",
                       "Values for request parameters are invalid: keyName.", gateway=False)
    return json_response(_storage_keys(ctx, db, row, name.lower()))


def registry_credentials(ctx, db, row, body, regenerate=None):
    hidden = resources.hidden(row)
    passwords = hidden.get("passwords") or [{"name": "password", "value": _secret(24)},
                                            {"name": "password2", "value": _secret(24)}]
    if regenerate is not None:
        passwords = [dict(p, value=_secret(24)) if p["name"] == regenerate else p for p in passwords]
    if passwords != hidden.get("passwords"):
        _hidden_update(db, row, passwords=passwords)
    return json_response({"username": row["name"], "passwords": passwords})


def registry_regenerate(ctx, db, row, body):
    return registry_credentials(ctx, db, row, body, regenerate=(body or {}).get("name"))


def vm_action(action):
    def handler(ctx, db, row, body):
        op_id = rpasync.start(db, ctx, "resourceAction", row["id"], "Microsoft.Compute", row["location"],
                              params={"action": action})
        power = resources.hidden(row).get("power", "running")
        _hidden_update(db, row, power={"poweroff": "stopping", "deallocate": "deallocating",
                                       "start": "starting", "restart": "starting"}.get(action, power))
        return empty(202, rpasync.headers(ctx, "Microsoft.Compute", row["location"], op_id, True, True))
    return handler


def vm_generalize(ctx, db, row, body):
    _hidden_update(db, row, generalized=True)
    return empty(200)


def site_action(state):
    def handler(ctx, db, row, body):
        doc = json.loads(row["body"])
        if state is not None:
            doc.setdefault("properties", {})["state"] = state
        resources.update_body(db, row, doc, ctx.now)
        return empty(200)
    return handler


ACTIONS = {
    ("microsoft.storage/storageaccounts", "listkeys"): list_keys,
    ("microsoft.storage/storageaccounts", "regeneratekey"): regenerate_key,
    ("microsoft.containerregistry/registries", "listcredentials"): registry_credentials,
    ("microsoft.containerregistry/registries", "regeneratecredential"): registry_regenerate,
    ("microsoft.compute/virtualmachines", "generalize"): vm_generalize,
    ("microsoft.web/sites", "start"): site_action("Running"),
    ("microsoft.web/sites", "stop"): site_action("Stopped"),
    ("microsoft.web/sites", "restart"): site_action(None),
}
ACTIONS.update({("microsoft.compute/virtualmachines", a): vm_action(a) for a in _VM_TARGET})


def invoke(ctx, target):
    type_lc = "/".join([target.namespace] + target.types).lower()
    handler = ACTIONS.get((type_lc, target.tail.lower()))
    if handler is None:
        raise invalid_resource_type("/".join(target.types + [target.tail]),
                                    providers.namespace(target.namespace)["namespace"], ctx.api_version)
    body = ctx.json_body(required=False)
    with ctx.store.write() as db:
        resources.group_row(db, ctx, target)
        row = records.get(db, target.id_lc())
        if row is None:
            raise resources.not_found(target)
        if not providers.is_registered(ctx, db, target.namespace):
            raise missing_subscription_registration(providers.namespace(target.namespace)["namespace"])
        locks.check(db, row["id"], "write")
        if row["state"] == "Deleting":
            raise ArmError(409, "Conflict", "The resource '%s' is being deleted." % row["id"], gateway=False)
        return handler(ctx, db, row, body)


def complete(db, op, now):
    """Completer of "resourceAction" operations (VM power actions)."""
    row = records.get(db, op["target"])
    if row is None:
        return 404, None
    action = json.loads(op["params"]).get("action")
    target = _VM_TARGET.get(action)
    if target is not None:
        _hidden_update(db, row, power=target)
    return 200, None


def instance_view(row):
    if row["type_lc"] != "microsoft.compute/virtualmachines":
        return None
    power = resources.hidden(row).get("power", "running")
    stamp = resources.iso(row["changed"])
    return {"statuses": [
        {"code": "ProvisioningState/succeeded", "level": "Info", "displayStatus": "Provisioning succeeded",
         "time": stamp},
        {"code": "PowerState/" + power, "level": "Info", "displayStatus": _VM_DISPLAY.get(power, "VM " + power)}]}
