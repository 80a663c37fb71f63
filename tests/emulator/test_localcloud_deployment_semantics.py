"""Template semantics on the local cloud, checked on the resources a deployment leaves: Complete mode,
conditions, copy loops, dependsOn order, nested deployments across groups, and rollback on error."""
from test_localcloud_deployments import SCHEMA, group

API = "2024-03-01"
MSI = "2023-01-31"
IDENTITY = "Microsoft.ManagedIdentity/userAssignedIdentities"


def identity(name, **extra):
    return dict({"type": IDENTITY, "apiVersion": MSI, "name": name, "location": "westus"}, **extra)


def run(cloud, base, name, resources, mode="Incremental", parameters=None, outputs=None, on_error=None):
    template = {"$schema": SCHEMA, "contentVersion": "1.0.0.0", "parameters": {"flag": {"type": "bool",
                "defaultValue": False}}, "resources": resources, "outputs": outputs or {}}
    body = {"properties": {"mode": mode, "template": template, "parameters": parameters or {}}}
    if on_error is not None:
        body["properties"]["onErrorDeployment"] = on_error
    put = cloud.call("PUT", base + name, body, api_version=API)
    assert put.status_code in (200, 201), put.get_data(as_text=True)
    cloud.get_url(put.headers["Azure-AsyncOperation"])
    return cloud.call("GET", base + name, api_version=API).json["properties"]


def names_in(cloud, group_name="rg"):
    listed = cloud.call("GET", cloud.group_path(group_name) + "/resources", api_version=API).json["value"]
    return sorted(r["name"] for r in listed)


def test_copy_loops_and_conditions_decide_what_exists(cloud):
    base = group(cloud)
    props = run(cloud, base, "d", [
        identity("[concat('loop', copyIndex(1))]", copy={"name": "ids", "count": 3}),
        identity("never", condition="[parameters('flag')]"),
        identity("always", condition="[not(parameters('flag'))]")])
    assert props["provisioningState"] == "Succeeded"
    assert names_in(cloud) == ["always", "loop1", "loop2", "loop3"]


def test_complete_mode_deletes_what_the_template_no_longer_holds(cloud):
    base = group(cloud)
    run(cloud, base, "first", [identity("keep"), identity("drop")])
    assert names_in(cloud) == ["drop", "keep"]
    props = run(cloud, base, "second", [identity("keep")], mode="Complete")
    assert props["provisioningState"] == "Succeeded"
    assert names_in(cloud) == ["keep"]
    ops = cloud.call("GET", base + "second/operations", api_version=API).json["value"]
    assert {(o["properties"]["provisioningOperation"], o["properties"]["targetResource"]["resourceName"])
            for o in ops} == {("Create", "keep"), ("Delete", "drop")}


def test_dependencies_deploy_first_and_independent_resources_do_not_wait(cloud):
    base = group(cloud)
    props = run(cloud, base, "d", [
        identity("child", dependsOn=["[resourceId('%s', 'parent')]" % IDENTITY]),
        identity("parent"),
        identity("loner")])
    order = [o["properties"]["targetResource"]["resourceName"]
             for o in cloud.call("GET", base + "d/operations", api_version=API).json["value"]]
    assert order.index("parent") < order.index("child")
    deps = {d["resourceName"]: [x["resourceName"] for x in d["dependsOn"]] for d in props["dependencies"]}
    assert deps == {"child": ["parent"]}  # loner waits for nothing


def test_a_nested_deployment_deploys_into_another_group_and_is_a_deployment_there(cloud):
    base = group(cloud)
    group(cloud, "other")
    nested = {"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "inner",
              "resourceGroup": "other", "properties": {
                  "mode": "Incremental", "expressionEvaluationOptions": {"scope": "inner"},
                  "template": {"$schema": SCHEMA, "contentVersion": "1.0.0.0",
                               "resources": [identity("far")],
                               "outputs": {"client": {"type": "string",
                                                      "value": "[reference('far').clientId]"}}}}}
    props = run(cloud, base, "outer", [nested],
                outputs={"client": {"type": "string", "value": "[reference('inner').outputs.client.value]"}})
    assert props["provisioningState"] == "Succeeded", props.get("error")
    assert names_in(cloud, "other") == ["far"]
    far = cloud.call("GET", cloud.group_path("other") + "/providers/%s/far" % IDENTITY, api_version=MSI).json
    assert props["outputs"]["client"]["value"] == far["properties"]["clientId"]
    inner = cloud.call("GET", cloud.group_path("other") + "/providers/Microsoft.Resources/deployments/inner",
                       api_version=API)
    assert inner.status_code == 200 and inner.json["properties"]["provisioningState"] == "Succeeded"


def test_rollback_on_error_redeploys_the_last_successful_deployment(cloud):
    base = group(cloud)
    good = run(cloud, base, "good", [identity("stable", tags={"v": "1"})])
    assert good["provisioningState"] == "Succeeded"
    bad = run(cloud, base, "bad", [identity("stable", tags={"v": "2"}),
                                   {"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-05-01",
                                    "name": "Invalid_Name", "location": "westus",
                                    "dependsOn": ["[resourceId('%s', 'stable')]" % IDENTITY]}],
              on_error={"type": "LastSuccessful"})
    assert bad["provisioningState"] == "Failed"
    assert bad["onErrorDeployment"] == {"type": "LastSuccessful", "deploymentName": "good",
                                        "provisioningState": "Succeeded"}
    stable = cloud.call("GET", cloud.group_path("rg") + "/providers/%s/stable" % IDENTITY, api_version=MSI).json
    assert stable["tags"] == {"v": "1"}
