"""Management groups (Microsoft.Management, api 2023-04-01) on the wire: tenant-level routes, no
subscription in the path. The model and access rules are domain/managementgroups.py, the writes
domain/managementgroup_writes.py.

Create and delete are long-running as in ARM: 202 + ``Azure-AsyncOperation`` (and ``Location``) at
``/providers/Microsoft.Management/operationResults/{create|delete}/managementGroups/{groupId}``, which
answers 200 with an AzureAsyncOperationResults body (status Running, then Succeeded or Failed); a
create's client then GETs the group.
"""
import json

from ..common.errors import ArmError, invalid_request_content
from ..domain import lro
from ..domain import managementgroups as mg
from ..domain.managementgroup_writes import (CREATE, DELETE, DeleteGroup, PatchGroup, PlaceSubscription,
                                             PutGroup, RemoveSubscription, async_result, latest_operation)
from ..domain.operations import execute
from ..wire.http import empty, json_response

BASE = "/providers/Microsoft.Management/managementGroups"
GROUP = BASE + "/{groupId}"
STATUS = "/providers/Microsoft.Management/operationResults/%s/managementGroups/{groupId}"
_EXPANDS = ("children", "path", "ancestors")


def _tenant(ctx):
    return ctx.principal.tenant_id


def _flag(ctx, name):
    value = (ctx.args.get(name) or "").lower()
    if value not in ("", "true", "false"):
        raise mg.bad_request("The query parameter '%s' must be 'true' or 'false'." % name)
    return value == "true"


def list_groups(ctx):
    db = ctx.store.read()
    nodes = [n for n in mg.tenant_groups(db, _tenant(ctx)) if mg.can_access(db, ctx.principal, n)]
    return json_response({"value": [mg.info_document(n) for n in nodes]})


def get_group(ctx, groupId):
    expand = (ctx.args.get("$expand") or "").lower() or None
    if expand is not None and expand not in _EXPANDS:
        raise mg.bad_request("The $expand value '%s' is not supported. Use one of: %s."
                             % (ctx.args.get("$expand"), ", ".join(_EXPANDS)))
    recurse = _flag(ctx, "$recurse")
    if recurse and expand != "children":
        raise mg.bad_request("$recurse=true requires $expand=children.")
    flt = (ctx.args.get("$filter") or "").strip()
    if flt and " ".join(flt.lower().split()) != "children.childtype ne subscription":
        raise mg.bad_request("The filter '%s' is not supported. Supported: "
                             "'children.childType ne Subscription'." % flt)
    db = ctx.store.read()
    found = mg.require(db, ctx, groupId, mg.READ)
    return json_response(mg.document(db, found, expand, recurse, subscriptions=not flt))


def _status_url(ctx, kind, name):
    what = "create" if kind == CREATE else "delete"
    return "%s/providers/Microsoft.Management/operationResults/%s/managementGroups/%s?api-version=%s" % (
        ctx.base, what, name, ctx.api_version)


def _accepted(ctx, kind, name):
    url = _status_url(ctx, kind, name)
    headers = {"Azure-AsyncOperation": url, "Location": url, "Retry-After": lro.RETRY_AFTER}
    return json_response(async_result(name, "NotStarted"), 202, headers)


def put_group(ctx, groupId):
    body = ctx.json_body(required=False) or {}
    if body.get("name") not in (None, "") and str(body["name"]).lower() != groupId.lower():
        raise mg.bad_request("Name of the group doesn't match the group id.")
    properties = body.get("properties") or {}
    details = properties.get("details") or {} if isinstance(properties, dict) else None
    parent = details.get("parent") or {} if isinstance(details, dict) else None
    if not isinstance(parent, dict):
        raise invalid_request_content("properties.details.parent must be an object")
    execute(ctx, PutGroup(groupId, properties.get("displayName"), parent.get("id")))
    found = mg.node(ctx.store.read(), _tenant(ctx), groupId)
    return _accepted(ctx, CREATE, found.name if found is not None else groupId)


def patch_group(ctx, groupId):
    body = ctx.json_body()
    unknown = set(body) - {"displayName", "parentGroupId"}
    if unknown:
        raise invalid_request_content("unknown member(s) %s; a patch has displayName and parentGroupId"
                                      % ", ".join(sorted(unknown)))
    return json_response(execute(ctx, PatchGroup(groupId, body)).doc)


def delete_group(ctx, groupId):
    done = execute(ctx, DeleteGroup(groupId))
    if done.op_id is None:
        return empty(done.status)
    found = mg.node(ctx.store.read(), _tenant(ctx), groupId)
    return _accepted(ctx, DELETE, found.name if found is not None else groupId)


def _status(ctx, groupId, kind):
    op = latest_operation(ctx.store.read(), _tenant(ctx), groupId, kind)
    if op is None:
        raise ArmError(404, "OperationNotFound", "No operation was found for the management group '%s'." % groupId,
                       gateway=False)
    if op["status"] == "Running":
        body = async_result(json.loads(op["params"])["name"], "Running")
        return json_response(body, 200, {"Retry-After": lro.RETRY_AFTER})
    return json_response(json.loads(op["result"]))


def get_create_status(ctx, groupId):
    return _status(ctx, groupId, CREATE)


def get_delete_status(ctx, groupId):
    return _status(ctx, groupId, DELETE)


def list_group_subscriptions(ctx, groupId):
    db = ctx.store.read()
    found = mg.require(db, ctx, groupId, mg.READ)
    return json_response({"value": [mg.subscription_document(db, found, s)
                                    for s in mg.member_subscriptions(db, found)]})


def get_group_subscription(ctx, groupId, subscription):
    db = ctx.store.read()
    found = mg.require(db, ctx, groupId, mg.READ)
    for sub in mg.member_subscriptions(db, found):
        if sub["sub_lc"] == subscription.lower():
            return json_response(mg.subscription_document(db, found, sub))
    raise ArmError(404, "NotFound", "The subscription '%s' is not a child of the management group '%s'."
                   % (subscription, found.name), gateway=False)


def put_group_subscription(ctx, groupId, subscription):
    return json_response(execute(ctx, PlaceSubscription(groupId, subscription)).doc)


def delete_group_subscription(ctx, groupId, subscription):
    return empty(execute(ctx, RemoveSubscription(groupId, subscription)).status)


def _descendant(node=None, sub=None, parent=None):
    if sub is not None:
        return {"id": "/subscriptions/" + sub["subscription_id"], "type": "/subscriptions",
                "name": sub["subscription_id"], "properties": {"displayName": sub["display_name"],
                                                               "parent": {"id": parent.id}}}
    return {"id": node.id, "type": mg.TYPE, "name": node.name,
            "properties": {"displayName": node.display_name, "parent": {"id": mg.group_id(node.parent)}}}


def get_descendants(ctx, groupId):
    db = ctx.store.read()
    found = mg.require(db, ctx, groupId, mg.READ)
    value = []
    for group in [found] + mg.descendants(db, found):
        if group is not found:
            value.append(_descendant(group))
        value.extend(_descendant(sub=s, parent=group) for s in mg.member_subscriptions(db, group))
    return json_response({"value": value})


def register(router):
    router.add("GET", BASE, list_groups, action=mg.READ)
    router.add("GET", GROUP, get_group, action=mg.READ)
    router.add("PUT", GROUP, put_group, action=mg.WRITE)
    router.add("PATCH", GROUP, patch_group, action=mg.WRITE)
    router.add("DELETE", GROUP, delete_group, action=mg.DELETE)
    router.add("GET", GROUP + "/descendants", get_descendants, action=mg.READ)
    router.add("GET", GROUP + "/subscriptions", list_group_subscriptions, action=mg.READ)
    # {subscription}, not {subscriptionId}: the domain checks access (the app's subscription check knows no
    # management-group grants).
    sub = GROUP + "/subscriptions/{subscription}"
    router.add("GET", sub, get_group_subscription, action=mg.READ)
    router.add("PUT", sub, put_group_subscription, action="Microsoft.Management/managementGroups/subscriptions/write")
    router.add("DELETE", sub, delete_group_subscription,
               action="Microsoft.Management/managementGroups/subscriptions/delete")
    router.add("GET", STATUS % "create", get_create_status, action=mg.READ)
    router.add("GET", STATUS % "delete", get_delete_status, action=mg.READ)
