"""`azcli network vnet|nsg|public-ip|nic ...` against the in-process local cloud: az's shapes (flattened,
creations wrapped), tables, and the Network RP's rules seen through the CLI."""
import json
import subprocess
import sys


def _ok(result):
    assert result.exit_code == 0, result
    return json.loads(result.stdout) if result.stdout.strip() else None


def test_vnet_and_subnet_lifecycle(local_cli):
    _ok(local_cli("group create -n rg -l westus"))
    vnet = _ok(local_cli("network vnet create -g rg -n vnet1 --subnet-name default --tags a=b"))["newVNet"]
    assert vnet["addressSpace"] == {"addressPrefixes": ["10.0.0.0/16"]} and vnet["location"] == "westus"
    assert vnet["enableDdosProtection"] is False and vnet["tags"] == {"a": "b"}
    assert [(s["name"], s["addressPrefix"]) for s in vnet["subnets"]] == [("default", "10.0.0.0/24")]
    assert vnet["provisioningState"] == "Succeeded" and vnet["resourceGroup"] == "rg"
    table = local_cli("network vnet list -g rg -o table")
    assert table.stdout.split("\n")[0].split() == ["Name", "ResourceGroup", "Location", "NumSubnets", "Prefixes",
                                                   "DnsServers", "DDOSProtection", "VMProtection"]
    updated = _ok(local_cli("network vnet update -g rg -n vnet1 --address-prefixes 10.0.0.0/16 20.0.0.0/16 "
                            "--dns-servers 1.2.3.4"))
    assert updated["dhcpOptions"] == {"dnsServers": ["1.2.3.4"]} and updated["etag"] != vnet["etag"]
    subnet = _ok(local_cli("network vnet subnet create -g rg --vnet-name vnet1 -n s2 --address-prefixes 20.0.0.0/24"))
    assert subnet["addressPrefix"] == "20.0.0.0/24" and subnet["privateEndpointNetworkPolicies"] == "Disabled"
    shown = _ok(local_cli("network vnet show -g rg -n vnet1"))
    assert [s["name"] for s in shown["subnets"]] == ["default", "s2"]
    overlap = local_cli("network vnet subnet create -g rg --vnet-name vnet1 -n s3 --address-prefixes 20.0.0.0/25")
    assert overlap.exit_code == 1 and "NetcfgSubnetRangesOverlap" in overlap.stderr
    outside = local_cli("network vnet subnet create -g rg --vnet-name vnet1 -n s3 --address-prefixes 30.0.0.0/24")
    assert outside.exit_code == 1 and "NetcfgInvalidSubnet" in outside.stderr
    assert _ok(local_cli("network vnet subnet update -g rg --vnet-name vnet1 -n s2 --address-prefixes "
                         "20.0.1.0/24"))["addressPrefix"] == "20.0.1.0/24"
    assert [s["name"] for s in _ok(local_cli("network vnet subnet list -g rg --vnet-name vnet1"))] == ["default", "s2"]
    assert local_cli("network vnet subnet delete -g rg --vnet-name vnet1 -n s2").exit_code == 0
    assert local_cli("network vnet subnet show -g rg --vnet-name vnet1 -n s2").exit_code == 3
    assert [s["name"] for s in _ok(local_cli("network vnet show -g rg -n vnet1"))["subnets"]] == ["default"]
    assert _ok(local_cli("network vnet list-available-ips -g rg -n vnet1")) == \
        ["10.0.0.4", "10.0.0.5", "10.0.0.6", "10.0.0.7", "10.0.0.8"]
    assert local_cli("network vnet delete -g rg -n vnet1").exit_code == 0
    assert _ok(local_cli("network vnet list -g rg")) == []


def test_nsg_and_rules(local_cli):
    _ok(local_cli("group create -n rg -l westus"))
    nsg = _ok(local_cli("network nsg create -g rg -n nsg1 --tags foo=doo"))["NewNSG"]
    assert [r["name"] for r in nsg["defaultSecurityRules"]] == [
        "AllowVnetInBound", "AllowAzureLoadBalancerInBound", "DenyAllInBound", "AllowVnetOutBound",
        "AllowInternetOutBound", "DenyAllOutBound"]
    assert nsg["securityRules"] == [] and nsg["tags"] == {"foo": "doo"}
    rule = _ok(local_cli("network nsg rule create -g rg --nsg-name nsg1 -n web --priority 1000 "
                         "--destination-port-ranges 80 8080"))
    assert (rule["access"], rule["direction"], rule["protocol"], rule["sourceAddressPrefix"]) == \
        ("Allow", "Inbound", "*", "*")
    assert rule["destinationPortRanges"] == ["80", "8080"] and rule["priority"] == 1000
    conflict = local_cli("network nsg rule create -g rg --nsg-name nsg1 -n other --priority 1000")
    assert conflict.exit_code == 1 and "SecurityRuleConflict" in conflict.stderr
    assert _ok(local_cli("network nsg rule update -g rg --nsg-name nsg1 -n web --set description=cool "
                         "--access Deny"))["access"] == "Deny"
    table = local_cli("network nsg rule list -g rg --nsg-name nsg1 -o table").stdout.split("\n")
    assert table[0].split() == ["Name", "ResourceGroup", "Priority", "Access", "Protocol", "Direction"]
    assert table[2].split() == ["web", "rg", "1000", "Deny", "*", "Inbound"]
    assert len(_ok(local_cli("network nsg rule list -g rg --nsg-name nsg1 --include-default"))) == 7
    assert [r["name"] for r in _ok(local_cli("network nsg show -g rg -n nsg1"))["securityRules"]] == ["web"]
    assert local_cli("network nsg rule delete -g rg --nsg-name nsg1 -n web").exit_code == 0
    assert _ok(local_cli("network nsg show -g rg -n nsg1"))["securityRules"] == []
    assert [n["name"] for n in _ok(local_cli("network nsg list"))] == ["nsg1"]
    assert local_cli("network nsg delete -g rg -n nsg1").exit_code == 0
    assert local_cli("network nsg show -g rg -n nsg1").exit_code == 3


def test_public_ip_and_nic(local_cli):
    _ok(local_cli("group create -n rg -l westus"))
    _ok(local_cli("network vnet create -g rg -n vnet1 --subnet-name default"))
    static = _ok(local_cli("network public-ip create -g rg -n ip1 --dns-name myapp"))["publicIp"]
    assert static["sku"]["name"] == "Standard" and static["publicIPAllocationMethod"] == "Static"
    assert static["ipAddress"] and static["dnsSettings"]["fqdn"] == "myapp.westus.cloudapp.azure.com"
    dynamic = _ok(local_cli("network public-ip create -g rg -n ip2 --sku Basic"))["publicIp"]
    assert dynamic["publicIPAllocationMethod"] == "Dynamic" and "ipAddress" not in dynamic
    nic = _ok(local_cli("network nic create -g rg -n nic1 --vnet-name vnet1 --subnet default "
                        "--public-ip-address ip2"))["NewNIC"]
    config = nic["ipConfigurations"][0]
    assert config["privateIPAddress"] == "10.0.0.4" and config["privateIPAllocationMethod"] == "Dynamic"
    assert config["subnet"]["id"].endswith("/virtualNetworks/vnet1/subnets/default")
    assert _ok(local_cli("network public-ip show -g rg -n ip2"))["ipAddress"]  # attached: it has an address now
    fixed = _ok(local_cli("network nic create -g rg -n nic2 --vnet-name vnet1 --subnet default "
                          "--private-ip-address 10.0.0.10"))["NewNIC"]
    assert fixed["ipConfigurations"][0]["privateIPAllocationMethod"] == "Static"
    taken = local_cli("network nic create -g rg -n nic3 --vnet-name vnet1 --subnet default "
                      "--private-ip-address 10.0.0.10")
    assert taken.exit_code == 1 and "PrivateIPAddressInUse" in taken.stderr
    busy = local_cli("network vnet subnet delete -g rg --vnet-name vnet1 -n default")
    assert busy.exit_code == 1 and "InUseSubnetCannotBeDeleted" in busy.stderr
    assert [n["name"] for n in _ok(local_cli("network nic list -g rg"))] == ["nic1", "nic2"]
    assert _ok(local_cli("network nic show -g rg -n nic1"))["ipConfigurations"][0]["privateIPAddress"] == "10.0.0.4"
    for name in ("nic1", "nic2"):
        assert local_cli("network nic delete -g rg -n " + name).exit_code == 0
    assert local_cli("network vnet subnet delete -g rg --vnet-name vnet1 -n default").exit_code == 0
    assert local_cli("network public-ip delete -g rg -n ip1").exit_code == 0
    assert [p["name"] for p in _ok(local_cli("network public-ip list -g rg"))] == ["ip2"]
    assert local_cli("network nic create -g rg -n nic9 --subnet default").exit_code == 2


def test_vnet_list_imports_no_network_sdk(tmp_path):
    """azure-mgmt-network costs ~1 s to import; `network vnet list` must stay within `group list`'s budget."""
    code = ("import io, json, os, sys\n"
            "os.environ['AZCLI_CONFIG_DIR'] = %r\n"
            "from azcli.__main__ import main\n"
            "sys.stdout = io.StringIO()\n"
            "assert main(['login', '--local', '-o', 'none']) == 0\n"
            "assert main(['group', 'create', '-n', 'rg', '-l', 'westus', '-o', 'none']) == 0\n"
            "before = set(sys.modules)\n"
            "code = main(['network', 'vnet', 'list', '-g', 'rg'])\n"
            "sys.stdout = sys.__stdout__\n"
            "print(json.dumps({'code': code, 'modules': sorted(m for m in sys.modules if m.startswith('azure.mgmt'))}))\n"
            % str(tmp_path / "cfg"))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    result = json.loads(out.strip().splitlines()[-1])
    assert result["code"] == 0
    assert not [m for m in result["modules"] if m.startswith("azure.mgmt.network")]
