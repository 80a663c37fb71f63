"""Tags: tag names/values of a subscription and the tags resource at every scope, on the wire and
through ResourceManagementClient.tags (whose writes are LROs in SDK 26: a 200 ends them)."""
MSI = "2023-01-31"


def setup(cloud):
    cloud.call("PUT", cloud.group_path("rg"), {"location": "westus", "tags": {"env": "prod"}})
    ident = cloud.group_path("rg") + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id1"
    cloud.call("PUT", ident, {"location": "westus", "tags": {"Env": "prod", "team": "a"}}, api_version=MSI)
    return ident


def test_tag_names_counts_and_predefined(cloud):
    setup(cloud)
    base = "/subscriptions/%s/tagNames" % cloud.sub
    r = cloud.call("PUT", base + "/cost-center")
    assert r.status_code == 201
    assert r.json == {"id": base + "/cost-center", "tagName": "cost-center", "count": {"type": "Total", "value": 0},
                      "values": []}
    assert cloud.call("PUT", base + "/cost-center").status_code == 200
    r = cloud.call("PUT", base + "/cost-center/tagValues/42")
    assert r.status_code == 201
    assert r.json == {"id": base + "/cost-center/tagValues/42", "tagValue": "42", "count": {"type": "Total", "value": 0}}
    listed = {t["tagName"]: t for t in cloud.call("GET", base).json["value"]}
    assert listed["env"]["count"] == {"type": "Total", "value": 2}  # names case-insensitive
    assert [(v["tagValue"], v["count"]["value"]) for v in listed["env"]["values"]] == [("prod", 2)]
    assert listed["team"]["values"][0]["id"] == base + "/team/tagValues/a"
    assert [v["tagValue"] for v in listed["cost-center"]["values"]] == ["42"]
    in_use = cloud.call("DELETE", base + "/env")
    assert in_use.status_code == 409
    assert cloud.call("DELETE", base + "/cost-center/tagValues/42").status_code == 200
    assert cloud.call("DELETE", base + "/cost-center/tagValues/42").status_code == 204
    assert cloud.call("DELETE", base + "/cost-center").status_code == 200
    assert cloud.call("DELETE", base + "/cost-center").status_code == 204
    assert cloud.call("PUT", base + "/microsoftThing").status_code == 400


def test_tags_resource_at_each_scope(cloud):
    ident = setup(cloud)
    for scope in ("/subscriptions/" + cloud.sub, cloud.group_path("rg"), ident):
        path = scope + "/providers/Microsoft.Resources/tags/default"
        r = cloud.call("PUT", path, {"properties": {"tags": {"cliName1": "cliValue1", "cliName2": ""}}})
        assert r.status_code == 200
        assert r.json == {"id": path, "name": "default", "type": "Microsoft.Resources/tags",
                          "properties": {"tags": {"cliName1": "cliValue1", "cliName2": ""}}}
        merged = cloud.call("PATCH", path, {"operation": "Merge", "properties": {"tags": {"x": "1"}}}).json
        assert merged["properties"]["tags"] == {"cliName1": "cliValue1", "cliName2": "", "x": "1"}
        # Merge over a key that exists: the new value wins, the other keys stay.
        merged = cloud.call("PATCH", path, {"operation": "Merge", "properties": {"tags": {"cliName2": "now"}}}).json
        assert merged["properties"]["tags"] == {"cliName1": "cliValue1", "cliName2": "now", "x": "1"}
        assert cloud.call("GET", path).json["properties"]["tags"]["cliName2"] == "now"
        merged = cloud.call("PATCH", path, {"operation": "Merge", "properties": {"tags": {"cliName2": ""}}}).json
        deleted = cloud.call("PATCH", path, {"operation": "Delete", "properties": {"tags": {"cliName1": "other",
                                                                                          "x": "1"}}}).json
        assert deleted["properties"]["tags"] == {"cliName1": "cliValue1", "cliName2": ""}
        replaced = cloud.call("PATCH", path, {"operation": "Replace", "properties": {"tags": {"only": "me"}}}).json
        assert replaced["properties"]["tags"] == {"only": "me"}
        assert cloud.call("GET", path).json["properties"]["tags"] == {"only": "me"}
        bad = cloud.call("PATCH", path, {"operation": "Sideways", "properties": {"tags": {}}})
        assert bad.status_code == 400
    # The underlying objects carry the tags.
    assert cloud.call("GET", cloud.group_path("rg")).json["tags"] == {"only": "me"}
    assert cloud.call("GET", ident, api_version=MSI).json["tags"] == {"only": "me"}
    assert cloud.call("GET", "/subscriptions/" + cloud.sub, api_version="2022-12-01").json["tags"] == {"only": "me"}
    for scope in ("/subscriptions/" + cloud.sub, cloud.group_path("rg"), ident):
        r = cloud.call("DELETE", scope + "/providers/Microsoft.Resources/tags/default")
        assert r.status_code == 200 and r.data == b""
        assert cloud.call("GET", scope + "/providers/Microsoft.Resources/tags/default").json["properties"] == {
            "tags": {}}
    assert "tags" not in cloud.call("GET", cloud.group_path("rg")).json
    missing = cloud.call("GET", cloud.group_path("nope") + "/providers/Microsoft.Resources/tags/default")
    assert missing.status_code == 404 and missing.json["error"]["code"] == "ResourceGroupNotFound"


def test_sdk_tags(cloud):
    ident = setup(cloud)
    tags = cloud.resource_client().tags
    assert tags.create_or_update("sdk-name").tag_name == "sdk-name"
    assert tags.create_or_update_value("sdk-name", "v1").tag_value == "v1"
    names = {t.tag_name: t for t in tags.list()}
    assert names["env"].count.value == 2 and [v["tagValue"] for v in names["sdk-name"]["values"]] == ["v1"]
    tags.delete_value("sdk-name", "v1")
    tags.delete("sdk-name")
    scope = ident[1:]  # the SDK's {scope} has no leading slash
    made = tags.begin_create_or_update_at_scope(scope, {"properties": {"tags": {"a": "1"}}}).result()
    assert made.properties.tags == {"a": "1"}
    merged = tags.begin_update_at_scope(scope, {"operation": "Merge", "properties": {"tags": {"b": "2"}}}).result()
    assert merged.properties.tags == {"a": "1", "b": "2"}
    assert tags.get_at_scope(scope).properties.tags == {"a": "1", "b": "2"}
    assert tags.begin_delete_at_scope(scope).result() is None
    assert tags.get_at_scope(scope).properties.tags == {}


def test_a_merge_cannot_take_a_scope_past_50_tags(cloud):
    cloud.call("PUT", cloud.group_path("rg"), {"location": "westus", "tags": {"t%d" % i: "v" for i in range(45)}})
    path = cloud.group_path("rg") + "/providers/Microsoft.Resources/tags/default"
    more = cloud.call("PATCH", path, {"operation": "Merge", "properties": {"tags": {"n%d" % i: "v" for i in range(6)}}})
    assert more.status_code == 400 and more.json["error"]["code"] == "InvalidTagsCount"
    assert len(cloud.call("GET", cloud.group_path("rg")).json["tags"]) == 45
