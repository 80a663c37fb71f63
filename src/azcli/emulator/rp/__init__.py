"""The resource-type registry: what each resource type does beyond storing its PUT body.

One module per provider namespace (``rp/storage.py``, ``rp/network.py``, ...) declares ``TYPES``, a
list of ``ResourceType`` instances; modules are discovered on first lookup, so adding a type's
behaviour is one new file. A type entry names the full type it covers (``Microsoft.Storage/
storageAccounts``), a type prefix whose children share it (``prefix=True``), or a whole namespace
(``Microsoft.Network``). Lookup takes the exact type, then the longest prefix, then the namespace,
then ``DEFAULT``: the generic behaviour (synchronous, body echoed, no actions).

Entries are declarative: they compute documents and answer actions from rows, and never start
operations or check locks themselves - the domain layer does that, once, for every caller.
"""
import functools
import importlib
import os
import re

ASYNC = "async"  # 201/200 + Azure-AsyncOperation
LOCATION = "location"  # 202 + Location, the final poll answers the resource


class Done:
    """A synchronous action's answer: status and JSON body (None for an empty body)."""

    def __init__(self, body=None, status=200):
        self.body, self.status = body, status


class Accepted:
    """A long-running action: the domain starts the operation; ``done(db, row, params)`` finishes it."""

    def __init__(self, params):
        self.params = params


class ResourceType:
    """The generic behaviour; subclasses override what their type does differently."""

    type = None  # "Microsoft.Storage/storageAccounts", "Microsoft.Sql/servers" (prefix) or "Microsoft.Network"
    prefix = False  # the entry also covers child types below ``type``
    lro = None  # None (synchronous), ASYNC or LOCATION
    lro_on_update = True  # False: only the creation is long-running
    creating_state = "Creating"  # provisioningState while a creation runs
    provisioning_state = True  # False: the type's documents have no provisioningState (template specs)
    etag = False  # a new weak etag on every write
    name_rule = None  # (compiled regex, ARM error code, message with %s for the name)

    def check_name(self, name):
        """Raise ARM's 400 when name breaks the type's naming rule."""
        if self.name_rule is not None and not self.name_rule[0].match(name):
            from ..common.errors import ArmError
            raise ArmError(400, self.name_rule[1], self.name_rule[2] % name)

    def complete(self, doc, old_properties, caller):
        """Fill in defaults and read-only properties the RP computes (keep them stable across updates)."""

    def created(self, db, caller, doc):
        """What creating the resource does beyond storing doc (which it may still change), in the write's
        transaction: a subscription alias makes a subscription."""

    def prepare_write(self, db, caller, doc, existing):
        """Checks and computed properties that need the store, before doc (built from a PUT or a PATCH)
        is stored: raise ArmError to refuse the write, or change doc (a NIC's private address from its
        subnet, a virtual network's inline subnets). ``existing``: the row before the write, or None."""

    def stored(self, db, caller, doc):
        """After doc's row is stored, in the write's transaction: keep related rows in step (the subnet
        rows a virtual network declares inline, the parent's copy of a child it lists)."""

    def check_delete(self, db, caller, row):
        """Before a delete starts: raise ArmError when the RP refuses it (a subnet in use)."""

    def removed(self, db, row):
        """Just before row and everything below it leave the store (at once, or when a long-running delete
        settles): drop what other rows say about it (the parent's list of its children, references)."""

    def view(self, doc, row, expand, db=None):
        """Adjust the served document of a GET (``expand``: the lower-cased $expand; ``db``: the store, for
        what the expansion reads of other rows)."""
        return doc

    def served(self, doc):
        """Adjust every served document (what names the request's own address: common/request_base.py)."""
        return doc

    def action(self, name):
        """The handler of POST .../{name} (lower case): f(caller, db, row, body) -> Done | Accepted, or None."""
        return getattr(self, "actions", {}).get(name)

    def action_done(self, db, row, params):
        """Finish an Accepted action when its operation completes."""


DEFAULT = ResourceType()


def keep(properties, old_properties, key, value):
    """Set a computed property unless the body gave one; a value computed before stays (value may be a
    zero-argument callable, called only when a new value is needed)."""
    if key in properties:
        return
    if key in old_properties:
        properties[key] = old_properties[key]
    else:
        properties[key] = value() if callable(value) else value


def name_rule(pattern, code, message):
    return re.compile(pattern), code, message


@functools.lru_cache(maxsize=None)
def _registry():
    exact, prefixes, namespaces = {}, {}, {}
    # Every module of this package is a provider's file (os.listdir: pkgutil costs milliseconds to import).
    names = sorted(f[:-3] for f in os.listdir(os.path.dirname(__file__)) if f.endswith(".py") and f[0] != "_")
    for name in names:
        types = getattr(importlib.import_module(__name__ + "." + name), "TYPES", ())
        for entry in types:
            key = entry.type.lower()
            table = namespaces if "/" not in key else prefixes if entry.prefix else exact
            if key in table:
                raise ValueError("resource type %s is declared twice" % entry.type)
            table[key] = entry
    return exact, prefixes, namespaces


def lookup(type_lc):
    """The registry entry for a full type in lower case ("microsoft.network/virtualnetworks/subnets")."""
    exact, prefixes, namespaces = _registry()
    found = exact.get(type_lc)
    if found is not None:
        return found
    parts = type_lc.split("/")
    for n in range(len(parts), 1, -1):
        found = prefixes.get("/".join(parts[:n]))
        if found is not None:
            return found
    return namespaces.get(parts[0], DEFAULT)
