"""The network module's command table, readable top to bottom."""
from ._format import (transform_flatten, transform_nic_create, transform_nsg_create, transform_nsg_rule_table,
                      transform_public_ip_create, transform_vnet_create, transform_vnet_table)

CUSTOM = "azcli.command_modules.network.{}#{}"
FACTORY = "azcli.command_modules.network._client_factory#cf_network"
FLAT = {"transform": transform_flatten}


def load_command_table(loader):
    vnet = CUSTOM.format("custom_vnet", "{}")
    with loader.command_group("network vnet", custom=vnet, client_factory=FACTORY) as g:
        g.custom_command("create", "create_vnet", supports_no_wait=True, transform=transform_vnet_create)
        g.show_command("show", "show_vnet", custom=True, table_transformer=transform_vnet_table, **FLAT)
        g.custom_command("list", "list_vnets", table_transformer=transform_vnet_table, **FLAT)
        g.custom_command("delete", "delete_vnet", supports_no_wait=True)
        g.generic_update_command("update", "get_vnet_flat", "set_vnet", custom_func_name="update_vnet", custom=True,
                                 supports_no_wait=True, **FLAT)
        g.custom_command("list-available-ips", "list_available_ips")

    with loader.command_group("network vnet subnet", custom=vnet, client_factory=FACTORY) as g:
        g.custom_command("create", "create_subnet", supports_no_wait=True, **FLAT)
        g.show_command("show", "show_subnet", custom=True, **FLAT)
        g.custom_command("list", "list_subnets", **FLAT)
        g.custom_command("delete", "delete_subnet", supports_no_wait=True)
        g.generic_update_command("update", "get_subnet_flat", "set_subnet", custom_func_name="update_subnet",
                                 custom=True, supports_no_wait=True, **FLAT)

    nsg = CUSTOM.format("custom_nsg", "{}")
    with loader.command_group("network nsg", custom=nsg, client_factory=FACTORY) as g:
        g.custom_command("create", "create_nsg", supports_no_wait=True, transform=transform_nsg_create)
        g.show_command("show", "show_nsg", custom=True, **FLAT)
        g.custom_command("list", "list_nsgs", **FLAT)
        g.custom_command("delete", "delete_nsg", supports_no_wait=True)

    with loader.command_group("network nsg rule", custom=nsg, client_factory=FACTORY) as g:
        g.custom_command("create", "create_rule", supports_no_wait=True, **FLAT)
        g.show_command("show", "show_rule", custom=True, table_transformer=transform_nsg_rule_table, **FLAT)
        g.custom_command("list", "list_rules", table_transformer=transform_nsg_rule_table, **FLAT)
        g.custom_command("delete", "delete_rule", supports_no_wait=True)
        g.generic_update_command("update", "get_rule_flat", "set_rule", custom_func_name="update_rule", custom=True,
                                 supports_no_wait=True, **FLAT)

    nic = CUSTOM.format("custom_nic", "{}")
    with loader.command_group("network public-ip", custom=nic, client_factory=FACTORY) as g:
        g.custom_command("create", "create_public_ip", supports_no_wait=True, transform=transform_public_ip_create)
        g.show_command("show", "show_public_ip", custom=True, **FLAT)
        g.custom_command("list", "list_public_ips", **FLAT)
        g.custom_command("delete", "delete_public_ip", supports_no_wait=True)

    with loader.command_group("network nic", custom=nic, client_factory=FACTORY) as g:
        g.custom_command("create", "create_nic", supports_no_wait=True, transform=transform_nic_create)
        g.show_command("show", "show_nic", custom=True, **FLAT)
        g.custom_command("list", "list_nics", **FLAT)
        g.custom_command("delete", "delete_nic", supports_no_wait=True)
