"""Thin custom functions for `azcli network vnet` and `network vnet subnet`."""
from ._format import flatten, unflatten


def create_vnet(client, resource_group_name, vnet_name, location=None, address_prefixes=None, subnet_name=None,
                subnet_prefixes=None, dns_servers=None, tags=None, ddos_protection=None, vm_protection=None,
                network_security_group=None, no_wait=False):
    """Create a virtual network, optionally with one subnet."""
    props = {"addressSpace": {"addressPrefixes": address_prefixes or ["10.0.0.0/16"]},
             "enableDdosProtection": bool(ddos_protection), "enableVmProtection": bool(vm_protection)}
    if dns_servers:
        props["dhcpOptions"] = {"dnsServers": dns_servers}
    if subnet_name:
        subnet = _prefixes(subnet_prefixes or ["10.0.0.0/24"])
        if network_security_group:
            subnet["networkSecurityGroup"] = client.reference(resource_group_name, network_security_group,
                                                              "networkSecurityGroups")
        props["subnets"] = [{"name": subnet_name, "properties": subnet}]
    body = {"location": location or client.group_location(resource_group_name), "properties": props}
    if tags is not None:
        body["tags"] = tags
    return client.put(client.path(resource_group_name, "virtualNetworks", vnet_name), body)


def _prefixes(prefixes):
    return {"addressPrefix": prefixes[0]} if len(prefixes) == 1 else {"addressPrefixes": prefixes}


def show_vnet(client, resource_group_name, vnet_name, expand=None):
    """Get the details of a virtual network (exit code 3 when it does not exist)."""
    return client.get(client.path(resource_group_name, "virtualNetworks", vnet_name),
                      {"$expand": expand} if expand else None)


def list_vnets(client, resource_group_name=None):
    """List virtual networks in a group, or in the subscription."""
    return client.list(client.path(resource_group_name, "virtualNetworks"))


def delete_vnet(client, resource_group_name, vnet_name, no_wait=False):
    """Delete a virtual network."""
    return client.delete(client.path(resource_group_name, "virtualNetworks", vnet_name))


def get_vnet_flat(client, resource_group_name, vnet_name):
    return flatten(show_vnet(client, resource_group_name, vnet_name))


def update_vnet(instance, address_prefixes=None, dns_servers=None, ddos_protection=None, vm_protection=None):
    """Apply the flattened update arguments before --set/--add/--remove."""
    if address_prefixes is not None:
        instance.setdefault("addressSpace", {})["addressPrefixes"] = address_prefixes
    if dns_servers is not None:
        instance["dhcpOptions"] = {"dnsServers": [s for s in dns_servers if s]}
    if ddos_protection is not None:
        instance["enableDdosProtection"] = ddos_protection
    if vm_protection is not None:
        instance["enableVmProtection"] = vm_protection
    return instance


def set_vnet(client, resource_group_name, vnet_name, parameters):
    return client.put(client.path(resource_group_name, "virtualNetworks", vnet_name), unflatten(parameters))


def list_available_ips(client, resource_group_name, vnet_name):
    """List some available IP addresses in the virtual network (from the first address of its space)."""
    vnet = show_vnet(client, resource_group_name, vnet_name)
    prefixes = ((vnet.get("properties") or {}).get("addressSpace") or {}).get("addressPrefixes") or []
    if not prefixes:
        return []
    start = prefixes[0].split("/")[0]
    answer = client.get(client.path(resource_group_name, "virtualNetworks", vnet_name, "CheckIPAddressAvailability"),
                        {"ipAddress": start})
    return answer.get("availableIPAddresses") or []


def _subnet_path(client, resource_group_name, vnet_name, subnet_name=None):
    parts = ["virtualNetworks", vnet_name, "subnets"] + ([subnet_name] if subnet_name else [])
    return client.path(resource_group_name, *parts)


def create_subnet(client, resource_group_name, vnet_name, subnet_name, address_prefixes,
                  network_security_group=None, route_table=None, service_endpoints=None, delegations=None,
                  default_outbound_access=None, private_endpoint_network_policies="Disabled",
                  private_link_service_network_policies="Enabled", no_wait=False):
    """Create a subnet in a virtual network."""
    props = _prefixes(address_prefixes)
    if network_security_group:
        props["networkSecurityGroup"] = client.reference(resource_group_name, network_security_group,
                                                         "networkSecurityGroups")
    if route_table:
        props["routeTable"] = client.reference(resource_group_name, route_table, "routeTables")
    if service_endpoints:
        props["serviceEndpoints"] = [{"service": s} for s in service_endpoints]
    if delegations:
        props["delegations"] = [{"name": str(i), "properties": {"serviceName": d}} for i, d in enumerate(delegations)]
    if default_outbound_access is not None:
        props["defaultOutboundAccess"] = default_outbound_access
    props["privateEndpointNetworkPolicies"] = private_endpoint_network_policies
    props["privateLinkServiceNetworkPolicies"] = private_link_service_network_policies
    return client.put(_subnet_path(client, resource_group_name, vnet_name, subnet_name),
                      {"name": subnet_name, "properties": props})


def show_subnet(client, resource_group_name, vnet_name, subnet_name):
    """Show the details of a subnet (exit code 3 when it does not exist)."""
    return client.get(_subnet_path(client, resource_group_name, vnet_name, subnet_name))


def list_subnets(client, resource_group_name, vnet_name):
    """List the subnets of a virtual network."""
    return client.list(_subnet_path(client, resource_group_name, vnet_name))


def delete_subnet(client, resource_group_name, vnet_name, subnet_name, no_wait=False):
    """Delete a subnet."""
    return client.delete(_subnet_path(client, resource_group_name, vnet_name, subnet_name))


def get_subnet_flat(client, resource_group_name, vnet_name, subnet_name):
    return flatten(show_subnet(client, resource_group_name, vnet_name, subnet_name))


def update_subnet(cmd, instance, resource_group_name, address_prefixes=None, network_security_group=None,
                  default_outbound_access=None, private_endpoint_network_policies=None,
                  private_link_service_network_policies=None):
    """Apply the flattened update arguments before --set/--add/--remove ("" detaches the NSG)."""
    if address_prefixes is not None:
        instance.pop("addressPrefix", None)
        instance.pop("addressPrefixes", None)
        instance.update(_prefixes(address_prefixes))
    if network_security_group == "":
        instance.pop("networkSecurityGroup", None)
    elif network_security_group is not None:
        from ._client import NetworkClient
        instance["networkSecurityGroup"] = NetworkClient(cmd.cli_ctx).reference(
            resource_group_name, network_security_group, "networkSecurityGroups")
    for key, value in (("defaultOutboundAccess", default_outbound_access),
                       ("privateEndpointNetworkPolicies", private_endpoint_network_policies),
                       ("privateLinkServiceNetworkPolicies", private_link_service_network_policies)):
        if value is not None:
            instance[key] = value
    return instance


def set_subnet(client, resource_group_name, vnet_name, subnet_name, parameters):
    return client.put(_subnet_path(client, resource_group_name, vnet_name, subnet_name), unflatten(parameters))
