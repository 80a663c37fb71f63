"""Scope functions: resourceGroup, subscription, managementGroup, tenant, all read from ctx.scope."""

from .registry import TemplateError, expect, template_function

_HELP = "Please see https://aka.ms/arm-functions for usage details."


def _not_here(name, level):
    return TemplateError(f"The template function '{name}' is not expected at this location: the deployment "
                         f"targets the {level} scope. {_HELP}")


@template_function("resourceGroup", 0)
def resource_group(ctx, args):
    if ctx.scope.resource_group is None:
        raise _not_here("resourceGroup", ctx.scope.level)
    return ctx.scope.resource_group


@template_function("subscription", 0)
def subscription(ctx, args):
    if ctx.scope.subscription is None:
        raise _not_here("subscription", ctx.scope.level)
    return ctx.scope.subscription


@template_function("managementGroup", 0, 1)
def management_group(ctx, args):
    """The deployment's management group, or the id shape of the one named by the argument."""
    if args:
        name = expect("managementGroup", args, 0, "String")
        return {"id": f"/providers/Microsoft.Management/managementGroups/{name}", "name": name,
                "type": "Microsoft.Management/managementGroups"}
    if ctx.scope.management_group is None:
        raise _not_here("managementGroup", ctx.scope.level)
    return ctx.scope.management_group


@template_function("tenant", 0)
def tenant(ctx, args):
    described = getattr(ctx.scope, "tenant", None)
    if described:
        return described
    return {"id": f"/tenants/{ctx.tenant_id}", "tenantId": ctx.tenant_id}
