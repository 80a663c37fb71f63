"""The network module's list and show commands that framework/plain_reads.py answers without knack or
azure-core: the same GETs as custom_*.py send through NetworkClient, flattened as az shows them."""
from azcli.framework.plain_reads import Read

from ._client import API_VERSION, network_path
from ._format import transform_flatten

GROUP = {"resource_group_name": "group"}


def _list(resource_type):
    def request(args, subscription_id):
        return network_path(subscription_id, args.get("resource_group_name"), resource_type), {"api-version": API_VERSION}
    return Read(request, transform=transform_flatten, many=True, names=("resource_group_name",), defaults=GROUP)


def _show(resource_type, name_dest):
    def request(args, subscription_id):
        query = {"api-version": API_VERSION}
        if args.get("expand"):
            query["$expand"] = args["expand"]
        return network_path(subscription_id, args["resource_group_name"], resource_type, args[name_dest]), query
    return Read(request, transform=transform_flatten, names=("resource_group_name",),
                required=("resource_group_name", name_dest), defaults=GROUP)


READS = {
    "network vnet list": _list("virtualNetworks"),
    "network vnet show": _show("virtualNetworks", "vnet_name"),
    "network nsg list": _list("networkSecurityGroups"),
    "network nsg show": _show("networkSecurityGroups", "nsg_name"),
    "network nic list": _list("networkInterfaces"),
    "network nic show": _show("networkInterfaces", "nic_name"),
    "network public-ip list": _list("publicIPAddresses"),
    "network public-ip show": _show("publicIPAddresses", "name"),
}
