"""The four places a deployment lives, and how each maps onto the SDK's operation names and bodies.

The SDK spells the resource-group operations bare (`begin_create_or_update`, `get`, and
`list_by_resource_group` for listing) and the others with a suffix (`get_at_subscription_scope`, ...).
Subscription, management-group and tenant deployments carry a `location` (where ARM keeps their
data); group deployments do not.
"""

SUFFIXES = {"group": "", "sub": "_at_subscription_scope", "mg": "_at_management_group_scope",
            "tenant": "_at_tenant_scope"}


class Scope:
    def __init__(self, kind, resource_group_name=None, management_group_id=None, location=None):
        self.kind = kind
        self.resource_group_name = resource_group_name
        self.management_group_id = management_group_id
        self.location = location

    def leading_args(self):
        if self.kind == "group":
            return (self.resource_group_name,)
        if self.kind == "mg":
            return (self.management_group_id,)
        return ()

    def operation(self, operations, verb):
        """The bound SDK method for verb ('begin_validate', 'get', 'list', ...) at this scope."""
        if (self.kind, verb) == ("group", "list") and hasattr(operations, "list_by_resource_group"):
            return operations.list_by_resource_group  # deployments; a deployment's operations are just `list`
        return getattr(operations, verb + SUFFIXES[self.kind])

    def call(self, operations, verb, *args, **kwargs):
        return self.operation(operations, verb)(*self.leading_args(), *args, **kwargs)

    def body(self, properties):
        body = {"properties": properties}
        if self.kind != "group" and self.location:
            body["location"] = self.location
        return body

    def cli_group(self):
        return self.kind

    def __str__(self):
        return {"group": "resource group '{}'".format(self.resource_group_name), "sub": "the subscription",
                "mg": "management group '{}'".format(self.management_group_id), "tenant": "the tenant"}[self.kind]
