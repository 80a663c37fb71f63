"""Microsoft.ContainerRegistry and Microsoft.ContainerInstance: long-running writes; registries have a
login server and admin credentials."""
import base64
import os

from . import ASYNC, Done, ResourceType, keep
from ..store import records


def _public_address():
    b = os.urandom(3)
    return "20.%d.%d.%d" % (b[0], b[1], max(1, b[2] % 255))


def _password():
    return base64.b64encode(os.urandom(24)).decode("ascii")


class Registry(ResourceType):
    type = "Microsoft.ContainerRegistry/registries"
    prefix = True  # replications, webhooks...: long-running too
    lro = ASYNC

    def complete(self, doc, old_properties, caller):
        if doc["type"].lower() == self.type.lower():
            keep(doc["properties"], old_properties, "loginServer", "%s.azurecr.io" % doc["name"].lower())

    def action(self, name):
        if name == "listcredentials":
            return lambda caller, db, row, body: self.credentials(db, row)
        if name == "regeneratecredential":
            return lambda caller, db, row, body: self.credentials(db, row, (body or {}).get("name"))
        return None

    @staticmethod
    def credentials(db, row, regenerate=None):
        hidden = records.hidden(row)
        passwords = hidden.get("passwords") or [{"name": "password", "value": _password()},
                                                {"name": "password2", "value": _password()}]
        if regenerate is not None:
            passwords = [dict(p, value=_password()) if p["name"] == regenerate else p for p in passwords]
        if passwords != hidden.get("passwords"):
            records.update_hidden(db, row, passwords=passwords)
        return Done({"username": row["name"], "passwords": passwords})


class ContainerGroup(ResourceType):
    """A public container group gets an address, and an FQDN for its DNS label."""
    type = "Microsoft.ContainerInstance/containerGroups"
    prefix = True
    lro = ASYNC

    def complete(self, doc, old_properties, caller):
        address = doc["properties"].get("ipAddress")
        if doc["type"].lower() != self.type.lower() or not isinstance(address, dict):
            return
        old = old_properties.get("ipAddress") if isinstance(old_properties.get("ipAddress"), dict) else {}
        keep(address, old, "ip", _public_address)
        if isinstance(address.get("dnsNameLabel"), str) and doc.get("location"):
            address["fqdn"] = "%s.%s.azurecontainer.io" % (address["dnsNameLabel"], doc["location"])


TYPES = [Registry(), ContainerGroup()]
