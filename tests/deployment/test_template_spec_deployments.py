"""Template spec versions in the local cloud (Microsoft.Resources/templateSpecs, 2022-02-01) and
deployments that name one: `deployment group create --template-spec <version id>` deploys its
mainTemplate, nested deployments link its linkedTemplates by relativePath, as in Azure."""
import json

SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"
TS = "2022-02-01"


def ok(result):
    assert result.exit_code == 0, result
    return result


def identity(name_expr):
    return {"type": "Microsoft.ManagedIdentity/userAssignedIdentities", "apiVersion": "2023-01-31",
            "name": name_expr, "location": "westus"}


def nested(name, relative_path, parameters=None):
    return {"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": name,
            "properties": {"mode": "Incremental", "templateLink": {"relativePath": relative_path},
                           "parameters": parameters or {}}}


LEAF = {"$schema": SCHEMA, "contentVersion": "1.0.0.0", "parameters": {"name": {"type": "string"}},
        "resources": [identity("[concat(parameters('name'), '-leaf')]")]}
CHILD = {"$schema": SCHEMA, "contentVersion": "1.0.0.0", "parameters": {"name": {"type": "string"}},
         "resources": [identity("[concat(parameters('name'), '-child')]"),
                       nested("leaf", "../shared/leaf.json", {"name": {"value": "[parameters('name')]"}})]}
MAIN = {"$schema": SCHEMA, "contentVersion": "2.0.0.0", "parameters": {"name": {"type": "string"}},
        "resources": [identity("[parameters('name')]"),
                      nested("child", "artifacts/child.json", {"name": {"value": "[parameters('name')]"}})],
        "outputs": {"echo": {"type": "string", "value": "[parameters('name')]"}}}


def _put(cli, path, body):
    return cli(["rest", "--method", "put", "--url", path + "?api-version=" + TS, "--body", json.dumps(body)])


def _spec(cli, name="spec1", version="1.0", main=MAIN, linked=None, group="rg1"):
    sub = ok(cli("account show --query id -o tsv")).stdout.strip()
    spec = "/subscriptions/%s/resourceGroups/%s/providers/Microsoft.Resources/templateSpecs/%s" % (sub, group, name)
    made = ok(_put(cli, spec, {"location": "westus", "properties": {"description": "a spec"}})).json()
    assert "provisioningState" not in made["properties"]
    artifacts = [{"path": "artifacts/child.json", "template": CHILD}, {"path": "shared/leaf.json", "template": LEAF}] \
        if linked is None else linked
    body = {"location": "westus", "properties": {"mainTemplate": main, "linkedTemplates": artifacts}}
    version_doc = ok(_put(cli, spec + "/versions/" + version, body)).json()
    assert version_doc["properties"]["mainTemplate"] == main and "provisioningState" not in version_doc["properties"]
    return version_doc["id"]


def test_deploying_a_template_spec_version_with_linked_templates(local_cli):
    cli = local_cli
    ok(cli("group create -n rg1 -l westus -o none"))
    version_id = _spec(cli)
    done = ok(cli(["deployment", "group", "create", "-g", "rg1", "--template-spec", version_id,
                   "--parameters", "name=app"])).json()
    assert done["name"] == "deployment1" and done["properties"]["provisioningState"] == "Succeeded"
    link = done["properties"]["templateLink"]
    assert (link["id"], link["contentVersion"], link["uri"]) == (version_id, "2.0.0.0", None)
    assert done["properties"]["outputs"]["echo"]["value"] == "app"
    names = sorted(ok(cli("identity list -g rg1 --query [].name")).json())
    assert names == ["app", "app-child", "app-leaf"]
    child = ok(cli("deployment group show -g rg1 -n child")).json()
    assert child["properties"]["templateLink"]["relativePath"] == "artifacts/child.json"
    # the parameters come from the version's mainTemplate: one missing is asked for, or refused without a terminal
    missing = cli(["deployment", "group", "create", "-g", "rg1", "--template-spec", version_id])
    assert missing.exit_code != 0 and "name" in missing.stderr
    assert ok(cli(["deployment", "group", "validate", "-g", "rg1", "--template-spec", version_id,
                   "--parameters", "name=other"]))


def test_a_missing_version_or_linked_template_is_refused(local_cli):
    cli = local_cli
    ok(cli("group create -n rg1 -l westus -o none"))
    version_id = _spec(cli, linked=[{"path": "artifacts/child.json", "template": CHILD}])  # leaf.json missing
    absent = cli(["deployment", "group", "create", "-g", "rg1", "--template-spec", version_id[:-3] + "9.9",
                  "--parameters", "name=x"])
    assert absent.exit_code == 3 and len(absent.stderr.strip().splitlines()) == 1
    not_a_version = cli(["deployment", "group", "create", "-g", "rg1", "--template-spec",
                         version_id.rsplit("/versions/", 1)[0]])
    assert not_a_version.exit_code == 2 and "versions/{version}" in not_a_version.stderr
    failed = cli(["deployment", "group", "create", "-g", "rg1", "--template-spec", version_id,
                  "--parameters", "name=x"])
    assert failed.exit_code != 0 and "shared/leaf.json" in failed.stderr
    assert ok(cli("identity list -g rg1 --query [].name")).json() in ([], ["x"], ["x", "x-child"],
                                                                         ["x-child", "x"])
