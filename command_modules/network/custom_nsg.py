"""Thin custom functions for `azcli network nsg` and `network nsg rule`."""
from ._format import flatten, unflatten


def create_nsg(client, resource_group_name, nsg_name, location=None, tags=None, no_wait=False):
    """Create a network security group (it comes with Azure's six default rules)."""
    body = {"location": location or client.group_location(resource_group_name)}
    if tags is not None:
        body["tags"] = tags
    return client.put(client.path(resource_group_name, "networkSecurityGroups", nsg_name), body)


def show_nsg(client, resource_group_name, nsg_name):
    """Get information about a network security group (exit code 3 when it does not exist)."""
    return client.get(client.path(resource_group_name, "networkSecurityGroups", nsg_name))


def list_nsgs(client, resource_group_name=None):
    """List network security groups in a group, or in the subscription."""
    return client.list(client.path(resource_group_name, "networkSecurityGroups"))


def delete_nsg(client, resource_group_name, nsg_name, no_wait=False):
    """Delete a network security group."""
    return client.delete(client.path(resource_group_name, "networkSecurityGroups", nsg_name))


def _rule_path(client, resource_group_name, nsg_name, rule_name=None):
    parts = ["networkSecurityGroups", nsg_name, "securityRules"] + ([rule_name] if rule_name else [])
    return client.path(resource_group_name, *parts)


def _one_or_many(props, singular, values):
    """az sends one value as sourcePortRange and several as sourcePortRanges."""
    props.pop(singular, None)
    props.pop(singular + "s", None)
    if values is None:
        return
    if len(values) == 1:
        props[singular] = values[0]
    else:
        props[singular + "s"] = values


def _asgs(client, resource_group_name, names):
    return [client.reference(resource_group_name, n, "applicationSecurityGroups") for n in names if n]


def create_rule(client, resource_group_name, nsg_name, rule_name, priority, access="Allow", direction="Inbound",
                protocol="*", source_address_prefixes=None, source_port_ranges=None,
                destination_address_prefixes=None, destination_port_ranges=None, description=None,
                source_asgs=None, destination_asgs=None, no_wait=False):
    """Create a network security group rule."""
    props = {"access": access, "direction": direction, "priority": priority, "protocol": protocol}
    if description is not None:
        props["description"] = description
    if source_asgs:
        props["sourceApplicationSecurityGroups"] = _asgs(client, resource_group_name, source_asgs)
    else:
        _one_or_many(props, "sourceAddressPrefix", source_address_prefixes or ["*"])
    if destination_asgs:
        props["destinationApplicationSecurityGroups"] = _asgs(client, resource_group_name, destination_asgs)
    else:
        _one_or_many(props, "destinationAddressPrefix", destination_address_prefixes or ["*"])
    _one_or_many(props, "sourcePortRange", source_port_ranges or ["*"])
    _one_or_many(props, "destinationPortRange", destination_port_ranges or ["80"])
    return client.put(_rule_path(client, resource_group_name, nsg_name, rule_name),
                      {"name": rule_name, "properties": props})


def show_rule(client, resource_group_name, nsg_name, rule_name):
    """Get the details of a network security group rule (exit code 3 when it does not exist)."""
    return client.get(_rule_path(client, resource_group_name, nsg_name, rule_name))


def list_rules(client, resource_group_name, nsg_name, include_default=False):
    """List the rules of a network security group (with --include-default, the default rules too)."""
    rules = list(client.list(_rule_path(client, resource_group_name, nsg_name)))
    if include_default:
        nsg = show_nsg(client, resource_group_name, nsg_name)
        rules += (nsg.get("properties") or {}).get("defaultSecurityRules") or []
    return rules


def delete_rule(client, resource_group_name, nsg_name, rule_name, no_wait=False):
    """Delete a network security group rule."""
    return client.delete(_rule_path(client, resource_group_name, nsg_name, rule_name))


def get_rule_flat(client, resource_group_name, nsg_name, rule_name):
    return flatten(show_rule(client, resource_group_name, nsg_name, rule_name))


def update_rule(instance, priority=None, access=None, direction=None, protocol=None, description=None,
                source_address_prefixes=None, source_port_ranges=None, destination_address_prefixes=None,
                destination_port_ranges=None):
    """Apply the flattened update arguments before --set/--add/--remove."""
    for key, value in (("priority", priority), ("access", access), ("direction", direction),
                       ("protocol", protocol), ("description", description)):
        if value is not None:
            instance[key] = value
    for singular, values in (("sourceAddressPrefix", source_address_prefixes),
                             ("sourcePortRange", source_port_ranges),
                             ("destinationAddressPrefix", destination_address_prefixes),
                             ("destinationPortRange", destination_port_ranges)):
        if values is not None:
            _one_or_many(instance, singular, values)
    return instance


def set_rule(client, resource_group_name, nsg_name, rule_name, parameters):
    return client.put(_rule_path(client, resource_group_name, nsg_name, rule_name), unflatten(parameters))
