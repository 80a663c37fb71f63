"""The resource-type registry: per-type behaviour from rp/<namespace>.py, seen on the wire."""
import re

from emulator_helpers import BASE  # noqa: F401 (the helpers module sets up the path)

NET = "2024-05-01"
STORAGE = "2023-05-01"


def _group(cloud, name="rg"):
    assert cloud.call("PUT", cloud.group_path(name), {"location": "westus"}).status_code in (200, 201)
    return cloud.group_path(name)


def test_a_static_public_ip_gets_an_address_and_an_fqdn_that_stay(cloud):
    path = _group(cloud) + "/providers/Microsoft.Network/publicIPAddresses/ip1"
    body = {"location": "westus", "sku": {"name": "Standard"},
            "properties": {"dnsSettings": {"domainNameLabel": "myapp"}}}
    assert cloud.call("PUT", path, body, api_version=NET).status_code == 201
    props = cloud.call("GET", path, api_version=NET).json["properties"]
    assert re.fullmatch(r"\d+\.\d+\.\d+\.\d+", props["ipAddress"])
    assert props["publicIPAllocationMethod"] == "Static"
    assert props["dnsSettings"]["fqdn"] == "myapp.westus.cloudapp.azure.com"
    assert props["resourceGuid"]
    # An update keeps what the RP allocated.
    body["tags"] = {"a": "b"}
    assert cloud.call("PUT", path, body, api_version=NET).status_code == 200
    again = cloud.call("GET", path, api_version=NET).json["properties"]
    assert again["ipAddress"] == props["ipAddress"] and again["resourceGuid"] == props["resourceGuid"]


def test_a_dynamic_public_ip_has_no_address_until_attached(cloud):
    path = _group(cloud) + "/providers/Microsoft.Network/publicIPAddresses/ip2"
    body = {"location": "westus", "properties": {"publicIPAllocationMethod": "Dynamic"}}
    assert cloud.call("PUT", path, body, api_version=NET).status_code == 201
    assert "ipAddress" not in cloud.call("GET", path, api_version=NET).json["properties"]


def test_a_storage_account_gets_its_endpoints_and_a_valid_name(cloud):
    group = _group(cloud)
    path = group + "/providers/Microsoft.Storage/storageAccounts/acct1"
    assert cloud.call("PUT", path, {"location": "westus", "sku": {"name": "Standard_LRS"}},
                      api_version=STORAGE).status_code == 202
    props = cloud.call("GET", path, api_version=STORAGE).json["properties"]
    assert props["primaryEndpoints"]["blob"] == "https://acct1.blob.core.windows.net/"
    assert props["primaryEndpoints"]["web"] == "https://acct1.web.core.windows.net/"
    bad = cloud.call("PUT", group + "/providers/Microsoft.Storage/storageAccounts/Bad_Name",
                     {"location": "westus"}, api_version=STORAGE)
    assert bad.status_code == 400 and bad.json["error"]["code"] == "AccountNameInvalid"
    assert cloud.call("GET", group + "/providers/Microsoft.Storage/storageAccounts/Bad_Name",
                      api_version=STORAGE).status_code == 404


def test_computed_host_names_of_other_types(cloud):
    group = _group(cloud)
    vault = cloud.call("PUT", group + "/providers/Microsoft.KeyVault/vaults/kv1",
                       {"location": "westus", "properties": {"sku": {"name": "standard", "family": "A"}}},
                       api_version="2023-07-01").json
    assert vault["properties"]["vaultUri"] == "https://kv1.vault.local.azcli.invalid/"
    assert vault["properties"]["tenantId"] == cloud.tenant


def test_every_type_declared_once_and_found_by_lookup():
    from azcli.emulator import rp
    exact, prefixes, namespaces = rp._registry()
    assert rp.lookup("microsoft.network/publicipaddresses").complete.__qualname__.startswith("PublicIPAddress")
    assert rp.lookup("microsoft.network/virtualnetworks/subnets").type == "Microsoft.Network/virtualNetworks/subnets"
    assert rp.lookup("microsoft.network/virtualnetworks/virtualnetworkpeerings") is namespaces["microsoft.network"]
    assert rp.lookup("microsoft.sql/servers/databases") is prefixes["microsoft.sql/servers"]
    assert rp.lookup("microsoft.documentdb/databaseaccounts") is rp.DEFAULT


def test_deployments_never_fall_into_the_generic_catch_all(cloud):
    group = _group(cloud)
    path = group + "/providers/Microsoft.Resources/deployments/d1"
    r = cloud.call("PUT", path, {"properties": {"mode": "Incremental", "template": {}}}, api_version="2024-03-01")
    assert r.status_code >= 400 or "template" not in (r.json.get("properties") or {})
    listed = cloud.call("GET", group + "/resources", api_version="2024-03-01").json["value"]
    assert all(x["type"].lower() != "microsoft.resources/deployments" for x in listed)
    links = cloud.call("PUT", group + "/providers/Microsoft.Resources/links/l1", {"properties": {}},
                       api_version="2016-09-01")
    assert links.status_code == 404
