"""Thin custom functions for `azcli account management-group ...`.

Like az, the group commands first make sure the subscription is registered to Microsoft.Management
(skip with --no-register); unlike az, they do not sleep when it already is.
"""
from azcli.errors import OperationTimeoutError, RequiredArgumentMissingError

PREFIX = "/providers/Microsoft.Management/managementGroups/"
NAMESPACE = "Microsoft.Management"


def _parent_id(parent):
    """A parent named by its name or its id -> its id."""
    if parent is None or parent.lower().startswith(PREFIX.lower()):
        return parent
    return PREFIX + parent


def _register(cmd, no_register, timeout=120.0, interval=1.0):
    if no_register:
        return
    import time
    from azcli.session.clients import mgmt_client
    from azure.mgmt.resource.resources import ResourceManagementClient
    providers = mgmt_client(cmd.cli_ctx, ResourceManagementClient).providers
    if (providers.get(NAMESPACE).registration_state or "").lower() == "registered":
        return
    providers.register(NAMESPACE)
    deadline = time.monotonic() + timeout
    while (providers.get(NAMESPACE).registration_state or "").lower() != "registered":
        if time.monotonic() > deadline:
            raise OperationTimeoutError("Microsoft.Management is not registered after {} seconds (pass "
                                        "--no-register to skip registration).".format(int(timeout)))
        time.sleep(interval)


def list_management_groups(client, cmd, no_register=False):
    """List all management groups."""
    _register(cmd, no_register)
    return client.list()


def show_management_group(client, cmd, group_name, expand=False, recurse=False, no_register=False):
    """Get a specific management group (exit code 3 when it does not exist)."""
    _register(cmd, no_register)
    if expand:
        return client.get(group_name, expand="children", recurse=recurse or None)
    return client.get(group_name)


def create_management_group(client, cmd, group_name, display_name=None, parent=None, no_register=False):
    """Create a new management group."""
    _register(cmd, no_register)
    properties = {}
    if display_name is not None:
        properties["displayName"] = display_name
    if parent is not None:
        properties["details"] = {"parent": {"id": _parent_id(parent)}}
    return client.begin_create_or_update(group_name, {"name": group_name, "properties": properties})


def delete_management_group(client, cmd, group_name, no_register=False):
    """Delete an existing management group; prints the final operation status, as az does."""
    _register(cmd, no_register)
    poller = client.begin_delete(group_name, cls=lambda response, _deserialized, _headers: _json(response))
    return poller


def _json(pipeline_response):
    response = pipeline_response.http_response
    try:
        return response.json()
    except ValueError:
        return None


def update_get(client, group_name):
    """The PATCH body the flattened arguments and --set/--add/--remove apply to."""
    return {}


def update_apply(instance, display_name=None, parent_id=None):
    if display_name is not None:
        instance["displayName"] = display_name
    if parent_id is not None:
        instance["parentGroupId"] = _parent_id(parent_id)
    return instance


def update_set(client, group_name, parameters):
    return client.update(group_name, parameters)


def _subscription_id(cmd, subscription):
    subscription = subscription or (cmd.cli_ctx.invocation.data.get("subscription")
                                    if cmd.cli_ctx.invocation else None)
    if not subscription:
        raise RequiredArgumentMissingError("the following arguments are required: --subscription/-s")
    from azcli.session.clients import Context
    return Context(cmd.cli_ctx, subscription=subscription).subscription_id


def add_subscription(client, cmd, group_name, subscription=None):
    """Add a subscription to a management group (it leaves its current one)."""
    return client.create(group_name, _subscription_id(cmd, subscription))


def remove_subscription(client, cmd, group_name, subscription=None):
    """Remove a subscription from a management group: it goes back under the tenant root group."""
    client.delete(group_name, _subscription_id(cmd, subscription))
