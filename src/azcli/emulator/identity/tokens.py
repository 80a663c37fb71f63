"""What the identity endpoint's flows share: the tenant a request names, the audience a resource maps to,
and the token response (endpoints.py for applications, people.py for people)."""
from ..wire import auth
from . import directory
from ..common.errors import AadError
from ..wire.http import json_response

MULTI_TENANT = ("common", "organizations", "consumers")


def tenant_not_found(tenant):
    return AadError(400, "invalid_tenant", 90002,
                    "Tenant '%s' not found. Check to make sure you have the correct tenant ID and are signing into "
                    "the correct cloud." % tenant)


def resolve_tenant(db, tenant):
    """The tenants row for a tenant id or domain; None for the multi-tenant aliases."""
    if tenant.lower() in MULTI_TENANT:
        return None
    row = directory.tenant(db, tenant)
    if row is None:
        row = db.execute("SELECT * FROM tenants WHERE lower(default_domain) = ?", (tenant.lower(),)).fetchone()
    if row is None:
        raise tenant_not_found(tenant)
    return row


# Data-plane audiences the local cloud also issues tokens for (ARM refuses them, as ARM does).
OTHER_AUDIENCES = ("https://vault.azure.net", "https://storage.azure.com", "https://graph.microsoft.com",
                   "api://azcli-local-app")


def check_resource(ctx, resource, tenant):
    """The audience for a resource: this cloud's ARM ({base}/), a path under it, its vaults' or OTHER_AUDIENCES."""
    from ..rp.keyvault import vault_resource
    if resource.rstrip("/") == ctx.base:
        return ctx.base + "/"
    if resource.startswith(ctx.base + "/") or resource.rstrip("/") in OTHER_AUDIENCES + (vault_resource(ctx.base),):
        return resource
    raise AadError(400, "invalid_resource", 500011,
                   "The resource principal named %s was not found in the tenant named %s. This can happen if "
                   "the application has not been installed by the administrator of the tenant or consented to "
                   "by any user in the tenant. You might have sent your authentication request to the wrong "
                   "tenant." % (resource, tenant))


def token_response(ctx, principal, audience, v1, client_id=None, extra=None):
    token, lifetime = auth.issue(ctx.store, ctx.base, principal, audience, ctx.now, client_id=client_id)
    body = {"token_type": "Bearer", "expires_in": lifetime - 1, "ext_expires_in": lifetime - 1,
            "access_token": token}
    if v1:
        body = {k: str(v) for k, v in body.items()}
        body.update({"expires_on": str(int(ctx.now) + lifetime), "not_before": str(int(ctx.now)),
                     "resource": audience})
    body.update(extra or {})
    return json_response(body, headers={"Cache-Control": "no-store, no-cache"})
