"""The az usage of shared/arm-recordings/INDEX.md (test_resource_scenario, test_resource_id_scenario,
test_resource_move, test_invoke_action, test_group_lock_commands, test_rest_arm), on the local cloud.

One scenario, in the order a user would go: create resources of several types (a child too), list
with every filter and format, show by name and by id, tag (replace, merge), move, invoke listKeys,
update by id, lock a group and see the delete refused with the lock named, remove the lock, delete
by --ids from stdin, rest --paginate.
"""
import csv
import io
import json

VNET_TYPE = "Microsoft.Network/virtualNetworks"
STORAGE_TYPE = "Microsoft.Storage/storageAccounts"
NSG_TYPE = "Microsoft.Network/networkSecurityGroups"


def ok(result):
    assert result.exit_code == 0, result
    return result


def test_resource_scenario(local_cli):
    cli = local_cli
    ok(cli("group create -n rg1 -l westus -o none"))
    ok(cli("group create -n rg2 -l westus -o none"))

    # --- create: a vnet (properties), a child subnet, a storage account (--is-full-object), an NSG
    vnet = ok(cli(["resource", "create", "-g", "rg1", "-n", "vnet1", "--resource-type", VNET_TYPE, "-l", "westus",
                   "-p", '{"addressSpace": {"addressPrefixes": ["10.0.0.0/16"]}}'])).json()
    assert vnet["type"] == VNET_TYPE and vnet["resourceGroup"] == "rg1"
    assert vnet["properties"]["addressSpace"]["addressPrefixes"] == ["10.0.0.0/16"]
    subnet = ok(cli(["resource", "create", "-g", "rg1", "-n", "sub1", "--namespace", "Microsoft.Network",
                     "--parent", "virtualNetworks/vnet1", "--resource-type", "subnets",
                     "-p", '{"addressPrefix": "10.0.0.0/24"}'])).json()
    assert subnet["id"] == vnet["id"] + "/subnets/sub1"
    storage = ok(cli(["resource", "create", "-g", "rg1", "-n", "clistor1", "--resource-type", STORAGE_TYPE,
                      "--is-full-object", "-p", json.dumps({"location": "westus", "sku": {"name": "Standard_LRS"},
                                                            "kind": "StorageV2", "tags": {"cli-test": "test"},
                                                            "properties": {}})])).json()
    assert storage["sku"]["name"] == "Standard_LRS" and storage["tags"] == {"cli-test": "test"}
    nsg = ok(cli(["resource", "create", "-g", "rg1", "-n", "nsg1", "--resource-type", NSG_TYPE, "-l", "eastus",
                  "-p", "{}"])).json()

    # --- list: every filter, and the formats
    names = lambda result: sorted(r["name"] for r in ok(result).json())  # noqa: E731
    assert names(cli("resource list")) == ["clistor1", "nsg1", "vnet1"]
    assert names(cli("resource list -g rg1")) == ["clistor1", "nsg1", "vnet1"]
    assert names(cli("resource list -l eastus")) == ["nsg1"]
    assert names(cli("resource list --resource-type " + VNET_TYPE)) == ["vnet1"]
    assert names(cli("resource list --namespace microsoft.network --resource-type networkSecurityGroups")) == ["nsg1"]
    assert names(cli("resource list --name clistor1")) == ["clistor1"]
    assert names(cli("resource list --tag cli-test")) == ["clistor1"]
    assert names(cli("resource list --tag cli-test=test")) == ["clistor1"]
    assert names(cli("resource list --tag cli-test=other")) == []
    assert cli("resource list --tag a --name b").exit_code == 2

    table = ok(cli("resource list -g rg1 -o table")).stdout.splitlines()
    assert table[0].split() == ["Name", "ResourceGroup", "Location", "Type", "Status"]
    assert any(line.split()[:2] == ["vnet1", "rg1"] and "Succeeded" in line for line in table[2:])
    rows = list(csv.DictReader(io.StringIO(ok(cli("resource list -o csv")).stdout)))
    assert list(rows[0]) == ["Name", "ResourceGroup", "Location", "Type", "Status"]
    assert {r["Name"] for r in rows} == {"clistor1", "nsg1", "vnet1"}
    lines = ok(cli("resource list -o jsonl")).stdout.splitlines()
    assert sorted(json.loads(line)["name"] for line in lines) == ["clistor1", "nsg1", "vnet1"]

    # --- show: by name, a child by parts, by id (always a list), ids as a JSON array
    shown = ok(cli("resource show -g rg1 -n vnet1 --resource-type " + VNET_TYPE)).json()
    assert shown["id"] == vnet["id"]
    child = ok(cli("resource show -g rg1 -n sub1 --namespace Microsoft.Network --parent virtualNetworks/vnet1 "
                   "--resource-type subnets")).json()
    assert child["properties"]["addressPrefix"] == "10.0.0.0/24"
    by_id = ok(cli(["resource", "show", "--ids", subnet["id"]])).json()
    assert isinstance(by_id, dict) and by_id["name"] == "sub1"  # one id: the object, as az
    both = ok(cli(["resource", "show", "--ids", json.dumps([vnet["id"], nsg["id"]]), "--query", "[].name"])).json()
    assert both == ["vnet1", "nsg1"]
    assert ok(cli(["resource", "show", "--ids", vnet["id"], "-o", "table"])).stdout.splitlines()[0].split() == ["Location", "Name", "ResourceGroup"]
    missing = cli("resource show -g rg1 -n nothere --resource-type " + VNET_TYPE)
    assert missing.exit_code == 3 and missing.stdout == ""

    # --- tag: replace (az's default), then merge with --is-incremental
    tagged = ok(cli(["resource", "tag", "--ids", vnet["id"], "--tags", "a=1", "b=2"])).json()
    assert tagged["tags"] == {"a": "1", "b": "2"}
    tagged = ok(cli(["resource", "tag", "-g", "rg1", "-n", "vnet1", "--resource-type", VNET_TYPE,
                     "--tags", "c=3", "--is-incremental"])).json()
    assert tagged["tags"] == {"a": "1", "b": "2", "c": "3"}
    tagged = ok(cli(["resource", "tag", "--ids", vnet["id"], "--tags", "only=1"])).json()
    assert tagged["tags"] == {"only": "1"}
    assert ok(cli(["resource", "show", "--ids", vnet["id"], "--query", "properties.addressSpace"])).json()

    # --- generic update by id (a child resource), with path validation
    updated = ok(cli(["resource", "update", "--ids", subnet["id"], "--set", "properties.addressPrefix=10.0.0.0/22"]))
    assert updated.json()["properties"]["addressPrefix"] == "10.0.0.0/22"
    bad = cli(["resource", "update", "--ids", subnet["id"], "--remove", "properties.nothere"])
    assert bad.exit_code == 2 and "'nothere'" in bad.stderr

    # --- invoke-action listKeys
    keys = ok(cli(["resource", "invoke-action", "--action", "listKeys", "--ids", storage["id"]])).json()
    assert [k["keyName"] for k in keys["keys"]] == ["key1", "key2"]

    # --- move the storage account and the NSG to rg2
    ok(cli(["resource", "move", "--ids", storage["id"], nsg["id"], "--destination-group", "rg2"]))
    assert names(cli("resource list -g rg2")) == ["clistor1", "nsg1"]
    assert names(cli("resource list -g rg1")) == ["vnet1"]

    # --- lock rg2; its delete is refused (exit 6) naming the lock and the command that removes it
    lock = ok(cli("group lock create -n keep -g rg2 --lock-type canNotDelete")).json()
    assert lock["level"] == "CanNotDelete" and lock["name"] == "keep" and lock["resourceGroup"] == "rg2"
    assert ok(cli("group lock list -g rg2 --query [].name")).json() == ["keep"]
    assert ok(cli("lock show -n keep -g rg2")).json()["id"] == lock["id"]
    listed = ok(cli("lock list -o table")).stdout.splitlines()
    assert listed[0].split() == ["Level", "Name", "ResourceGroup"]  # az's automatic table (az 2.91)
    refused = cli("group delete -n rg2 --yes")
    assert refused.exit_code == 6, refused
    assert "ScopeLocked" in refused.stderr and "'keep'" in refused.stderr
    assert "azcli lock delete --ids " + lock["id"] in refused.stderr
    refused = cli(["resource", "delete", "--ids", nsg["id"].replace("/rg1/", "/rg2/")])
    assert refused.exit_code == 6 and "'keep'" in refused.stderr
    ok(cli(["lock", "delete", "--ids", lock["id"]]))
    assert ok(cli("lock list -g rg2")).json() == []

    # --- delete by --ids from stdin (newline-separated, as `-o tsv` prints them)
    ids = ok(cli("resource list -g rg2 --query [].id -o tsv")).stdout
    deleted = ok(cli("resource delete --ids -", stdin=ids))
    assert deleted.json() == [None, None]  # two ids: az prints their (empty) results as a list
    assert ok(cli("resource list -g rg2")).json() == []

    # --- rest --paginate over the subscription's resources, two per page
    ok(cli(["resource", "create", "-g", "rg1", "-n", "nsg2", "--resource-type", NSG_TYPE, "-l", "westus", "-p", "{}"]))
    url = "/subscriptions/{subscriptionId}/resources?api-version=2024-11-01"
    page = ok(cli(["rest", "-u", url], env={"AZCLI_LOCAL_PAGE_SIZE": "1"})).json()
    assert len(page["value"]) == 1 and page["nextLink"]
    everything = ok(cli(["rest", "-u", url, "--paginate"], env={"AZCLI_LOCAL_PAGE_SIZE": "1"})).json()
    assert sorted(r["name"] for r in everything["value"]) == ["nsg2", "vnet1"]

    # --- group export names the group's resources
    template = ok(cli("group export -n rg1")).json()
    assert template["contentVersion"] == "1.0.0.0"
    assert ok(cli("group export -n rg1 --query contentVersion -o tsv")).stdout == "1.0.0.0\n"
