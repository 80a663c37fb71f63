"""The local cloud's single write path.

Every change - from an HTTP handler, the deployment engine or (later) a service RP - is an
``Operation`` run by ``execute``, which does what ARM does for every write, once, in one place:

1. ``resolve``: find what the operation acts on (404s, 409 for something being deleted) and say
   which provider namespace must be registered (None for Microsoft.Resources' own writes);
2. the provider registration check;
3. ``prepare``: validate and compute the new state without changing anything, returning the
   (scope id, "write" | "delete" | "move") pairs that locks must allow;
4. RBAC: ``permissions`` names the (action, scope) pairs the caller's roles must allow (rbac.py;
   by default the written type's own write/delete action on each scope prepare returned), then the
   lock check;
5. ``apply``: change the store, start long-running operations; returns an ``Outcome``.

All of it runs in one write transaction, so a refused write leaves nothing behind.
"""
from . import locking, rbac, registration


class Outcome:
    """What a write did: the document (or None), whether it was created, the long-running operation it
    started (``op_id``, its ``style``, the provisioningState to report while it runs and the region
    that answers its polls) and, for an action, the synchronous answer."""

    def __init__(self, doc=None, created=False, op_id=None, style=None, state=None, location=None, status=200,
                 body=None):
        self.doc, self.created = doc, created
        self.op_id, self.style, self.state, self.location = op_id, style, state, location
        self.status, self.body = status, body


class Operation:
    def resolve(self, caller, db):
        """Look up the target; return the namespace whose registration the write needs, or None."""
        return None

    def prepare(self, caller, db):
        """Validate without side effects; return [(scope id, "write" | "delete" | "move"), ...]."""
        return []

    def permissions(self, caller, db, locked):
        """The (action, scope id) pairs the caller's role assignments must allow, from prepare's pairs:
        by default ("{type}/write" | "{type}/delete", id), e.g. ("Microsoft.Network/virtualNetworks/write",
        id); a move needs moveResources/action on the group. Scopes above subscriptions are not checked here."""
        return rbac.default_permissions(locked)

    def apply(self, caller, db):
        raise NotImplementedError


def execute(caller, operation, db=None):
    """Run operation for caller (who: ``subscription``, ``principal``; when: ``now``; ``settings``; the
    request's ``api_version``), in db's transaction or a new one on caller.store."""
    if db is None:
        with caller.store.write() as db:
            return execute(caller, operation, db)
    namespace = operation.resolve(caller, db)
    if namespace is not None:
        registration.require(caller, db, namespace)
    locked = list(operation.prepare(caller, db))
    rbac.require(caller, db, operation.permissions(caller, db, locked))
    for scope, verb in locked:
        locking.check(db, scope, verb)
    return operation.apply(caller, db)
