"""Role-based access control: which actions a principal may perform at a scope.

A principal's role assignments at a scope or above it (the tenant root "/", the management groups
above a subscription, the subscription, its group, parent resources) give it the permissions of
their roles. There are two kinds of assignment:

- rows of ``resources`` of type Microsoft.Authorization/roleAssignments, made over ARM (a PUT, a
  template) at any scope; rp/authorization.py checks and completes them;
- the directory's ``access`` rows (the built-in principal's Owner of its subscription, ``azcli local
  principal create --subscription-access``, a subscription alias's creator): each is an assignment of
  its role (Owner unless the row names another built-in role).

An action is allowed when one assigned role has a permission block whose ``actions`` match it and whose
``notActions`` do not, with ARM's wildcards (``*`` matches any run of characters, case-insensitively).
Writes are checked by operations.execute (``require``, with the actions each Operation names); reads
by the wire (``check_request``). Scopes above subscriptions (tenant, management groups) keep the
checks of their own nouns.
"""
import functools
import json
import re

from . import managementgroups
from ..common.errors import authorization_failed, subscription_not_found
from ..rp import roles
from ..store.db import get_meta

ASSIGNMENT_TYPE_LC = "microsoft.authorization/roleassignments"
SUBSCRIPTION_READ = "Microsoft.Resources/subscriptions/read"
# Reads any role in a subscription allows: the subscription, its providers and locations, operation polls.
SUBSCRIPTION_WIDE = {a.lower() for a in (SUBSCRIPTION_READ, "Microsoft.Resources/subscriptions/providers/read",
                                          "Microsoft.Resources/subscriptions/locations/read",
                                          "Microsoft.Resources/subscriptions/operationresults/read")}
GROUP_TYPE = "Microsoft.Resources/subscriptions/resourceGroups"
MOVE_ACTION = GROUP_TYPE + "/moveResources/action"
# The catch-all routes' placeholder actions: the type's own action is computed from the path instead.
GENERIC_PREFIX = GROUP_TYPE.lower() + "/resources/"
READ_METHODS = ("GET", "HEAD")


@functools.lru_cache(maxsize=4096)
def _pattern(text):
    return re.compile("^" + ".*".join(re.escape(part) for part in text.split("*")) + "$", re.IGNORECASE)


def matches(patterns, action):
    return any(_pattern(p).match(action) for p in patterns)


def role_allows(role, action):
    return matches(role.actions, action) and not matches(role.not_actions, action)


def normalize(scope):
    """A scope or id in lower case, without empty segments ("/" and "" are the tenant root: "")."""
    return "/".join([""] + [p for p in (scope or "").lower().split("/") if p])


def _covers(grant_lc, target_lc):
    return grant_lc == "" or target_lc == grant_lc or target_lc.startswith(grant_lc + "/")


def type_of(resource_id):
    """The resource type an id (or a collection path) names: "Microsoft.Network/virtualNetworks/subnets",
    "Microsoft.Resources/subscriptions/resourceGroups" for a group, ".../subscriptions" above."""
    parts = [p for p in resource_id.split("/") if p]
    lowered = [p.lower() for p in parts]
    if "providers" in lowered:
        at = len(lowered) - 1 - lowered[::-1].index("providers")
        rest = parts[at + 1:]
        if len(rest) >= 2:
            return "/".join([rest[0]] + rest[1::2])
    if len(parts) >= 3 and lowered[2] == "resourcegroups":
        return GROUP_TYPE
    return "Microsoft.Resources/subscriptions"


def action_of(resource_id, verb):
    """ARM's action for a verb ("read", "write", "delete") on the type an id names."""
    return "%s/%s" % (type_of(resource_id), verb)


def default_permissions(locked):
    """(action, scope) pairs from prepare's (scope id, "write" | "delete" | "move") pairs: the type's own
    write/delete; a move needs moveResources on the resource's group."""
    out = []
    for scope, verb in locked:
        if verb == "move":
            parts = [p for p in scope.split("/") if p]
            out.append((MOVE_ACTION, "/" + "/".join(parts[:4])))
        else:
            out.append((action_of(scope, verb), scope))
    return out


# --- a principal's grants -----------------------------------------------------------------------

def access_grants(db, object_id):
    """(scope_lc, Role) of the principal's ``access`` rows."""
    rows = db.execute("SELECT scope_lc, role FROM access WHERE object_lc = ?", (object_id.lower(),)).fetchall()
    return [(normalize(r["scope_lc"]), roles.by_name(r["role"]) or roles.by_name("Owner")) for r in rows]


def assignment_rows(db, object_id, sub_lc=None):
    """The role assignment rows of a principal (those that can reach subscription sub_lc, when given)."""
    query = "SELECT * FROM resources WHERE type_lc = ? AND lower(json_extract(body, '$.properties.principalId')) = ?"
    args = [ASSIGNMENT_TYPE_LC, object_id.lower()]
    if sub_lc is not None:
        query += " AND sub_lc IN (?, '')"
        args.append(sub_lc)
    return db.execute(query + " ORDER BY seq", args).fetchall()


def assignment_grants(db, object_id, sub_lc=None):
    out = []
    for row in assignment_rows(db, object_id, sub_lc):
        role = roles.by_id(json.loads(row["body"]).get("properties", {}).get("roleDefinitionId"))
        if role is not None:
            out.append((normalize(row["parent_lc"]), role))
    return out


def _management_groups_above(db, sub_lc):
    row = db.execute("SELECT tenant_lc FROM subscriptions WHERE sub_lc = ?", (sub_lc,)).fetchone()
    if row is None:
        return []
    name = managementgroups.subscription_group(db, row["tenant_lc"], sub_lc)
    found = managementgroups.node(db, row["tenant_lc"], name) if name else None
    if found is None:
        return []
    return [normalize(n.id) for n in managementgroups.chain(db, row["tenant_lc"], found)]


def _sub_of(scope_lc):
    parts = scope_lc.split("/")
    return parts[2] if len(parts) > 2 and parts[1] == "subscriptions" else None


def _allowed(db, grants, action, scope_lc):
    groups = None
    for grant_lc, role in grants:
        if not role_allows(role, action):
            continue
        if _covers(grant_lc, scope_lc):
            return True
        if grant_lc.startswith("/providers/microsoft.management/managementgroups/") and _sub_of(scope_lc):
            if groups is None:
                groups = _management_groups_above(db, _sub_of(scope_lc))
            if grant_lc in groups:
                return True
    return False


def permits(db, principal, action, scope):
    """Whether principal may perform action at scope (an id or path at any depth)."""
    scope_lc = normalize(scope)
    if _allowed(db, access_grants(db, principal.object_id), action, scope_lc):
        return True
    return _allowed(db, assignment_grants(db, principal.object_id, _sub_of(scope_lc)), action, scope_lc)


def data_permits(db, principal, data_action, scope):
    """Whether principal's roles at or above scope grant the data action (their dataActions less their
    notDataActions): Key Vault's data plane on an RBAC vault. Owner and Contributor grant none, as in Azure."""
    scope_lc = normalize(scope)
    for grants in (access_grants(db, principal.object_id), assignment_grants(db, principal.object_id, _sub_of(scope_lc))):
        for grant_lc, role in grants:
            if _covers(grant_lc, scope_lc) and matches(role.data_actions, data_action) and \
                    not matches(role.not_data_actions, data_action):
                return True
    return False


def listing_scope(path):
    """The scope a collection path lists in: /subscriptions/s for .../resourcegroups, .../resources and
    .../providers/NS/type; the group for its collections; the parent resource for child types."""
    parts = [p for p in path.split("/") if p][:-1]
    if len(parts) >= 2 and parts[-2].lower() == "providers":
        parts = parts[:-2]
    return "/" + "/".join(parts)


def holds_below(db, principal, scope):
    """Whether the principal holds a role at some scope strictly below scope."""
    prefix = normalize(scope) + "/"
    grants = access_grants(db, principal.object_id) + assignment_grants(db, principal.object_id, _sub_of(prefix))
    return any(grant_lc.startswith(prefix) for grant_lc, _ in grants)


def readable(db, principal, ids):
    """Which of the ids the principal may read."""
    grants = access_grants(db, principal.object_id) + assignment_grants(db, principal.object_id)
    return {i for i in ids if _allowed(db, grants, action_of(i, "read"), normalize(i))}


def require(caller, db, permissions):
    """Raise AuthorizationFailed for the first (action, scope) below a subscription the caller may not do."""
    for action, scope in permissions:
        if normalize(scope).startswith("/subscriptions/") and not permits(db, caller.principal, action, scope):
            raise authorization_failed(caller.principal, action, scope)


def is_builtin(db, principal):
    return principal.object_id.lower() == (get_meta(db, "builtin_object") or "").lower()


# --- the wire's check -----------------------------------------------------------------------------

def _touches(db, principal, sub_lc):
    """Whether the principal holds any role at, above or below the subscription."""
    sub_scope = "/subscriptions/" + sub_lc
    grants = access_grants(db, principal.object_id) + assignment_grants(db, principal.object_id, sub_lc)
    if any(_covers(g, sub_scope) or g.startswith(sub_scope + "/") for g, _ in grants):
        return True
    groups = [g for g, _ in grants if g.startswith("/providers/microsoft.management/")]
    return bool(groups) and bool(set(groups) & set(_management_groups_above(db, sub_lc)))


def check_request(db, principal, subscription, method, path, action, params):
    """The access check of an ARM request under /subscriptions/{id} (the subscription exists).

    A principal with no role in the subscription gets 404 SubscriptionNotFound for its reads of the
    subscription, 403 otherwise. Else SUBSCRIPTION_WIDE reads are allowed, other reads need the route's
    read action at the path; writes on the catch-all routes are left to the domain, which knows the
    type's own action; other writes need the route's action at the path (a POST: at the resource it
    acts on). Returns the 403 instead of raising it for a GET by a caller with roles below the scope the
    path lists (a group's Reader listing the subscription's groups): the wire answers a listing with
    the items the caller may read, anything else with the 403."""
    clean = "/" + "/".join(p for p in path.split("/") if p)
    if action and "{" in action:
        action = action.format(**params)
    if not _touches(db, principal, subscription["sub_lc"]):
        if action is None or action == SUBSCRIPTION_READ:
            raise subscription_not_found(params.get("subscriptionId") or subscription["subscription_id"])
        raise authorization_failed(principal, action, clean)
    if action is None or action.lower() in SUBSCRIPTION_WIDE:
        return
    generic = action.lower().startswith(GENERIC_PREFIX)
    if method in READ_METHODS:
        scope = clean
        if generic:
            action = action_of(clean, "read")
    elif generic:
        return
    else:
        scope = clean.rsplit("/", 1)[0] if method == "POST" else clean
    if not permits(db, principal, action, scope):
        denial = authorization_failed(principal, action, scope)
        if method == "GET" and holds_below(db, principal, listing_scope(clean)):
            return denial  # perhaps a listing: ARM answers with what the caller may read (wire/listings.py)
        raise denial
    return None
