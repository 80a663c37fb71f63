"""`azcli lock|group lock|resource lock ...`: management locks at subscription, group and resource scope.

`client` is the module's LockClient (the SDK's management-locks operations + the subscription).
Every lock is addressed by scope, so the three command groups share these functions.
"""
from azcli.errors import RequiredArgumentMissingError

from .._validators import lock_level, lock_scope, split_lock_id


def _scope_and_name(client, lock_name, resource_group_name, resource_provider_namespace, parent_resource_path,
                    resource_type, resource_name, lock_id):
    if lock_id:
        return split_lock_id(lock_id)
    if not lock_name:
        raise RequiredArgumentMissingError("usage error: --ids ID | --name NAME [--resource-group NAME "
                                           "[--resource NAME --resource-type TYPE]]")
    return lock_scope(client.subscription_id, resource_group_name, resource_name, resource_type,
                      resource_provider_namespace, parent_resource_path), lock_name


def create_lock(client, lock_name, lock_type, resource_group_name=None, resource_provider_namespace=None,
                parent_resource_path=None, resource_type=None, resource_name=None, notes=None):
    """Create a lock on the subscription, a group, or a resource."""
    from azure.mgmt.resource.locks.models import ManagementLockObject
    scope, name = _scope_and_name(client, lock_name, resource_group_name, resource_provider_namespace,
                                  parent_resource_path, resource_type, resource_name, None)
    lock = ManagementLockObject(level=lock_level(lock_type), notes=notes)
    return client.create(scope, name, lock)


def list_locks(client, resource_group_name=None, resource_provider_namespace=None, parent_resource_path=None,
               resource_type=None, resource_name=None, filter_string=None):
    """List the locks of the subscription, a group, or a resource."""
    scope = lock_scope(client.subscription_id, resource_group_name, resource_name, resource_type,
                       resource_provider_namespace, parent_resource_path)
    return client.list(scope, filter=filter_string)


def get_lock(client, lock_name=None, resource_group_name=None, resource_provider_namespace=None,
             parent_resource_path=None, resource_type=None, resource_name=None, lock_id=None):
    """Show a lock (exit code 3 when it does not exist)."""
    scope, name = _scope_and_name(client, lock_name, resource_group_name, resource_provider_namespace,
                                  parent_resource_path, resource_type, resource_name, lock_id)
    return client.get(scope, name)


def delete_lock(client, lock_name=None, resource_group_name=None, resource_provider_namespace=None,
                parent_resource_path=None, resource_type=None, resource_name=None, lock_id=None):
    """Delete a lock."""
    scope, name = _scope_and_name(client, lock_name, resource_group_name, resource_provider_namespace,
                                  parent_resource_path, resource_type, resource_name, lock_id)
    return client.delete(scope, name)


def update_lock(client, lock_name=None, resource_group_name=None, resource_provider_namespace=None,
                parent_resource_path=None, resource_type=None, resource_name=None, lock_id=None,
                lock_type=None, notes=None):
    """Change a lock's type or notes."""
    scope, name = _scope_and_name(client, lock_name, resource_group_name, resource_provider_namespace,
                                  parent_resource_path, resource_type, resource_name, lock_id)
    lock = client.get(scope, name)
    if lock_type is not None:
        lock.level = lock_level(lock_type)
    if notes is not None:
        lock.notes = notes
    return client.create(scope, name, lock)
