"""Microsoft.ManagedIdentity: a user-assigned identity is a principal of the directory.

Creating a userAssignedIdentities resource adds a principal of kind ManagedIdentity whose object id
and client id are the resource's principalId and clientId (read-only, computed once); the principal
leaves with the resource (identity/directory.py's trigger, whatever deletes the row). Its
federatedIdentityCredentials children {issuer, subject, audiences} are the principal's federated
credentials: a workload holding an OIDC token with that issuer, subject and one of those audiences
trades it at the token endpoint (client_assertion, the identity's clientId) for the identity's tokens.
"""
import json

from . import ResourceType, keep, name_rule
from ..common.errors import ArmError
from ..common.values import new_guid
from ..identity import directory

IDENTITY_TYPE = "Microsoft.ManagedIdentity/userAssignedIdentities"
CREDENTIAL_TYPE_LC = (IDENTITY_TYPE + "/federatedIdentityCredentials").lower()
_READ_ONLY = ("tenantId", "principalId", "clientId")


class UserAssignedIdentity(ResourceType):
    type = IDENTITY_TYPE

    def complete(self, doc, old_properties, caller):
        props = doc["properties"]
        for key in _READ_ONLY:  # computed by the RP, whatever the body says
            props.pop(key, None)
        tenant = caller.subscription["tenant_lc"] if caller.subscription is not None else caller.principal.tenant_id
        keep(props, old_properties, "tenantId", tenant)
        keep(props, old_properties, "principalId", new_guid)
        keep(props, old_properties, "clientId", new_guid)

    def created(self, db, caller, doc):
        props = doc["properties"]
        directory.add_identity_principal(db, doc["id"], props["principalId"], props["clientId"], props["tenantId"],
                                         doc["name"], caller.now)


class FederatedIdentityCredential(ResourceType):
    type = IDENTITY_TYPE + "/federatedIdentityCredentials"
    name_rule = name_rule(r"^[A-Za-z0-9][A-Za-z0-9_-]{2,119}$", "InvalidResourceName",
                          "Federated identity credential name '%s' is invalid. The name can contain only letters, "
                          "numbers, hyphens and underscores, must start with a letter or number and be 3 to 120 "
                          "characters long.")

    def complete(self, doc, old_properties, caller):
        props = doc["properties"]
        issuer = props.get("issuer")
        if not isinstance(issuer, str) or not issuer.lower().startswith("https://"):
            raise _bad("The issuer '%s' of a federated identity credential must be an https URL." % issuer)
        if "subject" in props and not isinstance(props["subject"], str):
            raise _bad("The subject of a federated identity credential must be a string.")
        audiences = props.get("audiences")
        if audiences is not None and (not isinstance(audiences, list) or len(audiences) != 1
                                      or not isinstance(audiences[0], str)):
            raise _bad("A federated identity credential must have exactly one audience.")
        doc["properties"] = {k: props[k] for k in ("issuer", "subject", "audiences") if k in props}

    def created(self, db, caller, doc):
        _sync(db, doc["id"].lower(), extra=doc)

    def stored(self, db, caller, doc):  # after any PUT or PATCH (updates included)
        _sync(db, doc["id"].lower())

    def removed(self, db, row):
        _sync(db, row["id_lc"], without=row["id_lc"])


def _bad(message):
    return ArmError(400, "BadRequest", message, gateway=False)


def _sync(db, credential_lc, without=None, extra=None):
    """Make the identity's principal trust exactly its stored federated identity credentials (without the
    one being deleted, with the one being created)."""
    identity_lc = credential_lc.rsplit("/federatedidentitycredentials/", 1)[0]
    row = db.execute("SELECT body FROM resources WHERE id_lc = ?", (identity_lc,)).fetchone()
    if row is None:
        return
    principal_id = json.loads(row["body"])["properties"]["principalId"]
    bodies = [json.loads(child["body"]) for child in db.execute(
        "SELECT id_lc, body FROM resources WHERE parent_lc = ? AND type_lc = ? ORDER BY seq",
        (identity_lc, CREDENTIAL_TYPE_LC)) if child["id_lc"] != without]
    if extra is not None and all(b["id"].lower() != extra["id"].lower() for b in bodies):
        bodies.append(extra)
    federated = [{"issuer": b["properties"]["issuer"], "subject": b["properties"].get("subject"),
                  "audiences": b["properties"].get("audiences") or [], "name": b["name"]} for b in bodies]
    directory.set_federated_credentials(db, principal_id, federated)


TYPES = [UserAssignedIdentity(), FederatedIdentityCredential()]
