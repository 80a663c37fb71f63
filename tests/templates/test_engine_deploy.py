"""Deploying: resulting resources, order, failures, nested deployments, Complete mode, records."""

import time

from azcli.emulator.templates.engine import deploy, prepare
from azcli.emulator.templates.host import HostError

from .fakehost import SUB, FakeHost, resource, rid, template

SA = "Microsoft.Storage/storageAccounts"
VNET = "Microsoft.Network/virtualNetworks"
DEPLOYMENTS = "Microsoft.Resources/deployments"


def run(doc, supplied=None, host=None, mode="Incremental", scope=None):
    host = host or FakeHost()
    prepared = prepare(doc, supplied or {}, scope=scope or host.rg_scope(), name="main", mode=mode, host=host)
    return host, prepared, deploy(prepared, host)


def test_copy_loops_conditions_and_property_copies_produce_the_resources():
    doc = template([
        resource(SA, "[concat('sa', copyIndex())]", location="westus", copy={"name": "l", "count": 3},
                 condition="[not(equals(copyIndex(), 1))]"),
        resource("Microsoft.Compute/virtualMachines", "vm", properties={"storageProfile": {"copy": [
            {"name": "dataDisks", "count": 2, "input": {"lun": "[copyIndex('dataDisks')]", "size": 8}}]}})])
    host, _, result = run(doc)
    assert result.provisioning_state == "Succeeded"
    assert host.doc(rid(SA, "sa0")) and host.doc(rid(SA, "sa2")) and host.doc(rid(SA, "sa1")) is None
    vm = host.doc(rid("Microsoft.Compute/virtualMachines", "vm"))
    assert vm["properties"]["storageProfile"] == {"dataDisks": [{"lun": 0, "size": 8}, {"lun": 1, "size": 8}]}
    assert vm["name"] == "vm" and vm["properties"]["provisioningState"] == "Succeeded"
    assert [o["id"] for o in result.output_resources] == [rid(SA, "sa0"), rid(SA, "sa2"),
                                                          rid("Microsoft.Compute/virtualMachines", "vm")]


def test_dependencies_order_the_puts_and_are_recorded_in_arm_shape():
    doc = template([resource(VNET + "/subnets", "vnet/s1", dependsOn=["vnet"]), resource(VNET, "vnet"),
                    resource(SA, "free")])
    host, _, result = run(doc)
    puts = host.puts()
    assert puts.index(rid(VNET, "vnet")) < puts.index(rid(VNET + "/subnets", "vnet/s1"))
    assert result.dependencies == [{"dependsOn": [{"id": rid(VNET, "vnet"), "resourceType": VNET,
                                                   "resourceName": "vnet"}],
                                    "id": rid(VNET + "/subnets", "vnet/s1"), "resourceType": VNET + "/subnets",
                                    "resourceName": "vnet/s1"}]
    operation = result.operations[0]["properties"]
    assert operation["provisioningOperation"] == "Create" and operation["statusCode"] == "Created"
    assert set(operation) >= {"provisioningState", "timestamp", "duration", "trackingId", "targetResource"}
    assert len(result.operations) == 3


def test_reference_reads_the_state_after_the_referenced_resource_deployed():
    doc = template([
        resource("Microsoft.Web/sites", "site", properties={
            "blob": "[reference('store').primaryEndpoints.blob]",
            "key": f"[listKeys(resourceId('{SA}', 'store'), '2023-01-01').keys[0].value]",
            "loc": f"[reference(resourceId('{SA}', 'store'), '2023-01-01', 'Full').location]"}),
        resource(SA, "store", location="eastus")],
        outputs={"host": {"type": "string", "value": "[reference('site').blob]"},
                 "ids": {"type": "array", "copy": {"count": 2, "input": "[concat('x', copyIndex())]"}}})
    host, _, result = run(doc)
    site = host.doc(rid("Microsoft.Web/sites", "site"))["properties"]
    assert site["blob"] == "https://store.blob.core.windows.net/" and site["loc"] == "eastus"
    assert site["key"] == "a2V5MQ=="
    assert result.outputs == {"host": {"type": "String", "value": "https://store.blob.core.windows.net/"},
                              "ids": {"type": "Array", "value": ["x0", "x1"]}}


def test_a_failed_put_fails_the_deployment_and_blocks_its_dependents_only():
    host = FakeHost()
    host.fail_puts[rid(SA, "bad").lower()] = HostError(409, "StorageAccountAlreadyTaken", "The name is taken.")
    doc = template([resource(SA, "bad"), resource(VNET, "after", dependsOn=["bad"]), resource(VNET, "free")],
                   outputs={"o": {"type": "string", "value": "x"}})
    _, _, result = run(doc, host=host)
    assert result.provisioning_state == "Failed"
    assert result.error["code"] == "DeploymentFailed"
    assert result.error["message"].startswith("At least one resource deployment operation failed. Please list "
                                              "deployment operations for details.")
    assert result.error["details"] == [{"code": "StorageAccountAlreadyTaken", "message": "The name is taken.",
                                        "target": rid(SA, "bad")}]
    assert host.doc(rid(VNET, "free")) and host.doc(rid(VNET, "after")) is None
    failed = [o["properties"] for o in result.operations if o["properties"]["provisioningState"] == "Failed"]
    assert failed[0]["statusCode"] == "Conflict" and failed[0]["statusMessage"]["error"]["code"] == \
        "StorageAccountAlreadyTaken"
    assert result.outputs == {}


def test_a_reference_to_a_missing_resource_fails_that_resource():
    doc = template([resource(SA, "a", properties={"x": f"[reference(resourceId('{SA}', 'ghost')).y]"})])
    _, _, result = run(doc)
    assert result.provisioning_state == "Failed"
    assert result.error["details"][0]["code"] == "ResourceNotFound"


def test_nested_deployment_inner_scope_with_outputs_read_by_the_parent():
    inner = template([resource(SA, "[parameters('name')]", location="westus")],
                     parameters={"name": {"type": "string"}},
                     outputs={"made": {"type": "string", "value": "[parameters('name')]"}})
    doc = template([
        resource(DEPLOYMENTS, "child", properties={"mode": "Incremental", "expressionEvaluationOptions": {
            "scope": "inner"}, "parameters": {"name": {"value": "[concat('n', 'ested')]"}}, "template": inner}),
        resource(VNET, "uses", properties={"x": "[reference('child').outputs.made.value]"})],
        outputs={"fromChild": {"type": "string", "value": "[reference('child').outputs.made.value]"}})
    host, _, result = run(doc)
    assert result.provisioning_state == "Succeeded", result.error
    assert host.doc(rid(SA, "nested"))
    assert host.doc(rid(VNET, "uses"))["properties"]["x"] == "nested"
    assert result.outputs["fromChild"]["value"] == "nested"
    saved = host.deployments[rid(DEPLOYMENTS, "child").lower()]
    assert saved["properties"]["provisioningState"] == "Succeeded"
    assert saved["properties"]["outputs"] == {"made": {"type": "String", "value": "nested"}}
    assert [c[2] for c in host.calls if c[0] == "save_deployment"] == ["Running", "Succeeded"]
    assert {"id": rid(SA, "nested")} in result.output_resources


def test_nested_deployment_outer_scope_sees_the_parent_parameters_and_variables():
    inner = template([resource(SA, "[concat(parameters('prefix'), variables('suffix'))]")])
    doc = template([resource(DEPLOYMENTS, "child", properties={"mode": "Incremental", "template": inner})],
                   parameters={"prefix": {"type": "string", "defaultValue": "out"}}, variables={"suffix": "er"})
    host, _, result = run(doc)
    assert result.provisioning_state == "Succeeded", result.error
    assert host.doc(rid(SA, "outer"))


def test_nested_deployment_to_another_resource_group_and_a_linked_template():
    host = FakeHost(groups=("rg", "other"))
    host.documents["https://example.com/t.json"] = (
        b'{"$schema": "x", "resources": [{"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01",'
        b' "name": "linked"}], // ARM reads comments\n}')
    doc = template([
        resource(DEPLOYMENTS, "cross", resourceGroup="other", properties={"mode": "Incremental", "template": template(
            [resource(SA, "[concat('in', resourceGroup().name)]")]), "expressionEvaluationOptions": {"scope": "inner"}}),
        resource(DEPLOYMENTS, "link", properties={"mode": "Incremental",
                                                   "templateLink": {"uri": "https://example.com/t.json"}})])
    _, _, result = run(doc, host=host)
    assert result.provisioning_state == "Succeeded", result.error
    assert host.doc(rid(SA, "inother", group="other")) and host.doc(rid(SA, "linked"))
    assert rid(DEPLOYMENTS, "cross", group="other").lower() in host.deployments


def test_a_linked_template_takes_parameters_without_an_inner_scope():
    """expressionEvaluationOptions is for inline templates; a linked one always has its own parameters."""
    host = FakeHost()
    host.documents["https://example.com/p.json"] = (
        b'{"$schema": "x", "parameters": {"n": {"type": "string"}}, "resources": [{"type": '
        b'"Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01", "name": "[parameters(\'n\')]"}]}')
    doc = template([resource(DEPLOYMENTS, "link", properties={
        "mode": "Incremental", "templateLink": {"uri": "https://example.com/p.json"},
        "parameters": {"n": {"value": "given"}}})])
    _, _, result = run(doc, host=host)
    assert result.provisioning_state == "Succeeded", result.error
    assert host.doc(rid(SA, "given"))


def test_a_failing_nested_deployment_fails_the_parent_with_the_nested_tree():
    host = FakeHost()
    host.fail_puts[rid(SA, "x").lower()] = HostError(400, "InvalidSku", "bad sku")
    doc = template([resource(DEPLOYMENTS, "child", properties={"mode": "Incremental", "template": template(
        [resource(SA, "x")])})])
    _, _, result = run(doc, host=host)
    detail = result.error["details"][0]
    assert detail["code"] == "DeploymentFailed" and detail["target"] == rid(DEPLOYMENTS, "child")
    assert detail["details"][0]["code"] == "InvalidSku"


def test_subscription_deployment_creates_a_group_then_deploys_into_it():
    host = FakeHost(groups=("rg",))
    doc = template([
        resource("Microsoft.Resources/resourceGroups", "newrg", location="westus"),
        resource(DEPLOYMENTS, "intoNew", resourceGroup="newrg", dependsOn=["newrg"], properties={
            "mode": "Incremental", "template": template([resource(SA, "s")])})])
    _, prepared, result = run(doc, host=host, scope=host.scope(SUB))
    assert result.provisioning_state == "Succeeded", result.error
    assert host.doc(rid(SA, "s", group="newrg"))
    assert prepared.plan.waves[1][0].name == "intoNew"


def test_complete_mode_deletes_what_the_template_does_not_declare():
    host = FakeHost()
    run(template([resource(SA, "keep"), resource(SA, "drop"), resource(VNET, "off")]), host=host)
    doc = template([resource(SA, "keep"), resource(VNET, "off", condition=False)])
    _, _, result = run(doc, host=host, mode="Complete")
    assert result.provisioning_state == "Succeeded"
    assert host.doc(rid(SA, "drop")) is None and host.doc(rid(SA, "keep")) and host.doc(rid(VNET, "off"))
    deletes = [o["properties"] for o in result.operations if o["properties"]["provisioningOperation"] == "Delete"]
    assert [d["targetResource"]["id"] for d in deletes] == [rid(SA, "drop")]


def test_incremental_mode_leaves_other_resources_alone():
    host = FakeHost()
    run(template([resource(SA, "other")]), host=host)
    run(template([resource(SA, "mine")]), host=host)
    assert host.doc(rid(SA, "other"))


def test_redeploying_reports_ok_instead_of_created():
    host = FakeHost()
    doc = template([resource(SA, "a")])
    run(doc, host=host)
    _, _, result = run(doc, host=host)
    assert result.operations[0]["properties"]["statusCode"] == "OK"


def test_two_hundred_resource_copy_loop_deploys_fast():
    doc = template([resource(SA, "[concat('s', copyIndex())]", copy={"name": "l", "count": 200},
                             location="[resourceGroup().location]", properties={"i": "[copyIndex()]"})])
    host = FakeHost()
    prepared = prepare(doc, {}, scope=host.rg_scope(), name="d", host=host)
    started = time.perf_counter()
    result = deploy(prepared, host)
    assert time.perf_counter() - started < 1.0
    assert result.provisioning_state == "Succeeded" and len(host.store) == 200


def test_a_condition_reading_a_template_resource_is_decided_when_its_turn_comes():
    doc = template([resource(SA, "first", properties={"flag": True}),
                    resource(VNET, "maybe", condition="[reference('first').flag]"),
                    resource(VNET, "never", condition=f"[not(reference(resourceId('{SA}', 'first')).flag)]")])
    host, prepared, result = run(doc)
    assert result.provisioning_state == "Succeeded", result.error
    assert host.doc(rid(VNET, "maybe")) and host.doc(rid(VNET, "never")) is None
    assert [w[0].name for w in prepared.plan.waves] == ["first", "maybe"]


def test_expression_keys_in_tags_and_language_version_2_symbolic_references():
    host = FakeHost()
    run(template([resource(SA, "pre", location="westus")]), host=host)
    doc = template({
        "pre": {"type": SA, "apiVersion": "2023-01-01", "name": "pre", "existing": True},
        "net": {"type": VNET, "apiVersion": "2023-01-01", "name": "net", "location": "westus",
                "tags": {"[concat('env-', 'x')]": "[reference('pre', '2023-01-01', 'Full').location]"}},
        "site": {"type": "Microsoft.Web/sites", "apiVersion": "2023-01-01", "name": "site",
                 "properties": {"netId": "[resourceInfo('net').id]", "tag": "[reference('net').provisioningState]"}}},
        outputs={"host": {"type": "string", "value": "[reference('site').netId]"}})
    _, prepared, result = run(doc, host=host)
    assert result.provisioning_state == "Succeeded", result.error
    assert host.doc(rid(VNET, "net"))["tags"] == {"env-x": "westus"}
    assert host.doc(rid("Microsoft.Web/sites", "site"))["properties"]["tag"] == "Succeeded"
    assert result.outputs["host"]["value"] == rid(VNET, "net")
    assert [inst.name for inst in prepared.plan.active] == ["net", "site"]  # the existing one is only read


def test_output_of_the_wrong_type_fails_output_evaluation():
    _, _, result = run(template([], outputs={"n": {"type": "int", "value": "text"}}))
    assert result.provisioning_state == "Failed"
    assert result.error["details"][0]["code"] == "DeploymentOutputEvaluationFailed"


def test_outer_scope_functions_see_the_parent_scope_while_resources_land_in_the_target():
    host = FakeHost(groups=("rg", "other"))
    doc = template([resource(DEPLOYMENTS, "x", resourceGroup="other", properties={"mode": "Incremental", "template":
                                                                                  template([resource(SA, "[resourceGroup().name]")])})])
    _, _, result = run(doc, host=host)
    assert result.provisioning_state == "Succeeded", result.error
    assert host.doc(rid(SA, "rg", group="other"))  # ARM's well-known outer-scope behaviour


def test_nested_deployment_document_keeps_secure_parameters_out():
    inner = template([], parameters={"pw": {"type": "securestring"}, "n": {"type": "int"}})
    doc = template([resource(DEPLOYMENTS, "child", properties={
        "mode": "Incremental", "expressionEvaluationOptions": {"scope": "inner"}, "template": inner,
        "parameters": {"pw": {"value": "hunter2"}, "n": {"value": 4}}})])
    host, _, _ = run(doc)
    saved = host.deployments[rid(DEPLOYMENTS, "child").lower()]
    assert saved["properties"]["parameters"] == {"pw": {"type": "SecureString"}, "n": {"type": "Int", "value": 4}}
    assert "hunter2" not in repr(host.deployments)
