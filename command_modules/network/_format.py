"""az's output shapes of the network commands: the wire's documents with ``properties`` flattened into
each object (nested subnets, rules and IP configurations too), creations wrapped as az wraps them, and
az's table columns. No heavy imports."""
from collections import OrderedDict

# Members that stay at the top of an object; everything else of a flattened object is a property.
TOP_LEVEL = ("id", "name", "type", "etag", "location", "tags", "sku", "zones", "extendedLocation", "identity")
CHILD_LISTS = ("subnets", "securityRules", "defaultSecurityRules", "ipConfigurations", "delegations",
               "virtualNetworkPeerings")


def flatten(obj):
    if isinstance(obj, list):
        return [flatten(item) for item in obj]
    if not isinstance(obj, dict):
        return obj
    out = {}
    for key, value in obj.items():
        if key == "systemData":  # not in the schemas of az's network commands, so az never shows it
            continue
        if key == "properties" and isinstance(value, dict):
            for inner, inner_value in value.items():
                out.setdefault(inner, flatten(inner_value))
        else:
            out[key] = flatten(value)
    return out


def unflatten(obj):
    """The wire form of a flattened object (what a generic update read and changed)."""
    out, props = {}, {}
    for key, value in obj.items():
        if key == "resourceGroup":
            continue
        if key in TOP_LEVEL:
            out[key] = value
        elif key in CHILD_LISTS and isinstance(value, list):
            props[key] = [unflatten(v) if isinstance(v, dict) and _is_child(v) else _strip(v) for v in value]
        else:
            props[key] = _strip(value)
    out["properties"] = props
    return out


def _is_child(item):
    return any(k not in ("id", "resourceGroup") for k in item)


def _strip(value):
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if k != "resourceGroup"}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


def _each(result, fn):
    if isinstance(result, list):
        return [fn(r) for r in result]
    if isinstance(result, dict):
        return fn(result)
    return (fn(r) for r in result)  # streamed (jsonl)


def transform_flatten(result):
    return _each(result, flatten)


def wrapped(key):
    def transform(result):
        return {key: flatten(result)} if isinstance(result, dict) else result
    return transform


transform_vnet_create = wrapped("newVNet")
transform_nsg_create = wrapped("NewNSG")
transform_public_ip_create = wrapped("publicIp")
transform_nic_create = wrapped("NewNIC")


def _vnet_row(r):
    return OrderedDict([("Name", r.get("name")), ("ResourceGroup", r.get("resourceGroup")),
                        ("Location", r.get("location")), ("NumSubnets", len(r.get("subnets") or [])),
                        ("Prefixes", ", ".join((r.get("addressSpace") or {}).get("addressPrefixes") or []) or " "),
                        ("DnsServers", ", ".join((r.get("dhcpOptions") or {}).get("dnsServers") or []) or " "),
                        ("DDOSProtection", r.get("enableDdosProtection", " ")),
                        ("VMProtection", r.get("enableVmProtection", " "))])


def transform_vnet_table(result):
    return [_vnet_row(r) for r in result] if isinstance(result, list) else _vnet_row(result)


def _rule_row(r):
    return OrderedDict([("Name", r.get("name")), ("ResourceGroup", r.get("resourceGroup")),
                        ("Priority", r.get("priority")), ("Access", r.get("access")),
                        ("Protocol", r.get("protocol")), ("Direction", r.get("direction"))])


def transform_nsg_rule_table(result):
    return [_rule_row(r) for r in result] if isinstance(result, list) else _rule_row(result)
