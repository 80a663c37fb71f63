"""Template specs and their versions on the wire (2022-02-01): the RP's rules, the spec's shapes, and a
deployment naming a version that does not exist."""
import os

import pytest

from test_localcloud_spec_shapes import SHARED, Definitions, check

SPEC = os.path.normpath(os.path.join(SHARED, "arm-specs/specification/resources/resource-manager/Microsoft.Resources/"
                                             "templateSpecs/stable/2022-02-01/templateSpecs.json"))
TS = "2022-02-01"
SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"
LEAF = {"$schema": SCHEMA, "contentVersion": "1.0.0.0", "resources": []}
MAIN = {"$schema": SCHEMA, "contentVersion": "2.0.0.0", "resources": []}


@pytest.fixture(scope="module")
def spec():
    return Definitions()


def test_template_spec_rules(cloud, spec):
    group = cloud.group_path("rg1")
    cloud.call("PUT", group, {"location": "westus"})
    path = group + "/providers/Microsoft.Resources/templateSpecs/s1"
    orphan = cloud.call("PUT", path + "/versions/1", {"location": "westus", "properties": {"mainTemplate": MAIN}},
                        api_version=TS)
    assert orphan.status_code == 404
    assert cloud.call("PUT", path, {"location": "westus", "properties": {"displayName": "x" * 65}},
                      api_version=TS).status_code == 400
    made = cloud.call("PUT", path, {"location": "westus", "properties": {"displayName": "Spec", "bogus": 1}},
                      api_version=TS)
    assert made.status_code == 201 and made.json["properties"] == {"displayName": "Spec"}
    check(spec, SPEC, "TemplateSpec", made.json)
    for properties in ({}, {"mainTemplate": "text"}, {"mainTemplate": MAIN, "linkedTemplates": {}},
                       {"mainTemplate": MAIN, "linkedTemplates": [{"path": "a.json"}]},
                       {"mainTemplate": MAIN, "linkedTemplates": [{"path": "a.json", "template": LEAF},
                                                                  {"path": "./A.json", "template": LEAF}]},
                       {"mainTemplate": MAIN, "linkedTemplates": [{"path": "../a.json", "template": LEAF}]}):
        refused = cloud.call("PUT", path + "/versions/1", {"location": "westus", "properties": properties},
                             api_version=TS)
        assert refused.status_code == 400, (properties, refused.json)
    elsewhere = cloud.call("PUT", path + "/versions/1", {"location": "eastus", "properties": {"mainTemplate": MAIN}},
                           api_version=TS)
    assert elsewhere.status_code == 400 and "westus" in elsewhere.json["error"]["message"]
    version = cloud.call("PUT", path + "/versions/1", {"location": "westus", "properties": {"mainTemplate": MAIN}},
                         api_version=TS)
    assert version.status_code == 201
    check(spec, SPEC, "TemplateSpecVersion", version.json)
    check(spec, SPEC, "TemplateSpecsListResult", cloud.call("GET", group + "/providers/Microsoft.Resources/templateSpecs",
                                                            api_version=TS).json)
    in_group = cloud.call("GET", group + "/providers/Microsoft.Resources/templateSpecs", api_version=TS)
    assert in_group.status_code == 200 and [s["name"] for s in in_group.json["value"]] == ["s1"]
    plain = cloud.call("GET", path, api_version=TS).json
    assert "versions" not in plain["properties"]
    expanded = cloud.call("GET", path, api_version=TS, query={"$expand": "versions"}).json
    check(spec, SPEC, "TemplateSpec", expanded)
    assert list(expanded["properties"]["versions"]) == ["1"]
    assert set(expanded["properties"]["versions"]["1"]) == {"timeCreated", "timeModified"}
    listed = cloud.call("GET", path + "/versions", api_version=TS).json
    check(spec, SPEC, "TemplateSpecVersionsListResult", listed)
    assert [v["name"] for v in listed["value"]] == ["1"]
    deployment = group + "/providers/Microsoft.Resources/deployments/d1"
    missing = cloud.call("PUT", deployment, {"properties": {"mode": "Incremental", "parameters": {},
                                                             "templateLink": {"id": path + "/versions/2"}}},
                         api_version="2024-03-01")
    assert missing.status_code == 404 and missing.json["error"]["code"] == "TemplateSpecNotFound"
