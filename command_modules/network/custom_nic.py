"""Thin custom functions for `azcli network public-ip` and `network nic`."""


def create_public_ip(client, resource_group_name, name, location=None, allocation_method=None, sku="Standard",
                     version=None, dns_name=None, idle_timeout=4, tags=None, zone=None, tier=None, no_wait=False):
    """Create a public IP address (Standard SKU addresses are static, as in az)."""
    method = allocation_method or ("Static" if sku.lower() == "standard" else "Dynamic")
    props = {"idleTimeoutInMinutes": idle_timeout, "publicIPAllocationMethod": method}
    if version:
        props["publicIPAddressVersion"] = version
    if dns_name:
        props["dnsSettings"] = {"domainNameLabel": dns_name}
    body = {"location": location or client.group_location(resource_group_name), "properties": props,
            "sku": dict({"name": sku}, **({"tier": tier} if tier else {}))}
    if zone:
        body["zones"] = zone
    if tags is not None:
        body["tags"] = tags
    return client.put(client.path(resource_group_name, "publicIPAddresses", name), body)


def show_public_ip(client, resource_group_name, name):
    """Get the details of a public IP address (exit code 3 when it does not exist)."""
    return client.get(client.path(resource_group_name, "publicIPAddresses", name))


def list_public_ips(client, resource_group_name=None):
    """List public IP addresses in a group, or in the subscription."""
    return client.list(client.path(resource_group_name, "publicIPAddresses"))


def delete_public_ip(client, resource_group_name, name, no_wait=False):
    """Delete a public IP address."""
    return client.delete(client.path(resource_group_name, "publicIPAddresses", name))


def create_nic(client, resource_group_name, nic_name, subnet, vnet_name=None, location=None,
               private_ip_address=None, public_ip_address=None, network_security_group=None, ip_forwarding=None,
               accelerated_networking=None, tags=None, no_wait=False):
    """Create a network interface in a subnet (named with --vnet-name, or by its id)."""
    if not subnet.lower().startswith("/subscriptions/"):
        if not vnet_name:
            from azcli.errors import RequiredArgumentMissingError
            raise RequiredArgumentMissingError("usage error: --subnet ID | --subnet NAME --vnet-name NAME")
        subnet = client.resource_id(resource_group_name, "virtualNetworks", vnet_name, "subnets", subnet)
    config = {"subnet": {"id": subnet},
              "privateIPAllocationMethod": "Static" if private_ip_address else "Dynamic"}
    if private_ip_address:
        config["privateIPAddress"] = private_ip_address
    if public_ip_address:
        config["publicIPAddress"] = client.reference(resource_group_name, public_ip_address, "publicIPAddresses")
    props = {"ipConfigurations": [{"name": "ipconfig1", "properties": config}],
             "enableIPForwarding": bool(ip_forwarding), "enableAcceleratedNetworking": bool(accelerated_networking)}
    if network_security_group:
        props["networkSecurityGroup"] = client.reference(resource_group_name, network_security_group,
                                                         "networkSecurityGroups")
    body = {"location": location or client.group_location(resource_group_name), "properties": props}
    if tags is not None:
        body["tags"] = tags
    return client.put(client.path(resource_group_name, "networkInterfaces", nic_name), body)


def show_nic(client, resource_group_name, nic_name):
    """Get the details of a network interface (exit code 3 when it does not exist)."""
    return client.get(client.path(resource_group_name, "networkInterfaces", nic_name))


def list_nics(client, resource_group_name=None):
    """List network interfaces in a group, or in the subscription."""
    return client.list(client.path(resource_group_name, "networkInterfaces"))


def delete_nic(client, resource_group_name, nic_name, no_wait=False):
    """Delete a network interface."""
    return client.delete(client.path(resource_group_name, "networkInterfaces", nic_name))
