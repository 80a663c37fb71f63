"""Managing the local cloud's directory: extra principals, their credentials and access, tenants,
subscriptions. This is what an administrator does in the portal; the CLI reaches it through the
functions re-exported by ``azcli.emulator`` (like ``local_identity``), never over ARM.

Secrets (client secret, generated certificate with its key, managed-identity header) are returned
once, at creation; ``describe`` never shows them.
"""
import time

from . import directory, federation
from ..common.values import new_guid
from ..errors import ConflictError, InvalidRequestError, NotFoundError
from ..store.db import get_meta

KINDS = {"serviceprincipal": "ServicePrincipal", "managedidentity": "ManagedIdentity", "user": "User"}
MSI_GROUP = "azcli-local-identities"




def _kind(kind):
    key = (kind or "ServicePrincipal").replace("-", "").replace("_", "").lower()
    if key not in KINDS:
        raise InvalidRequestError("Unknown principal type '%s'; use service-principal, managed-identity or user." % kind)
    return KINDS[key]


def _scopes(db, access):
    """Access as given (default | none | all | subscription ids or names) -> ARM scopes."""
    if access in (None, "default"):
        return ["/subscriptions/" + get_meta(db, "builtin_subscription")]
    if access == "none":
        return []
    if access == "all":
        return ["/"]
    wanted = [access] if isinstance(access, str) else list(access)
    scopes = []
    for item in wanted:
        if item.startswith("/"):
            scopes.append(item)
            continue
        row = directory.subscription(db, item) or db.execute(
            "SELECT * FROM subscriptions WHERE lower(display_name) = ?", (item.lower(),)).fetchone()
        if row is None:
            raise NotFoundError("Subscription '%s' not found in the local cloud." % item)
        scopes.append("/subscriptions/" + row["subscription_id"])
    return scopes


def _tenant(db, tenant_id):
    if not tenant_id:
        return get_meta(db, "builtin_tenant")
    row = directory.tenant(db, tenant_id)
    if row is None:
        raise NotFoundError("Tenant '%s' not found in the local cloud." % tenant_id)
    return row["tenant_id"]


def add_principal(store, name, kind=None, access="default", secret=None, certificate=None, federated=(),
                  tenant_id=None):
    """Create a principal; returns its description plus the secrets made for it (shown only now).

    certificate: "new" (generate a self-signed one; its PEM with the key is returned) or PEM text of
    a certificate to register. federated: subjects (or {"subject", "issuer", "audiences"} dicts) of
    federated credentials trusting the local issuer by default. secret: create a client secret
    (default: for a service principal that has no certificate and no federated credential).
    """
    from .clientauth import certificate_record, new_certificate
    kind = _kind(kind)
    now = time.time()
    made = {}
    credentials = []
    if kind == "ServicePrincipal" and (secret or (secret is None and not certificate and not federated)):
        made["clientSecret"] = directory.new_secret()
        credentials.append({"type": "secret", "value": made["clientSecret"]})
    if certificate:
        pem = new_certificate(name) if certificate == "new" else certificate
        if certificate == "new":
            made["certificatePem"] = pem
        credentials.append(certificate_record(pem))
    for item in federated or ():
        entry = {"subject": item} if isinstance(item, str) else dict(item)
        credentials.append({"type": "federated", "issuer": entry.get("issuer") or federation.ISSUER,
                            "subject": entry["subject"],
                            "audiences": list(entry.get("audiences") or [federation.DEFAULT_AUDIENCE])})
    object_id = new_guid()
    client_id = None if kind == "User" else new_guid()
    with store.write() as db:
        tenant = _tenant(db, tenant_id)
        if directory.principal_by_name(db, name) is not None:
            raise ConflictError("A principal named '%s' already exists." % name)
        if kind == "User":
            domain = directory.tenant(db, tenant)["default_domain"]
            credentials.append({"type": "upn", "value": name if "@" in name else "%s@%s" % (name, domain)})
        if kind == "ManagedIdentity":
            made["identityHeader"] = directory.new_secret()
            credentials.append({"type": "msi", "header": made["identityHeader"], "resourceId":
                                "/subscriptions/%s/resourceGroups/%s/providers/Microsoft.ManagedIdentity/"
                                "userAssignedIdentities/%s" % (get_meta(db, "builtin_subscription"), MSI_GROUP,
                                                               name)})
        directory.add_principal(db, object_id, tenant, kind, name, now, client_id=client_id,
                                credentials=credentials)
        for scope in _scopes(db, access):
            directory.grant(db, object_id, scope, "Owner", now)
        principal = directory.principal_by_object(db, object_id)
        result = describe(db, principal)
    result.update(made)
    return result


def describe(db, principal):
    """A principal as the CLI shows it (no secret values)."""
    doc = {"name": principal.display_name, "type": principal.kind, "objectId": principal.object_id,
           "clientId": principal.client_id, "tenantId": principal.tenant_id}
    if principal.upn:
        doc["userPrincipalName"] = principal.upn
    creds = []
    for cred in principal.credentials:
        kind = cred.get("type")
        if kind == "secret":
            creds.append({"type": "secret", "hint": cred["value"][:3]})
        elif kind == "certificate":
            creds.append({"type": "certificate", "thumbprint": cred["sha1"].upper()})
        elif kind == "federated":
            creds.append({"type": "federated", "issuer": cred["issuer"], "subject": cred["subject"],
                          "audiences": cred["audiences"]})
        elif kind == "msi":
            doc["resourceId"] = cred.get("resourceId")
    doc["credentials"] = creds
    doc["access"] = directory.access_of(db, principal.object_id)
    doc["builtin"] = principal.client_id is not None and principal.client_id == get_meta(db, "builtin_client")
    return doc


def list_principals(store):
    db = store.read()
    return [describe(db, p) for p in directory.principals(db)]


def find(store, name):
    principal = directory.principal_by_name(store.read(), name)
    if principal is None:
        raise NotFoundError("Principal '%s' not found in the local cloud." % name)
    return principal


def show_principal(store, name):
    return describe(store.read(), find(store, name))


def delete_principal(store, name):
    principal = find(store, name)
    with store.write() as db:
        if principal.client_id and principal.client_id == get_meta(db, "builtin_client"):
            raise ConflictError("The built-in principal cannot be deleted.")
        directory.delete_principal(db, principal.object_id)


def federated_token(store, name=None, subject=None, audience=None, lifetime=None):
    """A token of the local issuer: for subject, or for the first federated credential of principal name."""
    if subject is None:
        if name is None:
            raise InvalidRequestError("Give a subject or a principal with a federated credential.")
        creds = [c for c in find(store, name).of_type("federated") if c.get("issuer") == federation.ISSUER]
        if not creds:
            raise InvalidRequestError("Principal '%s' has no federated credential trusting the local issuer." % name)
        subject = creds[0]["subject"]
        audience = audience or creds[0]["audiences"][0]
    return federation.issue(store, subject, audience or federation.DEFAULT_AUDIENCE,
                            lifetime or federation.DEFAULT_LIFETIME)


def add_tenant(store, display_name, domain=None):
    tenant_id = new_guid()
    with store.write() as db:
        directory.add_tenant(db, tenant_id, display_name, domain or "%s.localcloud.invalid" % tenant_id[:8],
                             time.time())
    return {"tenantId": tenant_id, "displayName": display_name}


def add_subscription(store, display_name, tenant_id=None):
    subscription_id = new_guid()
    with store.write() as db:
        directory.add_subscription(db, subscription_id, _tenant(db, tenant_id), display_name, time.time())
    return {"subscriptionId": subscription_id, "displayName": display_name}


def grant(store, name, access, role="Owner"):
    principal = find(store, name)
    with store.write() as db:
        for scope in _scopes(db, access):
            directory.grant(db, principal.object_id, scope, role, time.time())
        return describe(db, principal)
