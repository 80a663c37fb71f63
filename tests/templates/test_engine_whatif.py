"""What-if: Create, Modify with deltas, NoChange after deploying, Delete/Ignore, Deploy for unknowable bodies."""

from azcli.emulator.templates.engine import deploy, prepare
from azcli.emulator.templates.whatif import what_if

from .fakehost import FakeHost, resource, rid, template

SA = "Microsoft.Storage/storageAccounts"
VNET = "Microsoft.Network/virtualNetworks"


def _prepared(doc, host, supplied=None, mode="Incremental"):
    return prepare(doc, supplied or {}, scope=host.rg_scope(), name="d", mode=mode, host=host)


def changes(doc, host, supplied=None, mode="Incremental", **kwargs):
    answer = what_if(_prepared(doc, host, supplied, mode), host, **kwargs)
    assert answer["status"] == "Succeeded"
    return {c["resourceId"]: c for c in answer["properties"]["changes"]}


def storage(sku="Standard_LRS", subnets=("a",)):
    return template([
        resource(SA, "sa", location="westus", sku={"name": sku}, kind="StorageV2", properties={"minimumTlsVersion": "TLS1_2"}),
        resource(VNET, "vnet", location="westus", properties={
            "addressSpace": {"addressPrefixes": ["10.0.0.0/16"]},
            "subnets": [{"name": s, "properties": {"addressPrefix": f"10.0.{i}.0/24"}} for i, s in enumerate(subnets)]}),
        resource("Microsoft.Web/sites", "site", location="westus",
                 properties={"blob": "[reference('sa').primaryEndpoints.blob]"})])


def test_create_then_no_change_after_deploying():
    host = FakeHost()
    before = changes(storage(), host)
    assert before[rid(SA, "sa")]["changeType"] == "Create"
    assert before[rid(SA, "sa")]["after"]["sku"] == {"name": "Standard_LRS"}
    assert before[rid("Microsoft.Web/sites", "site")]["changeType"] == "Deploy"  # reads a resource not there yet
    deploy(_prepared(storage(), host), host)
    after = changes(storage(), host)
    assert {c["changeType"] for c in after.values()} == {"NoChange"}


def test_modify_reports_property_deltas():
    host = FakeHost()
    deploy(_prepared(storage(), host), host)
    found = changes(storage(sku="Standard_GRS", subnets=("a", "b")), host)
    sa = found[rid(SA, "sa")]
    assert sa["changeType"] == "Modify"
    assert sa["delta"] == [{"path": "sku.name", "propertyChangeType": "Modify", "before": "Standard_LRS",
                            "after": "Standard_GRS"}]
    vnet = found[rid(VNET, "vnet")]["delta"]
    assert vnet == [{"path": "properties.subnets", "propertyChangeType": "Array", "children": [
        {"path": "1", "propertyChangeType": "Create",
         "after": {"name": "b", "properties": {"addressPrefix": "10.0.1.0/24"}}}]}]
    assert found[rid("Microsoft.Web/sites", "site")]["changeType"] == "NoChange"


def test_computed_properties_and_location_spelling_are_not_noise():
    host = FakeHost()
    deploy(_prepared(storage(), host), host)
    doc = storage()
    doc["resources"][0]["location"] = "West US"
    assert changes(doc, host)[rid(SA, "sa")]["changeType"] == "NoChange"


def test_incremental_ignores_and_complete_deletes_undeclared_resources():
    host = FakeHost()
    deploy(_prepared(template([resource(SA, "stray")]), host), host)
    assert changes(storage(), host)[rid(SA, "stray")]["changeType"] == "Ignore"
    deleted = changes(storage(), host, mode="Complete")[rid(SA, "stray")]
    assert deleted["changeType"] == "Delete" and deleted["before"]["name"] == "stray"


def test_resource_id_only_format_and_nothing_changes():
    host = FakeHost()
    found = changes(storage(), host, result_format="ResourceIdOnly")
    assert found[rid(SA, "sa")] == {"resourceId": rid(SA, "sa"), "changeType": "Create"}
    assert host.store == {} and not [c for c in host.calls if c[0] in ("put", "delete")]


def test_nested_deployment_resources_are_predicted():
    host = FakeHost()
    doc = template([resource("Microsoft.Resources/deployments", "child", properties={
        "mode": "Incremental", "expressionEvaluationOptions": {"scope": "inner"},
        "parameters": {"n": {"value": "inner1"}},
        "template": template([resource(SA, "[parameters('n')]")], parameters={"n": {"type": "string"}})})])
    assert changes(doc, host)[rid(SA, "inner1")]["changeType"] == "Create"
