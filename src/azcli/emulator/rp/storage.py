"""Microsoft.Storage: storage accounts (endpoints, keys, and the 202 + Location creation), whose names are
unique across the local cloud (StorageAccountAlreadyTaken; checkNameAvailability answers from the same
rule), and blob containers (storageAccounts/blobServices/default/containers), synchronous children."""
import base64
import json
import os

from . import LOCATION, Done, ResourceType, keep, name_rule
from ..common.errors import ArmError
from ..common.values import iso
from ..store import records

_SERVICES = ("dfs", "web", "blob", "queue", "table", "file")
ACCOUNT_TYPE = "microsoft.storage/storageaccounts"
_NAME = r"^[a-z0-9]{3,24}$"
_NAME_MESSAGE = ("%s is not a valid storage account name. Storage account name must be between 3 and 24 characters "
                 "in length and use numbers and lower-case letters only.")


def account_named(db, name, other_than=None):
    """The row of the storage account called name in any subscription (not other_than), or None."""
    for row in db.execute("SELECT * FROM resources WHERE type_lc = ? AND name = ? COLLATE NOCASE",
                          (ACCOUNT_TYPE, name)):
        if other_than is None or row["id_lc"] != other_than.lower():
            return row
    return None


def name_availability(db, name):
    """The answer of checkNameAvailability for a storage account name."""
    import re
    if not isinstance(name, str) or not re.match(_NAME, name):
        return {"nameAvailable": False, "reason": "AccountNameInvalid", "message": _NAME_MESSAGE % name}
    if account_named(db, name) is not None:
        return {"nameAvailable": False, "reason": "AlreadyExists",
                "message": "The storage account named %s is already taken." % name}
    return {"nameAvailable": True}


def _secret():
    return base64.b64encode(os.urandom(64)).decode("ascii")


def _invalid_key_name():
    return ArmError(400, "InvalidValuesForRequestParameters", "Values for request parameters are invalid: keyName.",
                    gateway=False)


class StorageAccount(ResourceType):
    type = "Microsoft.Storage/storageAccounts"
    lro = LOCATION
    lro_on_update = False  # updates of an account are synchronous
    name_rule = name_rule(_NAME, "AccountNameInvalid", _NAME_MESSAGE)

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
        keep(props, old_properties, "keyCreationTime", lambda: {"key1": props["creationTime"],
                                                               "key2": props["creationTime"]})
        doc.setdefault("tags", {})
        for key, value in (("supportsHttpsTrafficOnly", True), ("minimumTlsVersion", "TLS1_0"),
                           ("allowBlobPublicAccess", False), ("allowCrossTenantReplication", False),
                           ("privateEndpointConnections", []),
                           ("networkAcls", {"bypass": "AzureServices", "virtualNetworkRules": [], "ipRules": [],
                                            "ipv6Rules": [], "defaultAction": "Allow"}),
                           ("encryption", {"services": {"blob": {"keyType": "Account", "enabled": True},
                                                        "file": {"keyType": "Account", "enabled": True}},
                                           "keySource": "Microsoft.Storage"})):
            keep(props, old_properties, key, value)
        if doc["kind"] in ("StorageV2", "BlobStorage"):
            keep(props, old_properties, "accessTier", "Hot")

    def prepare_write(self, db, caller, doc, existing):
        if existing is None and account_named(db, doc["name"], doc["id"]) is not None:
            raise ArmError(409, "StorageAccountAlreadyTaken", "The storage account named %s is already taken."
                           % doc["name"], gateway=False)

    def stored(self, db, caller, doc):
        """Every account has its blob service, ``blobServices/default``: the parent of its containers."""
        service_id = doc["id"] + "/blobServices/default"
        if records.get(db, service_id) is None:
            parts = doc["id"].split("/")
            service = {"id": service_id, "name": "default", "type": "Microsoft.Storage/storageAccounts/blobServices",
                       "sku": doc.get("sku"), "properties": {"cors": {"corsRules": []},
                                                             "deleteRetentionPolicy": {"enabled": False}}}
            records.put(db, service_id, service["type"], parts[2], parts[4], doc["id"], "default", None, service,
                        caller.now)

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
            body = json.loads(row["body"])
            body.setdefault("properties", {}).setdefault("keyCreationTime", {})[regenerate] = stamp
            records.update_body(db, row, body, row["changed"])
            row = records.get(db, row["id"])
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


class BlobContainer(ResourceType):
    """A container: synchronous, named like a DNS label, its access level spelled as the service spells it."""
    type = "Microsoft.Storage/storageAccounts/blobServices/containers"
    name_rule = name_rule(r"^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$", "ContainerOperationFailure",
                          "The specifed resource name contains invalid characters. (container name '%s')")
    _ACCESS = {"none": "None", "blob": "Blob", "container": "Container"}

    def complete(self, doc, old_properties, caller):
        props = doc["properties"]
        access = props.get("publicAccess") or "None"
        if str(access).lower() not in self._ACCESS:
            raise ArmError(400, "InvalidValuesForRequestParameters", "Values for request parameters are invalid: "
                           "publicAccess.", gateway=False)
        props["publicAccess"] = self._ACCESS[str(access).lower()]
        for key, value in (("defaultEncryptionScope", "$account-encryption-key"),
                           ("denyEncryptionScopeOverride", False), ("deleted", False), ("remainingRetentionDays", 0),
                           ("leaseStatus", "Unlocked"), ("leaseState", "Available"),
                           ("hasImmutabilityPolicy", False), ("hasLegalHold", False)):
            keep(props, old_properties, key, value)
        props["lastModifiedTime"] = iso(caller.now)
        doc["etag"] = '"0x8D%013X"' % int(caller.now * 1000000)
        doc.pop("location", None)


TYPES = [StorageAccount(), BlobContainer()]
