"""Opt-in: the official Azure CLI (`az`) against `azcli local serve`. Skipped when `az` is not on PATH.

az trusts the local CA through REQUESTS_CA_BUNDLE, skips AAD instance discovery with
AZURE_CORE_INSTANCE_DISCOVERY=false, and keeps its state in its own AZURE_CONFIG_DIR. `az login` does
GET /{tenant}/v2.0/.well-known/openid-configuration, POST /{tenant}/oauth2/v2.0/token and
GET /subscriptions?api-version=2022-12-01 against the registered cloud's endpoints.
"""
import json
import os
import shutil
import subprocess

import pytest

AZ = shutil.which("az")
pytestmark = pytest.mark.skipif(AZ is None, reason="the official az is not installed")


@pytest.fixture
def az(start_served, tmp_path):
    served = start_served()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AZURE_", "AZCLI_"))}
    env.update({
        "AZURE_CONFIG_DIR": str(tmp_path / "az-config"),
        "REQUESTS_CA_BUNDLE": served.ca,
        "AZURE_CORE_INSTANCE_DISCOVERY": "false",
        "AZURE_CORE_COLLECT_TELEMETRY": "false",
        "AZURE_CORE_SURVEY_MESSAGE": "false",
        "AZURE_CORE_ONLY_SHOW_ERRORS": "true",
        "AZURE_CORE_NO_COLOR": "true",
    })

    def run(*args, expect=0):
        proc = subprocess.run([AZ, *args], env=env, capture_output=True, text=True, timeout=120)
        if expect is not None:
            assert proc.returncode == expect, (args, proc.returncode, proc.stdout, proc.stderr)
        return proc

    details = served.details
    run("cloud", "register", "-n", "azcli-local",
        "--endpoint-resource-manager", details["resourceManager"],
        "--endpoint-active-directory", details["activeDirectory"],
        "--endpoint-active-directory-resource-id", details["activeDirectoryResourceId"])
    run("cloud", "set", "-n", "azcli-local")
    run("login", "--service-principal", "-u", details["clientId"], "-p", details["clientSecret"],
        "--tenant", details["tenantId"], "-o", "none")
    run.served = served
    return run


def test_az_group_resource_tag_lock_provider(az):
    sub = az.served.sub
    account = json.loads(az("account", "show").stdout)
    assert account["id"] == sub and account["tenantId"] == az.served.tenant

    group = json.loads(az("group", "create", "-n", "azrg", "-l", "westus", "--tags", "env=dev").stdout)
    assert group["properties"]["provisioningState"] == "Succeeded" and group["tags"] == {"env": "dev"}
    assert az("group", "exists", "-n", "azrg").stdout.strip() == "true"

    made = json.loads(az("resource", "create", "-g", "azrg", "-n", "id1", "-l", "westus",
                         "--resource-type", "Microsoft.ManagedIdentity/userAssignedIdentities",
                         "-p", "{}").stdout)
    assert made["type"] == "Microsoft.ManagedIdentity/userAssignedIdentities"
    listed = json.loads(az("resource", "list", "-g", "azrg").stdout)
    assert [r["name"] for r in listed] == ["id1"]

    tags = json.loads(az("tag", "update", "--resource-id", made["id"], "--operation", "merge",
                         "--tags", "team=red").stdout)
    assert tags["properties"]["tags"]["team"] == "red"

    az("lock", "create", "-n", "keep", "-g", "azrg", "--lock-type", "CanNotDelete")
    refused = az("group", "delete", "-n", "azrg", "--yes", expect=None)
    assert refused.returncode != 0 and "ScopeLocked" in refused.stderr
    az("lock", "delete", "-n", "keep", "-g", "azrg")

    provider = json.loads(az("provider", "show", "-n", "Microsoft.KeyVault").stdout)
    assert provider["namespace"].lower() == "microsoft.keyvault"

    az("group", "delete", "-n", "azrg", "--yes")
    assert az("group", "exists", "-n", "azrg").stdout.strip() == "false"


def test_az_everyday_commands(az):
    az("group", "create", "-n", "everyday", "-l", "westus", "--tags", "env=dev", "-o", "none")
    assert [g["name"] for g in json.loads(az("group", "list", "--tag", "env=dev").stdout)] == ["everyday"]
    updated = json.loads(az("group", "update", "-n", "everyday", "--set", "tags.owner=alice").stdout)
    assert updated["tags"] == {"env": "dev", "owner": "alice"}

    vnet = json.loads(az("resource", "create", "-g", "everyday", "-n", "vnet1", "--resource-type",
                         "Microsoft.Network/virtualNetworks", "-l", "westus", "-p",
                         '{"addressSpace": {"addressPrefixes": ["10.0.0.0/16"]}}').stdout)
    subnet = json.loads(az("resource", "create", "-g", "everyday", "-n", "s1", "--namespace", "Microsoft.Network",
                           "--resource-type", "subnets", "--parent", "virtualNetworks/vnet1", "-p",
                           '{"addressPrefix": "10.0.0.0/24"}').stdout)
    assert subnet["id"].lower() == (vnet["id"] + "/subnets/s1").lower()
    shown = json.loads(az("resource", "show", "--ids", vnet["id"]).stdout)
    assert shown["name"] == "vnet1"
    tagged = json.loads(az("resource", "tag", "--ids", vnet["id"], "--tags", "a=b").stdout)
    assert tagged["tags"] == {"a": "b"}
    filtered = json.loads(az("resource", "list", "--resource-type", "Microsoft.Network/virtualNetworks").stdout)
    assert [r["name"] for r in filtered] == ["vnet1"]

    az("resource", "lock", "create", "-n", "rlock", "-g", "everyday", "--resource", "vnet1",
       "--resource-type", "Microsoft.Network/virtualNetworks", "--lock-type", "ReadOnly", "-o", "none")
    locks = json.loads(az("lock", "list", "-g", "everyday").stdout)
    assert [lock["name"] for lock in locks] == ["rlock"] and locks[0]["level"] == "ReadOnly"
    refused = az("resource", "delete", "--ids", vnet["id"], expect=None)
    assert refused.returncode != 0 and "failed to be deleted" in refused.stderr  # az hides ARM's ScopeLocked here
    assert az("resource", "show", "--ids", vnet["id"]).returncode == 0
    az("lock", "delete", "--ids", locks[0]["id"])

    az("tag", "create", "--resource-id", "/subscriptions/" + az.served.sub, "--tags", "k=v", "-o", "none")
    names = [t["tagName"] for t in json.loads(az("tag", "list").stdout)]
    assert "env" in names
    locations = json.loads(az("account", "list-locations").stdout)
    assert "westus" in [loc["name"] for loc in locations]

    az("resource", "delete", "--ids", vnet["id"])
    az("group", "delete", "-n", "everyday", "--yes", "--no-wait")
    az("group", "wait", "-n", "everyday", "--deleted", "--interval", "1", "--timeout", "60")
