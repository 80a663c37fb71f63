"""Resource ids: from a scope plus a full type and name, and back from the shorthand forms templates use."""

from .errors import TemplateError

DEPLOYMENTS = "microsoft.resources/deployments"
RESOURCE_GROUPS = "microsoft.resources/resourcegroups"


def scope_id(scope):
    """The id prefix of a Scope: a resource group, subscription or management group id, or "" (tenant)."""
    if scope.level == "resourceGroup":
        return f"/subscriptions/{scope.subscription_id}/resourceGroups/{scope.resource_group_name}"
    if scope.level == "subscription":
        return f"/subscriptions/{scope.subscription_id}"
    if scope.level == "managementGroup":
        return f"/providers/Microsoft.Management/managementGroups/{scope.management_group_name}"
    return ""


def resource_id(base, full_type, full_name, where=None):
    """``{base}/providers/{ns}/{type}/{name}[/{type}/{name}...]``, checking segment counts as ARM does."""
    if not isinstance(full_type, str) or "/" not in full_type:
        raise TemplateError(f"The template resource '{where or full_name}' has an invalid type '{full_type}'. The "
                            f"type must be of the form 'Namespace/type'. Please see https://aka.ms/arm-syntax-resources "
                            f"for usage details.")
    if not isinstance(full_name, str) or not full_name:
        raise TemplateError(f"The template resource '{where or full_type}' has an invalid name '{full_name}'. Please "
                            f"see https://aka.ms/arm-syntax-resources for usage details.")
    namespace, *types = full_type.split("/")
    names = full_name.strip("/").split("/")
    if len(types) != len(names):
        raise TemplateError(f"Unable to process template language expressions for resource '{where or full_name}'. The "
                            f"template resource '{full_name}' for type '{full_type}' has incorrect segment lengths. A "
                            f"nested resource type must have identical number of segments as its resource name. A root "
                            f"resource type must have segment length one greater than its resource name. Please see "
                            f"https://aka.ms/arm-syntax-resources for usage details.")
    if full_type.lower() == RESOURCE_GROUPS and base.count("/") == 2 and base.lower().startswith("/subscriptions/"):
        return f"{base}/resourceGroups/{full_name}"
    path = "/".join(f"{kind}/{name}" for kind, name in zip(types, names))
    return f"{base}/providers/{namespace}/{path}"


def split_type_name(text):
    """("Microsoft.Web/sites/config", "site/web") for "Microsoft.Web/sites/site/config/web", else None."""
    parts = text.strip("/").split("/")
    if len(parts) < 3 or len(parts) % 2 == 0 or "." not in parts[0]:
        return None
    return "/".join([parts[0]] + parts[1::2]), "/".join(parts[2::2])


def join_child(parent_type, parent_name, child_type, child_name):
    """A nested child's full type and name: short ``config``/``web`` are joined to the parent's."""
    if "/" in child_type:
        return child_type, child_name
    names = child_name if child_name.count("/") >= parent_name.count("/") + 1 else f"{parent_name}/{child_name}"
    return f"{parent_type}/{child_type}", names


def resolve_scope_property(base, scope_value, where):
    """The id an extension resource's ``scope`` names: a full id, "/" (tenant) or "Type/name" relative to ``base``."""
    if not isinstance(scope_value, str):
        raise TemplateError(f"The 'scope' property of resource '{where}' must be a string.")
    if scope_value == "/":
        return ""
    if scope_value.startswith("/"):
        return scope_value.rstrip("/")
    parsed = split_type_name(scope_value)
    if parsed is None:
        raise TemplateError(f"The 'scope' property '{scope_value}' of resource '{where}' is not a valid resource id. "
                            f"Please see https://aka.ms/arm-syntax-resources for usage details.")
    if parsed[0].lower() == "microsoft.management/managementgroups":
        base = ""  # management groups live at the tenant, whatever the deployment's scope
    return resource_id(base, parsed[0], parsed[1], where)


def parse_id(text):
    """(type, name) of the last provider section of a full id: ("Microsoft.Web/sites/config", "s/web")."""
    parts = text.strip("/").split("/")
    lowered = [p.lower() for p in parts]
    if "providers" not in lowered:
        if len(parts) == 4 and lowered[2] == "resourcegroups":
            return "Microsoft.Resources/resourceGroups", parts[3]
        if len(parts) == 2 and lowered[0] == "subscriptions":
            return "Microsoft.Resources/subscriptions", parts[1]
        return None, None
    at = len(lowered) - 1 - lowered[::-1].index("providers")
    rest = parts[at + 1:]
    if len(rest) < 3:
        return None, None
    return "/".join([rest[0]] + rest[1::2]), "/".join(rest[2::2])


def scope_of_id(text):
    """(subscription id, resource group, management group) a scope id names; all None for the tenant ("/")."""
    parts = text.strip("/").split("/")
    lowered = [p.lower() for p in parts]
    sub = group = mg = None
    if len(parts) >= 2 and lowered[0] == "subscriptions":
        sub = parts[1]
        if len(parts) >= 4 and lowered[2] == "resourcegroups":
            group = parts[3]
    elif len(parts) >= 4 and lowered[:3] == ["providers", "microsoft.management", "managementgroups"]:
        mg = parts[3]
    return sub, group, mg
