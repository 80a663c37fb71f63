"""Arguments of the network commands, with az's names and defaults."""
from knack.arguments import CLIArgumentType

from azcli.framework.argtypes import location_type, resource_group_name_type, tags_type


def _bool(value):
    text = str(value).lower()
    if text not in ("true", "false", "yes", "no", "1", "0"):
        raise ValueError(value)
    return text in ("true", "yes", "1")


flag = CLIArgumentType(nargs="?", const="true", type=_bool, metavar="{false, true}")


def load_arguments(loader, _command):
    with loader.argument_context("network") as c:
        c.argument("resource_group_name", resource_group_name_type)
        c.argument("location", location_type, configured_default=None,
                   help="Location. Defaults to the resource group's location.")
        c.argument("tags", tags_type)
        c.argument("vnet_name", options_list=["--vnet-name"], help="The virtual network (VNet) name.")
        c.argument("nsg_name", options_list=["--nsg-name"], help="Name of the network security group.")
        c.argument("network_security_group", options_list=["--network-security-group", "--nsg"],
                   help="Name or ID of a network security group.")
    _vnet(loader)
    _nsg(loader)
    _nic(loader)


def _vnet(loader):
    with loader.argument_context("network vnet") as c:
        c.argument("vnet_name", options_list=["--name", "-n"], help="The virtual network (VNet) name.")
        c.argument("address_prefixes", options_list=["--address-prefixes"], nargs="+",
                   help="Space-separated list of IP address prefixes for the VNet (default 10.0.0.0/16 on create).")
        c.argument("dns_servers", options_list=["--dns-servers"], nargs="*",
                   help="Space-separated list of DNS server IP addresses (\"\" clears them).")
        c.argument("ddos_protection", flag, options_list=["--ddos-protection"],
                   help="Control whether DDoS protection is enabled.")
        c.argument("vm_protection", flag, options_list=["--vm-protection"],
                   help="Enable VM protection for all subnets in the VNet.")
        c.argument("expand", options_list=["--expand"], help="Expand referenced resources.")
    with loader.argument_context("network vnet create") as c:
        c.argument("subnet_name", options_list=["--subnet-name"], help="Name of a new subnet to create within the VNet.")
        c.argument("subnet_prefixes", options_list=["--subnet-prefixes"], nargs="+",
                   help="Space-separated list of address prefixes in CIDR format for the new subnet (default "
                        "10.0.0.0/24).")
    with loader.argument_context("network vnet subnet") as c:
        c.argument("vnet_name", options_list=["--vnet-name"], help="The virtual network (VNet) name.")
        c.argument("subnet_name", options_list=["--name", "-n"], help="The subnet name.")
        c.argument("address_prefixes", options_list=["--address-prefixes"], nargs="+",
                   help="Space-separated list of address prefixes in CIDR format.")
        c.argument("route_table", options_list=["--route-table"], help="Name or ID of a route table.")
        c.argument("service_endpoints", options_list=["--service-endpoints"], nargs="+",
                   help="Space-separated list of services allowed private access to this subnet.")
        c.argument("delegations", options_list=["--delegations"], nargs="+",
                   help="Space-separated list of services to whom the subnet should be delegated.")
        c.argument("default_outbound_access", flag, options_list=["--default-outbound-access"],
                   help="Set this property to false to disable default outbound connectivity for all VMs in the "
                        "subnet.")
        c.argument("private_endpoint_network_policies", options_list=["--private-endpoint-network-policies"],
                   choices=["Disabled", "Enabled", "NetworkSecurityGroupEnabled", "RouteTableEnabled"],
                   help="Manage network policy for private endpoint.")
        c.argument("private_link_service_network_policies",
                   options_list=["--private-link-service-network-policies"], choices=["Disabled", "Enabled"],
                   help="Manage network policy for private link service.")


def _nsg(loader):
    with loader.argument_context("network nsg") as c:
        c.argument("nsg_name", options_list=["--name", "-n"], help="Name of the network security group.")
    with loader.argument_context("network nsg rule") as c:
        c.argument("nsg_name", options_list=["--nsg-name"], help="Name of the network security group.")
        c.argument("rule_name", options_list=["--name", "-n"], help="Name of the network security group rule.")
        c.argument("priority", options_list=["--priority"], type=int,
                   help="Rule priority, between 100 (highest priority) and 4096 (lowest priority). Must be unique "
                        "for each rule in the collection.")
        c.argument("access", options_list=["--access"], choices=["Allow", "Deny"],
                   help="Whether network traffic is allowed or denied.")
        c.argument("direction", options_list=["--direction"], choices=["Inbound", "Outbound"],
                   help="Direction of the rule.")
        c.argument("protocol", options_list=["--protocol"], choices=["*", "Ah", "Esp", "Icmp", "Tcp", "Udp"],
                   help="Network protocol this rule applies to.")
        c.argument("description", options_list=["--description"], help="Description of the rule.")
        for arg, option, text in (
                ("source_address_prefixes", "--source-address-prefixes", "Space-separated list of CIDR prefixes or "
                 "IP ranges. Alternatively, specify ONE of 'VirtualNetwork', 'AzureLoadBalancer', 'Internet' or '*'."),
                ("source_port_ranges", "--source-port-ranges", "Space-separated list of ports or port ranges "
                 "between 0-65535. Use '*' to match all ports."),
                ("destination_address_prefixes", "--destination-address-prefixes", "Space-separated list of CIDR "
                 "prefixes or IP ranges. Alternatively, specify ONE of 'VirtualNetwork', 'AzureLoadBalancer', "
                 "'Internet' or '*'."),
                ("destination_port_ranges", "--destination-port-ranges", "Space-separated list of ports or port "
                 "ranges between 0-65535. Use '*' to match all ports.")):
            c.argument(arg, options_list=[option], nargs="+", help=text)
        c.argument("source_asgs", options_list=["--source-asgs"], nargs="+",
                   help="Space-separated list of application security group names or IDs.")
        c.argument("destination_asgs", options_list=["--destination-asgs"], nargs="+",
                   help="Space-separated list of application security group names or IDs.")
        c.argument("include_default", options_list=["--include-default"], action="store_true",
                   help="Include default security rules in the output.")


def _nic(loader):
    with loader.argument_context("network public-ip") as c:
        c.argument("name", options_list=["--name", "-n"], help="The name of the public IP address.")
        c.argument("allocation_method", options_list=["--allocation-method"], choices=["Dynamic", "Static"],
                   type=str.capitalize, help="IP address allocation method (Standard SKU: Static).")
        c.argument("sku", options_list=["--sku"], choices=["Basic", "Standard"], type=str.capitalize,
                   help="Name of a public IP address SKU.")
        c.argument("tier", options_list=["--tier"], choices=["Regional", "Global"], help="Tier of a public IP SKU.")
        c.argument("version", options_list=["--version"], choices=["IPv4", "IPv6"], help="IP address type.")
        c.argument("dns_name", options_list=["--dns-name"], help="Globally unique DNS entry.")
        c.argument("idle_timeout", options_list=["--idle-timeout"], type=int, help="Idle timeout in minutes.")
        c.argument("zone", options_list=["--zone", "-z"], nargs="+", help="Availability zones.")
    with loader.argument_context("network nic") as c:
        c.argument("nic_name", options_list=["--name", "-n"], help="The network interface (NIC).")
        c.argument("subnet", options_list=["--subnet"], help="Name or ID of an existing subnet.")
        c.argument("private_ip_address", options_list=["--private-ip-address"],
                   help="Static private IP address to use (default: the next free one of the subnet).")
        c.argument("public_ip_address", options_list=["--public-ip-address"],
                   help="Name or ID of an existing public IP address.")
        c.argument("ip_forwarding", flag, options_list=["--ip-forwarding"], help="Enable IP forwarding.")
        c.argument("accelerated_networking", flag, options_list=["--accelerated-networking"],
                   help="Enable accelerated networking.")
