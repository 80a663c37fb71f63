"""Generic resources on the wire: PUT/GET/PATCH/DELETE/HEAD of any catalogued type at any depth below
a group, POST actions, and the RP collection lists (``.../providers/{ns}/{type}``,
``{parent}/{childType}``, ``/subscriptions/{sub}/providers/{ns}/{type}``).

This module registers the catch-all routes: it goes last in app.NOUNS.
"""
import json

from ..domain import actions, lro, resources, rpasync
from ..wire import listing
from . import locks, providers
from ..store import records, db as store
from ..wire.errors import ArmError, missing_subscription_registration, route_not_found
from ..wire.http import empty, json_response

GENERIC = "/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}/providers/{rest*}"


def _target(ctx, resourceGroupName, rest, collection=False):
    target = resources.Target(ctx.subscription["subscription_id"], resourceGroupName, rest)
    if (target.tail is not None) != collection:
        raise route_not_found(ctx.request.path, ctx.api_version)
    return target


def _check_registered(ctx, db, target):
    if not providers.is_registered(ctx, db, target.namespace):
        raise missing_subscription_registration(providers.namespace(target.namespace)["namespace"])


def put_resource(ctx, subscriptionId, resourceGroupName, rest):
    target = _target(ctx, resourceGroupName, rest)
    body = ctx.json_body()
    location = body.get("location") if isinstance(body.get("location"), str) else None
    entry, canonical, rt = resources.resolve(ctx, target, location)
    with ctx.store.write() as db:
        group = resources.group_row(db, ctx, target, for_write=True)
        _check_registered(ctx, db, target)
        parent = resources.parent_row(db, target)
        existing = records.get(db, target.id_lc())
        if existing is not None and existing["state"] == "Deleting":
            raise ArmError(409, "Conflict", "The resource '%s' is being deleted." % existing["id"], gateway=False)
        doc = resources.build(ctx, db, target, canonical, rt, body, existing, parent, group)
        locks.check(db, doc["id"], "write")
        style = rpasync.style(doc["type"].lower())
        if style == rpasync.LOCATION and existing is not None:
            style = None  # updates of a storage account are synchronous
        state = None
        if style is not None:
            state = "Updating" if existing is not None or entry["namespace"] == "Microsoft.Network" else "Creating"
        resources.store(db, ctx, doc, group, parent, state)
        if style is not None:
            op_id = rpasync.start(db, ctx, "resourcePut", doc["id"], entry["namespace"], doc.get("location"))
    status = 200 if existing is not None else 201
    if style is None:
        return json_response(_served(doc), status)
    location = doc.get("location") or group["location"]
    if style == rpasync.LOCATION:
        return empty(202, rpasync.headers(ctx, entry["namespace"], location, op_id, False, True))
    served = _served(doc)
    served["properties"]["provisioningState"] = state
    return json_response(served, status, rpasync.headers(ctx, entry["namespace"], location, op_id))


def _served(doc):
    doc = json.loads(json.dumps(doc))
    doc.pop("_hidden", None)
    return doc


def _existing(ctx, db, target):
    resources.group_row(db, ctx, target)
    row = records.get(db, target.id_lc())
    if row is None:
        raise resources.not_found(target)
    return row


def get_resource(ctx, subscriptionId, resourceGroupName, rest):
    target = _target(ctx, resourceGroupName, rest)
    resources.resolve(ctx, target)
    row = _existing(ctx, ctx.store.read(), target)
    doc = resources.render(row)
    if "instanceview" in (ctx.args.get("$expand") or "").lower():
        instance = actions.instance_view(row)
        if instance is not None:
            doc.setdefault("properties", {})["instanceView"] = instance
    return json_response(doc)


def head_resource(ctx, subscriptionId, resourceGroupName, rest):
    target = _target(ctx, resourceGroupName, rest)
    resources.resolve(ctx, target)
    _existing(ctx, ctx.store.read(), target)
    return empty(204)


def patch_resource(ctx, subscriptionId, resourceGroupName, rest):
    target = _target(ctx, resourceGroupName, rest)
    body = ctx.json_body()
    resources.resolve(ctx, target)
    with ctx.store.write() as db:
        row = _existing(ctx, db, target)
        _check_registered(ctx, db, target)
        locks.check(db, row["id"], "write")
        doc = resources.render(row)
        merged = {k: v for k, v in doc.items() if k not in ("properties",)}
        for key in ("tags", "sku", "kind", "plan", "identity", "managedBy", "zones"):
            if key in body:
                merged[key] = body[key]
        merged["properties"] = dict(doc.get("properties") or {})
        merged["properties"].update(body.get("properties") or {})
        merged["location"] = doc.get("location")
        group = resources.group_row(db, ctx, target)
        parent = resources.parent_row(db, target)
        _, canonical, rt = resources.resolve(ctx, target)
        new = resources.build(ctx, db, target, canonical, rt, merged, row, parent, group)
        if "location" not in doc:
            new.pop("location", None)
        resources.update_body(db, row, new, ctx.now)
    return json_response(_served(new))


def delete_resource(ctx, subscriptionId, resourceGroupName, rest):
    target = _target(ctx, resourceGroupName, rest)
    entry, _, _ = resources.resolve(ctx, target)
    with ctx.store.write() as db:
        group = resources.group_row(db, ctx, target)
        row = records.get(db, target.id_lc())
        if row is None:
            return empty(204)
        locks.check(db, row["id"], "delete")
        style = rpasync.style(row["type_lc"])
        if style != rpasync.ASYNC:
            store.delete_under(db, row["id_lc"])
            return empty(200)
        op = lro.running(db, row["id"], "resourceDelete")
        if op is not None:
            op_id = op["op_id"]
        else:
            records.set_state(db, row["id"], "Deleting")
            op_id = rpasync.start(db, ctx, "resourceDelete", row["id"], entry["namespace"], row["location"])
    location = row["location"] or group["location"]
    return empty(202, rpasync.headers(ctx, entry["namespace"], location, op_id, True, True))


def post_action(ctx, subscriptionId, resourceGroupName, rest):
    target = _target(ctx, resourceGroupName, rest, collection=True)
    if not target.types:
        raise route_not_found(ctx.request.path, ctx.api_version)
    resources.resolve(ctx, target)
    return actions.invoke(ctx, target)


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
    entry = providers.namespace(namespace)
    if entry is None or providers.resource_type(namespace, resourceType) is None:
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
