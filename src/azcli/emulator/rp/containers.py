"""Microsoft.ContainerRegistry and Microsoft.ContainerInstance: long-running writes; registries have a
login server and admin credentials."""
import base64
import os

from . import ASYNC, Done, ResourceType, keep
from ..store import records


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
    type = "Microsoft.ContainerInstance/containerGroups"
    prefix = True
    lro = ASYNC


TYPES = [Registry(), ContainerGroup()]
