"""Microsoft.Subscription: an alias creates a subscription in the caller's tenant, with the caller as Owner."""
from . import ResourceType
from ..common.values import new_guid
from ..identity import directory


class Alias(ResourceType):
    type = "Microsoft.Subscription/aliases"

    def created(self, db, caller, doc):
        props = doc["properties"]
        if props.get("subscriptionId"):  # an alias for an existing subscription
            return
        sub_id = new_guid()
        tenant_id = caller.principal.tenant_id
        name = props.get("displayName") or doc["name"]
        directory.add_subscription(db, sub_id, tenant_id, name, caller.now)
        directory.grant(db, caller.principal.object_id, "/subscriptions/" + sub_id, "Owner", caller.now)
        props["subscriptionId"] = sub_id


TYPES = [Alias()]
