"""Subscriptions, tenants and locations (Microsoft.Resources/subscriptions API)."""
import json

from ..identity import directory
from ..rp import locations
from ..wire.http import json_response

POLICIES = {"locationPlacementId": "Public_2014-09-01", "quotaId": "PayAsYouGo_2014-09-01", "spendingLimit": "Off"}


def subscription_document(row, api_version):
    extra = json.loads(row["body"] or "{}")
    doc = {"id": "/subscriptions/" + row["subscription_id"],
           "authorizationSource": extra.get("authorizationSource", "RoleBased")}
    if api_version >= "2019-06-01":
        doc["managedByTenants"] = extra.get("managedByTenants", [])
    doc["subscriptionId"] = row["subscription_id"]
    if api_version >= "2019-06-01":
        doc["tenantId"] = row["tenant_lc"]
    doc["displayName"] = row["display_name"]
    doc["state"] = row["state"]
    doc["subscriptionPolicies"] = extra.get("subscriptionPolicies", POLICIES)
    if extra.get("tags") and api_version >= "2019-11-01":
        doc["tags"] = extra["tags"]
    return doc


def list_subscriptions(ctx):
    rows = directory.visible_subscriptions(ctx.store.read(), ctx.principal.object_id)
    body = {"value": [subscription_document(r, ctx.api_version) for r in rows]}
    if ctx.api_version >= "2019-06-01":
        body["count"] = {"type": "Total", "value": len(rows)}
    return json_response(body)


def get_subscription(ctx, subscriptionId):
    return json_response(subscription_document(ctx.subscription, ctx.api_version))


def tenant_document(row, api_version):
    doc = {"id": "/tenants/" + row["tenant_id"], "tenantId": row["tenant_id"]}
    if api_version >= "2020-01-01":
        doc.update({"countryCode": "US", "displayName": row["display_name"], "domains": [row["default_domain"]],
                    "tenantCategory": "Home", "defaultDomain": row["default_domain"], "tenantType": "AAD"})
    return doc


def list_tenants(ctx):
    db = ctx.store.read()
    tenant_ids = {ctx.principal.tenant_id}
    tenant_ids.update(r["tenant_lc"] for r in directory.visible_subscriptions(db, ctx.principal.object_id))
    rows = [directory.tenant(db, t) for t in sorted(tenant_ids)]
    return json_response({"value": [tenant_document(r, ctx.api_version) for r in rows if r is not None]})


def list_locations(ctx, subscriptionId):
    sub_id = ctx.subscription["subscription_id"]
    return json_response({"value": [locations.document(sub_id, r, ctx.api_version) for r in locations.REGIONS]})


def register(router):
    router.add("GET", "/subscriptions", list_subscriptions, action="Microsoft.Resources/subscriptions/read")
    router.add("GET", "/subscriptions/{subscriptionId}", get_subscription,
               action="Microsoft.Resources/subscriptions/read")
    router.add("GET", "/subscriptions/{subscriptionId}/locations", list_locations,
               action="Microsoft.Resources/subscriptions/locations/read")
    router.add("GET", "/tenants", list_tenants, action="Microsoft.Resources/tenants/read")
