"""Resource groups (Microsoft.Resources/resourceGroups) on the wire; the writes are domain/groups.py."""
from ..common.errors import ArmError
from . import operations
from ..domain.groups import TYPE, DeleteGroup, PatchGroup, PutGroup, existing, validate_name
from ..domain.operations import execute
from ..rp import locations
from ..store import records
from ..wire import listing
from ..wire.http import empty, json_response

GROUP = "/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}"


def get_group(ctx, subscriptionId, resourceGroupName):
    row = existing(ctx.store.read(), ctx, resourceGroupName)
    return json_response(records.render(row))


def head_group(ctx, subscriptionId, resourceGroupName):
    existing(ctx.store.read(), ctx, resourceGroupName)
    return empty(204)


def put_group(ctx, subscriptionId, resourceGroupName):
    validate_name(resourceGroupName)
    body = ctx.json_body()
    if not body.get("location"):
        raise ArmError(400, "LocationRequired", "The location property is required for this definition.")
    location = locations.normalize(body["location"])
    if location is None:
        raise ArmError(400, "LocationNotAvailableForResourceGroup",
                       "The provided location '%s' is not available for resource group. List of available regions "
                       "is '%s'." % (body["location"], ",".join(r[0] for r in locations.REGIONS)))
    done = execute(ctx, PutGroup(resourceGroupName, location, body.get("tags"), body.get("managedBy")))
    return json_response(done.doc, 201 if done.created else 200)


def patch_group(ctx, subscriptionId, resourceGroupName):
    return json_response(execute(ctx, PatchGroup(resourceGroupName, ctx.json_body())).doc)


def delete_group(ctx, subscriptionId, resourceGroupName):
    return operations.accepted(ctx, execute(ctx, DeleteGroup(resourceGroupName)).op_id)


def list_groups(ctx, subscriptionId):
    predicate = listing.tag_filter(ctx.args.get("$filter"))
    rows = records.children(ctx.store.read(), "/subscriptions/" + ctx.subscription["sub_lc"], TYPE,
                            listing.skip_position(ctx))
    return json_response(listing.page(ctx, rows, records.render, predicate))


def register(router):
    base = "Microsoft.Resources/subscriptions/resourceGroups/"
    router.add("GET", "/subscriptions/{subscriptionId}/resourcegroups", list_groups, action=base + "read")
    router.add("GET", GROUP, get_group, action=base + "read")
    router.add("HEAD", GROUP, head_group, action=base + "read")
    router.add("PUT", GROUP, put_group, action=base + "write")
    router.add("PATCH", GROUP, patch_group, action=base + "write")
    router.add("DELETE", GROUP, delete_group, action=base + "delete")
