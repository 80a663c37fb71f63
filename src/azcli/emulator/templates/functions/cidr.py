"""CIDR functions: parseCidr, cidrSubnet, cidrHost (ipaddress is imported on first use)."""

from .registry import expect, function_error, template_function


def _network(name, text):
    import ipaddress
    try:
        return ipaddress.ip_network(text, strict=False)
    except ValueError:
        raise function_error(name, f"the value '{text}' is not a valid CIDR notation.") from None


def _usable_range(network):
    """First and last host addresses: IPv4 excludes network and broadcast except in /31 and /32."""
    if network.version == 4 and network.prefixlen < 31:
        return network.network_address + 1, network.broadcast_address - 1
    return network.network_address, network.broadcast_address


@template_function("parseCidr", 1)
def parse_cidr(ctx, args):
    network = _network("parseCidr", expect("parseCidr", args, 0, "String"))
    first, last = _usable_range(network)
    described = {"network": str(network.network_address), "netmask": str(network.netmask)}
    if network.version == 4:
        described["broadcast"] = str(network.broadcast_address)
    described.update({"firstUsable": str(first), "lastUsable": str(last), "cidr": network.prefixlen})
    return described


@template_function("cidrSubnet", 3)
def cidr_subnet(ctx, args):
    network = _network("cidrSubnet", expect("cidrSubnet", args, 0, "String"))
    new_prefix = expect("cidrSubnet", args, 1, "Integer")
    index = expect("cidrSubnet", args, 2, "Integer")
    if not network.prefixlen <= new_prefix <= network.max_prefixlen:
        raise function_error("cidrSubnet", f"the new CIDR prefix {new_prefix} must be between "
                                           f"{network.prefixlen} and {network.max_prefixlen}.")
    count = 1 << (new_prefix - network.prefixlen)
    if not 0 <= index < count:
        raise function_error("cidrSubnet", f"the subnet index {index} is out of range: the network has {count} "
                                           f"subnets of prefix length {new_prefix}.")
    size = 1 << (network.max_prefixlen - new_prefix)
    start = network.network_address + index * size
    return f"{start}/{new_prefix}"


@template_function("cidrHost", 2)
def cidr_host(ctx, args):
    """Host ``index`` counts from the first address after the network address."""
    network = _network("cidrHost", expect("cidrHost", args, 0, "String"))
    index = expect("cidrHost", args, 1, "Integer")
    first, last = _usable_range(network)
    base = network.network_address + 1 if network.prefixlen < network.max_prefixlen - 1 else first
    if index < 0 or int(base) + index > int(last):
        raise function_error("cidrHost", f"the host index {index} is out of range for the network {network}.")
    return str(base + index)
