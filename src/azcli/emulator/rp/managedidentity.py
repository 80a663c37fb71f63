"""Microsoft.ManagedIdentity: a user-assigned identity is a principal with a client id in the tenant."""
from . import ResourceType, keep
from ..common.values import new_guid


class UserAssignedIdentity(ResourceType):
    type = "Microsoft.ManagedIdentity/userAssignedIdentities"

    def complete(self, doc, old_properties, caller):
        props = doc["properties"]
        keep(props, old_properties, "tenantId", caller.subscription["tenant_lc"])
        keep(props, old_properties, "principalId", new_guid)
        keep(props, old_properties, "clientId", new_guid)


TYPES = [UserAssignedIdentity()]
