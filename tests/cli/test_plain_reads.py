"""List and show commands without knack or the SDK (framework/plain_reads.py): the same bytes as the SDK's
path on the same local cloud, or no answer at all (the SDK's path then runs)."""
import copy
import json
import os
import subprocess
import sys

import pytest
from hypothesis import given, settings, strategies as st

from runner import CLI, run_fast, run_knack

from azcli.command_modules.resource import plain_reads as resource_reads
from azcli.framework.plain_reads import answer


def _fast(config_dir, argv, env=None):
    return run_fast(answer, config_dir, argv, env)


_sdk = run_knack  # the SDK's path: knack's


def _ok(result):
    assert result.exit_code == 0, result
    return result


@pytest.fixture(scope="module")
def cloud(tmp_path_factory):
    """A signed-in local cloud with groups, network resources and tags, and a cached ARM token."""
    cli = CLI(tmp_path_factory.mktemp("plain") / "azcli")
    _ok(cli("login --local"))
    _ok(cli("group create -n rg1 -l westus --tags env=prod team= -o none"))
    _ok(cli("group create -n Other-RG -l eastus --managed-by /subscriptions/x/providers/A.B/c/d -o none"))
    _ok(cli("network nsg create -g rg1 -n nsg1 -o none"))
    _ok(cli("network vnet create -g rg1 -n vnet1 --subnet-name s1 --nsg nsg1 --tags env=prod -o none"))
    _ok(cli("network vnet create -g Other-RG -n vnet2 -l eastus --address-prefixes 10.9.0.0/16 -o none"))
    _ok(cli("network public-ip create -g rg1 -n ip1 -o none"))
    _ok(cli("network nic create -g rg1 -n nic1 --vnet-name vnet1 --subnet s1 -o none"))
    _ok(cli("account get-access-token -o none"))
    return cli


ANSWERED = [
    "group list", "group list -o tsv", "group list -o none", "group list -o JSON", "group list --only-show-errors",
    "group list --tag env", "group list --tag env=prod", "group list --tag=env=prod", "group list --tag nope",
    "group list --query [].name -o tsv", "group list --query [?location=='eastus'].{n:name,m:managedBy}",
    "group list --query [0].properties", "group show -n rg1", "group show --name RG1", "group show -g Other-RG -o tsv",
    "group show --resource-group=rg1 --query tags", "group exists -n rg1", "group exists -g OTHER-rg -o tsv",
    "group exists --name no-such-group", "group exists -n rg1 --query to_string(@)",
    "group show -n rg1 --query [name,location] -o tsv",
    "resource list", "resource list -g rg1", "resource list -g rg1 -o tsv",
    "resource list --resource-type Microsoft.Network/virtualNetworks",
    "resource list --resource-type virtualNetworks --namespace Microsoft.Network", "resource list -l WestUS",
    "resource list --location 'West US'", "resource list -n vnet2", "resource list --tag env=prod",
    "resource list --tag env", "resource list -g other-rg --query [].{n:name,t:type}",
    "network vnet list", "network vnet list -g rg1", "network vnet list -g rg1 -o tsv",
    "network vnet show -g rg1 -n vnet1", "network vnet show -g rg1 -n vnet1 --expand subnets/ipConfigurations",
    "network vnet show -g rg1 -n vnet1 --query subnets[].name -o tsv", "network nsg list -g rg1",
    "network nsg show -g rg1 -n nsg1", "network nic list", "network nic show -g rg1 -n nic1",
    "network public-ip list -g rg1", "network public-ip show -g rg1 -n ip1 -o tsv",
    "account show", "account show -o tsv", "account show --query id -o tsv", "account list",
    "account list --query [].{n:name,c:cloudName} -o tsv",
]


@pytest.mark.parametrize("line", ANSWERED)
def test_the_answer_is_the_sdk_paths(cloud, line):
    import shlex
    argv = shlex.split(line)
    fast = _fast(cloud.config_dir, argv)
    assert fast[0] == 0
    assert fast == _sdk(cloud.config_dir, argv)


def test_subscription_output_and_configured_defaults_are_the_sdk_paths(cloud, tmp_path):
    account = _ok(cloud("account show")).json()
    cases = [(["group", "list", "--subscription", account["name"]], None),
             (["group", "show", "-n", "rg1", "--subscription", account["id"]], None),
             (["group", "list"], {"AZCLI_CORE_OUTPUT": "tsv"}), (["group", "list", "-o", "json"], {"AZCLI_CORE_OUTPUT": "table"}),
             (["resource", "list"], {"AZCLI_DEFAULTS_GROUP": "rg1"}), (["group", "show"], {"AZCLI_DEFAULTS_GROUP": "rg1"}),
             (["network", "vnet", "list"], {"AZCLI_DEFAULTS_GROUP": "Other-RG"}),
             (["group", "exists"], {"AZCLI_DEFAULTS_GROUP": "rg1"}),
             (["account", "show", "--subscription", account["name"]], None),
             (["account", "show"], {"AZURE_SUBSCRIPTION_ID": account["id"]}),
             (["network", "vnet", "show", "-n", "vnet1"], {"AZCLI_DEFAULTS_GROUP": "rg1"}),
             (["network", "vnet", "list", "-g", "rg1"], {"AZCLI_DEFAULTS_GROUP": "Other-RG"}),
             (["group", "list"], {"AZCLI_LOCAL_PAGE_SIZE": "1"}),  # a page per group: nextLinks followed
             (["resource", "list", "--query", "[].name"], {"AZCLI_LOCAL_PAGE_SIZE": "1"})]
    for argv, env in cases:
        fast = _fast(cloud.config_dir, argv, env)
        assert fast[0] == 0, (argv, env)
        assert fast == _sdk(cloud.config_dir, argv, env), (argv, env)
    # a project's own .azcli/config in the working directory: knack's local defaults
    project = tmp_path / "project"
    (project / os.path.basename(str(cloud.config_dir))).mkdir(parents=True)
    (project / os.path.basename(str(cloud.config_dir)) / "config").write_text("[defaults]\ngroup = Other-RG\n")
    saved = os.getcwd()
    os.chdir(project)
    try:
        fast = _fast(cloud.config_dir, ["resource", "list"])
        assert fast[0] == 0 and "vnet2" in fast[1] and "vnet1" not in fast[1]
        assert fast == _sdk(cloud.config_dir, ["resource", "list"])
    finally:
        os.chdir(saved)


DEFERRED = [
    "group list -o table", "group list -o yaml", "group list -o jsonc", "group list -o csv", "group list --debug",
    "group list --verbose", "group list --ta env", "group list --tag a --tag b", "group list -otsv", "group list extra",
    "group list --query", "group list --query [invalid", "group list --query abs(name)",
    "group list --subscription no-such-subscription", "group show", "group show -n", "group show -n ''",
    "group show -n a/b", "group show -n no-such-group", "group show -n @file.txt", "group show -n rg1 -g rg1",
    "resource list --namespace Microsoft.Network", "resource list --tag env -n vnet1", "resource list -n a/b",
    "network vnet show -g rg1", "network vnet show -g rg1 -n no-such-vnet", "network vnet list -g no-such-group",
    "group create -n x -l westus", "group delete -n rg1 --yes", "resource show --ids x", "group exists -n a/b", "group list --query @",
    "network vnet subnet list -g rg1 --vnet-name vnet1", "network nsg rule list -g rg1 --nsg-name nsg1",
    "account list --all", "account show --debug", "account show -o table", "account show --subscription nope",
    "account list-locations", "account show extra",
]


@pytest.mark.parametrize("line", DEFERRED)
def test_anything_uncertain_is_left_to_the_sdk_path(cloud, line):
    import shlex
    assert _fast(cloud.config_dir, shlex.split(line)) == (None, "")


def test_errors_are_reported_by_the_sdk_path_as_before(cloud):
    missing = cloud("group show -n no-such-group")
    assert missing.exit_code == 3 and "ResourceGroupNotFound" in missing.stderr and missing.stdout == ""
    refused = cloud(["group", "show", "-n", "a/b"])
    assert refused.exit_code == 2 and refused.stdout == ""


def test_state_it_cannot_read_as_the_sdk_path_would_is_left_to_it(cloud, tmp_path):
    config_dir = cloud.config_dir
    for argv in (["account", "show"], ["account", "list"]):
        assert _fast(tmp_path / "never-signed-in", argv) == (None, "")
    assert _fast(config_dir, ["group", "list"], {"AZCLI_CORE_OUTPUT": "bogus"}) == (None, "")
    assert _fast(config_dir, ["group", "list"], {"AZCLI_CLOUD_NAME": "NoSuchCloud"}) == (None, "")
    assert _fast(tmp_path / "never-signed-in", ["group", "list"]) == (None, "")
    env = {"AZURE_CLIENT_ID": "00000000-0000-0000-0000-000000000001", "AZURE_TENANT_ID": "t", "AZURE_CLIENT_SECRET": "s"}
    assert _fast(tmp_path / "environment-mode", ["group", "list"], env) == (None, "")

    tokens_file = os.path.join(config_dir, "tokens.json")
    with open(tokens_file, encoding="utf-8") as handle:
        cached = json.load(handle)
    expired = copy.deepcopy(cached)
    for entry in expired["tokens"].values():
        entry["expiresOn"] = 1
    try:
        with open(tokens_file, "w", encoding="utf-8") as handle:
            json.dump(expired, handle)
        assert _fast(config_dir, ["group", "list"]) == (None, "")
        listed = _ok(cloud("group list"))  # the SDK's path asks for a new token and caches it
        assert "rg1" in listed.stdout
        assert _fast(config_dir, ["group", "list"])[0] == 0
        with open(tokens_file, "w", encoding="utf-8") as handle:
            handle.write("{not json")
        assert _fast(config_dir, ["group", "list"]) == (None, "")
        repaired = _ok(cloud("group list"))
        assert "tokens.json is not valid JSON" in repaired.stderr
    finally:
        with open(tokens_file, "w", encoding="utf-8") as handle:
            json.dump(cached, handle)


PROBE = """
import io, json, sys
sys.stdout = io.StringIO()
from azcli.__main__ import main
code = main(sys.argv[1:])
listed = sys.stdout.getvalue()
sys.stdout = sys.__stdout__
print(json.dumps({"code": code, "listed": bool(listed.strip()), "modules": sorted(
    m for m in sys.modules if m.split(".")[0] in ("knack", "azure", "msal", "requests", "urllib3", "logging",
                                                   "argparse", "yaml"))}))
"""


@pytest.mark.parametrize("argv", [["group", "list"], ["resource", "list", "-g", "rg1", "--query", "[].id"],
                                  ["network", "vnet", "show", "-g", "rg1", "-n", "vnet1", "-o", "tsv"],
                                  ["account", "show", "--query", "id", "-o", "tsv"]])
def test_a_read_with_a_cached_token_imports_neither_knack_nor_the_sdk(cloud, argv):
    env = dict(os.environ, AZCLI_CONFIG_DIR=str(cloud.config_dir))
    env.pop("AZURE_SUBSCRIPTION_ID", None)
    out = subprocess.run([sys.executable, "-c", PROBE] + argv, capture_output=True, text=True, env=env,
                         check=True).stdout
    assert json.loads(out.strip().splitlines()[-1]) == {"code": 0, "listed": True, "modules": []}


def test_the_entry_point_tries_every_declared_read():
    import importlib
    from azcli import __main__
    from azcli.framework.index_data import load
    from azcli.framework.plain_reads import READ_MODULES
    commands = load()["commands"]
    for module, reads in READ_MODULES.items():
        for command in importlib.import_module(reads).READS:
            assert commands[command]["module"] == module and command.split()[0] in __main__.READ_FIRST_WORDS


def test_declared_requests_are_the_sdks():
    from azure.mgmt.resource.resources import ResourceManagementClient
    client = ResourceManagementClient(credential=object(), subscription_id="00000000-0000-0000-0000-000000000000")
    assert client._config.api_version == resource_reads.API_VERSION  # pylint: disable=protected-access


# Wire documents as ARM may send them: any of the models' members, members they do not declare, timestamps.
_TIMES = st.sampled_from(["2024-05-12T19:11:06.3060384Z", "2024-05-12T19:11:06Z", "2024-05-12T19:11:06.1+02:00"])
_TEXT = st.one_of(st.none(), st.text(max_size=5))
_SYSTEM_DATA = st.fixed_dictionaries({}, optional={"createdBy": _TEXT, "createdAt": _TIMES, "lastModifiedAt": _TIMES,
                                                   "createdByType": st.sampled_from(["User", "Application"])})
_GROUP = st.fixed_dictionaries(
    {"id": st.just("/subscriptions/s/resourceGroups/g"), "location": st.sampled_from(["westus", "eastus"])},
    optional={"name": _TEXT, "type": _TEXT, "managedBy": _TEXT, "tags": st.dictionaries(st.text(max_size=3), st.text(max_size=3)),
              "properties": st.fixed_dictionaries({}, optional={"provisioningState": _TEXT, "extra": _TEXT}),
              "systemData": _SYSTEM_DATA, "undeclared": _TEXT})
_RESOURCE = st.fixed_dictionaries(
    {"id": st.just("/subscriptions/s/resourceGroups/g/providers/A.B/c/d")},
    optional={"createdTime": _TIMES, "changedTime": _TIMES, "kind": _TEXT, "sku": st.fixed_dictionaries({"name": _TEXT}),
              "properties": st.dictionaries(st.text(max_size=3), _TEXT), "undeclared": _TEXT, "location": _TEXT})


@settings(max_examples=150, deadline=None)
@given(_GROUP)
def test_a_group_is_shaped_as_the_sdk_round_trip_prints_it(document):
    from azure.mgmt.resource.resources.models import ResourceGroup
    from azcli.framework.results import todict
    assert resource_reads.RESOURCE_GROUP.apply(copy.deepcopy(document)) == todict(ResourceGroup(copy.deepcopy(document)))


@settings(max_examples=150, deadline=None)
@given(_RESOURCE)
def test_a_listed_resource_is_shaped_as_the_sdk_path_prints_it(document):
    from azure.mgmt.resource.resources.models import GenericResourceExpanded
    from azcli.framework.results import with_model_fields
    expected = with_model_fields(copy.deepcopy(document), GenericResourceExpanded, ("createdTime", "changedTime"))
    assert resource_reads.GENERIC_RESOURCE.apply(copy.deepcopy(document)) == expected
