"""Stateless CI mode: a credential described by the environment, used when nobody signed in.

AZURE_CLIENT_ID and AZURE_TENANT_ID, plus one of AZURE_CLIENT_SECRET,
AZURE_CLIENT_CERTIFICATE_PATH (+ AZURE_CLIENT_CERTIFICATE_PASSWORD) or AZURE_FEDERATED_TOKEN_FILE
(re-read on every token request) - the variables azure-identity's EnvironmentCredential and
WorkloadIdentityCredential read. The cloud is the active one (AZCLI_CLOUD_NAME picks another per
process); the subscription is --subscription, then AZURE_SUBSCRIPTION_ID, then the first one the
principal can see, listed over the API. Nothing is written to the config dir: tokens are cached in
memory for the life of the process only.
"""


def entry_from_environment(environ):
    """The credential entry the environment describes, or None."""
    client_id, tenant = environ.get("AZURE_CLIENT_ID"), environ.get("AZURE_TENANT_ID")
    if not (client_id and tenant):
        return None
    entry = {"clientId": client_id, "account": client_id, "tenant": tenant, "source": "environment"}
    if environ.get("AZURE_CLIENT_SECRET"):
        entry.update(type="secret", clientSecret=environ["AZURE_CLIENT_SECRET"])
    elif environ.get("AZURE_CLIENT_CERTIFICATE_PATH"):
        entry.update(type="certificate", certificatePath=environ["AZURE_CLIENT_CERTIFICATE_PATH"])
        if environ.get("AZURE_CLIENT_CERTIFICATE_PASSWORD"):
            entry["certificatePassword"] = environ["AZURE_CLIENT_CERTIFICATE_PASSWORD"]
    elif environ.get("AZURE_FEDERATED_TOKEN_FILE"):
        entry.update(type="federated", tokenFile=environ["AZURE_FEDERATED_TOKEN_FILE"])
    else:
        return None
    return entry


def subscription_entry(cloud, entry, subscription):
    """A profile-shaped subscription entry for an API subscription document (or a bare id)."""
    if isinstance(subscription, str):
        subscription = {"subscriptionId": subscription}
    tenant = subscription.get("tenantId") or entry["tenant"]
    return {"id": subscription["subscriptionId"], "name": subscription.get("displayName"),
            "state": subscription.get("state"), "tenantId": tenant, "homeTenantId": tenant,
            "managedByTenants": subscription.get("managedByTenants") or [], "environmentName": cloud.name,
            "isDefault": True, "user": {"name": entry["clientId"], "type": "servicePrincipal"}}


def looks_like_guid(value):
    parts = (value or "").split("-")
    return [len(p) for p in parts] == [8, 4, 4, 4, 12] and all(
        c in "0123456789abcdefABCDEF" for c in "".join(parts))
