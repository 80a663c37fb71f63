"""Key Vault secrets: versions, soft delete, recover and purge, and who may do what (the wire is
arm/vault_secrets.py).

A vault's secrets live in its row's hidden state, so they go with it: into its deleted-vault record
when the vault is deleted and back when it is recovered.
  secrets:        {name_lc: {"name", "versions": [{"version", "value", "contentType", "tags", "enabled",
                             "nbf", "exp", "created", "updated"}, ...]}}     (the last version is current)
  deletedSecrets: {name_lc: {"name", "versions", "deletedDate", "scheduledPurgeDate"}}
A deleted secret keeps its name until it is recovered, purged or its vault's retention ends.

Access: a vault with ``enableRbacAuthorization`` follows the data actions of the caller's roles at a scope
covering the vault (Key Vault Administrator and Key Vault Secrets Officer: every secret operation; Key
Vault Secrets User: read; Key Vault Reader: metadata) - Owner and Contributor have none, as in Azure,
so a pipeline assigns itself Key Vault Secrets Officer first. Any other vault follows its access
policies (``all`` grants every secret permission, purge included).
"""
import json
import os
import re

from . import rbac
from .operations import Operation
from ..common.errors import ArmError
from ..rp import keyvault
from ..store import records

NAME = re.compile(r"^[0-9A-Za-z-]{1,127}$")
# operation -> (access policy permission, RBAC data action)
PERMISSIONS = {
    "get": ("get", "secrets/getSecret/action"), "list": ("list", "secrets/readMetadata/action"),
    "set": ("set", "secrets/setSecret/action"), "delete": ("delete", "secrets/delete"),
    "recover": ("recover", "secrets/recover/action"), "purge": ("purge", "secrets/purge/action"),
    "backup": ("backup", "secrets/backup/action"), "restore": ("restore", "secrets/restore/action"),
}
BACKUP_KIND = "azcli-local-secret-backup/1"
# What ARM needs of a deployer to read a Key Vault reference parameter (Owner and Contributor have it).
DEPLOY_ACTION = "Microsoft.KeyVault/vaults/deploy/action"


class VaultError(ArmError):
    """Key Vault's error body: {"error": {"code", "message"[, "innererror": {"code"}]}}."""

    def __init__(self, status, code, message, inner=None, headers=None):
        super().__init__(status, code, message, headers=headers, gateway=False)
        self.inner = inner

    def body(self):
        error = {"code": self.code, "message": self.message}
        if self.inner:
            error["innererror"] = {"code": self.inner}
        return {"error": error}


def bad_name(name):
    return VaultError(400, "BadParameter", "The request URI contains an invalid name: %s" % name)


def not_found(name, version=None):
    what = name if not version else "%s/%s" % (name, version)
    return VaultError(404, "SecretNotFound", "A secret with (name/id) %s was not found in this key vault. If you "
                      "recently deleted this secret you may be able to recover it using the correct recovery command. "
                      "For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182"
                      % what)


def deleted_not_found(name):
    return VaultError(404, "SecretNotFound", "Deleted Secret not found: %s" % name)


# --- the vault and who may use it --------------------------------------------------------------

def vault(db, name):
    row = keyvault.vault_named(db, name)
    if row is None:
        raise VaultError(404, "VaultNotFound", "The vault '%s' does not exist in this cloud." % name)
    return row


def properties(row):
    return json.loads(row["body"]).get("properties") or {}


def authorize(db, row, principal, issuer, operation):
    """Raise Key Vault's 403 unless principal may do operation ("get", "set", ...) on row's secrets."""
    props = properties(row)
    permission, action = PERMISSIONS[operation]
    caller = "appid=%s;oid=%s;iss=%s" % (principal.client_id or "", principal.object_id, issuer)
    where = "%s;location=%s" % (row["name"], row["location"])
    if props.get("enableRbacAuthorization"):
        if rbac.data_permits(db, principal, "Microsoft.KeyVault/vaults/" + action, row["id"]):
            return
        raise VaultError(403, "Forbidden", "Caller is not authorized to perform action on resource.\r\nIf role "
                         "assignments, deny assignments or role definitions were changed recently, please observe "
                         "propagation time.\r\nCaller: %s\r\nAction: 'Microsoft.KeyVault/vaults/%s'\r\nResource: "
                         "'%s'\r\nAssignment: (not found)\r\nVault: %s\r\n" % (caller, action, row["id"].lower(), where),
                         inner="ForbiddenByRbac")
    for policy in props.get("accessPolicies") or []:
        if (policy.get("objectId") or "").lower() != principal.object_id:
            continue
        granted = [p.lower() for p in (policy.get("permissions") or {}).get("secrets") or []]
        if permission in granted or "all" in granted:
            return
    raise VaultError(403, "Forbidden", "The user, group or application '%s' does not have secrets %s permission on "
                     "key vault '%s'. For help resolving this issue, please see "
                     "https://go.microsoft.com/fwlink/?linkid=2125287" % (caller, permission, where),
                     inner="AccessDenied")


# --- rendering ---------------------------------------------------------------------------------

def _recovery(props):
    days = int(props.get("softDeleteRetentionInDays") or keyvault.DEFAULT_RETENTION_DAYS)
    if props.get("enableSoftDelete") is False:
        return "Purgeable", 0
    level = "Recoverable" if days == 90 else "CustomizedRecoverable"
    return (level if props.get("enablePurgeProtection") else level + "+Purgeable"), days


def attributes(version, props):
    out = {"enabled": version["enabled"]}
    for key in ("nbf", "exp"):
        if version.get(key) is not None:
            out[key] = version[key]
    out.update({"created": version["created"], "updated": version["updated"]})
    out["recoveryLevel"], out["recoverableDays"] = _recovery(props)
    return out


def bundle(base, secret, version, props, value=True, versioned=True):
    out = {"value": version["value"]} if value else {}
    out["id"] = "%s/secrets/%s" % (base, secret["name"]) + ("/" + version["version"] if versioned else "")
    if version.get("contentType") is not None:
        out["contentType"] = version["contentType"]
    out["attributes"] = attributes(version, props)
    if version.get("tags") is not None:
        out["tags"] = version["tags"]
    return out


def deleted_bundle(base, deleted, props, item=False):
    out = {"recoveryId": "%s/deletedsecrets/%s" % (base, deleted["name"]), "deletedDate": deleted["deletedDate"],
           "scheduledPurgeDate": deleted["scheduledPurgeDate"]}
    out.update(bundle(base, deleted, deleted["versions"][-1], props, value=False, versioned=not item))
    return out


# --- reads -------------------------------------------------------------------------------------

def _state(row, now):
    hidden = records.hidden(row)
    deleted = {k: d for k, d in (hidden.get("deletedSecrets") or {}).items() if d["scheduledPurgeDate"] > now}
    return hidden.get("secrets") or {}, deleted


def usable(version, now):
    """Whether a secret version may be read by value: enabled, past its nbf, before its exp."""
    return bool(version.get("enabled", True)) and (version.get("nbf") is None or version["nbf"] <= now) and \
        (version.get("exp") is None or version["exp"] > now)


def check_name(name):
    if not NAME.match(name or ""):
        raise bad_name(name)


def find(row, name, now, version=None):
    """(secret, version) of a secret's current or given version (404s as Key Vault answers them)."""
    check_name(name)
    secret = _state(row, now)[0].get(name.lower())
    if secret is None:
        raise not_found(name, version)
    if not version:
        return secret, secret["versions"][-1]
    for v in secret["versions"]:
        if v["version"] == version.lower():
            return secret, v
    raise not_found(name, version)


def listed(row, now):
    return list(_state(row, now)[0].values())


def deleted(row, now, name=None):
    found = _state(row, now)[1]
    if name is None:
        return list(found.values())
    check_name(name)
    if name.lower() not in found:
        raise deleted_not_found(name)
    return found[name.lower()]


# --- writes: each runs in one transaction through operations.execute (no locks: data plane) ------

class _SecretWrite(Operation):
    def __init__(self, vault_name, name, body=None, version=None):
        self.vault_name, self.name, self.body, self.version = vault_name, name, body or {}, version

    def prepare(self, caller, db):
        check_name(self.name)
        self.row = vault(db, self.vault_name)
        self.secrets, self.deleted = _state(self.row, caller.now)
        self.key = self.name.lower()
        return []

    def save(self, db):
        records.update_hidden(db, self.row, secrets=self.secrets, deletedSecrets=self.deleted)


def _attributes_in(body):
    attrs = body.get("attributes") or {}
    if not isinstance(attrs, dict):
        raise VaultError(400, "BadParameter", "The attributes of the request are invalid.")
    return attrs


class SetSecret(_SecretWrite):
    def apply(self, caller, db):
        if self.key in self.deleted:
            raise VaultError(409, "Conflict", "Secret %s is currently in a deleted but recoverable state, and its "
                             "name cannot be reused; in this state, the secret can only be recovered or purged."
                             % self.name, inner="ObjectIsDeletedButRecoverable")
        value = self.body.get("value")
        if not isinstance(value, str):
            raise VaultError(400, "BadParameter", "Property value is required.")
        attrs, now = _attributes_in(self.body), int(caller.now)
        version = {"version": os.urandom(16).hex(), "value": value, "contentType": self.body.get("contentType"),
                   "tags": self.body.get("tags"), "enabled": attrs.get("enabled", True) is not False,
                   "nbf": attrs.get("nbf"), "exp": attrs.get("exp"), "created": now, "updated": now}
        secret = self.secrets.setdefault(self.key, {"name": self.name, "versions": []})
        secret["versions"].append(version)
        self.save(db)
        return secret, version, properties(self.row)


class UpdateSecret(_SecretWrite):
    def apply(self, caller, db):
        secret, version = find(self.row, self.name, caller.now, self.version)
        secret = self.secrets[self.key]
        version = next(v for v in secret["versions"] if v["version"] == version["version"])
        attrs = _attributes_in(self.body)
        for key in ("nbf", "exp"):
            if key in attrs:
                version[key] = attrs[key]
        if "enabled" in attrs:
            version["enabled"] = attrs["enabled"] is not False
        for key in ("contentType", "tags"):
            if key in self.body:
                version[key] = self.body[key]
        version["updated"] = int(caller.now)
        self.save(db)
        return secret, version, properties(self.row)


class DeleteSecret(_SecretWrite):
    def apply(self, caller, db):
        find(self.row, self.name, caller.now)
        props = properties(self.row)
        secret = self.secrets.pop(self.key)
        now, days = int(caller.now), _recovery(props)[1]
        record = dict(secret, deletedDate=now, scheduledPurgeDate=now + days * 86400)
        if days:
            self.deleted[self.key] = record
        self.save(db)
        return record, props


class RecoverSecret(_SecretWrite):
    def apply(self, caller, db):
        record = deleted(self.row, caller.now, self.name)
        del self.deleted[self.key]
        self.secrets[self.key] = {"name": record["name"], "versions": record["versions"]}
        self.save(db)
        return self.secrets[self.key], record["versions"][-1], properties(self.row)


class PurgeSecret(_SecretWrite):
    def apply(self, caller, db):
        deleted(self.row, caller.now, self.name)
        if properties(self.row).get("enablePurgeProtection"):
            raise VaultError(403, "Forbidden", "Operation \"purge\" is not allowed because purge protection is "
                             "enabled for this vault. Key Vault service will automatically purge it after the "
                             "retention period has passed.", inner="PurgeProtectionEnabled")
        del self.deleted[self.key]
        self.save(db)


def backup_blob(row, secret, sub_lc):
    """A secret and all its versions as Key Vault's opaque backup value (restorable in this subscription)."""
    import base64
    envelope = {"kind": BACKUP_KIND, "subscription": sub_lc, "secret": secret}
    return base64.urlsafe_b64encode(json.dumps(envelope, separators=(",", ":")).encode()).rstrip(b"=").decode()


class RestoreSecret(_SecretWrite):
    """POST /secrets/restore: a backed-up secret, all its versions, into this vault (its name must be free)."""

    def __init__(self, vault_name, blob, sub_lc):
        super().__init__(vault_name, "restore")
        self.blob, self.sub_lc = blob, sub_lc

    def prepare(self, caller, db):
        import base64
        try:
            text = base64.urlsafe_b64decode(self.blob + "=" * (-len(self.blob) % 4)).decode()
            envelope = json.loads(text)
            secret = envelope["secret"]
            assert envelope["kind"] == BACKUP_KIND and secret["versions"] and NAME.match(secret["name"])
        except Exception:  # pylint: disable=broad-except - any damage means the same answer
            raise VaultError(400, "BadParameter", "Backup blob contains invalid or corrupt version.") from None
        if envelope.get("subscription") != self.sub_lc:
            raise VaultError(403, "Forbidden", "The backup belongs to another subscription: a secret can only be "
                             "restored in the subscription it was backed up in.")
        self.name, self.restored = secret["name"], secret
        return super().prepare(caller, db)

    def apply(self, caller, db):
        if self.key in self.secrets or self.key in self.deleted:
            raise VaultError(409, "Conflict", "Secret %s already exists in this vault (or is deleted but "
                             "recoverable)." % self.name, inner="Conflict")
        self.secrets[self.key] = {"name": self.restored["name"], "versions": self.restored["versions"]}
        self.save(db)
        return self.secrets[self.key], self.restored["versions"][-1], properties(self.row)
