"""The Deployments API of the local cloud: lifecycle, validation, what-if, cancel, history, and shapes
against the published spec (shared/arm-specs, deployments 2026-06-01)."""
import time

import pytest

from emulator_helpers import Cloud
from test_localcloud_spec_shapes import DEPLOYMENTS, Definitions, check

API = "2024-03-01"
STORAGE = "2023-05-01"
SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"


def storage_template(sku="Standard_LRS", extra_resources=()):
    return {"$schema": SCHEMA, "contentVersion": "1.0.0.0",
            "parameters": {"name": {"type": "string"}, "secret": {"type": "securestring", "defaultValue": "s3cr3t!"}},
            "resources": [{"type": "Microsoft.Storage/storageAccounts", "apiVersion": STORAGE, "name": "[parameters('name')]",
                           "location": "[resourceGroup().location]", "sku": {"name": sku}, "kind": "StorageV2",
                           "properties": {}}] + list(extra_resources),
            "outputs": {"blob": {"type": "string", "value": "[reference(parameters('name')).primaryEndpoints.blob]"},
                        "echo": {"type": "securestring", "value": "[parameters('secret')]"}}}


def group(cloud, name="rg"):
    assert cloud.call("PUT", cloud.group_path(name), {"location": "westus"}).status_code in (200, 201)
    return cloud.group_path(name) + "/providers/Microsoft.Resources/deployments/"


def deploy(cloud, base, name, template, parameters=None, mode="Incremental"):
    body = {"properties": {"mode": mode, "template": template, "parameters": parameters or {}}}
    return cloud.call("PUT", base + name, body, api_version=API)


@pytest.fixture(scope="module")
def spec():
    return Definitions()


def test_create_runs_as_an_operation_and_shows_outputs_operations_and_resources(cloud, spec):
    base = group(cloud)
    put = deploy(cloud, base, "d1", storage_template(), {"name": {"value": "acct1"}})
    assert put.status_code == 201 and put.json["properties"]["provisioningState"] == "Accepted"
    check(spec, DEPLOYMENTS, "DeploymentExtended", put.json)
    status = cloud.get_url(put.headers["Azure-AsyncOperation"])
    assert status.json == {"status": "Succeeded"}
    doc = cloud.call("GET", base + "d1", api_version=API).json
    check(spec, DEPLOYMENTS, "DeploymentExtended", doc)
    props = doc["properties"]
    assert props["provisioningState"] == "Succeeded" and props["mode"] == "Incremental"
    assert props["outputs"]["blob"] == {"type": "String", "value": "https://acct1.blob.core.windows.net/"}
    assert props["outputs"]["echo"] == {"type": "SecureString"}  # secure values are never echoed
    assert props["parameters"]["secret"] == {"type": "SecureString"}
    assert [r["id"].rsplit("/", 1)[1] for r in props["outputResources"]] == ["acct1"]
    account = cloud.call("GET", props["outputResources"][0]["id"], api_version=STORAGE)
    assert account.status_code == 200 and account.json["sku"]["name"] == "Standard_LRS"
    ops = cloud.call("GET", cloud.group_path("rg") + "/deployments/d1/operations", api_version=API).json["value"]
    check(spec, DEPLOYMENTS, "DeploymentOperationsListResult", {"value": ops})
    assert [o["properties"]["targetResource"]["resourceName"] for o in ops] == ["acct1"]
    assert "s3cr3t!" not in str(doc) + str(ops)
    one = cloud.call("GET", base + "d1/operations/" + ops[0]["operationId"], api_version=API)
    assert one.status_code == 200 and one.json["id"] == ops[0]["id"]
    # A redeploy of the same name answers 200 and keeps the history entry.
    again = deploy(cloud, base, "d1", storage_template(), {"name": {"value": "acct1"}})
    assert again.status_code == 200
    assert cloud.call("HEAD", base + "d1", api_version=API).status_code == 204
    assert cloud.call("HEAD", base + "nope", api_version=API).status_code == 404


def test_template_and_parameter_errors_answer_the_put_and_store_nothing(cloud):
    base = group(cloud)
    bad = deploy(cloud, base, "bad", {"$schema": SCHEMA, "resources": [], "outputs": {"x": {"type": "string",
                                                                                            "value": "[concat('a']"}}})
    assert bad.status_code == 400 and bad.json["error"]["code"] == "InvalidTemplate"
    missing = deploy(cloud, base, "missing", storage_template())
    assert missing.status_code == 400 and "'name'" in missing.json["error"]["message"]
    extra = deploy(cloud, base, "extra", storage_template(), {"name": {"value": "a"}, "nope": {"value": 1}})
    assert extra.status_code == 400 and "nope" in extra.json["error"]["message"]
    for name in ("bad", "missing", "extra"):
        assert cloud.call("GET", base + name, api_version=API).status_code == 404
    nogroup = cloud.call("PUT", cloud.group_path("nogroup") + "/providers/Microsoft.Resources/deployments/x",
                         {"properties": {"mode": "Incremental", "template": storage_template()}}, api_version=API)
    assert nogroup.status_code == 404 and nogroup.json["error"]["code"] == "ResourceGroupNotFound"
    name = deploy(cloud, base, "bad name!", storage_template(), {"name": {"value": "a"}})
    assert name.status_code == 400 and name.json["error"]["code"] == "InvalidDeploymentName"


def test_a_failed_resource_fails_the_deployment_with_the_error_tree(cloud):
    base = group(cloud)
    template = storage_template()
    template["resources"][0]["name"] = "Not_Valid"
    template["outputs"] = {}
    put = deploy(cloud, base, "fails", template, {"name": {"value": "x"}})
    assert cloud.get_url(put.headers["Azure-AsyncOperation"]).json["status"] == "Failed"
    error = cloud.call("GET", base + "fails", api_version=API).json["properties"]["error"]
    assert error["code"] == "DeploymentFailed"
    assert error["details"][0]["code"] == "AccountNameInvalid"
    ops = cloud.call("GET", base + "fails/operations", api_version=API).json["value"]
    assert ops[0]["properties"]["provisioningState"] == "Failed"
    assert ops[0]["properties"]["statusMessage"]["error"]["code"] == "AccountNameInvalid"


def test_a_read_only_lock_fails_the_resources_not_the_request(cloud):
    base = group(cloud)
    lock = cloud.call("PUT", cloud.group_path("rg") + "/providers/Microsoft.Authorization/locks/ro",
                      {"properties": {"level": "ReadOnly"}}, api_version="2020-05-01")
    assert lock.status_code == 201
    put = deploy(cloud, base, "locked", storage_template(), {"name": {"value": "acct2"}})
    assert put.status_code == 201
    assert cloud.get_url(put.headers["Azure-AsyncOperation"]).json["status"] == "Failed"
    error = cloud.call("GET", base + "locked", api_version=API).json["properties"]["error"]
    assert error["details"][0]["code"] == "ScopeLocked"


def test_validate_plans_without_creating_anything(cloud, spec):
    base = group(cloud)
    body = {"properties": {"mode": "Incremental", "template": storage_template(), "parameters": {"name": {"value": "v1"}}}}
    r = cloud.call("POST", base + "v/validate", body, api_version=API)
    assert r.status_code == 200
    check(spec, DEPLOYMENTS, "DeploymentValidateResult", r.json)
    assert [x["id"].rsplit("/", 1)[1] for x in r.json["properties"]["validatedResources"]] == ["v1"]
    assert cloud.call("GET", base + "v", api_version=API).status_code == 404
    assert cloud.call("GET", cloud.group_path("rg") + "/providers/Microsoft.Storage/storageAccounts/v1",
                      api_version=STORAGE).status_code == 404
    body["properties"]["parameters"] = {}
    assert cloud.call("POST", base + "v/validate", body, api_version=API).status_code == 400


def _what_if(cloud, base, template, parameters):
    body = {"properties": {"mode": "Incremental", "template": template, "parameters": parameters}}
    r = cloud.call("POST", base + "w/whatIf", body, api_version=API)
    assert r.status_code == 202
    result = cloud.get_url(r.headers["Location"])
    assert result.status_code == 200
    return result.json


def test_what_if_predicts_create_modify_and_no_change(cloud, spec):
    base = group(cloud)
    params = {"name": {"value": "wi1"}}
    first = _what_if(cloud, base, storage_template(), params)
    check(spec, DEPLOYMENTS, "WhatIfOperationResult", first)
    assert [c["changeType"] for c in first["properties"]["changes"]] == ["Create"]
    assert cloud.call("GET", cloud.group_path("rg") + "/providers/Microsoft.Storage/storageAccounts/wi1",
                      api_version=STORAGE).status_code == 404
    put = deploy(cloud, base, "d", storage_template(), params)
    cloud.get_url(put.headers["Azure-AsyncOperation"])
    same = _what_if(cloud, base, storage_template(), params)
    assert [c["changeType"] for c in same["properties"]["changes"]] == ["NoChange"]
    changed = _what_if(cloud, base, storage_template(sku="Standard_GRS"), params)
    (change,) = changed["properties"]["changes"]
    assert change["changeType"] == "Modify"
    assert {"path": "sku.name", "propertyChangeType": "Modify", "before": "Standard_LRS",
            "after": "Standard_GRS"} in change["delta"]


def test_cancel_stops_a_deployment_before_it_runs(tmp_path):
    cloud = Cloud(tmp_path / "state", lro_seconds=1.0)
    base = group(cloud)
    put = deploy(cloud, base, "slow", storage_template(), {"name": {"value": "never"}})
    assert put.status_code == 201
    assert cloud.call("POST", base + "slow/cancel", api_version=API).status_code == 204
    assert cloud.call("GET", base + "slow", api_version=API).json["properties"]["provisioningState"] == "Canceled"
    time.sleep(1.1)
    assert cloud.get_url(put.headers["Azure-AsyncOperation"]).json["status"] == "Canceled"
    assert cloud.call("GET", cloud.group_path("rg") + "/providers/Microsoft.Storage/storageAccounts/never",
                      api_version=STORAGE).status_code == 404
    again = cloud.call("POST", base + "slow/cancel", api_version=API)
    assert again.status_code == 409 and again.json["error"]["code"] == "DeploymentCannotBeCancelled"


def test_a_running_deployment_cannot_be_replaced(tmp_path):
    cloud = Cloud(tmp_path / "state", lro_seconds=5.0)
    base = group(cloud)
    assert deploy(cloud, base, "busy", storage_template(), {"name": {"value": "b1"}}).status_code == 201
    second = deploy(cloud, base, "busy", storage_template(), {"name": {"value": "b1"}})
    assert second.status_code == 409 and second.json["error"]["code"] == "DeploymentActive"


def test_delete_list_filter_and_the_group_taking_its_deployments_along(cloud):
    base = group(cloud)
    empty = {"$schema": SCHEMA, "resources": []}
    for name in ("a", "b"):
        cloud.get_url(deploy(cloud, base, name, empty).headers["Azure-AsyncOperation"])
    failing = {"$schema": SCHEMA, "resources": [{"type": "Microsoft.Storage/storageAccounts", "apiVersion": STORAGE,
                                                 "name": "UPPER", "location": "westus"}]}
    cloud.get_url(deploy(cloud, base, "c", failing).headers["Azure-AsyncOperation"])
    names = [d["name"] for d in cloud.call("GET", base, api_version=API).json["value"]]
    assert names == ["a", "b", "c"]
    failed = cloud.call("GET", base, api_version=API, query={"$filter": "provisioningState eq 'Failed'"}).json
    assert [d["name"] for d in failed["value"]] == ["c"]
    bad = cloud.call("GET", base, api_version=API, query={"$filter": "name eq 'a'"})
    assert bad.status_code == 400
    deleted = cloud.call("DELETE", base + "a", api_version=API)
    assert deleted.status_code == 202 and cloud.get_url(deleted.headers["Location"]).status_code == 204
    assert cloud.call("GET", base + "a", api_version=API).status_code == 404
    assert cloud.call("DELETE", base + "a", api_version=API).status_code == 204
    exported = cloud.call("POST", base + "b/exportTemplate", api_version=API)
    assert exported.status_code == 200 and exported.json["template"] == empty
    gone = cloud.call("DELETE", cloud.group_path("rg"), api_version=API)
    cloud.get_url(gone.headers["Location"])
    assert cloud.call("PUT", cloud.group_path("rg"), {"location": "westus"}).status_code == 201
    assert cloud.call("GET", base, api_version=API).json["value"] == []


def test_history_keeps_800_per_scope(cloud):
    base = group(cloud)
    empty = {"properties": {"mode": "Incremental", "template": {"$schema": SCHEMA, "resources": []}}}
    for i in range(801):
        assert cloud.call("PUT", base + "h%03d" % i, empty, api_version=API).status_code == 201
    cloud.call("GET", base + "h800", api_version=API)  # settles what is due
    assert cloud.call("GET", base + "h000", api_version=API).status_code == 404
    assert cloud.call("GET", base + "h001", api_version=API).status_code == 200


def test_subscription_scope_needs_a_location_and_creates_groups(cloud):
    base = "/subscriptions/%s/providers/Microsoft.Resources/deployments/" % cloud.sub
    template = {"$schema": "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#",
                "resources": [{"type": "Microsoft.Resources/resourceGroups", "apiVersion": "2022-09-01",
                               "name": "made-by-template", "location": "eastus", "tags": {"by": "template"}}],
                "outputs": {"where": {"type": "string", "value": "[deployment().location]"}}}
    body = {"properties": {"mode": "Incremental", "template": template}}
    nowhere = cloud.call("PUT", base + "s1", body, api_version=API)
    assert nowhere.status_code == 400 and nowhere.json["error"]["code"] == "LocationRequired"
    body["location"] = "westus"
    put = cloud.call("PUT", base + "s1", body, api_version=API)
    assert put.status_code == 201 and cloud.get_url(put.headers["Azure-AsyncOperation"]).json["status"] == "Succeeded"
    doc = cloud.call("GET", base + "s1", api_version=API).json
    assert doc["location"] == "westus" and doc["properties"]["outputs"]["where"]["value"] == "westus"
    made = cloud.call("GET", cloud.group_path("made-by-template"), api_version=API).json
    assert made["location"] == "eastus" and made["tags"] == {"by": "template"}
    body["location"] = "eastus"
    moved = cloud.call("PUT", base + "s1", body, api_version=API)
    assert moved.status_code == 400 and moved.json["error"]["code"] == "InvalidDeploymentLocation"


def test_a_management_group_deployment_needs_the_group(cloud):
    base = "/providers/Microsoft.Management/managementGroups/absent/providers/Microsoft.Resources/deployments/m"
    body = {"location": "westus", "properties": {"mode": "Incremental", "template": {
        "$schema": "https://schema.management.azure.com/schemas/2019-08-01/managementGroupDeploymentTemplate.json#",
        "resources": []}}}
    r = cloud.call("PUT", base, body, api_version=API)
    assert r.status_code == 404
