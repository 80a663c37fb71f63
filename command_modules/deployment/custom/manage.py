"""export and `operation show` at each scope (the other verbs bind straight to the SDK)."""


def export_group(client, resource_group_name, deployment_name):
    """Export the template used for a deployment."""
    return client.export_template(resource_group_name, deployment_name).template


def export_sub(client, deployment_name):
    """Export the template used for a deployment."""
    return client.export_template_at_subscription_scope(deployment_name).template


def export_mg(client, group_id, deployment_name):
    """Export the template used for a deployment."""
    return client.export_template_at_management_group_scope(group_id, deployment_name).template


def export_tenant(client, deployment_name):
    """Export the template used for a deployment."""
    return client.export_template_at_tenant_scope(deployment_name).template


def show_operations_group(client, resource_group_name, deployment_name, operation_ids):
    """Get a deployment's operations (a list, one per --operation-ids value)."""
    return [client.get(resource_group_name, deployment_name, op) for op in operation_ids]


def show_operations_sub(client, deployment_name, operation_ids):
    """Get a deployment's operations (a list, one per --operation-ids value)."""
    return [client.get_at_subscription_scope(deployment_name, op) for op in operation_ids]


def show_operations_mg(client, group_id, deployment_name, operation_ids):
    """Get a deployment's operations (a list, one per --operation-ids value)."""
    return [client.get_at_management_group_scope(group_id, deployment_name, op) for op in operation_ids]


def show_operations_tenant(client, deployment_name, operation_ids):
    """Get a deployment's operations (a list, one per --operation-ids value)."""
    return [client.get_at_tenant_scope(deployment_name, op) for op in operation_ids]
