"""The resource module's reads that framework/plain_reads.py answers without knack or the SDK: the
request each command's function sends through the SDK, and what the SDK's round trip makes of the
answer (the models' members as Shapes; tests/cli/test_plain_reads.py holds them to the SDK's models)."""
from urllib.parse import quote

from azcli.framework.plain_reads import Read
from azcli.framework.plain_shapes import Shape

from ._validators import LIST_EXPAND, group_list_filter, resource_list_filter

# The SDK's default for ResourceManagementClient (its resource_groups and the generic resource list).
API_VERSION = "2025-04-01"

SYSTEM_DATA = Shape(("createdBy", "createdByType", "createdAt", "lastModifiedBy", "lastModifiedByType",
                     "lastModifiedAt"), datetimes=("createdAt", "lastModifiedAt"))
# ResourceGroup, as results._model_to_dict prints it.
RESOURCE_GROUP = Shape(("id", "name", "type", "systemData", "tags", "location", "properties", "managedBy"),
                       models={"systemData": SYSTEM_DATA, "properties": Shape(("provisioningState",))},
                       hidden_when_null=("systemData",))
# GenericResourceExpanded, as _generic.GenericClient.list_resources fills it in (top-level members only).
GENERIC_RESOURCE = Shape(("id", "name", "type", "systemData", "properties", "plan", "kind", "managedBy", "sku",
                          "identity", "location", "extendedLocation", "tags", "createdTime", "changedTime",
                          "provisioningState"), datetimes=("createdTime", "changedTime"))
GROUP = {"resource_group_name": "group"}


def _subscription(subscription_id):
    return "/subscriptions/" + quote(subscription_id, safe="")


def _group_list(args, subscription_id):
    query = {"api-version": API_VERSION}
    odata_filter = group_list_filter(args.get("tag"))
    if odata_filter:
        query["$filter"] = odata_filter
    return _subscription(subscription_id) + "/resourcegroups", query


def _group_show(args, subscription_id):
    return (_subscription(subscription_id) + "/resourcegroups/" + quote(args["resource_group_name"], safe=""),
            {"api-version": API_VERSION})


def _resource_list(args, subscription_id):
    path = _subscription(subscription_id)
    if args.get("resource_group_name"):
        path += "/resourcegroups/" + quote(args["resource_group_name"], safe="")
    query = {"api-version": API_VERSION}
    odata_filter = resource_list_filter(args.get("resource_name"), args.get("location"), args.get("resource_type"),
                                        args.get("resource_provider_namespace"), args.get("tag"))
    if odata_filter:
        query["$filter"] = odata_filter
    query["$expand"] = LIST_EXPAND
    return path + "/resources", query


def _location(value):
    return value.replace(" ", "").lower()


READS = {
    "group list": Read(_group_list, shape=RESOURCE_GROUP.apply, many=True),
    "group show": Read(_group_show, shape=RESOURCE_GROUP.apply, names=("resource_group_name",),
                       required=("resource_group_name",), defaults=GROUP),
    "group exists": Read(_group_show, exists=True, names=("resource_group_name",), required=("resource_group_name",),
                         defaults=GROUP),
    "resource list": Read(_resource_list, shape=GENERIC_RESOURCE.apply, many=True,
                          names=("resource_group_name", "resource_name"), defaults=GROUP,
                          types={"location": _location}),
}
