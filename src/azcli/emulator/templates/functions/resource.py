"""Resource functions: the *ResourceId family (local), and reference, references, list*, providers,
resourceInfo (delegated to the engine's resolver). pickZones asks the resolver when it can answer.
"""

from .registry import TemplateFunction, check, expect, expect_all, function_error, template_function

_MANAGEMENT_GROUPS = "/providers/Microsoft.Management/managementGroups"
# Regions with availability zones; pickZones' answer when the resolver has no catalogue of its own.
_ZONAL_REGIONS = frozenset({
    "australiaeast", "brazilsouth", "canadacentral", "centralindia", "centralus", "eastasia", "eastus",
    "eastus2", "francecentral", "germanywestcentral", "israelcentral", "italynorth", "japaneast", "japanwest",
    "koreacentral", "mexicocentral", "newzealandnorth", "northeurope", "norwayeast", "polandcentral",
    "qatarcentral", "southafricanorth", "southcentralus", "southeastasia", "spaincentral", "swedencentral",
    "switzerlandnorth", "uaenorth", "uksouth", "westeurope", "westus2", "westus3", "usgovvirginia",
    "chinanorth3",
})
_ZONE_COUNT = 3
# Global services have no zones anywhere (pickZones' documented "notSupportedType" is Microsoft.Cdn/profiles).
_GLOBAL_NAMESPACES = frozenset({"microsoft.cdn", "microsoft.authorization", "microsoft.management",
                                "microsoft.resources", "microsoft.insights", "microsoft.policyinsights"})
_GLOBAL_TYPES = frozenset({"microsoft.network/frontdoors", "microsoft.network/trafficmanagerprofiles",
                           "microsoft.network/dnszones", "microsoft.network/privatednszones"})


def _provider_path(name, resource_type, names):
    """`providers/NS/t1/n1/t2/n2` for a type `NS/t1/t2`, requiring one name per type segment."""
    segments = resource_type.strip("/").split("/")
    if len(segments) < 2 or not all(segments):
        raise function_error(name, f"the resource type '{resource_type}' is not valid: it must be "
                                   "'{namespace}/{type}[/{childType}...]'.")
    name_segments = [part for value in names for part in value.strip("/").split("/")]
    if len(name_segments) != len(segments) - 1:
        raise function_error(name, f"the type '{resource_type}' requires '{len(segments) - 1}' resource name "
                                   f"argument(s); '{len(name_segments)}' were provided.")
    path = ["providers", segments[0]]
    for type_segment, name_segment in zip(segments[1:], name_segments):
        path += [type_segment, name_segment]
    return "/".join(path)


def _split_at_type(name, args, most_leading):
    """(leading arguments, resource type, names): the type is the first argument with a '/'."""
    strings = [check(name, value, position, "String") for position, value in enumerate(args)]
    for position, value in enumerate(strings):
        if "/" in value:
            if position > most_leading:
                break
            return strings[:position], value, strings[position + 1:]
    raise function_error(name, "the resource type argument is missing or preceded by too many arguments.")


@template_function("resourceId", 2, None)
def resource_id(ctx, args):
    """resourceId([subscriptionId], [resourceGroupName], type, name1, [name2], ...).

    Without a resource group, a subscription deployment gets a subscription-level id and a
    management group or tenant deployment a tenant-level one, as ARM documents.
    """
    leading, resource_type, names = _split_at_type("resourceId", args, 2)
    provider_path = _provider_path("resourceId", resource_type, names)
    if len(leading) == 2:
        subscription_id, group = leading
    elif leading:
        subscription_id, group = ctx.subscription_id, leading[0]
    else:
        subscription_id = ctx.subscription_id
        group = ctx.resource_group_name if ctx.scope.level == "resourceGroup" else None
    if group is None:
        if ctx.scope.level == "subscription":
            return f"/subscriptions/{subscription_id}/{provider_path}"
        return f"/{provider_path}"
    if subscription_id is None:
        raise function_error("resourceId", "a resource group id needs a subscription, and this deployment has "
                                           "none: pass the subscription id as the first argument.")
    return f"/subscriptions/{subscription_id}/resourceGroups/{group}/{provider_path}"


@template_function("subscriptionResourceId", 2, None)
def subscription_resource_id(ctx, args):
    leading, resource_type, names = _split_at_type("subscriptionResourceId", args, 1)
    subscription_id = leading[0] if leading else ctx.subscription_id
    if subscription_id is None:
        raise function_error("subscriptionResourceId", "the deployment has no subscription: pass the "
                                                       "subscription id as the first argument.")
    return f"/subscriptions/{subscription_id}/{_provider_path('subscriptionResourceId', resource_type, names)}"


@template_function("tenantResourceId", 2, None)
def tenant_resource_id(ctx, args):
    leading, resource_type, names = _split_at_type("tenantResourceId", args, 0)
    return f"/{_provider_path('tenantResourceId', resource_type, names)}"


@template_function("managementGroupResourceId", 2, None)
def management_group_resource_id(ctx, args):
    leading, resource_type, names = _split_at_type("managementGroupResourceId", args, 1)
    group = leading[0] if leading else ctx.scope.management_group_name
    if group is None:
        raise function_error("managementGroupResourceId", "the deployment has no management group: pass the "
                                                          "management group name as the first argument.")
    provider_path = _provider_path("managementGroupResourceId", resource_type, names)
    return f"{_MANAGEMENT_GROUPS}/{group}/{provider_path}"


@template_function("extensionResourceId", 3, None)
def extension_resource_id(ctx, args):
    base_id = expect("extensionResourceId", args, 0, "String")
    resource_type = expect("extensionResourceId", args, 1, "String")
    names = [check("extensionResourceId", value, position, "String") for position, value in enumerate(args[2:], 2)]
    return f"{base_id.rstrip('/')}/{_provider_path('extensionResourceId', resource_type, names)}"


@template_function("reference", 1, 3)
def reference(ctx, args):
    """reference(nameOrId, [apiVersion], ['Full']): the resolver returns properties, or the whole resource."""
    target = expect("reference", args, 0, "String")
    api_version = expect("reference", args, 1, "String", "Null") if len(args) > 1 else None
    full = len(args) == 3 and expect("reference", args, 2, "String").lower() == "full"
    return ctx.require_resolver("reference").reference(target, api_version, full)


@template_function("references", 1, 2)
def references(ctx, args):
    symbolic_name = expect("references", args, 0, "String")
    mode = expect("references", args, 1, "String") if len(args) == 2 else "Properties"
    if mode.lower() not in ("full", "properties"):
        raise function_error("references", f"the mode must be 'Full' or 'Properties', not '{mode}'.")
    return ctx.require_resolver("references").references(symbolic_name, mode.lower())


def list_action_function(function_name):
    """listKeys, listSecrets, listAccountSas, ...: any list* name is a POST action on the resource."""
    def call_action(ctx, args):
        resource = expect(function_name, args, 0, "String")
        api_version = expect(function_name, args, 1, "String")
        body = expect(function_name, args, 2, "Object", "Null") if len(args) == 3 else None
        return ctx.require_resolver(function_name).list_action(resource, function_name, api_version, body)
    return TemplateFunction(function_name, call_action, 2, 3, False)


@template_function("providers", 1, 2)
def providers(ctx, args):
    namespace, *resource_type = expect_all("providers", args, "String")
    return ctx.require_resolver("providers").providers(namespace, resource_type[0] if resource_type else None)


@template_function("resourceInfo", 1)
def resource_info(ctx, args):
    return ctx.require_resolver("resourceInfo").resource_info(expect("resourceInfo", args, 0, "String"))


@template_function("pickZones", 3, 5)
def pick_zones(ctx, args):
    """pickZones(namespace, type, location, [numberOfZones=1], [offset=0]): zone names as strings."""
    namespace, resource_type, location = expect_all("pickZones", args[:3], "String")
    count = expect("pickZones", args, 3, "Integer") if len(args) > 3 else 1
    offset = expect("pickZones", args, 4, "Integer") if len(args) > 4 else 0
    if count < 1 or offset < 0:
        raise function_error("pickZones", "numberOfZones must be at least 1 and offset at least 0.")
    resolver_pick = getattr(ctx.resolver, "pick_zones", None)
    if resolver_pick is not None:
        return resolver_pick(namespace, resource_type, location, count, offset)
    normalized = location.replace(" ", "").lower()
    full_type = f"{namespace}/{resource_type}".lower()
    if (normalized not in _ZONAL_REGIONS or namespace.lower() in _GLOBAL_NAMESPACES
            or full_type in _GLOBAL_TYPES):
        return []
    zones = [str(number) for number in range(1, _ZONE_COUNT + 1)]
    return [zones[(offset + i) % _ZONE_COUNT] for i in range(min(count, _ZONE_COUNT))]
