"""StorageAccounts_CheckNameAvailability on the wire:
``POST /subscriptions/{sub}/providers/Microsoft.Storage/checkNameAvailability`` with ``{"name", "type"}``
answers ``{"nameAvailable", "reason", "message"}``; names are unique across the local cloud, as
across Azure (rp/storage.py holds the rule)."""
from ..common.errors import ArmError
from ..rp import storage
from ..wire.http import json_response

_TYPE = "microsoft.storage/storageaccounts"


def check_name_availability(ctx, subscriptionId):
    body = ctx.json_body()
    if str(body.get("type", _TYPE)).lower() != _TYPE:
        raise ArmError(400, "InvalidValuesForRequestParameters", "Values for request parameters are invalid: type.",
                       gateway=False)
    return json_response(storage.name_availability(ctx.store.read(), body.get("name")))


def register(router):
    router.add("POST", "/subscriptions/{subscriptionId}/providers/Microsoft.Storage/checkNameAvailability",
               check_name_availability, action="Microsoft.Storage/checkNameAvailability/read")
