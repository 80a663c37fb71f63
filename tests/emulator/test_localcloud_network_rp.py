"""Microsoft.Network in the local cloud: virtual networks and subnets kept in step both ways, address
rules with ARM's error codes, default security rules, NIC addresses from their subnet, etags."""
from emulator_helpers import BASE  # noqa: F401 (the helpers module sets up the path)

NET = "2024-07-01"


def _vnet(cloud, prefixes=("10.0.0.0/16",), subnets=(("default", "10.0.0.0/24"),), group="rg"):
    assert cloud.call("PUT", cloud.group_path(group), {"location": "westus"}).status_code in (200, 201)
    path = cloud.group_path(group) + "/providers/Microsoft.Network/virtualNetworks/vnet1"
    body = {"location": "westus", "properties": {"addressSpace": {"addressPrefixes": list(prefixes)},
                                                 "subnets": [{"name": n, "properties": {"addressPrefix": p}}
                                                             for n, p in subnets]}}
    return path, cloud.call("PUT", path, body, api_version=NET)


def _error(response):
    return response.status_code, response.json["error"]["code"]


def test_inline_subnets_are_child_resources_and_child_puts_show_in_the_vnet(cloud):
    path, created = _vnet(cloud)
    assert created.status_code == 201
    subnet = cloud.call("GET", path + "/subnets/default", api_version=NET)
    assert subnet.status_code == 200
    assert subnet.json["properties"]["addressPrefix"] == "10.0.0.0/24"
    assert subnet.json["type"] == "Microsoft.Network/virtualNetworks/subnets"
    etag = cloud.call("GET", path, api_version=NET).json["etag"]
    assert cloud.call("PUT", path + "/subnets/second", {"properties": {"addressPrefix": "10.0.1.0/24"}},
                      api_version=NET).status_code == 201
    vnet = cloud.call("GET", path, api_version=NET).json
    assert [s["name"] for s in vnet["properties"]["subnets"]] == ["default", "second"]
    assert vnet["etag"] != etag
    listed = cloud.call("GET", path + "/subnets", api_version=NET).json["value"]
    assert [s["name"] for s in listed] == ["default", "second"]
    # Deleting the child takes it out of the parent's list.
    assert cloud.call("DELETE", path + "/subnets/second", api_version=NET).status_code == 202
    vnet = cloud.call("GET", path, api_version=NET).json
    assert [s["name"] for s in vnet["properties"]["subnets"]] == ["default"]
    # A vnet PUT without a subnet deletes its row.
    body = {"location": "westus", "properties": {"addressSpace": {"addressPrefixes": ["10.0.0.0/16"]}}}
    assert cloud.call("PUT", path, body, api_version=NET).status_code == 200
    assert cloud.call("GET", path + "/subnets/default", api_version=NET).status_code == 404


def test_address_rules_answer_with_arms_codes(cloud):
    _, response = _vnet(cloud, subnets=(("a", "10.1.0.0/24"),))
    assert _error(response) == (400, "NetcfgInvalidSubnet")
    _, response = _vnet(cloud, subnets=(("a", "10.0.0.0/24"), ("b", "10.0.0.128/25")))
    assert _error(response) == (400, "NetcfgSubnetRangesOverlap")
    _, response = _vnet(cloud, subnets=(("a", "10.0.0.1/24"),))
    assert _error(response) == (400, "InvalidCIDRNotation")
    _, response = _vnet(cloud, prefixes=("10.0.0.0/16", "10.0.128.0/17"), subnets=())
    assert _error(response) == (400, "VnetAddressSpacesOverlap")
    path, response = _vnet(cloud)
    assert response.status_code == 201
    overlap = cloud.call("PUT", path + "/subnets/b", {"properties": {"addressPrefix": "10.0.0.0/25"}}, api_version=NET)
    assert _error(overlap) == (400, "NetcfgSubnetRangesOverlap")
    outside = cloud.call("PUT", path + "/subnets/b", {"properties": {"addressPrefix": "192.168.0.0/24"}},
                         api_version=NET)
    assert _error(outside) == (400, "NetcfgInvalidSubnet")
    assert cloud.call("GET", path + "/subnets/b", api_version=NET).status_code == 404


def _nic(cloud, path, name, **props):
    nic = cloud.group_path("rg") + "/providers/Microsoft.Network/networkInterfaces/" + name
    config = dict({"subnet": {"id": cloud.call("GET", path + "/subnets/default", api_version=NET).json["id"]}}, **props)
    return nic, cloud.call("PUT", nic, {"location": "westus", "properties": {"ipConfigurations": [
        {"name": "ipconfig1", "properties": config}]}}, api_version=NET)


def test_nics_get_private_addresses_after_the_reserved_five_and_hold_the_subnet(cloud):
    path, _ = _vnet(cloud)
    first, response = _nic(cloud, path, "nic1")
    assert response.status_code == 201
    config = response.json["properties"]["ipConfigurations"][0]["properties"]
    assert config["privateIPAddress"] == "10.0.0.4" and config["privateIPAllocationMethod"] == "Dynamic"
    _, second = _nic(cloud, path, "nic2")
    assert second.json["properties"]["ipConfigurations"][0]["properties"]["privateIPAddress"] == "10.0.0.5"
    _, taken = _nic(cloud, path, "nic3", privateIPAllocationMethod="Static", privateIPAddress="10.0.0.5")
    assert _error(taken) == (400, "PrivateIPAddressInUse")
    _, reserved = _nic(cloud, path, "nic3", privateIPAllocationMethod="Static", privateIPAddress="10.0.0.255")
    assert _error(reserved) == (400, "PrivateIPAddressNotInSubnet")
    # An update keeps the address.
    _, again = _nic(cloud, path, "nic1")
    assert again.json["properties"]["ipConfigurations"][0]["properties"]["privateIPAddress"] == "10.0.0.4"
    subnet = cloud.call("GET", path + "/subnets/default", api_version=NET).json
    assert len(subnet["properties"]["ipConfigurations"]) == 2
    assert _error(cloud.call("DELETE", path + "/subnets/default", api_version=NET)) == \
        (400, "InUseSubnetCannotBeDeleted")
    assert _error(cloud.call("DELETE", path, api_version=NET)) == (400, "InUseSubnetCannotBeDeleted")
    body = {"location": "westus", "properties": {"addressSpace": {"addressPrefixes": ["10.0.0.0/16"]}}}
    assert _error(cloud.call("PUT", path, body, api_version=NET)) == (400, "InUseSubnetCannotBeDeleted")
    availability = cloud.call("GET", path + "/CheckIPAddressAvailability", api_version=NET,
                              query={"ipAddress": "10.0.0.4"}).json
    assert availability == {"available": False, "availableIPAddresses": ["10.0.0.6", "10.0.0.7", "10.0.0.8",
                                                                         "10.0.0.9", "10.0.0.10"],
                            "isPlatformReserved": False}
    assert cloud.call("DELETE", first, api_version=NET).status_code == 202
    subnet = cloud.call("GET", path + "/subnets/default", api_version=NET).json
    assert len(subnet["properties"]["ipConfigurations"]) == 1
    _, third = _nic(cloud, path, "nic3")
    assert third.json["properties"]["ipConfigurations"][0]["properties"]["privateIPAddress"] == "10.0.0.4"


def test_a_nic_needs_an_existing_subnet(cloud):
    path, _ = _vnet(cloud)
    nic = cloud.group_path("rg") + "/providers/Microsoft.Network/networkInterfaces/nic1"
    response = cloud.call("PUT", nic, {"location": "westus", "properties": {"ipConfigurations": [
        {"name": "c", "properties": {"subnet": {"id": path + "/subnets/missing"}}}]}}, api_version=NET)
    assert _error(response) == (400, "InvalidResourceReference")


def test_security_groups_have_default_rules_and_rules_kept_in_step(cloud):
    assert cloud.call("PUT", cloud.group_path("rg"), {"location": "westus"}).status_code == 201
    nsg = cloud.group_path("rg") + "/providers/Microsoft.Network/networkSecurityGroups/nsg1"
    created = cloud.call("PUT", nsg, {"location": "westus"}, api_version=NET).json
    names = [r["name"] for r in created["properties"]["defaultSecurityRules"]]
    assert names == ["AllowVnetInBound", "AllowAzureLoadBalancerInBound", "DenyAllInBound", "AllowVnetOutBound",
                     "AllowInternetOutBound", "DenyAllOutBound"]
    assert created["properties"]["securityRules"] == []
    rule = {"properties": {"priority": 100, "protocol": "Tcp", "access": "Allow", "direction": "Inbound",
                           "sourceAddressPrefix": "*", "sourcePortRange": "*", "destinationAddressPrefix": "*",
                           "destinationPortRange": "22"}}
    assert cloud.call("PUT", nsg + "/securityRules/ssh", rule, api_version=NET).status_code == 201
    assert [r["name"] for r in cloud.call("GET", nsg, api_version=NET).json["properties"]["securityRules"]] == ["ssh"]
    assert _error(cloud.call("PUT", nsg + "/securityRules/other", rule, api_version=NET)) == \
        (400, "SecurityRuleConflict")
    rule["properties"]["priority"] = 5000
    assert _error(cloud.call("PUT", nsg + "/securityRules/other", rule, api_version=NET)) == \
        (400, "SecurityRuleInvalidPriority")
    assert cloud.call("DELETE", nsg + "/securityRules/ssh", api_version=NET).status_code == 202
    assert cloud.call("GET", nsg, api_version=NET).json["properties"]["securityRules"] == []


def test_every_write_changes_the_etag(cloud):
    path, created = _vnet(cloud)
    tags = {"location": "westus", "tags": {"a": "b"}, "properties": created.json["properties"]}
    again = cloud.call("PUT", path, tags, api_version=NET)
    assert again.status_code == 200 and again.json["etag"] != created.json["etag"]
