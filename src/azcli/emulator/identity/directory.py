"""The directory: tenants, subscriptions, principals and their access.

A principal is anything that can get a token, of kind "ServicePrincipal", "ManagedIdentity" or
"User". ``credentials`` is a JSON list of what it can authenticate with:
  {"type": "secret", "value"}                                  client secret
  {"type": "certificate", "sha1", "sha256", "pem"}             client certificate (public part, PEM)
  {"type": "federated", "issuer", "subject", "audiences"}      trusted federated (OIDC) assertions
  {"type": "msi", "header", "resourceId"}                      managed identity: the endpoint secret
  {"type": "upn", "value"}                                     a user's sign-in name
  {"type": "identity", "resourceId"}                           a user-assigned identity's resource (ARM)
``access`` rows grant a principal a role at a scope ("/" = everything, "/subscriptions/{id}", a group,
a resource, a management group); ARM's role assignments (domain/rbac.py) add to them.
"""
import base64
import json
import os

from ..common.values import new_guid
from ..store.db import Store, get_meta, set_meta

DB_NAME = "localcloud.db"
BUILTIN_SUBSCRIPTION_NAME = "Local Cloud Subscription"
BUILTIN_TENANT_NAME = "Local Cloud Directory"
BUILTIN_DOMAIN = "localcloud.invalid"
BUILTIN_PRINCIPAL_NAME = "azcli-local"


def open_store(state_dir):
    path = os.path.join(state_dir, DB_NAME)
    if not os.path.exists(path):
        # The store holds client secrets and the signing keys: private from the start (SQLite gives
        # its -wal and -shm files the database file's permissions).
        os.makedirs(state_dir, exist_ok=True)
        os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))
    return Store(path, seed=seed)


def new_secret():
    """A 40-character client secret, like AAD's; never starting with '-' (which a command line would
    take for an option)."""
    while True:
        secret = base64.urlsafe_b64encode(os.urandom(30)).decode("ascii")
        if secret[0].isalnum():
            return secret


def seed(db, now):
    """Create the signing key and the built-in tenant, subscription and principal (once per store)."""
    if get_meta(db, "signing_key") is None:
        set_meta(db, "signing_key", os.urandom(32).hex())
    if get_meta(db, "builtin_subscription") is not None:
        return
    tenant_id, subscription_id, client_id, object_id = new_guid(), new_guid(), new_guid(), new_guid()
    add_tenant(db, tenant_id, BUILTIN_TENANT_NAME, BUILTIN_DOMAIN, now)
    add_subscription(db, subscription_id, tenant_id, BUILTIN_SUBSCRIPTION_NAME, now)
    add_principal(db, object_id, tenant_id, "ServicePrincipal", BUILTIN_PRINCIPAL_NAME, now,
                  client_id=client_id, credentials=[{"type": "secret", "value": new_secret()}])
    grant(db, object_id, "/subscriptions/" + subscription_id, "Owner", now)
    for key, value in (("builtin_tenant", tenant_id), ("builtin_subscription", subscription_id),
                       ("builtin_client", client_id), ("builtin_object", object_id)):
        set_meta(db, key, value)


def add_tenant(db, tenant_id, display_name, default_domain, now):
    db.execute("INSERT INTO tenants (tenant_lc, tenant_id, display_name, default_domain, created) "
               "VALUES (?, ?, ?, ?, ?)", (tenant_id.lower(), tenant_id, display_name, default_domain, now))


def add_subscription(db, subscription_id, tenant_id, display_name, now, state="Enabled", body=None):
    db.execute("INSERT INTO subscriptions (sub_lc, subscription_id, tenant_lc, display_name, state, body, created) "
               "VALUES (?, ?, ?, ?, ?, ?, ?)",
               (subscription_id.lower(), subscription_id, tenant_id.lower(), display_name, state,
                json.dumps(body or {}), now))


def add_principal(db, object_id, tenant_id, kind, display_name, now, client_id=None, credentials=()):
    db.execute("INSERT INTO principals (object_lc, object_id, client_lc, client_id, tenant_lc, kind, display_name, "
               "credentials, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
               (object_id.lower(), object_id, client_id.lower() if client_id else None, client_id,
                tenant_id.lower(), kind, display_name, json.dumps(list(credentials)), now))


def grant(db, object_id, scope, role, now):
    db.execute("INSERT INTO access (object_lc, scope_lc, scope, role, created) VALUES (?, ?, ?, ?, ?) "
               "ON CONFLICT (object_lc, scope_lc) DO UPDATE SET role = excluded.role",
               (object_id.lower(), scope.rstrip("/").lower() or "/", scope, role, now))


class Principal:
    __slots__ = ("object_id", "client_id", "tenant_id", "kind", "display_name", "credentials", "created")

    def __init__(self, row):
        self.object_id = row["object_id"]
        self.client_id = row["client_id"]
        self.tenant_id = row["tenant_lc"]
        self.kind = row["kind"]
        self.display_name = row["display_name"]
        self.credentials = json.loads(row["credentials"])
        self.created = row["created"]

    def of_type(self, kind):
        return [c for c in self.credentials if c.get("type") == kind]

    def secrets(self):
        return [c["value"] for c in self.of_type("secret")]

    @property
    def upn(self):
        names = self.of_type("upn")
        return names[0]["value"] if names else None

    @property
    def name(self):
        """What ARM error messages call the caller: a user's UPN, else the client id."""
        return self.upn or self.client_id or self.object_id


def principal_by_client(db, client_id):
    row = db.execute("SELECT * FROM principals WHERE client_lc = ?", (client_id.lower(),)).fetchone()
    return Principal(row) if row else None


def principal_by_object(db, object_id):
    row = db.execute("SELECT * FROM principals WHERE object_lc = ?", (object_id.lower(),)).fetchone()
    return Principal(row) if row else None


def principals(db):
    return [Principal(r) for r in db.execute("SELECT * FROM principals ORDER BY created, object_lc")]


def principal_by_name(db, name):
    """A principal by client id, object id, UPN or display name (case-insensitive)."""
    wanted = name.lower()
    found = principal_by_client(db, name) or principal_by_object(db, name)
    if found is not None:
        return found
    for principal in principals(db):
        if (principal.upn or "").lower() == wanted or principal.display_name.lower() == wanted:
            return principal
    return None


def principal_by_msi_header(db, header):
    import hmac
    for principal in principals(db):
        for cred in principal.of_type("msi"):
            if hmac.compare_digest(cred["header"].encode(), header.encode()):
                return principal
    return None


def update_credentials(db, object_id, credentials):
    db.execute("UPDATE principals SET credentials = ? WHERE object_lc = ?",
               (json.dumps(list(credentials)), object_id.lower()))


def delete_principal(db, object_id):
    db.execute("DELETE FROM access WHERE object_lc = ?", (object_id.lower(),))
    db.execute("DELETE FROM principals WHERE object_lc = ?", (object_id.lower(),))


def access_of(db, object_id):
    return [{"scope": r["scope"], "role": r["role"]}
            for r in db.execute("SELECT scope, role FROM access WHERE object_lc = ? ORDER BY created",
                                (object_id.lower(),))]


def default_user(db, tenant_id, now):
    """The user a device-code or browser sign-in is approved as: the tenant's first user, created
    (localuser@<domain>, Owner of the built-in subscription) when the tenant has none."""
    for principal in principals(db):
        if principal.kind == "User" and principal.tenant_id == tenant_id.lower():
            return principal
    row = tenant(db, tenant_id)
    object_id = new_guid()
    upn = "localuser@" + row["default_domain"]
    add_principal(db, object_id, tenant_id, "User", "Local User", now,
                  credentials=[{"type": "upn", "value": upn}])
    builtin = get_meta(db, "builtin_subscription")
    if builtin and subscription(db, builtin)["tenant_lc"] == tenant_id.lower():
        grant(db, object_id, "/subscriptions/" + builtin, "Owner", now)
    return principal_by_object(db, object_id)


def tenant(db, tenant_id):
    return db.execute("SELECT * FROM tenants WHERE tenant_lc = ?", (tenant_id.lower(),)).fetchone()


def subscription(db, subscription_id):
    return db.execute("SELECT * FROM subscriptions WHERE sub_lc = ?", (subscription_id.lower(),)).fetchone()


ROLE_ASSIGNMENT_TYPE_LC = "microsoft.authorization/roleassignments"


def scopes_of(db, object_id):
    """The lower-cased scopes where the principal holds a role: its ``access`` rows and its role assignments
    (rows of ``resources`` made over ARM; "/" for the tenant root). Which actions they allow is the
    domain's (domain/rbac.py)."""
    scopes = [r[0] for r in db.execute("SELECT scope_lc FROM access WHERE object_lc = ?", (object_id.lower(),))]
    rows = db.execute("SELECT parent_lc FROM resources WHERE type_lc = ? AND "
                      "lower(json_extract(body, '$.properties.principalId')) = ?",
                      (ROLE_ASSIGNMENT_TYPE_LC, object_id.lower()))
    return scopes + [r[0] or "/" for r in rows]


# --- user-assigned managed identities ---------------------------------------------------------------
# A Microsoft.ManagedIdentity/userAssignedIdentities resource is a principal of kind ManagedIdentity
# with the resource's principalId (object id) and clientId (rp/managedidentity.py adds it when the
# resource is created). The principal exists while the resource does: a trigger removes it, and its
# access rows, whenever the resource's row leaves the store (a DELETE, its group's deletion, a reset).
IDENTITY_TYPE_LC = "microsoft.managedidentity/userassignedidentities"
_IDENTITY_TRIGGER = """CREATE TRIGGER IF NOT EXISTS identity_principal_ends AFTER DELETE ON resources
WHEN old.type_lc = '%s' BEGIN
DELETE FROM access WHERE object_lc = lower(json_extract(old.body, '$.properties.principalId'));
DELETE FROM principals WHERE kind = 'ManagedIdentity'
    AND object_lc = lower(json_extract(old.body, '$.properties.principalId'));
END""" % IDENTITY_TYPE_LC


def add_identity_principal(db, resource_id, object_id, client_id, tenant_id, name, now):
    """The principal of a user-assigned identity (created in the resource's write transaction)."""
    db.execute(_IDENTITY_TRIGGER)
    add_principal(db, object_id, tenant_id, "ManagedIdentity", name, now, client_id=client_id,
                  credentials=[{"type": "identity", "resourceId": resource_id}])


def set_federated_credentials(db, object_id, federated):
    """Replace a principal's federated credentials ({"issuer", "subject", "audiences"[, "name"]} dicts)."""
    principal = principal_by_object(db, object_id)
    if principal is None:
        return
    kept = [c for c in principal.credentials if c.get("type") != "federated"]
    update_credentials(db, object_id, kept + [dict(c, type="federated") for c in federated])


def covers(scopes, target_lc):
    """Whether one of the granted scopes is target_lc or an ancestor of it."""
    for scope in scopes:
        if scope == "/" or target_lc == scope or target_lc.startswith(scope + "/"):
            return True
    return False


def visible_subscriptions(db, object_id):
    """Subscriptions the principal has access to (at, above or below the subscription scope)."""
    scopes = scopes_of(db, object_id)
    rows = db.execute("SELECT * FROM subscriptions ORDER BY created, sub_lc").fetchall()
    result = []
    for row in rows:
        sub_scope = "/subscriptions/" + row["sub_lc"]
        if covers(scopes, sub_scope) or any(s.startswith(sub_scope + "/") for s in scopes):
            result.append(row)
    return result


def builtin_identity(store):
    """The dict local_identity() returns."""
    db = store.read()
    sub_id = get_meta(db, "builtin_subscription")
    principal = principal_by_client(db, get_meta(db, "builtin_client"))
    return {
        "tenantId": get_meta(db, "builtin_tenant"),
        "subscriptionId": sub_id,
        "subscriptionName": subscription(db, sub_id)["display_name"],
        "clientId": principal.client_id,
        "clientSecret": principal.secrets()[0],
    }
