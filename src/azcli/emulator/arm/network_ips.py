"""VirtualNetworks_CheckIPAddressAvailability on the wire:
``GET .../providers/Microsoft.Network/virtualNetworks/{vnet}/CheckIPAddressAvailability?ipAddress=``
answers whether the address is free in the network's subnets (or its address space), whether Azure
reserves it, and up to five free addresses from it on (rp/network_ip.py)."""
from ..common.errors import ArmError
from ..domain import resources
from ..rp import network_ip, network_links
from ..rp.network import SUBNET_TYPE
from ..store import records
from ..wire.http import json_response


def check_ip_address_availability(ctx, subscriptionId, resourceGroupName, virtualNetworkName):
    address = ctx.args.get("ipaddress") or ctx.args.get("ipAddress")
    if not address:
        raise ArmError(400, "MissingQueryParameter", "The query parameter 'ipAddress' is missing.")
    target = resources.Target(subscriptionId, resourceGroupName, "Microsoft.Network/virtualNetworks/"
                              + virtualNetworkName)
    db = ctx.store.read()
    vnet = resources.existing_row(db, ctx, target)
    subnets = list(records.children(db, vnet["id"], SUBNET_TYPE))
    prefixes, taken = [], set()
    for subnet in subnets:
        prefixes += network_ip.subnet_prefixes(network_links.body(subnet).get("properties") or {})
        taken |= {a for _, a in network_links.nic_configurations(db, subnet["id"]) if a}
    if not prefixes:
        prefixes = (network_links.body(vnet).get("properties") or {}).get("addressSpace", {}).get("addressPrefixes") \
            or []
    try:
        answer = network_ip.availability(prefixes, address, taken)
    except ValueError:
        raise ArmError(400, "InvalidPrivateIPAddressFormat", "%s is not a valid IP address." % address)
    return json_response(answer)


def register(router):
    router.add("GET", "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/"
               "Microsoft.Network/virtualNetworks/{virtualNetworkName}/CheckIPAddressAvailability",
               check_ip_address_availability,
               action="Microsoft.Network/virtualNetworks/CheckIPAddressAvailability/read")
