"""`deployment group|sub` end to end against the in-process local cloud: az's own test templates
(shared/az-test-data), what-if, failures and their exit codes, --no-wait/wait/cancel."""
import json
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
AZ_DATA = SHARED / "az-test-data"

STORAGE_TEMPLATE = {
    "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
    "contentVersion": "1.0.0.0",
    "parameters": {"sku": {"type": "string", "defaultValue": "Standard_LRS"}, "name": {"type": "string"}},
    "resources": [{"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01",
                   "name": "[parameters('name')]", "location": "westus", "sku": {"name": "[parameters('sku')]"},
                   "kind": "StorageV2", "properties": {}}],
    "outputs": {"id": {"type": "string",
                       "value": "[resourceId('Microsoft.Storage/storageAccounts', parameters('name'))]"}},
}


def data(name):
    path = AZ_DATA / name
    assert path.is_file(), "the shared az test data is missing: {}".format(path)
    return str(path)


def ok(result):
    assert result.exit_code == 0, result
    return result


def write(tmp_path, name, document):
    path = tmp_path / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return str(path)


def test_group_deployment_lifecycle(local_cli):
    cli = local_cli
    ok(cli("group create -n rg1 -l westus -o none"))
    created = ok(cli(["deployment", "group", "create", "-g", "rg1", "--template-file", data("simple_deploy.json"),
                      "--parameters", "@" + data("simple_deploy_parameters.json")])).json()
    assert created["name"] == "simple_deploy"  # the template file's base name
    assert created["properties"]["provisioningState"] == "Succeeded"
    assert created["properties"]["parameters"]["name"]["value"] == "azure-cli-deploy-test-nsg1"
    assert created["resourceGroup"] == "rg1"
    nsg = ok(cli("resource show -g rg1 -n azure-cli-deploy-test-nsg1 "
                 "--resource-type Microsoft.Network/networkSecurityGroups")).json()
    assert nsg["location"] == "westus"

    shown = ok(cli("deployment group show -g rg1 -n simple_deploy")).json()
    assert shown["id"] == created["id"]
    names = ok(cli(["deployment", "group", "list", "-g", "rg1", "--filter", "provisioningState eq 'Succeeded'",
                    "--query", "[].name"])).json()
    assert names == ["simple_deploy"]
    assert ok(cli(["deployment", "group", "list", "-g", "rg1", "--filter", "provisioningState eq 'Failed'"])).json() == []
    table = ok(cli("deployment group list -g rg1 -o table")).stdout.splitlines()
    assert table[0].split() == ["Name", "State", "Timestamp", "Mode", "ResourceGroup"]
    assert table[2].split()[:2] == ["simple_deploy", "Succeeded"]

    exported = ok(cli("deployment group export -g rg1 -n simple_deploy")).json()
    assert exported["resources"][0]["type"] == "Microsoft.Network/networkSecurityGroups"
    operations = ok(cli("deployment operation group list -g rg1 -n simple_deploy")).json()
    creates = [op for op in operations if op["properties"].get("provisioningOperation") == "Create"]
    assert creates and creates[0]["properties"]["targetResource"]["resourceName"] == "azure-cli-deploy-test-nsg1"
    ids = [op["operationId"] for op in operations]
    shown_ops = ok(cli(["deployment", "operation", "group", "show", "-g", "rg1", "-n", "simple_deploy",
                        "--operation-ids"] + ids)).json()
    assert [op["operationId"] for op in shown_ops] == ids

    ok(cli("deployment group delete -g rg1 -n simple_deploy"))
    missing = cli("deployment group show -g rg1 -n simple_deploy")
    assert missing.exit_code == 3 and "DeploymentNotFound" in missing.stderr
    # deleting the deployment leaves its resources
    ok(cli("resource show -g rg1 -n azure-cli-deploy-test-nsg1 --resource-type Microsoft.Network/networkSecurityGroups"))


def test_what_if_modify_then_no_change(local_cli, tmp_path):
    cli = local_cli
    ok(cli("group create -n rg1 -l westus -o none"))
    path = write(tmp_path, "storage.json", STORAGE_TEMPLATE)
    ok(cli(["deployment", "group", "create", "-g", "rg1", "-f", path, "-p", "name=clistore1", "-o", "none"]))

    same = cli(["deployment", "group", "what-if", "-g", "rg1", "-f", path, "-p", "name=clistore1", "--exit-code"])
    assert same.exit_code == 0, same
    assert "  = Microsoft.Storage/storageAccounts/clistore1" in same.stdout
    assert same.stdout.rstrip().endswith("Resource changes: 1 no change.")

    changed = cli(["deployment", "group", "what-if", "-g", "rg1", "-f", path, "-p", "name=clistore1",
                   "-p", "sku=Standard_GRS", "--exit-code"])
    assert changed.exit_code == 2, changed
    # ARM also puts apiVersion in `before`, which the report then shows as " [2023-01-01]"
    assert "\n  ~ Microsoft.Storage/storageAccounts/clistore1" in changed.stdout
    assert '    ~ sku.name: "Standard_LRS" => "Standard_GRS"' in changed.stdout
    assert "Resource changes: 1 to modify." in changed.stdout
    assert "\033" not in changed.stdout  # no colour without a terminal

    raw = cli(["deployment", "group", "what-if", "-g", "rg1", "-f", path, "-p", "name=clistore1",
               "-p", "sku=Standard_GRS", "--no-pretty-print", "--exit-code"])
    assert raw.exit_code == 2, raw
    result = raw.json()  # printed as data before the exit code
    assert result["status"] == "Succeeded"
    assert result["changes"][0]["changeType"] == "Modify"
    assert {"path": "sku.name", "propertyChangeType": "Modify", "before": "Standard_LRS",
            "after": "Standard_GRS"}.items() <= result["changes"][0]["delta"][0].items()
    quiet = ok(cli(["deployment", "group", "what-if", "-g", "rg1", "-f", path, "-p", "name=clistore1",
                    "-p", "sku=Standard_GRS", "--no-pretty-print", "-x", "Modify"])).json()
    assert quiet["changes"] == []

    # create --what-if only reports; -c without a terminal refuses unless nothing would change
    report = ok(cli(["deployment", "group", "create", "-g", "rg1", "-f", path, "-p", "name=clistore1",
                     "-p", "sku=Standard_GRS", "--what-if"]))
    assert "Resource changes: 1 to modify." in report.stdout
    refused = cli(["deployment", "group", "create", "-g", "rg1", "-f", path, "-p", "name=clistore1",
                   "-p", "sku=Standard_GRS", "--confirm-with-what-if"])
    assert refused.exit_code == 2 and "terminal" in refused.stderr, refused
    sku = ok(cli("resource show -g rg1 -n clistore1 --resource-type Microsoft.Storage/storageAccounts "
                 "--query sku.name -o tsv")).stdout.strip()
    assert sku == "Standard_LRS"
    proceeded = ok(cli(["deployment", "group", "create", "-g", "rg1", "-f", path, "-p", "name=clistore1", "-c",
                        "--proceed-if-no-change"]))
    assert "Resource changes: 1 no change." in proceeded.stdout


def test_validation_failure_exit_8_with_the_error_tree(local_cli, tmp_path):
    cli = local_cli
    ok(cli("group create -n rg1 -l westus -o none"))
    bad = dict(STORAGE_TEMPLATE, resources=[dict(STORAGE_TEMPLATE["resources"][0], name="[nosuchfunction()]")])
    path = write(tmp_path, "bad.json", bad)
    for verb in ("validate", "create", "what-if"):
        result = cli(["deployment", "group", verb, "-g", "rg1", "-f", path, "-p", "name=x"])
        assert result.exit_code == 8, result
        assert "(InvalidTemplate)" in result.stderr and "nosuchfunction" in result.stderr, result
    assert ok(cli("deployment group list -g rg1")).json() == []
    good = ok(cli(["deployment", "group", "validate", "-g", "rg1", "-f", data("simple_deploy.json"),
                   "-p", "name=nsg1"])).json()
    assert good["properties"]["provisioningState"] == "Succeeded"
    missing_group = cli(["deployment", "group", "validate", "-g", "nogroup", "-f", data("simple_deploy.json"),
                         "-p", "name=nsg1"])
    assert missing_group.exit_code == 3, missing_group


def test_failed_deployment_prints_the_failed_operations(local_cli, tmp_path):
    cli = local_cli
    ok(cli("group create -n rg1 -l westus -o none"))
    path = write(tmp_path, "badname.json", STORAGE_TEMPLATE)
    result = cli(["deployment", "group", "create", "-g", "rg1", "-f", path, "-n", "dep1", "-p", "name=Bad_Name!"])
    assert result.exit_code == 1, result
    lines = result.stderr.splitlines()
    assert lines[0] == "ERROR: Deployment 'dep1' failed."
    assert any("(DeploymentFailed)" in line for line in lines)
    assert "Failed operations:" in lines
    assert any("Microsoft.Storage/storageAccounts 'Bad_Name!'" in line for line in lines)
    assert sum("(AccountNameInvalid)" in line for line in lines) >= 2  # in the tree and under the operation
    state = ok(cli("deployment group show -g rg1 -n dep1 --query properties.provisioningState -o tsv")).stdout.strip()
    assert state == "Failed"


def test_missing_parameters_and_key_vault_references(local_cli, tmp_path):
    cli = local_cli
    ok(cli("group create -n rg1 -l westus -o none"))
    two = dict(STORAGE_TEMPLATE, parameters={"name": {"type": "string"}, "kind": {"type": "string"},
                                             "sku": {"type": "string", "defaultValue": "Standard_LRS"}})
    path = write(tmp_path, "two.json", two)
    for extra in ([], ["--no-prompt"]):
        result = cli(["deployment", "group", "create", "-g", "rg1", "-f", path] + extra)
        assert result.exit_code == 2, result
        assert "Missing input parameters: name, kind" in result.stderr
    reference = json.dumps({"name": {"reference": {"keyVault": {"id": "/subscriptions/x/resourceGroups/g/providers/"
                                                                      "Microsoft.KeyVault/vaults/v"},
                                                   "secretName": "s"}}, "kind": {"value": "StorageV2"}})
    result = cli(["deployment", "group", "validate", "-g", "rg1", "-f", path, "-p", reference])
    assert result.exit_code == 8 and "KeyVaultParameterReferenceNotFound" in result.stderr, result
    unknown = cli(["deployment", "group", "validate", "-g", "rg1", "-f", path, "-p", "colour=blue"])
    assert unknown.exit_code == 2 and "unrecognized template parameter 'colour'" in unknown.stderr


def test_subscription_deployment(local_cli):
    cli = local_cli
    template, parameters = data("subscription_level_template.json"), data("subscription_level_parameters.json")
    created = ok(cli(["deployment", "sub", "create", "-l", "westus", "--template-file", template,
                      "--parameters", "@" + parameters])).json()
    assert created["name"] == "subscription_level_template" and created["location"] == "westus"
    assert created["properties"]["provisioningState"] == "Succeeded"
    assert ok(cli("group exists -n cli_test_subscription_level_deployment")).stdout.strip() == "true"
    assert ok(cli("deployment sub list --query [].name")).json() == ["subscription_level_template"]
    assert ok(cli("deployment sub show -n subscription_level_template --query location -o tsv")).stdout.strip() == "westus"
    assert ok(cli("deployment sub export -n subscription_level_template")).json()["resources"]
    assert ok(cli("deployment operation sub list -n subscription_level_template")).json()
    no_location = cli(["deployment", "sub", "create", "--template-file", template, "-p", "@" + parameters])
    assert no_location.exit_code == 2
    ok(cli("deployment sub delete -n subscription_level_template"))
    assert cli("deployment sub show -n subscription_level_template").exit_code == 3


def test_legacy_forms_warn_and_work(local_cli):
    cli = local_cli
    ok(cli("group create -n rg1 -l westus -o none"))
    created = ok(cli(["group", "deployment", "create", "-g", "rg1", "-n", "old", "--template-file",
                      data("simple_deploy.json"), "--parameters", data("simple_deploy_parameters.json")]))
    assert ("This command is implicitly deprecated because command group 'group deployment' is deprecated and "
            "will be removed in a future release. Use 'deployment group' instead.") in created.stderr
    assert created.json()["name"] == "old"
    assert ok(cli("group deployment list -g rg1 --query [].name")).json() == ["old"]
    validated = ok(cli(["group", "deployment", "validate", "-g", "rg1", "--template-file", data("simple_deploy.json"),
                        "--parameters", "name=x"]))
    assert validated.json()["properties"]["provisioningState"] == "Succeeded"
    ops = ok(cli("group deployment operation list -g rg1 -n old"))
    assert "Use 'deployment operation group' instead." in ops.stderr
    listed = ok(cli("deployment list"))
    assert "Use 'deployment sub list' instead." in listed.stderr and listed.json() == []
    j = ok(cli(["deployment", "group", "validate", "-g", "rg1", "-f", data("simple_deploy.json"), "-p", "name=x",
                "-j", "-o", "none"]))
    assert "'--handle-extended-json-format/-j' has been deprecated" in j.stderr


def test_no_wait_wait_and_cancel(local_cli, tmp_path):
    cli = local_cli
    ok(cli("group create -n rg1 -l westus -o none"))
    path = write(tmp_path, "storage.json", STORAGE_TEMPLATE)
    slow = {"AZCLI_LOCAL_LRO_SECONDS": "60"}
    started = cli(["deployment", "group", "create", "-g", "rg1", "-f", path, "-n", "slow", "-p", "name=clistore2",
                   "--no-wait"], env=slow)
    assert started.exit_code == 0 and started.stdout == "", started
    assert "azcli deployment group wait" in started.stderr and "--created" in started.stderr
    state = ok(cli("deployment group show -g rg1 -n slow --query properties.provisioningState -o tsv",
                   env=slow)).stdout.strip()
    assert state in ("Accepted", "Running")
    again = cli(["deployment", "group", "create", "-g", "rg1", "-f", path, "-n", "slow", "-p", "name=clistore2"],
                env=slow)
    assert again.exit_code == 6 and "DeploymentActive" in again.stderr, again
    ok(cli("deployment group cancel -g rg1 -n slow", env=slow))
    not_running = cli("deployment group cancel -g rg1 -n slow")
    assert not_running.exit_code == 6 and "DeploymentCannotBeCancelled" in not_running.stderr, not_running
    state = ok(cli("deployment group show -g rg1 -n slow --query properties.provisioningState -o tsv")).stdout.strip()
    assert state == "Canceled"
    failed_wait = cli("deployment group wait -g rg1 -n slow --created --interval 1 --timeout 5")
    assert failed_wait.exit_code == 1 and "Canceled" in failed_wait.stderr

    ok(cli(["deployment", "group", "create", "-g", "rg1", "-f", path, "-n", "quick", "-p", "name=clistore3",
            "--no-wait"]))
    ok(cli("deployment group wait -g rg1 -n quick --created --interval 1 --timeout 30"))
    assert ok(cli("deployment group show -g rg1 -n quick --query properties.provisioningState -o tsv")).stdout.strip() \
        == "Succeeded"


def test_management_group_and_tenant_deployments(local_cli, tmp_path):
    cli = local_cli
    ok(cli("account management-group create -n mg1 -o none"))
    template = {"$schema": "https://schema.management.azure.com/schemas/2019-08-01/"
                           "managementGroupDeploymentTemplate.json#",
                "contentVersion": "1.0.0.0",
                "parameters": {"count": {"type": "int"}, "flag": {"type": "bool"}, "names": {"type": "array"}},
                "resources": [],
                "outputs": {"total": {"type": "int", "value": "[add(parameters('count'), length(parameters('names')))]"},
                            "flag": {"type": "bool", "value": "[parameters('flag')]"}}}
    path = write(tmp_path, "mgdeploy.json", template)
    outputs = ok(cli(["deployment", "mg", "create", "-m", "mg1", "-l", "westus", "-f", path,
                      "-p", "count=3", "flag=True", 'names=["a", "b"]', "--query", "properties.outputs"])).json()
    assert outputs["total"]["value"] == 5 and outputs["flag"]["value"] is True
    assert ok(cli("deployment mg list -m mg1 --query [].name")).json() == ["mgdeploy"]
    assert ok(cli("deployment operation mg list -m mg1 -n mgdeploy")).exit_code == 0
    tenant = ok(cli(["deployment", "tenant", "create", "-l", "westus", "-f", path, "-n", "t1",
                     "-p", "count=1", "-p", "flag=false", "-p", "names=[]"])).json()
    assert tenant["properties"]["outputs"]["flag"]["value"] is False
    assert ok(cli("deployment tenant show -n t1 --query name -o tsv")).stdout.strip() == "t1"
    ok(cli("deployment tenant delete -n t1"))
    assert cli("deployment tenant show -n t1").exit_code == 3


def test_a_resource_group_type_at_subscription_scope_fails_as_in_azure(local_cli, tmp_path):
    """A subscription deployment declaring a resource-group resource without a resourceGroup: the provider
    has no such type at the subscription's scope (InvalidResourceType), and nothing is made."""
    template = {"$schema": "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#",
                "contentVersion": "1.0.0.0",
                "resources": [{"type": "Microsoft.ManagedIdentity/userAssignedIdentities", "apiVersion": "2023-01-31",
                               "name": "misplaced", "location": "westus"}]}
    failed = local_cli(["deployment", "sub", "create", "-l", "westus", "-n", "misplaced", "-f",
                        write(tmp_path, "sub.json", template)])
    assert failed.exit_code != 0 and "InvalidResourceType" in failed.stderr, failed
    assert ok(local_cli("identity list")).json() == []
