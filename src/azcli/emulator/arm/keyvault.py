"""Microsoft.KeyVault on the wire, beyond the generic vault routes: deleted vaults, name availability and
access-policy edits (the domain is domain/keyvault.py; vaults themselves are generic resources with the
behaviour of rp/keyvault.py)."""
from . import operations
from ..domain import keyvault, resources
from ..domain.operations import execute
from ..rp import keyvault as vaults
from ..wire import listing
from ..wire.http import empty, json_response

SUB = "/subscriptions/{subscriptionId}/providers/Microsoft.KeyVault"


def list_deleted(ctx, subscriptionId):
    rows = [r for r in keyvault.list_deleted(ctx.store.read(), ctx) if r["seq"] > listing.skip_position(ctx)]
    return json_response(listing.page(ctx, rows, vaults.deleted_view))


def get_deleted(ctx, subscriptionId, location, vaultName):
    return json_response(vaults.deleted_view(keyvault.get_deleted(ctx.store.read(), ctx, location, vaultName)))


def purge_deleted(ctx, subscriptionId, location, vaultName):
    done = execute(ctx, keyvault.PurgeDeletedVault(location, vaultName))
    headers = operations.rp_headers(ctx, keyvault.NAMESPACE, done.location, done.op_id, False, True)
    return empty(202, headers)


def check_name(ctx, subscriptionId):
    body = ctx.json_body()
    return json_response(keyvault.check_name(ctx.store.read(), ctx, body.get("name"), body.get("type")))


def update_access_policy(ctx, subscriptionId, resourceGroupName, vaultName, operationKind):
    target = resources.Target(ctx.subscription["subscription_id"], resourceGroupName,
                              "Microsoft.KeyVault/vaults/" + vaultName)
    return json_response(execute(ctx, keyvault.UpdateAccessPolicies(target, operationKind, ctx.json_body())).body)


def register(router):
    read = "Microsoft.KeyVault/deletedVaults/read"
    router.add("GET", SUB + "/deletedVaults", list_deleted, action=read)
    router.add("GET", SUB + "/locations/{location}/deletedVaults/{vaultName}", get_deleted, action=read)
    router.add("POST", SUB + "/locations/{location}/deletedVaults/{vaultName}/purge", purge_deleted,
               action="Microsoft.KeyVault/locations/deletedVaults/purge/action")
    router.add("POST", SUB + "/checkNameAvailability", check_name,
               action="Microsoft.KeyVault/checkNameAvailability/read")
    router.add("PUT", "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/"
               "Microsoft.KeyVault/vaults/{vaultName}/accessPolicies/{operationKind}", update_access_policy,
               action="Microsoft.KeyVault/vaults/accessPolicies/write")
