"""`azcli tag ...`: subscription tag names/values, and the tags resource at any scope (--resource-id)."""
from azcli.errors import RequiredArgumentMissingError

_OPERATIONS = {"merge": "Merge", "replace": "Replace", "delete": "Delete"}


def get_tag_at_scope(client, resource_id=None):
    """The tags on a scope (--resource-id), or every tag name of the subscription with its values."""
    if resource_id:
        return client.get_at_scope(resource_id)
    return client.list()


def create_or_update_tag_at_scope(client, resource_id=None, tags=None, tag_name=None):
    """Create a predefined tag name, or set (replace) the tags on a scope."""
    if resource_id:
        if not tags:
            raise RequiredArgumentMissingError("--tags is required with --resource-id (at least one key[=value]).")
        return client.begin_create_or_update_at_scope(resource_id, {"properties": {"tags": tags}})
    if not tag_name:
        raise RequiredArgumentMissingError("usage error: --name NAME | --resource-id ID --tags KEY[=VALUE] ...")
    return client.create_or_update(tag_name)


def delete_tag_at_scope(client, resource_id=None, tag_name=None):
    """Delete a predefined tag name, or every tag on a scope."""
    if resource_id:
        return client.begin_delete_at_scope(resource_id)
    if not tag_name:
        raise RequiredArgumentMissingError("usage error: --name NAME | --resource-id ID")
    return client.delete(tag_name)


def update_tag_at_scope(client, resource_id, tags, operation):
    """Merge into, replace, or delete from the tags on a scope."""
    if not tags:
        raise RequiredArgumentMissingError("--tags is required (at least one key[=value]).")
    body = {"operation": _OPERATIONS[operation.lower()], "properties": {"tags": tags}}
    return client.begin_update_at_scope(resource_id, body)


def add_tag_value(client, tag_name, tag_value):
    """Add a value to a predefined tag name."""
    return client.create_or_update_value(tag_name, tag_value)


def remove_tag_value(client, tag_name, tag_value):
    """Remove a value from a predefined tag name."""
    return client.delete_value(tag_name, tag_value)
