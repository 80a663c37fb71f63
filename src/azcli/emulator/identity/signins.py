"""Sign-ins of people waiting for the local user's approval (device code and browser flows).

A person-style flow proves nothing by itself: anyone who can reach the identity endpoint can start one,
with any client id. So such a sign-in is only *requested* over HTTP; it is approved (or declined) by
someone who can open this cloud's store, i.e. the local user at a shell with the config dir:
`azcli local approve <user code>` (the facade's approve_sign_in). Until then the device-code poll answers
authorization_pending and the browser page waits.

Each request is one meta row, "signin:<USER CODE>" -> JSON:
  {"userCode", "kind": "deviceCode" | "browser", "clientId", "tenantId", "scope", "created", "expires",
   "status": "pending" | "approved" | "declined", "objectId" (the approving user), "request" (browser: the
   authorize parameters)}
An approved request is consumed by the one token (or redirect) it yields, so a code cannot be replayed.
"""
import json

from . import directory
from ..errors import ConflictError, NotFoundError
from ..store.db import get_meta, set_meta

PREFIX = "signin:"
ALPHABET = "BCDFGHJKLMNPQRSTVWXZ23456789"  # no vowels (no words), no 0/O or 1/I
CODE_LENGTH = 9


def _key(user_code):
    return PREFIX + normalize(user_code)


def normalize(user_code):
    return "".join(ch for ch in str(user_code or "").upper() if ch.isalnum())


def start(store, kind, client_id, tenant_id, scope, now, lifetime, request=None):
    """Record a pending sign-in; returns its user code."""
    import secrets
    with store.write() as db:
        _forget_expired(db, now)
        while True:
            code = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
            if get_meta(db, _key(code)) is None:
                break
        set_meta(db, _key(code), json.dumps({
            "userCode": code, "kind": kind, "clientId": client_id, "tenantId": tenant_id.lower(), "scope": scope,
            "created": now, "expires": now + lifetime, "status": "pending", "request": request or {}}))
    return code


def _forget_expired(db, now):
    for key, value in db.execute("SELECT key, value FROM meta WHERE key LIKE ?", (PREFIX + "%",)).fetchall():
        if json.loads(value)["expires"] <= now:
            db.execute("DELETE FROM meta WHERE key = ?", (key,))


def find(db, user_code, now):
    """The sign-in of user_code, or None when there is none (never requested, expired or consumed)."""
    value = get_meta(db, _key(user_code))
    if value is None:
        return None
    signin = json.loads(value)
    return signin if signin["expires"] > now else None


def consume(store, user_code, now):
    """The sign-in, removed if it is decided (approved or declined); None if there is none."""
    with store.write() as db:
        signin = find(db, user_code, now)
        if signin is not None and signin["status"] != "pending":
            db.execute("DELETE FROM meta WHERE key = ?", (_key(user_code),))
        return signin


def pending(store, now):
    db = store.read()
    found = [json.loads(v) for (v,) in db.execute("SELECT value FROM meta WHERE key LIKE ?", (PREFIX + "%",))]
    return [describe(s) for s in sorted(found, key=lambda s: s["created"])
            if s["status"] == "pending" and s["expires"] > now]


def describe(signin, user=None):
    result = {"userCode": signin["userCode"], "type": signin["kind"], "clientId": signin["clientId"],
              "tenantId": signin["tenantId"], "scope": signin["scope"], "status": signin["status"]}
    if user is not None:
        result["user"] = user.upn or user.display_name
    return result


def decide(store, user_code, now, user=None, approve=True):
    """Approve a pending sign-in as user (a User's UPN, name or object id; default the tenant's first user,
    created when it has none), or decline it. Raises NotFoundError, ConflictError."""
    with store.write() as db:
        signin = find(db, user_code, now)
        if signin is None:
            raise NotFoundError("No sign-in is waiting for the code '%s' (it may have expired or been used)."
                                % user_code)
        if signin["status"] != "pending":
            raise ConflictError("The sign-in with the code '%s' is already %s." % (user_code, signin["status"]))
        person = _user(db, signin["tenantId"], user, now) if approve else None
        signin["status"] = "approved" if approve else "declined"
        if person is not None:
            signin["objectId"] = person.object_id
        set_meta(db, _key(user_code), json.dumps(signin))
    return describe(signin, person)


def _user(db, tenant_id, name, now):
    if name is None:
        return directory.default_user(db, tenant_id, now)
    person = directory.principal_by_name(db, name)
    if person is None or person.kind != "User":
        raise NotFoundError("No user '%s' in the local cloud (see 'azcli local principal list')." % name)
    if person.tenant_id != tenant_id:
        raise ConflictError("The user '%s' is not in the tenant '%s' the sign-in is for." % (name, tenant_id))
    return person
