"""Resource groups (Microsoft.Resources/resourceGroups)."""
import re

from ..wire import listing
from ..rp import locations
from . import locks
from ..domain import lro
from ..store import records, db as store
from ..wire.errors import ArmError, resource_group_being_deleted, resource_group_not_found
from ..wire.http import empty, json_response

TYPE = "Microsoft.Resources/resourceGroups"
GROUP = "/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}"
_NAME = re.compile(r"^[-\w._()]{1,90}$")
_TAG_NAME_RESERVED = set("<>%&\\?/")


def group_id(sub_id, name):
    return "/subscriptions/%s/resourceGroups/%s" % (sub_id, name)


def document(sub_id, name, location, tags=None, managed_by=None):
    doc = {"id": group_id(sub_id, name), "name": name, "type": TYPE, "location": location}
    if managed_by:
        doc["managedBy"] = managed_by
    if tags:
        doc["tags"] = tags
    doc["properties"] = {"provisioningState": "Succeeded"}
    return doc


def validate_name(name):
    if not _NAME.match(name) or name.endswith("."):
        raise ArmError(400, "InvalidResourceGroupName",
                       "The provided resource group name '%s' is invalid. Resource group names can be 1 to 90 "
                       "characters long, only allow alphanumeric characters, periods, underscores, hyphens and "
                       "parenthesis and cannot end in a period." % name)


def validate_tags(tags):
    if tags is None:
        return None
    if not isinstance(tags, dict) or not all(isinstance(v, (str, type(None))) for v in tags.values()):
        raise ArmError(400, "InvalidRequestContent",
                       "The request content was invalid and could not be deserialized: 'tags must be an object "
                       "of string values'.")
    bad = [k for k in tags if not k or _TAG_NAME_RESERVED.intersection(k) or any(ord(c) < 32 for c in k)]
    if bad:
        raise ArmError(400, "InvalidTagNameCharacters",
                       "The tag names '%s' have reserved characters '<,>,%%,&,\\,?,/' or control characters."
                       % ",".join(bad))
    if len(tags) > 50:
        raise ArmError(400, "InvalidTagsCount", "The number of tags '%d' exceeds the limit of '50'." % len(tags))
    return {k: ("" if v is None else v) for k, v in tags.items()}


def _existing(db, ctx, name):
    """The group row, or 404."""
    row = records.get(db, group_id(ctx.subscription["subscription_id"], name))
    if row is None:
        raise resource_group_not_found(name)
    return row


def get_group(ctx, subscriptionId, resourceGroupName):
    row = _existing(ctx.store.read(), ctx, resourceGroupName)
    return json_response(records.render(row))


def head_group(ctx, subscriptionId, resourceGroupName):
    _existing(ctx.store.read(), ctx, resourceGroupName)
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
    tags = validate_tags(body.get("tags"))
    managed_by = body.get("managedBy")
    sub_id = ctx.subscription["subscription_id"]
    with ctx.store.write() as db:
        row = records.get(db, group_id(sub_id, resourceGroupName))
        locks.check(db, group_id(sub_id, row["name"] if row is not None else resourceGroupName), "write")
        if row is not None:
            if row["state"] == "Deleting":
                raise resource_group_being_deleted(row["name"])
            if row["location"] != location:
                raise ArmError(409, "InvalidResourceGroupLocation",
                               "Invalid resource group location '%s'. The Resource group already exists in location "
                               "'%s'." % (location, row["location"]), gateway=False)
        name = row["name"] if row is not None else resourceGroupName
        doc = document(sub_id, name, location, tags, managed_by)
        records.put(db, doc["id"], TYPE, sub_id, name, "/subscriptions/" + sub_id, name, location, doc, ctx.now)
    return json_response(doc, 200 if row is not None else 201)


def patch_group(ctx, subscriptionId, resourceGroupName):
    body = ctx.json_body()
    sub_id = ctx.subscription["subscription_id"]
    with ctx.store.write() as db:
        row = _existing(db, ctx, resourceGroupName)
        if row["state"] == "Deleting":
            raise resource_group_being_deleted(row["name"])
        locks.check(db, row["id"], "write")
        current = records.render(row)
        tags = validate_tags(body["tags"]) if "tags" in body else current.get("tags")
        managed_by = body["managedBy"] if "managedBy" in body else current.get("managedBy")
        doc = document(sub_id, row["name"], row["location"], tags, managed_by)
        records.put(db, doc["id"], TYPE, sub_id, row["name"], row["parent_lc"], row["name"], row["location"], doc,
                    ctx.now)
    return json_response(doc)


def delete_group(ctx, subscriptionId, resourceGroupName):
    sub_id = ctx.subscription["subscription_id"]
    with ctx.store.write() as db:
        row = _existing(db, ctx, resourceGroupName)
        op = lro.running(db, row["id"], "deleteResourceGroup")
        if op is not None:
            op_id = op["op_id"]
        else:
            locks.check(db, row["id"], "delete")
            records.set_state(db, row["id"], "Deleting")
            op_id = lro.start(db, ctx, "deleteResourceGroup", row["id"], sub_id, location=row["location"])
    return lro.accepted(ctx, sub_id, op_id)


@lro.completer("deleteResourceGroup")
def _finish_delete(db, op, now):
    store.delete_under(db, op["target_lc"])
    return 200, None


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
