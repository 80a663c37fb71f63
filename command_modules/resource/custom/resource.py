"""`azcli resource ...`: generic resources of any type, addressed by --ids or by parts.

`client` is the module's GenericClient (SDK client + API-version resolution). Pollers and
pagers are returned as they are: the core waits, collects or streams them.
"""
from azcli.framework.argtypes import expand_ids, json_object
from azcli.errors import InvalidArgumentValueError, RequiredArgumentMissingError

from .._validators import LIST_EXPAND, parse_resource_id, resource_list_filter


def _resolve(client, resource_id, resource_group_name, resource_name, resource_type, resource_provider_namespace,
             parent_resource_path, api_version, latest_include_preview):
    ref = client.ref(resource_id, resource_group_name, resource_name, resource_type, resource_provider_namespace,
                     parent_resource_path)
    return ref, client.api_version(ref, api_version, latest_include_preview)


def create_resource(client, properties, resource_group_name=None, resource_name=None, resource_type=None,
                    resource_provider_namespace=None, parent_resource_path=None, location=None,
                    is_full_object=False, api_version=None, latest_include_preview=False, resource_id=None):
    """Create a resource from its properties (or, with --is-full-object, its whole JSON document).

    As az: without --location the properties form takes the group's location; a full object must
    name its own location (--location is not used then)."""
    body = json_object(properties)
    ref, version = _resolve(client, resource_id, resource_group_name, resource_name, resource_type,
                            resource_provider_namespace, parent_resource_path, api_version, latest_include_preview)
    if is_full_object:
        if not isinstance(body, dict):
            raise InvalidArgumentValueError("--properties with --is-full-object must be a JSON object.")
        if body.get("location") is None:
            raise RequiredArgumentMissingError("location of the resource is required: add \"location\" to the "
                                               "object given with --is-full-object.")
    else:
        body = {"properties": body}
        location = location or _group_location(client, ref.id)
        if location:
            body["location"] = location
    return client.resources.begin_create_or_update_by_id(ref.id, body, api_version=version)


def _group_location(client, resource_id):
    parts = resource_id.strip("/").split("/")
    if len(parts) < 4 or parts[2].lower() != "resourcegroups":
        return None
    return client.resource_groups.get(parts[3]).location


def show_resource(client, resource_group_name=None, resource_provider_namespace=None, parent_resource_path=None,
                  resource_type=None, resource_name=None, api_version=None, latest_include_preview=False,
                  resource_id=None):
    """Get a resource (exit code 3 when it does not exist)."""
    ref, version = _resolve(client, resource_id, resource_group_name, resource_name, resource_type,
                            resource_provider_namespace, parent_resource_path, api_version, latest_include_preview)
    return client.resources.get_by_id(ref.id, api_version=version)


def delete_resource(client, resource_group_name=None, resource_provider_namespace=None, parent_resource_path=None,
                    resource_type=None, resource_name=None, api_version=None, latest_include_preview=False,
                    resource_id=None):
    """Delete a resource."""
    ref, version = _resolve(client, resource_id, resource_group_name, resource_name, resource_type,
                            resource_provider_namespace, parent_resource_path, api_version, latest_include_preview)
    return client.resources.begin_delete_by_id(ref.id, api_version=version)


def update_resource(client, parameters, resource_group_name=None, resource_provider_namespace=None,
                    parent_resource_path=None, resource_type=None, resource_name=None, api_version=None,
                    latest_include_preview=False, resource_id=None):
    """The generic-update setter: PUT the changed document back."""
    ref, version = _resolve(client, resource_id, resource_group_name, resource_name, resource_type,
                            resource_provider_namespace, parent_resource_path, api_version, latest_include_preview)
    for read_only in ("resourceGroup",):
        parameters.pop(read_only, None)
    return client.resources.begin_create_or_update_by_id(ref.id, parameters, api_version=version)


def patch_resource(client, properties, resource_group_name=None, resource_provider_namespace=None,
                   parent_resource_path=None, resource_type=None, resource_name=None, api_version=None,
                   latest_include_preview=False, is_full_object=False, resource_id=None):
    """PATCH a resource with properties (or, with --is-full-object, a partial document)."""
    body = json_object(properties)
    if not is_full_object:
        body = {"properties": body}
    elif not isinstance(body, dict):
        raise InvalidArgumentValueError("--properties with --is-full-object must be a JSON object.")
    ref, version = _resolve(client, resource_id, resource_group_name, resource_name, resource_type,
                            resource_provider_namespace, parent_resource_path, api_version, latest_include_preview)
    return client.resources.begin_update_by_id(ref.id, body, api_version=version)


def tag_resource(client, tags, resource_group_name=None, resource_provider_namespace=None,
                 parent_resource_path=None, resource_type=None, resource_name=None, api_version=None,
                 latest_include_preview=False, is_incremental=False, resource_id=None):
    """Replace a resource's tags (az's default), or merge into them with --is-incremental."""
    from azure.core.exceptions import HttpResponseError
    tags = dict(tags or {})
    if is_incremental and not tags:
        raise RequiredArgumentMissingError("--is-incremental needs at least one tag in --tags.")
    ref, version = _resolve(client, resource_id, resource_group_name, resource_name, resource_type,
                            resource_provider_namespace, parent_resource_path, api_version, latest_include_preview)
    if ref.full_type.lower() == "microsoft.resources/resourcegroups":
        group_name = ref.id.rstrip("/").split("/")[-1]
        if is_incremental:
            tags = dict(client.resource_groups.get(group_name).tags or {}, **tags)
        return client.resource_groups.update(group_name, {"tags": tags})
    current = client.resources.get_by_id(ref.id, api_version=version)
    if is_incremental:
        tags = dict(current.tags or {}, **tags)
    try:
        # PATCH changes the tags alone; a full PUT of what GET returned can trip over read-only properties.
        return client.resources.begin_update_by_id(ref.id, {"tags": tags}, api_version=version)
    except HttpResponseError as ex:
        if ex.status_code != 405:
            raise
    document = current.as_dict()
    document["tags"] = tags
    return client.resources.begin_create_or_update_by_id(ref.id, document, api_version=version)


def list_resources(client, resource_group_name=None, resource_name=None, resource_type=None,
                   resource_provider_namespace=None, location=None, tag=None):
    """List resources in the subscription or a group, filtered like az."""
    odata_filter = resource_list_filter(resource_name, location, resource_type, resource_provider_namespace, tag)
    return client.list_resources(resource_group_name, odata_filter, LIST_EXPAND)


def move_resource(client, ids, destination_group, destination_subscription_id=None):
    """Move resources of one group to another group (and subscription)."""
    ids = expand_ids(ids)
    if not ids:
        raise RequiredArgumentMissingError("--ids: give at least one resource id to move.")
    sources = set()
    for resource_id in ids:
        parse_resource_id(resource_id)
        parts = resource_id.strip("/").split("/")
        if len(parts) < 4 or parts[2].lower() != "resourcegroups":
            raise InvalidArgumentValueError("'{}' is not inside a resource group.".format(resource_id))
        sources.add((parts[1].lower(), parts[3].lower()))
    if len(sources) > 1:
        raise InvalidArgumentValueError("All resources to move must be in the same resource group; found: {}."
                                        .format(", ".join(sorted(g for _, g in sources))))
    source_subscription, _ = next(iter(sources))
    if source_subscription != client.subscription_id.lower():
        raise InvalidArgumentValueError("The resources are in subscription '{}'; run the move with "
                                        "--subscription {}.".format(source_subscription, source_subscription))
    source_group = ids[0].strip("/").split("/")[3]
    target = "/subscriptions/{}/resourceGroups/{}".format(destination_subscription_id or client.subscription_id,
                                                          destination_group)
    return client.resources.begin_move_resources(source_group, {"resources": ids, "targetResourceGroup": target})


def invoke_resource_action(client, action, request_body=None, resource_group_name=None,
                           resource_provider_namespace=None, parent_resource_path=None, resource_type=None,
                           resource_name=None, api_version=None, latest_include_preview=False, resource_id=None):
    """POST an action (listKeys, restart, ...) to a resource; long-running actions are followed."""
    from azcli.arm.polling import poll
    from azcli.arm.requests import send

    action = (action or "").strip("/")
    if not action:
        raise RequiredArgumentMissingError("--action is required, e.g. --action listKeys.")
    body = json_object(request_body, "--request-body") if request_body else None
    ref, version = _resolve(client, resource_id, resource_group_name, resource_name, resource_type,
                            resource_provider_namespace, parent_resource_path, api_version, latest_include_preview)
    started = send(client.client, "POST", "{}/{}".format(ref.id, action), params={"api-version": version},
                   json=body, headers={"Accept": "application/json"})
    return poll(client.client, started)
