"""Microsoft.KeyVault: vaults (URI, tenant, soft delete, global names) and how their data plane is addressed.

Vault host names. Key Vault serves each vault at its own host, ``{name}.vault.azure.net``, and
azure-keyvault-secrets only accepts a challenge whose resource domain the vault's host ends with
(``verify_challenge_resource``). So the local cloud serves vaults host-based too: for a cloud at
``https://{host}[:port]`` a vault is ``https://{name}.vault.{host}[:port]/`` and the challenge resource
(the token audience) is ``https://vault.{host}[:port]``. An IP address has no sub-domains: a cloud served
at ``https://127.0.0.1:8443`` puts its vaults at ``https://{name}.vault.localhost:8443/`` (``*.localhost`` is
loopback by RFC 6761; the served certificate names ``*.vault.localhost``). In-process the vault of ``kv1``
is ``https://kv1.vault.local.azcli.invalid/``: nothing resolves, the transport hands it to the app. A
vault's vaultUri is served for the cloud that answers (``served``), so a vault made in-process or by a
server on another port is reachable at the address its document gives.

Soft delete. Deleting a vault keeps it as a deleted vault (a row of type
``Microsoft.KeyVault/deletedVaults`` under the subscription, with the vault's document and secrets in its
hidden state) until it is purged or its retention (``softDeleteRetentionInDays``, 7-90, default 90) ends.
Its name stays taken, in every subscription (vault names are global): creating it again is a 409 until a
PUT with ``createMode: recover`` brings it back, secrets included. Deleting a resource group soft-deletes
its vaults too, as Azure does (recovering one needs its group back first).
"""
import ipaddress
import json
import re
import time

from . import ResourceType, keep, name_rule
from ..common import request_base
from ..common.errors import ArmError
from ..common.values import iso
from ..store import records

DELETED_TYPE = "Microsoft.KeyVault/deletedVaults"
VAULT_TYPE_LC = "microsoft.keyvault/vaults"
DEFAULT_RETENTION_DAYS = 90
IN_PROCESS_BASE = "https://local.azcli.invalid"  # for writes that have no request (template deployments)
_VAULT_HOST = re.compile(r"^([A-Za-z0-9-]{3,24})\.vault\.(.+)$")


def _authority(base):
    """host[:port] of a base URL, an IP address replaced by localhost."""
    netloc = base.split("://", 1)[-1].rstrip("/")
    host, port = netloc, ""
    if netloc.startswith("["):
        host, _, rest = netloc[1:].partition("]")
        port = rest
    elif netloc.count(":") == 1:
        host, port = netloc.split(":")
        port = ":" + port
    try:
        ipaddress.ip_address(host)
        host = "localhost"
    except ValueError:
        pass
    return host.lower() + port


def vault_uri(base, name):
    return "https://%s.vault.%s/" % (name.lower(), _authority(base))


def vault_resource(base):
    """The token audience of this cloud's vaults (the challenge resource), for a cloud or vault base URL."""
    authority = _authority(base)
    m = _VAULT_HOST.match(authority)
    return "https://vault." + (m.group(2) if m else authority)


def vault_of_host(base):
    """(vault name, cloud authority) of a vault's base URL, or None for any other host."""
    m = _VAULT_HOST.match(base.split("://", 1)[-1])
    return (m.group(1), m.group(2)) if m else None


def tls_name(host):
    """The certificate name that covers the vaults of a cloud served to clients as host."""
    return "*.vault." + _authority("https://" + host).split(":")[0]


# --- names are global; deleted vaults keep theirs ------------------------------------------------

def vault_named(db, name):
    return db.execute("SELECT * FROM resources WHERE type_lc = ? AND lower(name) = ?",
                      (VAULT_TYPE_LC, name.lower())).fetchone()


def deleted_id(sub_id, location, name):
    return "/subscriptions/%s/providers/Microsoft.KeyVault/locations/%s/deletedVaults/%s" % (sub_id, location, name)


def deleted_rows(db, now, sub_lc=None, name=None):
    """Deleted vaults whose retention has not ended, of a subscription and/or with a name."""
    sql, args = "SELECT * FROM resources WHERE type_lc = ?", [DELETED_TYPE.lower()]
    if sub_lc is not None:
        sql, args = sql + " AND sub_lc = ?", args + [sub_lc]
    if name is not None:
        sql, args = sql + " AND lower(name) = ?", args + [name.lower()]
    return [r for r in db.execute(sql + " ORDER BY seq", args) if records.hidden(r).get("purgeAt", 0) > now]


def deleted_view(row):
    doc = json.loads(row["body"])
    doc.pop("_hidden", None)
    return doc


def _keep_deleted(db, row, now):
    doc = json.loads(row["body"])
    props = doc.get("properties") or {}
    days = int(props.get("softDeleteRetentionInDays") or DEFAULT_RETENTION_DAYS)
    sub_id = row["id"].split("/")[2]
    rid = deleted_id(sub_id, row["location"], row["name"])
    body = {"id": rid, "name": row["name"], "type": DELETED_TYPE,
            "properties": {"vaultId": row["id"], "location": row["location"], "tags": doc.get("tags") or {},
                           "deletionDate": iso(now), "scheduledPurgeDate": iso(now + days * 86400)}}
    if props.get("enablePurgeProtection"):
        body["properties"]["purgeProtectionEnabled"] = True
    hidden = doc.pop("_hidden", None) or {}
    body["_hidden"] = {"vault": doc, "data": hidden, "purgeAt": now + days * 86400}
    db.execute("DELETE FROM resources WHERE id_lc = ?", (rid.lower(),))
    records.put(db, rid, DELETED_TYPE, sub_id, None, "/subscriptions/" + sub_id, row["name"], row["location"],
                body, now)


def _name_taken(name):
    return ArmError(409, "VaultAlreadyExists",
                    "The vault name '%s' is already in use. Vault names are globally unique so it is possible that "
                    "the name is already taken. If you are sure that the vault name was not taken then it is "
                    "possible that a vault with the same name was recently deleted but not purged after being placed "
                    "in a recoverable state. If the vault is in a recoverable state then the vault will need to be "
                    "purged before reusing the name." % name, gateway=False)


def _deleted_conflict(name):
    return ArmError(409, "ConflictError", "A vault with the same name already exists in deleted state. You need to "
                    "either recover or purge existing deleted vault. (vault '%s')" % name, gateway=False)


class Vault(ResourceType):
    type = "Microsoft.KeyVault/vaults"
    name_rule = name_rule(r"^(?!.*--)[A-Za-z][A-Za-z0-9-]{1,22}[A-Za-z0-9]$", "VaultNameNotValid",
                          "The vault name '%s' is invalid. A vault's name must be between 3-24 alphanumeric "
                          "characters. The name must begin with a letter, end with a letter or digit, and not contain "
                          "consecutive hyphens. Follow this link for more information: "
                          "https://go.microsoft.com/fwlink/?linkid=2147742")

    def complete(self, doc, old_properties, caller):
        props = doc["properties"]
        mode = str(props.pop("createMode", "") or "default").lower()
        if mode == "recover" and not old_properties:
            props["createMode"] = mode  # for created(), which takes it out again
        keep(props, old_properties, "tenantId", caller.subscription["tenant_lc"])
        props.setdefault("sku", old_properties.get("sku") or {"family": "A", "name": "standard"})
        props.setdefault("accessPolicies", old_properties.get("accessPolicies") or [])
        keep(props, old_properties, "enableSoftDelete", True)
        keep(props, old_properties, "softDeleteRetentionInDays", DEFAULT_RETENTION_DAYS)
        days = props["softDeleteRetentionInDays"]
        if not isinstance(days, int) or isinstance(days, bool) or not 7 <= days <= 90:
            raise ArmError(400, "BadRequest", "The property \"softDeleteRetentionInDays\" has an invalid value: it "
                           "must be between 7 and 90 days.", gateway=False)
        if old_properties.get("enablePurgeProtection") and props.get("enablePurgeProtection") is False:
            raise ArmError(400, "BadRequest", "The property \"enablePurgeProtection\" cannot be set to false. "
                           "Enabling the purge protection for a vault is an irreversible action.", gateway=False)
        keep(props, old_properties, "vaultUri", lambda: vault_uri(getattr(caller, "base", IN_PROCESS_BASE),
                                                                  doc["name"]))

    def created(self, db, caller, doc):
        other = vault_named(db, doc["name"])
        if other is not None and other["id_lc"] != doc["id"].lower():
            raise _name_taken(doc["name"])
        deleted = deleted_rows(db, caller.now, name=doc["name"])
        if doc["properties"].pop("createMode", None) != "recover":
            if deleted:
                raise _deleted_conflict(doc["name"])
            return
        if not deleted or json.loads(deleted[0]["body"])["properties"]["vaultId"].lower() != doc["id"].lower():
            raise ArmError(404, "DeletedVaultNotFound", "The deleted vault '%s' was not found in resource group "
                           "'%s'." % (doc["name"], doc["id"].split("/")[4]), gateway=False)
        saved = records.hidden(deleted[0])
        old = saved["vault"]
        doc["properties"] = dict(old.get("properties") or {}, provisioningState="Succeeded")
        doc["tags"] = old.get("tags") or {}
        doc["_hidden"] = saved.get("data") or {}
        db.execute("DELETE FROM resources WHERE id_lc = ?", (deleted[0]["id_lc"],))

    def served(self, doc):
        base, props = request_base.current(), doc.get("properties")
        if base and isinstance(props, dict) and props.get("vaultUri"):
            props["vaultUri"] = vault_uri(base, doc["name"])
        return doc

    def removed(self, db, row):
        props = json.loads(row["body"]).get("properties") or {}
        if props.get("enableSoftDelete", True) is not False:
            _keep_deleted(db, row, time.time())


TYPES = [Vault()]
