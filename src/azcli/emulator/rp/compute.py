"""Microsoft.Compute: long-running writes; virtual machines with a vmId, power actions and an instance view."""
from . import ASYNC, Accepted, Done, ResourceType, keep
from ..common.values import iso, new_guid
from ..store import records

# Power state an action leads to (None: unchanged), and the state shown while it runs.
_AFTER = {"poweroff": "stopped", "start": "running", "restart": "running", "deallocate": "deallocated",
          "redeploy": "running", "reapply": None}
_DURING = {"poweroff": "stopping", "deallocate": "deallocating", "start": "starting", "restart": "starting"}
_DISPLAY = {"running": "VM running", "stopped": "VM stopped", "deallocated": "VM deallocated"}


class ComputeResource(ResourceType):
    type = "Microsoft.Compute"
    lro = ASYNC


class VirtualMachine(ComputeResource):
    type = "Microsoft.Compute/virtualMachines"

    def complete(self, doc, old_properties, caller):
        keep(doc["properties"], old_properties, "vmId", new_guid)

    def view(self, doc, row, expand, db=None):
        if "instanceview" in expand:
            doc.setdefault("properties", {})["instanceView"] = self.instance_view(row)
        return doc

    @staticmethod
    def instance_view(row):
        power = records.hidden(row).get("power", "running")
        return {"statuses": [
            {"code": "ProvisioningState/succeeded", "level": "Info", "displayStatus": "Provisioning succeeded",
             "time": iso(row["changed"])},
            {"code": "PowerState/" + power, "level": "Info", "displayStatus": _DISPLAY.get(power, "VM " + power)}]}

    def action(self, name):
        if name == "generalize":
            return self.generalize
        if name in _AFTER:
            return lambda caller, db, row, body: self.power(db, row, name)
        return None

    @staticmethod
    def generalize(caller, db, row, body):
        records.update_hidden(db, row, generalized=True)
        return Done()

    @staticmethod
    def power(db, row, action):
        current = records.hidden(row).get("power", "running")
        records.update_hidden(db, row, power=_DURING.get(action, current))
        return Accepted({"action": action})

    def action_done(self, db, row, params):
        after = _AFTER.get(params.get("action"))
        if after is not None:
            records.update_hidden(db, row, power=after)


TYPES = [ComputeResource(), VirtualMachine()]
