"""Resource groups on the wire: CRUD, validation, filters, paging, deletion."""
import pytest

from emulator_helpers import BASE


def group(cloud, name, **body):
    body.setdefault("location", "westus")
    return cloud.call("PUT", cloud.group_path(name), body)


def test_create_then_update(cloud):
    r = group(cloud, "cli_test_rg", tags={"a": "b", "c": ""}, managedBy="test_admin")
    assert r.status_code == 201
    assert r.json == {"id": "/subscriptions/%s/resourceGroups/cli_test_rg" % cloud.sub, "name": "cli_test_rg",
                      "type": "Microsoft.Resources/resourceGroups", "location": "westus", "managedBy": "test_admin",
                      "tags": {"a": "b", "c": ""}, "properties": {"provisioningState": "Succeeded"}}
    r = group(cloud, "CLI_TEST_RG", location="West US")
    assert r.status_code == 200
    assert r.json["name"] == "cli_test_rg"  # stored as first written
    assert "tags" not in r.json and "managedBy" not in r.json  # PUT replaces; unset members are omitted
    assert cloud.call("GET", cloud.group_path("Cli_Test_Rg")).json == r.json


def test_get_missing_group(cloud):
    r = cloud.call("GET", cloud.group_path("nope"))
    assert r.status_code == 404
    assert r.json == {"error": {"code": "ResourceGroupNotFound", "message": "Resource group 'nope' could not be found."}}
    assert r.headers["x-ms-failure-cause"] == "gateway"


def test_head(cloud):
    group(cloud, "there")
    r = cloud.call("HEAD", cloud.group_path("there"))
    assert r.status_code == 204 and r.data == b""
    r = cloud.call("HEAD", cloud.group_path("absent"))
    assert r.status_code == 404 and r.data == b""


def test_patch_tags_and_managed_by(cloud):
    group(cloud, "p", tags={"x": "1"})
    r = cloud.call("PATCH", cloud.group_path("p"), {"tags": {"y": "2"}, "managedBy": "me"})
    assert r.status_code == 200
    assert r.json["tags"] == {"y": "2"} and r.json["managedBy"] == "me" and r.json["location"] == "westus"
    r = cloud.call("PATCH", cloud.group_path("p"), {"properties": {}})
    assert r.json["tags"] == {"y": "2"} and r.json["managedBy"] == "me"
    r = cloud.call("PATCH", cloud.group_path("p"), {"tags": {}})
    assert "tags" not in r.json
    assert cloud.call("PATCH", cloud.group_path("absent"), {"tags": {}}).status_code == 404


@pytest.mark.parametrize("name", ["ends.", "x" * 91, "bad*name", "sl ash"])
def test_invalid_names(cloud, name):
    r = group(cloud, name)
    assert r.status_code == 400
    assert r.json["error"]["code"] == "InvalidResourceGroupName"


@pytest.mark.parametrize("name", ["a", "x" * 90, "with.dots_and-(parens)", "ünïcode"])
def test_valid_names(cloud, name):
    assert group(cloud, name).status_code == 201


def test_location_errors(cloud):
    r = cloud.call("PUT", cloud.group_path("noloc"), {"tags": {}})
    assert r.status_code == 400 and r.json["error"]["code"] == "LocationRequired"
    r = group(cloud, "badloc", location="atlantis")
    assert r.status_code == 400 and r.json["error"]["code"] == "LocationNotAvailableForResourceGroup"
    group(cloud, "moved")
    r = group(cloud, "moved", location="eastus")
    assert r.status_code == 409 and r.json["error"]["code"] == "InvalidResourceGroupLocation"
    r = cloud.client.put(cloud.group_path("badjson"), base_url=BASE, query_string={"api-version": "2025-04-01"},
                         headers={"Authorization": "Bearer " + cloud.token()}, data=b"{nope")
    assert r.status_code == 400 and r.json["error"]["code"] == "InvalidRequestContent"


def test_tag_filters(cloud):
    group(cloud, "g1", tags={"Env": "prod", "team": "a"})
    group(cloud, "g2", tags={"env": "dev"})
    group(cloud, "g3")

    def names(flt):
        r = cloud.call("GET", "/subscriptions/%s/resourcegroups" % cloud.sub, query={"$filter": flt})
        assert r.status_code == 200, r.json
        return sorted(g["name"] for g in r.json["value"])

    assert names("tagName eq 'env'") == ["g1", "g2"]
    assert names("TAGNAME EQ 'ENV' AND tagvalue eq 'prod'") == ["g1"]
    assert names("tagname eq 'env' and tagvalue eq 'PROD'") == []
    assert names("tagName eq 'nope'") == []
    assert names("") == ["g1", "g2", "g3"]
    r = cloud.call("GET", "/subscriptions/%s/resourcegroups" % cloud.sub, query={"$filter": "location eq 'x'"})
    assert r.status_code == 400


def test_paging_with_top_and_next_link(cloud):
    for i in range(7):
        group(cloud, "page%d" % i)
    seen, url = [], None
    r = cloud.call("GET", "/subscriptions/%s/resourcegroups" % cloud.sub, query={"$top": "3"})
    while True:
        assert r.status_code == 200
        seen += [g["name"] for g in r.json["value"]]
        url = r.json.get("nextLink")
        if not url:
            break
        assert url.startswith(BASE + "/subscriptions/") and "%24skiptoken=" in url and "%24top=3" in url
        r = cloud.get_url(url)
    assert seen == ["page%d" % i for i in range(7)]


def test_delete_is_a_long_running_operation(slow_cloud):
    cloud = slow_cloud
    group(cloud, "doomed")
    r = cloud.call("DELETE", cloud.group_path("doomed"))
    assert r.status_code == 202
    assert r.headers["Retry-After"] == "1"
    location = r.headers["Location"]
    assert location.startswith(BASE + "/subscriptions/%s/operationresults/" % cloud.sub)
    assert "api-version=2025-04-01" in location
    shown = cloud.call("GET", cloud.group_path("doomed"))
    assert shown.status_code == 200 and shown.json["properties"]["provisioningState"] == "Deleting"
    assert cloud.call("HEAD", cloud.group_path("doomed")).status_code == 204
    conflict = group(cloud, "doomed")
    assert conflict.status_code == 409 and conflict.json["error"]["code"] == "ResourceGroupBeingDeleted"
    again = cloud.call("DELETE", cloud.group_path("doomed"))
    assert again.status_code == 202 and again.headers["Location"] == location
    poll = cloud.get_url(location)
    assert poll.status_code == 202 and poll.headers["Location"] == location and poll.headers["Retry-After"] == "1"

    # Time passes (the store only knows the due time): move the operation's due time into the past.
    db = cloud.app.store.read()
    db.execute("UPDATE operations SET due = due - 5")
    poll = cloud.get_url(location)
    assert poll.status_code == 200 and poll.data == b""
    assert cloud.call("GET", cloud.group_path("doomed")).status_code == 404
    assert group(cloud, "doomed").status_code == 201


def test_delete_removes_everything_under_the_group(cloud):
    from azcli.emulator.store import records
    group(cloud, "parent")
    group(cloud, "parent2")  # shares a prefix, must survive
    rid = "/subscriptions/%s/resourceGroups/parent/providers/Microsoft.Foo/bars/b1" % cloud.sub
    with cloud.app.store.write() as db:
        records.put(db, rid, "Microsoft.Foo/bars", cloud.sub, "parent", cloud.group_path("parent"), "b1", "westus",
                    {"id": rid}, 0)
    assert cloud.call("DELETE", cloud.group_path("parent")).status_code == 202
    cloud.call("GET", "/subscriptions/" + cloud.sub)  # any request settles due operations
    assert records.get(cloud.app.store.read(), rid) is None
    assert cloud.call("GET", cloud.group_path("parent2")).status_code == 200


def test_delete_missing_group(cloud):
    r = cloud.call("DELETE", cloud.group_path("never"))
    assert r.status_code == 404 and r.json["error"]["code"] == "ResourceGroupNotFound"
