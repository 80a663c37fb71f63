"""Generic resources on the wire: PUT/GET/PATCH/DELETE/HEAD of any catalogued type at any depth below
a group, POST actions, and the RP collection lists (``.../providers/{ns}/{type}``,
``{parent}/{childType}``, ``/subscriptions/{sub}/providers/{ns}/{type}``).

This module registers the catch-all routes: it goes last in route_table.NOUNS.
"""
import json

from . import operations
from .. import rp
from ..common.errors import route_not_found
from ..domain import groups, resources
from ..domain.operations import execute
from ..domain.resource_writes import DeleteResource, InvokeAction, PatchResource, PutResource
from ..rp import catalog
from ..store import records
from ..wire import listing
from ..wire.http import empty, json_response

GENERIC = "/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}/providers/{rest*}"


# Microsoft.Resources types an RP serves like any other; ARM itself handles the rest of the namespace
# (deployments, deploymentStacks, tags, links...), which must never be stored as a generic resource.
_RP_SERVED_RESOURCES_TYPES = ("templatespecs", "deploymentscripts")


def _target(ctx, resourceGroupName, rest, collection=False):
    sub_id = ctx.subscription["subscription_id"]
    at = rest.lower().rfind("/providers/")
    if at >= 0:  # an extension resource: the part before the last provider section is the resource it extends
        scope = "%s/providers/%s" % (groups.group_id(sub_id, resourceGroupName), rest[:at].strip("/"))
        target = resources.Target(sub_id, resourceGroupName, rest[at + len("/providers/"):], scope=scope)
    else:
        target = resources.Target(sub_id, resourceGroupName, rest)
    if (target.tail is not None) != collection:
        raise route_not_found(ctx.request.path, ctx.api_version)
    types = target.types or ([target.tail] if collection and target.tail else [])  # a listing: the type is the tail
    if target.namespace.lower() == "microsoft.resources" and \
            (not types or types[0].lower() not in _RP_SERVED_RESOURCES_TYPES):
        raise route_not_found(ctx.request.path, ctx.api_version)
    return target


def _served(doc):
    doc = json.loads(json.dumps(doc))
    doc.pop("_hidden", None)
    return doc


def put_resource(ctx, subscriptionId, resourceGroupName, rest):
    target = _target(ctx, resourceGroupName, rest)
    done = execute(ctx, PutResource(target, ctx.json_body()))
    status = 201 if done.created else 200
    if done.style is None:
        return json_response(_served(done.doc), status)
    namespace = catalog.namespace(target.namespace)["namespace"]
    if done.style == rp.LOCATION:
        return empty(202, operations.rp_headers(ctx, namespace, done.location, done.op_id, False, True))
    served = _served(done.doc)
    served["properties"]["provisioningState"] = done.state
    return json_response(served, status, operations.rp_headers(ctx, namespace, done.location, done.op_id))


def get_resource(ctx, subscriptionId, resourceGroupName, rest):
    target = _target(ctx, resourceGroupName, rest)
    resources.resolve(ctx, target)
    db = ctx.store.read()
    row = resources.existing_row(db, ctx, target)
    return json_response(resources.render(row, (ctx.args.get("$expand") or "").lower(), db))


def head_resource(ctx, subscriptionId, resourceGroupName, rest):
    target = _target(ctx, resourceGroupName, rest)
    resources.resolve(ctx, target)
    resources.existing_row(ctx.store.read(), ctx, target)
    return empty(204)


def patch_resource(ctx, subscriptionId, resourceGroupName, rest):
    target = _target(ctx, resourceGroupName, rest)
    return json_response(_served(execute(ctx, PatchResource(target, ctx.json_body())).doc))


def delete_resource(ctx, subscriptionId, resourceGroupName, rest):
    target = _target(ctx, resourceGroupName, rest)
    done = execute(ctx, DeleteResource(target))
    if done.op_id is None:
        return empty(done.status)
    namespace = catalog.namespace(target.namespace)["namespace"]
    return empty(202, operations.rp_headers(ctx, namespace, done.location, done.op_id, True, True))


def post_action(ctx, subscriptionId, resourceGroupName, rest):
    target = _target(ctx, resourceGroupName, rest, collection=True)
    if not target.types:
        raise route_not_found(ctx.request.path, ctx.api_version)
    done = execute(ctx, InvokeAction(target, target.tail, ctx.json_body(required=False)))
    if done.op_id is not None:
        namespace = catalog.namespace(target.namespace)["namespace"]
        return empty(202, operations.rp_headers(ctx, namespace, done.location, done.op_id, True, True))
    return empty(done.status) if done.body is None else json_response(done.body, done.status)


def list_collection(ctx, subscriptionId, resourceGroupName, rest):
    """GET .../providers/{ns}/{type} or {parent}/{childType}: the RP's list of that type."""
    target = _target(ctx, resourceGroupName, rest, collection=True)
    target.types.append(target.tail)
    target.names.append("")
    _, canonical, _ = resources.resolve(ctx, target)
    db = ctx.store.read()
    resources.group_row(db, ctx, target)
    if len(target.types) > 1:
        parent = db.execute("SELECT * FROM resources WHERE id_lc = ?",
                            (target.id_lc(len(target.types) - 1),)).fetchone()
        if parent is None:
            raise resources.not_found(_parent_of(target))
        parent_lc = parent["id_lc"]
    else:
        parent_lc = target.group_id().lower()
    type_lc = "/".join([target.namespace] + target.types).lower()
    rows = records.children(db, parent_lc, type_lc, listing.skip_position(ctx))
    return json_response(listing.page(ctx, rows, resources.render))


def _parent_of(target):
    target.types.pop()
    target.names.pop()
    return target


def list_subscription_collection(ctx, subscriptionId, namespace, resourceType):
    """GET /subscriptions/{sub}/providers/{ns}/{type}: every resource of a top-level type."""
    entry = catalog.namespace(namespace)
    if entry is None or catalog.resource_type(namespace, resourceType) is None:
        raise route_not_found(ctx.request.path, ctx.api_version)
    type_lc = ("%s/%s" % (namespace, resourceType)).lower()
    rows = ctx.store.read().execute(
        "SELECT * FROM resources WHERE sub_lc = ? AND type_lc = ? AND seq > ? ORDER BY seq",
        (ctx.subscription["sub_lc"], type_lc, listing.skip_position(ctx)))
    return json_response(listing.page(ctx, rows, resources.render))


def register(router):
    base = "Microsoft.Resources/subscriptions/resourceGroups/resources/"
    router.add("GET", "/subscriptions/{subscriptionId}/providers/{namespace}/{resourceType}",
               list_subscription_collection, action=base + "read")
    router.add("PUT", GENERIC, put_resource, action=base + "write")
    router.add("GET", GENERIC, _get_or_list, action=base + "read")
    router.add("HEAD", GENERIC, head_resource, action=base + "read")
    router.add("PATCH", GENERIC, patch_resource, action=base + "write")
    router.add("DELETE", GENERIC, delete_resource, action=base + "delete")
    router.add("POST", GENERIC, post_action, action=base + "action")


def _get_or_list(ctx, subscriptionId, resourceGroupName, rest):
    if len([s for s in rest.split("/") if s]) % 2 == 0:
        return list_collection(ctx, subscriptionId, resourceGroupName, rest)
    return get_resource(ctx, subscriptionId, resourceGroupName, rest)
