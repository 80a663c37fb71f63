"""Microsoft.Web: sites (host names, state, start/stop/restart) and their long-running creation."""
import json

from . import ASYNC, Done, ResourceType, keep
from ..store import records


class Site(ResourceType):
    type = "Microsoft.Web/sites"
    prefix = True  # slots and config share the sites' long-running writes
    lro = ASYNC

    def complete(self, doc, old_properties, caller):
        if doc["type"].lower() != "microsoft.web/sites":
            return
        props, host = doc["properties"], "%s.azurewebsites.net" % doc["name"]
        keep(props, old_properties, "state", "Running")
        keep(props, old_properties, "defaultHostName", host)
        keep(props, old_properties, "hostNames", [host])
        keep(props, old_properties, "enabledHostNames", [host, "%s.scm.azurewebsites.net" % doc["name"]])

    def action(self, name):
        states = {"start": "Running", "stop": "Stopped", "restart": None}
        if name in states:
            return lambda caller, db, row, body: self._set_state(caller, db, row, states[name])
        return None

    @staticmethod
    def _set_state(caller, db, row, state):
        doc = json.loads(row["body"])
        if state is not None:
            doc.setdefault("properties", {})["state"] = state
        records.update_body(db, row, doc, caller.now)
        return Done()


class HostingEnvironment(ResourceType):
    """An App Service Environment: its inbound addresses come from the subnet it is injected into."""
    type = "Microsoft.Web/hostingEnvironments"
    lro = ASYNC

    def complete(self, doc, old_properties, caller):
        props = doc["properties"]
        keep(props, old_properties, "internalInboundIpAddresses", ["10.0.0.11"])
        keep(props, old_properties, "externalInboundIpAddresses", ["20.0.0.11"])
        keep(props, old_properties, "dnsSuffix", "%s.appserviceenvironment.net" % doc["name"])


TYPES = [Site(), HostingEnvironment()]
