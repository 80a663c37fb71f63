"""Preview features (Microsoft.Features): a subscription's registration of a provider's named feature.

The features the local cloud knows are a few of Azure's own (``KNOWN``); a feature is NotRegistered until
registered. A registration is a row of ``resources`` (type Microsoft.Features/providers/features, under the
subscription) holding the state and when it changed: Registering turns Registered once the configured
LRO duration has passed (at once by default); unregistering is immediate (Unregistered).
"""
from .operations import Operation, Outcome
from ..common.errors import ArmError
from ..rp import catalog
from ..store import records

TYPE = "Microsoft.Features/providers/features"
KNOWN = {
    "Microsoft.Compute": ("EncryptionAtHost",),
    "Microsoft.ContainerService": ("EnableWorkloadIdentityPreview",),
    "Microsoft.Network": ("AllowBringYourOwnPublicIpAddress",),
    "Microsoft.Storage": ("AllowNFSV3",),
}


def feature_id(sub_id, namespace, name):
    return "/subscriptions/%s/providers/Microsoft.Features/providers/%s/features/%s" % (sub_id, namespace, name)


def canonical(namespace, name=None):
    """(namespace, name) as Azure spells them; 404 for an unknown namespace or feature."""
    entry = catalog.namespace(namespace)
    if entry is None:
        raise ArmError(404, "InvalidResourceNamespace", "The resource namespace '%s' is invalid." % namespace)
    ns = entry["namespace"]
    if name is None:
        return ns, None
    found = next((f for f in KNOWN.get(ns, ()) if f.lower() == name.lower()), None)
    if found is None:
        raise ArmError(404, "FeatureNotFound", "The feature '%s' could not be found in namespace '%s'." % (name, ns),
                       gateway=False)
    return ns, found


def state(row, now, lro_seconds):
    if row is None:
        return "NotRegistered"
    current = records.render(row)["properties"]["state"]
    if current == "Registering" and now - row["changed"] >= lro_seconds:
        return "Registered"
    return current


def document(sub_id, namespace, name, current):
    return {"properties": {"state": current}, "id": feature_id(sub_id, namespace, name),
            "type": TYPE, "name": "%s/%s" % (namespace, name)}


def documents(db, ctx, namespace=None):
    """Every known feature (of one namespace) with the subscription's state, in a stable order."""
    sub_id = ctx.subscription["subscription_id"]
    out = []
    for ns in sorted(KNOWN):
        if namespace is not None and ns != namespace:
            continue
        for name in KNOWN[ns]:
            row = records.get(db, feature_id(sub_id, ns, name))
            out.append(document(sub_id, ns, name, state(row, ctx.now, ctx.settings.lro_seconds)))
    return out


class SetFeature(Operation):
    """Register (``register=True``) or unregister the subscription for a feature."""

    def __init__(self, namespace, name, register):
        self.namespace, self.name, self.register = namespace, name, register

    def prepare(self, caller, db):
        self.namespace, self.name = canonical(self.namespace, self.name)
        self.id = feature_id(caller.subscription["subscription_id"], self.namespace, self.name)
        self.current = state(records.get(db, self.id), caller.now, caller.settings.lro_seconds)
        return []

    def apply(self, caller, db):
        sub_id = caller.subscription["subscription_id"]
        if self.register:
            new = self.current if self.current in ("Registered", "Registering") else "Registering"
        else:
            new = "Unregistered" if self.current != "NotRegistered" else "NotRegistered"
        if new != self.current or self.current == "NotRegistered":
            body = {"properties": {"state": new}}
            records.put(db, self.id, TYPE, sub_id, None, "/subscriptions/" + sub_id, self.name, None, body, caller.now)
        shown = state(records.get(db, self.id), caller.now, caller.settings.lro_seconds)
        return Outcome(document(sub_id, self.namespace, self.name, shown))
