"""Planning: ids, child resources, copy loops, conditions, dependencies in every form, waves, cycles."""

import time

import pytest

from azcli.emulator.templates.engine import prepare
from azcli.emulator.templates.errors import TemplateError

from .fakehost import SUB, FakeHost, resource, rid, template

SA = "Microsoft.Storage/storageAccounts"
VNET = "Microsoft.Network/virtualNetworks"


def plan_of(doc, supplied=None, host=None):
    host = host or FakeHost()
    return prepare(doc, supplied or {}, scope=host.rg_scope(), name="d", host=host).plan


def waves(plan):
    return [[inst.name for inst in wave] for wave in plan.waves]


def test_ids_for_resource_group_subscription_extension_and_child_resources():
    host = FakeHost()
    doc = template([resource(SA, "sa1"), resource(VNET + "/subnets", "vnet/sub1"),
                    resource("Microsoft.Authorization/locks", "lk", scope=f"[concat('{SA}/', 'sa1')]"),
                    resource("Microsoft.Subscription/aliases", "al", scope="/")])
    plan = plan_of(doc, host=host)
    assert [i.id for i in plan.instances] == [
        rid(SA, "sa1"), rid(VNET + "/subnets", "vnet/sub1"), rid(SA, "sa1") + "/providers/Microsoft.Authorization/locks/lk",
        "/providers/Microsoft.Subscription/aliases/al"]
    sub = prepare(template([resource("Microsoft.Resources/resourceGroups", "g2", location="westus")]), {},
                  scope=host.scope(SUB), name="d", host=host)
    assert sub.plan.instances[0].id == f"/subscriptions/{SUB}/resourceGroups/g2"


def test_nested_child_resources_join_short_types_and_names():
    doc = template([resource("Microsoft.Web/sites", "site", resources=[
        resource("config", "web"), resource("Microsoft.Web/sites/extensions", "site/ext")])])
    plan = plan_of(doc)
    assert [(i.type, i.name) for i in plan.instances] == [
        ("Microsoft.Web/sites", "site"), ("Microsoft.Web/sites/config", "site/web"),
        ("Microsoft.Web/sites/extensions", "site/ext")]
    assert waves(plan) == [["site"], ["site/web", "site/ext"]]


def test_wrong_segment_counts_are_refused():
    with pytest.raises(TemplateError, match="incorrect segment lengths"):
        plan_of(template([resource(SA, "a/b")]))


def test_copy_loops_with_copyindex_offset_and_range():
    doc = template([resource(SA, "[concat('sa', copyIndex(1))]", copy={"name": "loop", "count": 3}),
                    resource(VNET, "[concat('vn', range(5, 2)[copyIndex()])]",
                             copy={"name": "nets", "count": "[length(range(5, 2))]"})])
    assert [i.name for i in plan_of(doc).instances] == ["sa1", "sa2", "sa3", "vn5", "vn6"]


def test_zero_count_and_bad_count():
    assert plan_of(template([resource(SA, "a", copy={"name": "l", "count": 0})])).instances == []
    with pytest.raises(TemplateError, match="copy count"):
        plan_of(template([resource(SA, "a", copy={"name": "l", "count": 801})]))


def test_conditions_and_dependencies_on_resources_that_are_not_deployed():
    doc = template([resource(SA, "off", condition="[equals(1, 2)]"),
                    resource(SA, "on", condition=True, dependsOn=["off"])])
    plan = plan_of(doc)
    assert [(i.name, i.active) for i in plan.instances] == [("off", False), ("on", True)]
    assert [i.name for i in plan.active] == ["on"]
    assert plan.instances[1].depends == []


def test_depends_on_every_form_arm_accepts():
    doc = template([
        resource(SA, "sa"), resource(VNET, "vnet"), resource(SA, "[concat('c', copyIndex())]",
                                                           copy={"name": "cp", "count": 2}),
        resource("Microsoft.Web/sites", "site", dependsOn=[
            "sa", f"{VNET}/vnet", "cp", f"[resourceId('{SA}', 'sa')]",
            f"/subscriptions/{SUB}/resourceGroups/RG/providers/{VNET}/VNET"])])
    site = plan_of(doc).instances[-1]
    assert sorted(d.name for d in site.depends) == ["c0", "c1", "sa", "vnet"]


def test_unknown_dependency_is_refused():
    with pytest.raises(TemplateError, match="'nope' is not defined in the template"):
        plan_of(template([resource(SA, "sa", dependsOn=["nope"])]))


def test_implicit_dependencies_from_reference_and_list_calls():
    doc = template([
        resource(SA, "sa"), resource(VNET, "vnet"), resource(SA, "other"),
        resource("Microsoft.Web/sites", "site", properties={
            "a": "[reference('sa').primaryEndpoints.blob]",
            "b": f"[listKeys(resourceId('{SA}', 'other'), '2023-01-01').keys[0].value]",
            "c": f"[reference(resourceId('{VNET}', 'vnet'), '2023-01-01', 'Full').location]",
            "d": f"[reference(resourceId('{SA}', 'outside')).x]"})])
    plan = plan_of(doc)
    assert sorted(d.name for d in plan.instances[-1].depends) == ["other", "sa", "vnet"]
    assert waves(plan) == [["sa", "vnet", "other"], ["site"]]


def test_independent_resources_share_a_wave():
    doc = template([resource(SA, f"s{i}") for i in range(5)] + [resource(VNET, "v", dependsOn=["s0"])])
    assert waves(plan_of(doc)) == [["s0", "s1", "s2", "s3", "s4"], ["v"]]


def test_serial_copy_with_batch_size_chains_batches():
    doc = template([resource(SA, "[concat('s', copyIndex())]",
                             copy={"name": "l", "count": 5, "mode": "serial", "batchSize": 2})])
    assert waves(plan_of(doc)) == [["s0", "s1"], ["s2", "s3"], ["s4"]]
    parallel = template([resource(SA, "[concat('s', copyIndex())]", copy={"name": "l", "count": 5})])
    assert len(plan_of(parallel).waves) == 1


def test_cycles_are_detected_with_arm_wording():
    doc = template([resource(SA, "a", dependsOn=["b"]), resource(SA, "b", dependsOn=["c"]),
                    resource(SA, "c", dependsOn=["a"]), resource(SA, "d", dependsOn=["a"])])
    with pytest.raises(TemplateError) as caught:
        plan_of(doc)
    assert caught.value.code == "InvalidTemplate"
    assert "Circular dependency detected on resource: " in caught.value.message
    assert rid(SA, "a") in caught.value.message and rid(SA, "d") not in caught.value.message
    with pytest.raises(TemplateError, match="Circular dependency"):
        plan_of(template([resource(SA, "a", dependsOn=["a"])]))


def test_symbolic_names_existing_resources_and_copy_in_language_version_2():
    doc = template({
        "old": {"type": SA, "apiVersion": "2023-01-01", "name": "legacy", "existing": True},
        "nets": {"type": VNET, "apiVersion": "2023-01-01", "name": "[format('n{0}', copyIndex())]",
                 "copy": {"name": "nets", "count": 2}},
        "site": {"type": "Microsoft.Web/sites", "apiVersion": "2023-01-01", "name": "site",
                 "dependsOn": ["nets", "old"], "properties": {"x": "[reference('nets[1]').y]"}}})
    plan = plan_of(doc)
    site = plan.instances[-1]
    assert [i.name for i in plan.active] == ["n0", "n1", "site"]
    assert sorted(d.name for d in site.depends) == ["n0", "n1"]
    assert plan.instances[0].existing


def test_variables_are_lazy_case_insensitive_and_support_copy():
    doc = template([resource(SA, "[variables('Names')[2]]")], variables={
        "base": "[concat('x', variables('SUFFIX'))]", "suffix": "y",
        "copy": [{"name": "names", "count": 3, "input": "[concat(variables('base'), copyIndex('names'))]"}],
        "obj": {"copy": [{"name": "disks", "count": 2, "input": {"lun": "[copyIndex('disks')]"}}]}})
    plan = plan_of(doc)
    assert plan.instances[0].name == "xy2"
    assert plan.ctx.variable("obj") == {"disks": [{"lun": 0}, {"lun": 1}]}
    with pytest.raises(TemplateError, match="circular"):
        plan_of(template([resource(SA, "[variables('a')]")], variables={"a": "[variables('b')]",
                                                                        "b": "[variables('a')]"}))


def test_template_shape_is_validated():
    host = FakeHost()
    for doc, fragment in (({"resources": []}, "'\\$schema' not found"), ({"$schema": "x"}, "'resources' not found"),
                          ({"$schema": "x", "resources": [], "bogus": 1}, "Could not find member 'bogus'"),
                          ({"$schema": "x", "resources": [], "outputs": {"o": {"type": "string",
                                                                             "value": "[concat('a']"}}}, ".")):
        with pytest.raises(TemplateError, match=fragment):
            prepare(doc, {}, scope=host.rg_scope(), name="d", host=host)


def test_duplicate_resources_are_refused():
    with pytest.raises(TemplateError, match="defined multiple times"):
        plan_of(template([resource(SA, "a"), resource(SA, "A")]))


def test_a_thousand_resources_plan_in_well_under_a_second():
    doc = template([resource(SA, "[concat('s', copyIndex())]", copy={"name": "l", "count": 500},
                             properties={"i": "[copyIndex()]"}),
                    resource(VNET, "[concat('v', copyIndex())]", copy={"name": "v", "count": 500},
                             dependsOn=["[resourceId('Microsoft.Storage/storageAccounts', concat('s', copyIndex()))]"])])
    started = time.perf_counter()
    plan = plan_of(doc)
    assert time.perf_counter() - started < 1.0
    assert len(plan.active) == 1000 and len(plan.waves) == 2


def test_planning_failures_outside_the_template_are_invalid_template_deployment():
    # a condition reads a resource that is not there: the deployment, not the template, is invalid
    doc = template([resource(SA, "a", condition=f"[equals(reference(resourceId('{SA}', 'ghost'), '2023-01-01').x, 1)]")])
    with pytest.raises(TemplateError) as caught:
        plan_of(doc)
    assert caught.value.code == "InvalidTemplateDeployment"
    assert caught.value.details[0]["code"] == "ResourceNotFound"
