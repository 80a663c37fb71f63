"""Address rules of Microsoft.Network: CIDR checks, address-space containment and overlap, and private
addresses from a subnet (Azure reserves the first four addresses of every subnet and the last one).

Every function takes plain values (prefix strings, address sets) and raises ARM's errors; the registry
entries in rp/network.py read the rows. ``ipaddress`` is imported on first use only.
"""
from ..common.errors import ArmError

RESERVED_LOW = 4  # network address, default gateway, two addresses for Azure DNS
RESERVED_HIGH = 1  # broadcast address


def public_address():
    """A public address from a range Azure allocates from (20.0.0.0/8)."""
    import os
    b = os.urandom(3)
    return "20.%d.%d.%d" % (b[0], b[1], max(1, b[2] % 255))


def _ipaddress():
    import ipaddress
    return ipaddress


def network(prefix, owner_id):
    """The ip_network of prefix: 400 InvalidAddressPrefixFormat, or InvalidCIDRNotation when host bits are set."""
    ipaddress = _ipaddress()
    if not isinstance(prefix, str):
        raise ArmError(400, "InvalidAddressPrefixFormat", "Address prefix %r of resource %s is not formatted "
                       "correctly." % (prefix, owner_id))
    try:
        return ipaddress.ip_network(prefix, strict=True)
    except ValueError:
        try:
            loose = ipaddress.ip_network(prefix, strict=False)
        except ValueError:
            raise ArmError(400, "InvalidAddressPrefixFormat", "Address prefix %s of resource %s is not formatted "
                           "correctly. It should follow CIDR notation, for example 10.0.0.0/24." % (prefix, owner_id))
        raise ArmError(400, "InvalidCIDRNotation", "The address prefix %s in resource %s has an invalid CIDR "
                       "notation. For the given prefix length, the address prefix should be %s."
                       % (prefix, owner_id, loose))


def address_space(prefixes, vnet_id):
    """The networks of a virtual network's addressSpace (non-overlapping)."""
    nets = [network(p, vnet_id) for p in prefixes or []]
    for i, a in enumerate(nets):
        for b in nets[i + 1:]:
            if a.version == b.version and a.overlaps(b):
                raise ArmError(400, "VnetAddressSpacesOverlap", "Address space %s of virtual network %s overlaps "
                               "with address space %s of the same virtual network." % (b, vnet_id, a))
    return nets


def subnet_prefixes(props):
    """A subnet's prefixes: addressPrefix and/or addressPrefixes."""
    out = [props["addressPrefix"]] if props.get("addressPrefix") else []
    return out + [p for p in props.get("addressPrefixes") or [] if p not in out]


def check_subnets(vnet_name, space, subnets):
    """subnets: [(name, id, prefixes)] of one virtual network; each inside its space (a network declared
    without an address space, which ARM still stores, takes any range), none overlapping."""
    seen = []
    for name, subnet_id, prefixes in subnets:
        if not prefixes and space:
            raise ArmError(400, "NetcfgInvalidSubnet", "Subnet '%s' is not valid in virtual network '%s': it has "
                           "no address prefix." % (name, vnet_name))
        for net in (network(p, subnet_id) for p in prefixes):
            if space and not any(net.version == s.version and net.subnet_of(s) for s in space):
                raise ArmError(400, "NetcfgInvalidSubnet", "Subnet '%s' is not valid in virtual network '%s'."
                               % (name, vnet_name))
            for other, other_net in seen:
                if other.lower() != name.lower() and other_net.version == net.version and other_net.overlaps(net):
                    raise ArmError(400, "NetcfgSubnetRangesOverlap", "Subnet '%s' is not valid because its IP "
                                   "address range overlaps with that of an existing subnet '%s' in virtual network "
                                   "'%s'." % (name, other, vnet_name))
            seen.append((name, net))


def usable(prefix):
    """The first and last address a NIC may get in a subnet prefix (as ints), or None when there is none."""
    net = _ipaddress().ip_network(prefix, strict=False)
    first, last = int(net.network_address) + RESERVED_LOW, int(net.broadcast_address) - RESERVED_HIGH
    return (first, last) if first <= last else None


def allocate(prefixes, taken):
    """The lowest free usable address of the subnet's prefixes (taken: a set of strings), or None."""
    ipaddress = _ipaddress()
    for prefix in prefixes:
        bounds = usable(prefix)
        if bounds is None:
            continue
        net = ipaddress.ip_network(prefix, strict=False)
        for value in range(bounds[0], bounds[1] + 1):
            text = str(ipaddress.ip_address(value) if net.version == 4 else ipaddress.IPv6Address(value))
            if text not in taken:
                return text
    return None


def check_static(address, prefixes, taken, nic_id):
    """A static private address must lie in a usable part of the subnet and be free."""
    ipaddress = _ipaddress()
    try:
        value = int(ipaddress.ip_address(address))
    except ValueError:
        raise ArmError(400, "InvalidPrivateIPAddressFormat", "Private static IP address %s of %s is not a valid "
                       "IP address." % (address, nic_id))
    if not any(b and b[0] <= value <= b[1] for b in (usable(p) for p in prefixes)):
        raise ArmError(400, "PrivateIPAddressNotInSubnet", "IP configuration %s references private static IP "
                       "address %s, which does not belong to the usable address range of its subnet."
                       % (nic_id, address))
    if address in taken:
        raise ArmError(400, "PrivateIPAddressInUse", "IP configuration %s is using the private IP address %s "
                       "which is already allocated to another resource." % (nic_id, address))


def availability(prefixes, address, taken):
    """CheckIPAddressAvailability: whether address is free, is platform-reserved, and up to five free
    addresses after it in its subnet (or the virtual network's space)."""
    ipaddress = _ipaddress()
    ip = ipaddress.ip_address(address)
    containing = [p for p in prefixes if ip in ipaddress.ip_network(p, strict=False)]
    if not containing:
        raise ArmError(400, "PrivateIPAddressNotInAnySubnet", "Private static IP address %s does not belong to "
                       "the range of any subnet in the virtual network." % address)
    bounds = usable(containing[0])
    value = int(ip)
    reserved = bounds is None or not bounds[0] <= value <= bounds[1]
    available = not reserved and address not in taken
    answer = {"available": available}
    if not available:
        free, candidate = [], max(value, bounds[0]) if bounds else None
        while bounds and candidate <= bounds[1] and len(free) < 5:
            text = str(ipaddress.ip_address(candidate))
            if text not in taken:
                free.append(text)
            candidate += 1
        answer["availableIPAddresses"] = free
    answer["isPlatformReserved"] = reserved
    return answer
