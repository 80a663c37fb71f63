"""Thin custom functions for `azcli storage container-rm` (blob containers through the management plane)."""
from ._client_factory import API_VERSION as API

_ACCESS = {"off": "None", "blob": "Blob", "container": "Container"}


def _account(cmd, storage_account, resource_group_name):
    """(group, account name) of --storage-account given by name (with or without -g) or by id."""
    if storage_account.lower().startswith("/subscriptions/"):
        parts = storage_account.split("/")
        return parts[4], parts[8]
    if resource_group_name is None:
        from ._client_factory import cf_storage_accounts
        from .custom import _group_of
        resource_group_name = _group_of(cf_storage_accounts(cmd.cli_ctx, None), storage_account)
    return resource_group_name, storage_account


def _properties(public_access=None, metadata=None, default_encryption_scope=None,
                deny_encryption_scope_override=None):
    props = {}
    if default_encryption_scope is not None:
        props["defaultEncryptionScope"] = default_encryption_scope
    if deny_encryption_scope_override is not None:
        props["denyEncryptionScopeOverride"] = deny_encryption_scope_override
    if public_access is not None:
        props["publicAccess"] = _ACCESS.get(public_access.lower(), public_access)
    if metadata is not None:
        props["metadata"] = dict(item.partition("=")[::2] for item in metadata if item) \
            if isinstance(metadata, list) else metadata
    return props


def create_container(client, cmd, container_name, storage_account, resource_group_name=None, public_access=None,
                     metadata=None, default_encryption_scope=None, deny_encryption_scope_override=None,
                     fail_on_exist=False):
    """Create a new container under the specified storage account."""
    group, account = _account(cmd, storage_account, resource_group_name)
    if fail_on_exist and container_exists(client, cmd, container_name, storage_account, group)["exists"]:
        from azcli.errors import ConflictError
        raise ConflictError("The specified container already exists.")
    body = {"properties": _properties(public_access, metadata, default_encryption_scope,
                                      deny_encryption_scope_override)}
    return client.create(group, account, container_name, body, api_version=API)


def show_container(client, cmd, container_name, storage_account, resource_group_name=None):
    """Show the properties of a container (exit code 3 when it does not exist)."""
    group, account = _account(cmd, storage_account, resource_group_name)
    return client.get(group, account, container_name, api_version=API)


def list_containers(client, cmd, storage_account, resource_group_name=None, include_deleted=False):
    """List all containers under the specified storage account."""
    group, account = _account(cmd, storage_account, resource_group_name)
    return client.list(group, account, include="deleted" if include_deleted else None, api_version=API)


def delete_container(client, cmd, container_name, storage_account, resource_group_name=None):
    """Delete the specified container under its account."""
    group, account = _account(cmd, storage_account, resource_group_name)
    return client.delete(group, account, container_name, api_version=API)


def update_container(client, cmd, container_name, storage_account, resource_group_name=None, public_access=None,
                     metadata=None):
    """Update the properties of a container (a PATCH, as az sends it)."""
    group, account = _account(cmd, storage_account, resource_group_name)
    body = {"properties": _properties(public_access, metadata)}
    return client.update(group, account, container_name, body, api_version=API)


def container_exists(client, cmd, container_name, storage_account, resource_group_name=None):
    """Check for the existence of a container."""
    from azure.core.exceptions import ResourceNotFoundError
    group, account = _account(cmd, storage_account, resource_group_name)
    try:
        client.get(group, account, container_name, api_version=API)
    except ResourceNotFoundError:
        return {"exists": False}
    return {"exists": True}
