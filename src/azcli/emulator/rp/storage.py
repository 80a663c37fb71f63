"""Microsoft.Storage: storage accounts (endpoints, keys, and the 202 + Location creation)."""
import base64
import os

from . import LOCATION, Done, ResourceType, keep, name_rule
from ..common.errors import ArmError
from ..common.values import iso
from ..store import records

_SERVICES = ("dfs", "web", "blob", "queue", "table", "file")


def _secret():
    return base64.b64encode(os.urandom(64)).decode("ascii")


def _invalid_key_name():
    return ArmError(400, "InvalidValuesForRequestParameters", "Values for request parameters are invalid: keyName.",
                    gateway=False)


class StorageAccount(ResourceType):
    type = "Microsoft.Storage/storageAccounts"
    lro = LOCATION
    lro_on_update = False  # updates of an account are synchronous
    name_rule = name_rule(r"^[a-z0-9]{3,24}$", "AccountNameInvalid",
                          "%s is not a valid storage account name. Storage account name must be between 3 and 24 "
                          "characters in length and use numbers and lower-case letters only.")

    def complete(self, doc, old_properties, caller):
        doc.setdefault("kind", "StorageV2")
        sku = doc.setdefault("sku", {"name": "Standard_LRS"})
        if isinstance(sku, dict) and "tier" not in sku:
            sku["tier"] = "Premium" if str(sku.get("name", "")).startswith("Premium") else "Standard"
        props, name = doc["properties"], doc["name"]
        keep(props, old_properties, "primaryEndpoints",
             lambda: {s: "https://%s.%s.core.windows.net/" % (name, s) for s in _SERVICES})
        keep(props, old_properties, "primaryLocation", doc.get("location"))
        keep(props, old_properties, "statusOfPrimary", "available")
        keep(props, old_properties, "creationTime", lambda: iso(caller.now))

    def _keys(self, caller, db, row, regenerate=None):
        hidden = records.hidden(row)
        keys = hidden.get("keys") or []
        stamp = iso(caller.now)
        if not keys:
            keys = [{"creationTime": stamp, "keyName": n, "value": _secret(), "permissions": "FULL"}
                    for n in ("key1", "key2")]
        if regenerate is not None:
            if regenerate not in [k["keyName"] for k in keys]:
                raise _invalid_key_name()
            keys = [dict(k, value=_secret(), creationTime=stamp) if k["keyName"] == regenerate else k for k in keys]
        if keys != hidden.get("keys"):
            records.update_hidden(db, row, keys=keys)
        return Done({"keys": keys})

    def list_keys(self, caller, db, row, body):
        return self._keys(caller, db, row)

    def regenerate_key(self, caller, db, row, body):
        name = (body or {}).get("keyName")
        if not isinstance(name, str):
            raise _invalid_key_name()
        return self._keys(caller, db, row, name.lower())

    def action(self, name):
        return {"listkeys": self.list_keys, "regeneratekey": self.regenerate_key}.get(name)


TYPES = [StorageAccount()]
