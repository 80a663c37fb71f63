"""The paired commands of the differential suite (see parity_run.py). Placeholders: {sub} the subscription,
{tenant} its tenant, {p} the program's own name prefix (phase 2).

A command whose result differs from az's on purpose is listed in DIFFERENCES with the aspect that is not
compared and the README row that says why (README.md, "Intended differences from az").
"""
AVSET = "Microsoft.Compute/availabilitySets"
VNET = "Microsoft.Network/virtualNetworks"
G = "/subscriptions/{sub}/resourceGroups/par"
AV1 = G + "/providers/" + AVSET + "/av1"
AV2 = G + "/providers/" + AVSET + "/av2"
LINK = AV1 + "/providers/Microsoft.Resources/links/ln1"

# Made by az before phase 1 (and so seen identically by both programs).
SETUP = [
    "group create -n par -l westus --tags a=b env=dev -o none",
    "group create -n par2 -l eastus -o none",
    "resource create -g par -n av1 --resource-type " + AVSET + " -p '{{\"platformFaultDomainCount\":2}}' -o none",
    "resource create -g par -n av2 --resource-type " + AVSET + " -l westus -p {{}} -o none",
    "resource create -g par -n vnet1 --resource-type " + VNET + " -p "
    "'{{\"addressSpace\":{{\"addressPrefixes\":[\"10.0.0.0/16\"]}}}}' -o none",
    "resource tag --ids " + AV2 + " --tags team=x -o none",
    "lock create -n l1 -g par2 --lock-type CanNotDelete --notes keep -o none",
    "lock create -n rl1 -g par --resource av1 --resource-type " + AVSET + " --lock-type CanNotDelete -o none",
    "account lock create -n subl --lock-type CanNotDelete -o none",
    "resource link create --link " + LINK + " --target " + AV2 + " --notes n1",
    "tag create -n costcenter -o none",
    "tag add-value -n costcenter --value 42 -o none",
]
# Run by az after phase 1: phase 2 deletes things a subscription lock would refuse.
TEARDOWN = ["account lock delete -n subl"]

_GROUP = [
    "group show -n par", "group show -n par2", "group show -n PAR", "group show -g par", "group show -n par -o yaml",
    "group show -n par -o tsv", "group show -n par -o table", "group show -n par --query tags",
    "group show -n par --query location -o tsv", "group show -n par -o jsonc", "group show -n par -o yamlc",
    "group list", "group list -o table", "group list -o tsv", "group list --tag a=b", "group list --tag a",
    "group list --tag a=nope", "group list --query [].name -o tsv", "group list --query [?location=='eastus'].name",
    "group list --query length(@)", "group exists -n par", "group exists -n nope", "group exists -n PAR2",
    "group show -n nope", "group show -n nope -o table", "group show", "group list --bogus", "gruop list",
    "group export -n par --query resources[].type", "group export -n par --skip-all-params --query parameters",
    "group export -n nope", "group lock list -g par2", "group lock list -g par2 -o table",
    "group lock show -n l1 -g par2", "group show -n par --subscription {sub} --query name",
]
_RESOURCE = [
    "resource show -g par -n av1 --resource-type " + AVSET,
    "resource show -g par -n av1 --resource-type " + AVSET + " -o table",
    "resource show -g par -n av1 --namespace Microsoft.Compute --resource-type availabilitySets",
    "resource show --ids " + AV1, "resource show --ids " + AV1 + " --query name -o tsv",
    "resource show --ids " + AV1 + " " + AV2, "resource show --ids " + AV1 + " " + AV2 + " --query [].name -o tsv",
    "resource show --ids " + AV1 + " -o tsv", "resource show --ids " + AV2 + " --query tags",
    "resource show -g par -n vnet1 --resource-type " + VNET + " --query properties.addressSpace",
    "resource show -g par -n av1 --resource-type " + AVSET + " --api-version 2023-09-01 --query name",
    "resource show -g par -n nope --resource-type " + AVSET, "resource show --ids " + AV1 + "x",
    "resource show -g nope -n av1 --resource-type " + AVSET, "resource show -g par -n av1",
    "resource show -g par -n av1 --resource-type Microsoft.Nope/things",
    "resource list", "resource list -o table", "resource list -o tsv", "resource list -g par",
    "resource list -g par --query [].name -o tsv", "resource list --resource-type " + AVSET + " --query [].name",
    "resource list -n av1 --query [].id", "resource list --tag team=x --query [].name", "resource list -l westus -o table",
    "resource list --namespace Microsoft.Compute --resource-type availabilitySets --query [].name",
    "resource list -g nope", "resource list -g par2", "resource list -g par -o yaml",
    "resource link show --link " + LINK, "resource link list", "resource link list -o table",
    "resource link list --scope " + AV1, "resource link list --filter \"targetId eq '" + AV2 + "'\" --query [].name",
    "resource link show --link " + AV1 + "/providers/Microsoft.Resources/links/nope",
    "resource lock list -g par --resource av1 --resource-type " + AVSET,
    "resource lock show -n rl1 -g par --resource av1 --resource-type " + AVSET,
]
_LOCK_TAG = [
    "lock list", "lock list -o table", "lock list -o tsv", "lock list -g par2", "lock list -g par",
    "lock list -g par --query [].name", "lock show -n l1 -g par2", "lock show -n l1 -g par2 -o table",
    "lock show -n nope -g par2", "lock show --ids " + G + "2/providers/Microsoft.Authorization/locks/l1",
    "lock list --filter-string atScope()", "lock create -n x -g par2", "lock list -g nope",
    "account lock list", "account lock list -o table", "account lock show -n subl", "account lock show -n nope",
    "tag list", "tag list -o table", "tag list --query [].tagName", "tag list --resource-id " + G,
    "tag list --resource-id " + AV2, "tag list --resource-id /subscriptions/{sub}",
]
_PROVIDER_ACCOUNT = [
    "provider show -n Microsoft.KeyVault -o table", "provider list -o table --query [0:5]",
    "provider show -n Microsoft.Network --query namespace", "provider show -n microsoft.storage --query namespace",
    "provider show -n Microsoft.Compute --query resourceTypes[0].resourceType", "provider show -n Microsoft.Nope",
    "provider list --query length(@)", "provider list --query [?namespace=='Microsoft.Storage'].registrationState",
    "provider operation show --namespace Microsoft.Storage --query name",
    "account show", "account show --query user.type -o tsv", "account list", "account list -o table",
    "account list --query [].name -o tsv", "account list-locations -o table",
    "account list-locations --query [].name -o tsv", "account list-locations --query length(@)",
    "account list-locations --include-extended-locations --query [0].name",
    "account get-access-token --query tokenType -o tsv", "account get-access-token --query subscription -o tsv",
    "cloud show -n parity --query name", "cloud list --query [].name", "cloud show -n AzureCloud --query endpoints",
    "cloud show -n nope", "cloud list-profiles -o tsv",
    "rest --url /subscriptions/{sub}/resourcegroups/par?api-version=2024-11-01",
    "rest --url /subscriptions/{sub}/resourcegroups?api-version=2024-11-01 --query value[].name",
    "rest --url /subscriptions/{sub}/resourcegroups/nope?api-version=2024-11-01",
    "rest --url /subscriptions/{sub}/resourcegroups/par --query name",
    "rest -m head --url /subscriptions/{sub}/resourcegroups/par?api-version=2024-11-01",
    "feature list --namespace Microsoft.Compute --query [].name", "feature list --query [].name -o tsv",
    "feature list --namespace Microsoft.Compute -o table", "feature show --namespace Microsoft.Compute -n EncryptionAtHost",
    "feature show --namespace Microsoft.Compute -n EncryptionAtHost -o table",
    "feature show --namespace Microsoft.Compute -n Nope", "feature list --namespace Microsoft.Nope",
]
# vnet1 is made by `resource create` in SETUP: the network commands (az 2.91 sends api-version 2025-07-01)
# read what the generic resource commands wrote.
_NETWORK = [
    "network vnet list -g par", "network vnet list -g par -o table", "network vnet list -g par --query [].name -o tsv",
    "network vnet show -g par -n vnet1", "network vnet show -g par -n vnet1 --query addressSpace",
    "network vnet show -g par -n nope",
]
READ_CASES = _GROUP + _RESOURCE + _LOCK_TAG + _PROVIDER_ACCOUNT + _NETWORK

# Template specs (scenario "templatespecs"): the spec and version as az 2.91 makes them, linked templates packed
# from tests/templatespecs/data (main.json -> art/a.json -> art/sub/b.json), shown, updated, exported, deleted.
import os as _os  # noqa: E402
_TS_DATA = _os.path.normpath(_os.path.join(_os.path.dirname(_os.path.abspath(__file__)), "..", "templatespecs", "data"))
_TS_ID = "/subscriptions/{sub}/resourceGroups/{p}ts/providers/Microsoft.Resources/templateSpecs/{p}s"
_TEMPLATESPECS = [
    "group create -n {p}ts -l westus -o none",
    "ts create -g {p}ts -n {p}s -d Disp --description first --tags a=b",
    "ts create -g {p}ts -n {p}s -v 1.0 -f " + _TS_DATA + "/main.json --version-description vd",
    "ts show -g {p}ts -n {p}s -v 1.0",
    "ts show -s " + _TS_ID + "/versions/1.0 --query [name,linkedTemplates[].path]",
    "ts create -g {p}ts -n {p}s -v 1.0 -f " + _TS_DATA + "/main.json --version-description again --query description",
    "ts create -g {p}ts -n {p}s -v 2.0 -f " + _TS_DATA + "/plain.json --ui-form-definition " + _TS_DATA +
    "/form.json --tags v=2 --yes",
    "ts list -g {p}ts -n {p}s --query [].name",
    "ts list --query \"[?name=='{p}s'].[name,location,tags]\"",
    "ts show -g {p}ts -n {p}s -v 9.9", "ts show -g {p}ts -n nope", "ts show -g {p}nope -n {p}s",
    "ts update -g {p}ts -n {p}s --description second --yes --query [description,displayName,tags]",
    "ts update -s " + _TS_ID + "/versions/2.0 -f " + _TS_DATA + "/main.json --yes --query [mainTemplate,description]",
    "ts show -g {p}ts -n {p}s --query [name,versions]", "ts list -g {p}ts --query [].name",
    "deployment group create -g {p}ts -n fromspec --template-spec " + _TS_ID + "/versions/2.0 --parameters prefix=x "
    "--query [properties.provisioningState,properties.outputs,properties.templateLink.contentVersion]",
    "deployment group show -g {p}ts -n linkedA --query properties.provisioningState",
    "ts export -s " + _TS_ID + "/versions/1.0 --output-folder .",
    "ts export -g {p}ts -n {p}s -v 9.9 --output-folder .",
    "ts delete -g {p}ts -n {p}s -v 1.0 --yes", "ts list -g {p}ts -n {p}s --query [].name",
    "ts delete -s " + _TS_ID + " --yes", "ts show -g {p}ts -n {p}s -v 2.0", "ts delete -g {p}ts -n {p}s --yes",
]

_R = "--resource-type " + AVSET
SCENARIOS = {
    "group": [
        "group create -n {p}g1 -l westus --tags x=1", "group update -n {p}g1 --set tags.y=2",
        "group update -n {p}g1 --remove tags.x", "group update -n {p}g1 --tags z=3",
        "group update -n {p}g1 --set tags.n=5 --force-string --query tags", "group show -n {p}g1 --query tags",
        "group update -n {p}g1 --set properties.nope.x=1", "group create -n {p}g1 -l eastus",
        "group delete -n {p}g1 --yes", "group exists -n {p}g1", "group delete -n {p}g1 --yes",
        "group create -n {p}g9 -l westus -o none", "group update -n {p}g9 --set tags.owner=alice",
    ],
    "resource": [
        "group create -n {p}r -l westus -o none",
        "resource create -g {p}r -n a " + _R + " -p {{}}", "resource create -g {p}r -n b " + _R + " -p {{}} -o none",
        "resource create -g {p}r -n c " + _R + " --is-full-object -p '{{\"location\":\"westus\",\"tags\":{{\"k\":\"v\"}}}}'",
        "resource create -g {p}r -n d " + _R + " --is-full-object -p '{{\"properties\":{{}}}}'",
        "resource tag -g {p}r -n a " + _R + " --tags t=1", "resource tag -g {p}r -n a " + _R + " --tags u=2 -i",
        "resource update -g {p}r -n a " + _R + " --set tags.w=3 --query tags",
        "resource update -g {p}r -n b " + _R + " --set tags.x=y --query tags",
        "resource patch -g {p}r -n a " + _R + " -p '{{\"platformUpdateDomainCount\":5}}' --query properties",
        "resource show -g {p}r -n a " + _R + " --query properties.platformUpdateDomainCount",
        "resource delete -g {p}r -n b " + _R, "resource show -g {p}r -n b " + _R,
        "resource list -g {p}r --query [].name", "resource delete -g {p}r -n nope " + _R,
    ],
    "locks": [
        "group create -n {p}l -l westus -o none", "lock create -n k -g {p}l -t ReadOnly --notes ro",
        "group update -n {p}l --set tags.a=b", "lock update -n k -g {p}l -t CanNotDelete --query level",
        "group delete -n {p}l --yes", "lock list -g {p}l --query [].name", "lock delete -n k -g {p}l",
        "lock show -n k -g {p}l", "group lock create -n g -g {p}l -t CanNotDelete -o none",
        "group lock delete -n g -g {p}l", "group delete -n {p}l --yes",
    ],
    "links": [
        "group create -n {p}k -l westus -o none",
        "resource create -g {p}k -n s " + _R + " -p {{}} -o none",
        "resource link create --link /subscriptions/{sub}/resourceGroups/{p}k/providers/" + AVSET +
        "/s/providers/Microsoft.Resources/links/l --target " + AV2 + " --notes x",
        "resource link update --link /subscriptions/{sub}/resourceGroups/{p}k/providers/" + AVSET +
        "/s/providers/Microsoft.Resources/links/l --notes y",
        "resource link show --link /subscriptions/{sub}/resourceGroups/{p}k/providers/" + AVSET +
        "/s/providers/Microsoft.Resources/links/l --query properties.notes",
        "resource link delete --link /subscriptions/{sub}/resourceGroups/{p}k/providers/" + AVSET +
        "/s/providers/Microsoft.Resources/links/l",
        "resource link list --scope /subscriptions/{sub}/resourceGroups/{p}k/providers/" + AVSET + "/s",
    ],
    "tags": [
        "tag create -n {p}tag", "tag add-value -n {p}tag --value v1", "tag list --query [?tagName=='{p}tag']",
        "tag remove-value -n {p}tag --value v1", "tag delete -n {p}tag --yes",
        "group create -n {p}t -l westus -o none",
        "tag create --resource-id /subscriptions/{sub}/resourceGroups/{p}t --tags a=1 b=2",
        "tag update --resource-id /subscriptions/{sub}/resourceGroups/{p}t --operation merge --tags c=3",
        "tag update --resource-id /subscriptions/{sub}/resourceGroups/{p}t --operation delete --tags a=1",
        "tag list --resource-id /subscriptions/{sub}/resourceGroups/{p}t",
        "tag delete --resource-id /subscriptions/{sub}/resourceGroups/{p}t --yes",
        "group show -n {p}t --query tags",
    ],
    "rest": [
        "rest -m put --url /subscriptions/{sub}/resourcegroups/{p}w?api-version=2024-11-01 -b '{{\"location\":\"westus\"}}'",
        "rest --url /subscriptions/{sub}/resourcegroups/{p}w?api-version=2024-11-01 --query name",
        "rest -m patch --url /subscriptions/{sub}/resourcegroups/{p}w?api-version=2024-11-01 -b '{{\"tags\":{{\"a\":\"1\"}}}}'",
        "rest -m delete --url /subscriptions/{sub}/resourcegroups/{p}w?api-version=2024-11-01",
        "rest -m put --url /subscriptions/{sub}/resourcegroups/{p}w2?api-version=2024-11-01 -b {{}}",
    ],
    "provider": [
        "provider register -n Microsoft.Sql --wait", "provider show -n Microsoft.Sql --query registrationState",
        "provider register -n Microsoft.Nope", "provider register -n Microsoft.Sql --management-group-id {tenant}",
    ],
    # both programs register the same feature: idempotent, so the order of their steps does not matter
    "feature": [
        "feature register --namespace Microsoft.Storage -n AllowNFSV3 --query properties.state",
        "feature show --namespace Microsoft.Storage -n AllowNFSV3 -o table",
    ],
    "templatespecs": _TEMPLATESPECS,
}
LATE_SCENARIOS = {
    "feature unregister": [
        "feature unregister --namespace Microsoft.Storage -n AllowNFSV3 --query properties.state",
        "feature list --namespace Microsoft.Storage --query [].properties.state",
    ],
    "account lock": [
        "account lock create -n {p}s -t CanNotDelete --notes first", "account lock show -n {p}s --query notes",
        "account lock update -n {p}s --notes second --query notes", "account lock list --query [?name=='{p}s'].level",
        "account lock delete -n {p}s", "account lock show -n {p}s",
    ],
}

# command -> (aspects not compared, comma-separated: "code", "stdout", "stderr"; README difference id)
DIFFERENCES = {
    "gruop list": ("stderr", "one-line-errors"),
    "group list --bogus": ("stderr", "one-line-errors"),
    "group show": ("stderr", "one-line-errors"),
    "lock create -n x -g par2": ("stderr", "one-line-errors"),
    "resource show -g par -n av1": ("code", "usage-exit-2"),
    "group update -n {p}g1 --set properties.nope.x=1": ("code", "usage-exit-2"),
    "resource create -g {p}r -n d " + _R + " --is-full-object -p '{{\"properties\":{{}}}}'": ("code", "usage-exit-2"),
    "cloud show -n nope": ("code", "not-found-exit-3"),
    "rest --url /subscriptions/{sub}/resourcegroups/nope?api-version=2024-11-01": ("code", "not-found-exit-3"),
    "group create -n {p}g1 -l eastus": ("code", "conflict-exit-6"),
    "group update -n {p}l --set tags.a=b": ("code", "conflict-exit-6"),
    "group delete -n {p}l --yes": ("code", "conflict-exit-6"),
    "cloud list --query [].name": ("stdout", "builtin-clouds"),
    "group update -n {p}g1 --remove tags.x": ("code,stdout", "az-remove-bug"),
}
