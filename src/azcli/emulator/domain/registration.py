"""A subscription's registration to resource provider namespaces.

A registration is a row in ``resources`` (id ``/subscriptions/{sub}/providers/{ns}``) holding the target
state and when it was asked for: Registering/Unregistering until ``since`` + the configured LRO
duration, then Registered/Unregistered - resolved when read, like lro.py, without threads.
Namespaces without a row have their catalogue default.
"""
from ..common.errors import missing_subscription_registration
from ..rp.catalog import namespace
from ..store import records

TYPE = "Microsoft.Resources/subscriptions/providers"
TRANSITIONS = {"Registered": "Registering", "Unregistered": "Unregistering"}


def registration_id(sub_id, ns):
    return "/subscriptions/%s/providers/%s" % (sub_id, ns)


def state(db, sub_id, entry, now, duration):
    row = records.get(db, registration_id(sub_id, entry["namespace"]))
    if row is None:
        return "Registered" if entry.get("registered") else "NotRegistered"
    body = records.render(row)
    if now >= body["since"] + duration:
        return body["state"]
    return TRANSITIONS[body["state"]]


def is_registered(caller, db, ns):
    entry = namespace(ns)
    return entry is not None and state(
        db, caller.subscription["subscription_id"], entry, caller.now, caller.settings.lro_seconds) == "Registered"


def require(caller, db, ns):
    """Raise MissingSubscriptionRegistration unless the caller's subscription is registered to ns."""
    if not is_registered(caller, db, ns):
        raise missing_subscription_registration(namespace(ns)["namespace"])


def set_state(caller, db, entry, target):
    """Ask for target ("Registered" or "Unregistered"); returns the state now reported."""
    sub_id = caller.subscription["subscription_id"]
    current = state(db, sub_id, entry, caller.now, caller.settings.lro_seconds)
    if current == target or (target == "Unregistered" and current == "NotRegistered"):
        return current
    if current == TRANSITIONS[target]:
        return current  # already on its way
    records.put(db, registration_id(sub_id, entry["namespace"]), TYPE, sub_id, None, "/subscriptions/" + sub_id,
                entry["namespace"], None, {"state": target, "since": caller.now}, caller.now)
    return TRANSITIONS[target]


def register_for_deployment(caller, db, ns):
    """A deployment registers the namespaces its resources need, at once (as ARM does for templates)."""
    entry = namespace(ns)
    if entry is None or is_registered(caller, db, ns):
        return
    sub_id = caller.subscription["subscription_id"]
    records.put(db, registration_id(sub_id, entry["namespace"]), TYPE, sub_id, None, "/subscriptions/" + sub_id,
                entry["namespace"], None, {"state": "Registered", "since": caller.now - caller.settings.lro_seconds},
                caller.now)
