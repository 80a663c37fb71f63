"""Pure helpers for the resource module's arguments: resource ids, api-versions, filters.

Each raises a typed azcli error (usage errors exit 2) and touches no network.
"""
from azcli.errors import InvalidArgumentValueError, RequiredArgumentMissingError

RESOURCE_USAGE = ("usage error: --ids ID [ID ...] | --resource-group NAME --name NAME --resource-type TYPE "
                  "[--namespace NAMESPACE] [--parent PATH]")


class ResourceRef:
    """A resource id with the parts the API version is resolved from."""

    def __init__(self, resource_id, namespace, type_path):
        self.id = resource_id
        self.namespace = namespace          # 'Microsoft.Network'
        self.type_path = type_path          # 'virtualNetworks/subnets' (as in the provider's resourceTypes)

    @property
    def full_type(self):
        return "{}/{}".format(self.namespace, self.type_path) if self.type_path else self.namespace

    def __repr__(self):
        return "ResourceRef({!r})".format(self.id)


def split_type(resource_type, namespace=None):
    """(namespace, type) from '--resource-type Microsoft.Network/virtualNetworks' or
    '--namespace Microsoft.Network --resource-type virtualNetworks'. Namespaces compare case-insensitively."""
    resource_type = (resource_type or "").strip("/")
    if namespace:
        namespace = namespace.strip("/")
        head, sep, rest = resource_type.partition("/")
        if sep and "." in head:
            if head.lower() != namespace.lower():
                raise InvalidArgumentValueError("--resource-type '{}' names a namespace other than --namespace '{}'."
                                                .format(resource_type, namespace))
            resource_type = rest
        return namespace, resource_type
    head, sep, rest = resource_type.partition("/")
    if not sep or not rest:
        raise InvalidArgumentValueError("--resource-type '{}' needs its namespace: use --resource-type "
                                        "Namespace/type or add --namespace.".format(resource_type))
    return head, rest


def parse_resource_id(resource_id):
    """A ResourceRef from a full id. The last '/providers/' segment names the type, so extension
    resources (a lock on a vnet) resolve to their own type."""
    text = (resource_id or "").strip()
    parts = [p for p in text.split("/") if p]
    if len(parts) < 2 or parts[0].lower() != "subscriptions":
        raise InvalidArgumentValueError("'{}' is not a valid resource id: it must start with "
                                        "/subscriptions/<id>.".format(resource_id))
    positions = [i for i, p in enumerate(parts) if p.lower() == "providers"]
    normalized = "/" + "/".join(parts)
    if not positions:
        kinds = [p.lower() for p in parts[2::2]]
        if len(parts) == 4 and kinds == ["resourcegroups"]:
            return ResourceRef(normalized, "Microsoft.Resources", "resourceGroups")
        if len(parts) == 2:
            return ResourceRef(normalized, "Microsoft.Resources", "subscriptions")
        raise InvalidArgumentValueError("'{}' is not a valid resource id.".format(resource_id))
    start = positions[-1]
    rest = parts[start + 1:]
    if len(rest) < 3 or len(rest) % 2 == 0:
        raise InvalidArgumentValueError("'{}' is not a valid resource id: expected .../providers/<namespace>/"
                                        "<type>/<name>[/<type>/<name>...].".format(resource_id))
    return ResourceRef(normalized, rest[0], "/".join(rest[1::2]))


def build_resource_id(subscription_id, resource_group_name, resource_name, resource_type,
                      namespace=None, parent=None):
    """The id of a resource given by parts, as az composes it."""
    missing = [flag for flag, value in (("--resource-group", resource_group_name), ("--name", resource_name),
                                        ("--resource-type", resource_type)) if not value]
    if missing:
        raise RequiredArgumentMissingError("{} (missing: {})".format(RESOURCE_USAGE, ", ".join(missing)))
    namespace, type_name = split_type(resource_type, namespace)
    parent = (parent or "").strip("/")
    if parent and len(parent.split("/")) % 2:
        raise InvalidArgumentValueError("--parent '{}' must be type/name pairs, e.g. virtualNetworks/myvnet."
                                        .format(parent))
    path = "/".join(p for p in (parent, type_name, resource_name) if p)
    resource_id = "/subscriptions/{}/resourceGroups/{}/providers/{}/{}".format(
        subscription_id, resource_group_name, namespace, path)
    type_path = "/".join(parent.split("/")[0::2] + [type_name]) if parent else type_name
    return ResourceRef(resource_id, namespace, type_path)


def choose_api_version(versions, include_preview=False):
    """The newest non-preview version (or the newest of all with include_preview, or when only
    previews exist). ARM does not sort these lists."""
    versions = [v for v in versions or [] if v]
    stable = [v for v in versions if "preview" not in v.lower()]
    pool = versions if include_preview or not stable else stable
    return max(pool) if pool else None


def odata_quote(value):
    return "'{}'".format(str(value).replace("'", "''"))


def group_list_filter(tag=None):
    """The $filter `group list --tag key[=value]` sends (None without a tag)."""
    if not tag:
        return None
    key, _, value = tag.partition("=")
    filters = ["tagName eq {}".format(odata_quote(key))]
    if value:
        filters.append("tagValue eq {}".format(odata_quote(value)))
    return " and ".join(filters)


# What `resource list` asks ARM to add to each resource (az's --expand).
LIST_EXPAND = "createdTime,changedTime,provisioningState"


def resource_list_filter(name=None, location=None, resource_type=None, namespace=None, tag=None):
    """The $filter `resource list` sends (az's combinations: a tag filters alone)."""
    filters = []
    if location:
        filters.append("location eq {}".format(odata_quote(location)))
    if resource_type:
        full_type = "/".join(split_type(resource_type, namespace))
        filters.append("resourceType eq {}".format(odata_quote(full_type)))
    elif namespace:
        raise RequiredArgumentMissingError("--namespace needs --resource-type (e.g. --namespace Microsoft.Network "
                                           "--resource-type virtualNetworks).")
    if name:
        filters.append("name eq {}".format(odata_quote(name)))
    if tag:
        if filters:
            raise InvalidArgumentValueError("--tag cannot be combined with --name, --location or --resource-type: "
                                            "ARM filters resources by tag alone.")
        key, sep, value = tag.partition("=")
        filters.append("tagName eq {}".format(odata_quote(key)))
        if sep and value:
            filters.append("tagValue eq {}".format(odata_quote(value)))
    return " and ".join(filters) or None


LOCK_LEVELS = ("CanNotDelete", "ReadOnly")


def lock_level(value):
    """--lock-type, case-insensitively."""
    if value is None:
        return None
    for level in LOCK_LEVELS:
        if level.lower() == str(value).lower():
            return level
    raise InvalidArgumentValueError("--lock-type '{}' is not one of: {}.".format(value, ", ".join(LOCK_LEVELS)))


def lock_scope(subscription_id, resource_group_name=None, resource_name=None, resource_type=None,
               namespace=None, parent=None):
    """The scope a lock applies to: the subscription, a group, or a resource (--resource NAME with its
    group and type, or --resource ID alone)."""
    if resource_name and resource_name.strip().lower().startswith("/subscriptions/"):
        if resource_type or namespace or parent:
            raise InvalidArgumentValueError("--resource is an ID: give no --resource-type, --namespace or --parent "
                                            "with it.")
        return parse_resource_id(resource_name).id
    if resource_name or resource_type:
        if not resource_group_name:
            raise RequiredArgumentMissingError("A resource lock needs --resource-group as well as --resource and "
                                               "--resource-type.")
        if not resource_name or not resource_type:
            raise RequiredArgumentMissingError("A resource lock needs both --resource and --resource-type.")
        return build_resource_id(subscription_id, resource_group_name, resource_name, resource_type,
                                 namespace, parent).id
    if namespace or parent:
        raise RequiredArgumentMissingError("--namespace and --parent need --resource and --resource-type.")
    if resource_group_name:
        return "/subscriptions/{}/resourceGroups/{}".format(subscription_id, resource_group_name)
    return "/subscriptions/{}".format(subscription_id)


def split_lock_id(lock_id):
    """(scope, lock name) from a lock id."""
    text = (lock_id or "").strip().rstrip("/")
    marker = "/providers/microsoft.authorization/locks/"
    index = text.lower().rfind(marker)
    if index < 0 or not text[index + len(marker):] or "/" in text[index + len(marker):]:
        raise InvalidArgumentValueError("'{}' is not a lock id (…/providers/Microsoft.Authorization/locks/<name>)."
                                        .format(lock_id))
    return text[:index] or "/", text[index + len(marker):]
