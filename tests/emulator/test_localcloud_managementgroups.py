"""Management groups in the local cloud: hierarchy, subscriptions, long-running create/delete, errors,
access, the domain's find/ancestors, and response shapes against the published spec."""
import json
import os
import time
from pathlib import Path

from test_localcloud_spec_shapes import Definitions, check

V = "2023-04-01"
MG = "/providers/Microsoft.Management/managementGroups/"
SPEC = str(Path(__file__).resolve().parents[2].parent / "shared" / "arm-specs" / "specification" / "managementgroups" /
           "resource-manager" / "Microsoft.Management" / "ManagementGroups" / "stable" / "2023-04-01" / "management.json")


def call(cloud, method, path, body=None, **query):
    return cloud.call(method, path, body, api_version=V, query=query)


def create(cloud, name, parent=None, display=None):
    props = {}
    if display:
        props["displayName"] = display
    if parent:
        props["details"] = {"parent": {"id": MG + parent}}
    r = call(cloud, "PUT", MG + name, {"name": name, "properties": props})
    assert r.status_code == 202, r.json
    status = cloud.get_url(r.headers["Azure-AsyncOperation"])
    assert status.status_code == 200 and status.json["status"] == "Succeeded", status.json
    return status


def test_root_exists_from_first_use_and_new_groups_sit_under_it(cloud):
    groups = call(cloud, "GET", MG.rstrip("/")).json["value"]
    assert [(g["name"], g["properties"]["displayName"]) for g in groups] == [(cloud.tenant, "Tenant Root Group")]
    create(cloud, "Finance", display="Finance dept")
    got = call(cloud, "GET", MG + "finance").json
    assert got["name"] == "Finance" and got["properties"]["displayName"] == "Finance dept"
    assert got["properties"]["details"]["parent"] == {"id": MG + cloud.tenant, "name": cloud.tenant,
                                                       "displayName": "Tenant Root Group"}
    assert got["properties"]["details"]["version"] == 1
    assert "children" not in got["properties"]


def test_hierarchy_expand_recurse_path_ancestors(cloud):
    create(cloud, "a")
    create(cloud, "b", parent="a")
    create(cloud, "c", parent="b")
    assert call(cloud, "PUT", "%sb/subscriptions/%s" % (MG, cloud.sub)).status_code == 200
    root = call(cloud, "GET", MG + cloud.tenant, **{"$expand": "children", "$recurse": "true"}).json
    a = root["properties"]["children"][0]
    assert a["name"] == "a" and a["children"][0]["name"] == "b"
    b_children = a["children"][0]["children"]
    assert [(x["type"], x["name"]) for x in b_children] == [("Microsoft.Management/managementGroups", "c"),
                                                            ("/subscriptions", cloud.sub)]
    flat = call(cloud, "GET", MG + "a", **{"$expand": "children"}).json["properties"]["children"]
    assert [x["name"] for x in flat] == ["b"] and "children" not in flat[0]
    no_subs = call(cloud, "GET", MG + "b", **{"$expand": "children",
                                               "$filter": "children.childType ne Subscription"}).json
    assert [x["name"] for x in no_subs["properties"]["children"]] == ["c"]
    path = call(cloud, "GET", MG + "c", **{"$expand": "path"}).json["properties"]["details"]["path"]
    assert [p["name"] for p in path] == [cloud.tenant, "a", "b", "c"]
    details = call(cloud, "GET", MG + "c", **{"$expand": "ancestors"}).json["properties"]["details"]
    assert details["managementGroupAncestors"] == [cloud.tenant, "a", "b"]
    assert [x["name"] for x in details["managementGroupAncestorsChain"]] == ["b", "a", cloud.tenant]
    descendants = call(cloud, "GET", MG + "a/descendants").json["value"]
    assert [d["name"] for d in descendants] == ["b", cloud.sub, "c"]  # depth first, a group then its subscriptions


def test_subscription_moves_and_returns_to_root(cloud):
    create(cloud, "g1")
    create(cloud, "g2")
    sub_path = "%sg1/subscriptions/%s" % (MG, cloud.sub)
    added = call(cloud, "PUT", sub_path)
    assert added.status_code == 200 and added.json["properties"]["parent"] == {"id": MG + "g1"}
    assert call(cloud, "GET", sub_path).json["name"] == cloud.sub
    assert call(cloud, "PUT", "%sg2/subscriptions/%s" % (MG, cloud.sub)).status_code == 200
    assert call(cloud, "GET", MG + "g1/subscriptions").json["value"] == []
    assert call(cloud, "GET", sub_path).status_code == 404
    assert call(cloud, "DELETE", sub_path).status_code == 204  # not in g1
    assert call(cloud, "DELETE", "%sg2/subscriptions/%s" % (MG, cloud.sub)).status_code == 200
    root_subs = call(cloud, "GET", MG + cloud.tenant + "/subscriptions").json["value"]
    assert [s["name"] for s in root_subs] == [cloud.sub]
    r = call(cloud, "DELETE", "%s%s/subscriptions/%s" % (MG, cloud.tenant, cloud.sub))
    assert r.status_code == 400 and r.json["error"]["code"] == "BadRequest"
    r = call(cloud, "PUT", "%sg1/subscriptions/%s" % (MG, "00000000-0000-0000-0000-000000000001"))
    assert r.status_code == 404 and r.json["error"]["code"] == "SubscriptionNotFound"


def test_delete_refused_with_children_then_deleted(cloud):
    create(cloud, "parent")
    create(cloud, "child", parent="parent")
    r = call(cloud, "DELETE", MG + "parent")
    assert r.status_code == 400 and r.json["error"]["code"] == "BadRequest" and "children" in r.json["error"]["message"]
    call(cloud, "PUT", "%schild/subscriptions/%s" % (MG, cloud.sub))
    assert call(cloud, "DELETE", MG + "child").status_code == 400  # a subscription is a child too
    call(cloud, "DELETE", "%schild/subscriptions/%s" % (MG, cloud.sub))
    r = call(cloud, "DELETE", MG + "child")
    assert r.status_code == 202 and r.json["status"] == "NotStarted"
    assert cloud.get_url(r.headers["Azure-AsyncOperation"]).json["status"] == "Succeeded"
    assert call(cloud, "GET", MG + "child").status_code == 404
    assert call(cloud, "DELETE", MG + "child").status_code == 204
    r = call(cloud, "DELETE", MG + cloud.tenant)
    assert r.status_code == 400 and "root" in r.json["error"]["message"]


def test_invalid_requests(cloud):
    for name in ("bad/name", "ends.", "x" * 91, "sp ace"):
        r = call(cloud, "PUT", MG + name.replace("/", "%2F"), {"properties": {}})
        assert r.status_code in (400, 404), (name, r.status_code)
    r = call(cloud, "PUT", MG + "ends.", {"properties": {}})
    assert r.status_code == 400 and "invalid" in r.json["error"]["message"]
    r = call(cloud, "PUT", MG + "g", {"name": "other", "properties": {}})
    assert r.json["error"]["message"] == "Name of the group doesn't match the group id."
    r = call(cloud, "PUT", MG + "g", {"properties": {"details": {"parent": {"id": MG + "missing"}}}})
    assert r.status_code == 400 and "missing" in r.json["error"]["message"]
    assert call(cloud, "GET", MG + "g").status_code == 404  # nothing was created
    create(cloud, "top")
    create(cloud, "below", parent="top")
    r = call(cloud, "PATCH", MG + "top", {"parentGroupId": MG + "below"})
    assert r.status_code == 400 and "descendants" in r.json["error"]["message"]
    r = call(cloud, "PATCH", MG + cloud.tenant, {"parentGroupId": MG + "top"})
    assert r.status_code == 400
    assert call(cloud, "PATCH", MG + "nope", {"displayName": "x"}).status_code == 404
    assert call(cloud, "GET", MG + "top", **{"$expand": "everything"}).status_code == 400
    assert call(cloud, "GET", MG + "top", **{"$recurse": "true"}).status_code == 400


def test_depth_limit(cloud):
    parent = None
    for level in range(1, 7):
        create(cloud, "l%d" % level, parent=parent)
        parent = "l%d" % level
    r = call(cloud, "PUT", MG + "l7", {"properties": {"details": {"parent": {"id": MG + "l6"}}}})
    assert r.status_code == 400 and "levels" in r.json["error"]["message"]


def test_patch_renames_and_moves(cloud):
    create(cloud, "x")
    create(cloud, "y")
    r = call(cloud, "PATCH", MG + "y", {"displayName": "Why", "parentGroupId": MG + "x"})
    assert r.status_code == 200
    details = r.json["properties"]["details"]
    assert r.json["properties"]["displayName"] == "Why" and details["parent"]["name"] == "x"
    assert details["version"] == 2
    again = create(cloud, "y", display="Why not")  # PUT on an existing group updates it, parent kept
    assert again.json["properties"]["displayName"] == "Why not"
    assert call(cloud, "GET", MG + "y").json["properties"]["details"]["parent"]["name"] == "x"


def test_long_running_create_reports_running_first(slow_cloud):
    r = call(slow_cloud, "PUT", MG + "slow", {"properties": {}})
    status = slow_cloud.get_url(r.headers["Azure-AsyncOperation"])
    assert status.status_code == 200 and status.json["status"] == "Running" and status.headers["Retry-After"]
    assert call(slow_cloud, "GET", MG + "slow").status_code == 404
    time.sleep(1.05)
    assert slow_cloud.get_url(r.headers["Azure-AsyncOperation"]).json["status"] == "Succeeded"
    assert call(slow_cloud, "GET", MG + "slow").status_code == 200


def test_access_of_a_principal_without_root_access(cloud):
    from azcli.emulator import add_principal
    made = add_principal(cloud.state_dir, "limited", access="none")
    token = cloud.client.post("/%s/oauth2/v2.0/token" % cloud.tenant, base_url="https://local.azcli.invalid", data={
        "grant_type": "client_credentials", "client_id": made["clientId"], "client_secret": made["clientSecret"],
        "scope": "https://local.azcli.invalid/.default"}).json["access_token"]

    def as_limited(method, path, body=None, **query):
        return cloud.call(method, path, body, api_version=V, token=token, query=query)

    create(cloud, "admins")
    r = as_limited("GET", MG + "admins")
    assert r.status_code == 403 and r.json["error"]["code"] == "AuthorizationFailed"
    assert as_limited("GET", MG + "missing").status_code == 403  # ARM does not say whether it exists
    assert as_limited("PUT", MG + "mine", {"properties": {}}).status_code == 202  # anyone, under the root
    assert [g["name"] for g in as_limited("GET", MG.rstrip("/")).json["value"]] == ["mine"]
    assert as_limited("PUT", MG + "nested", {"properties": {"details": {"parent": {"id": MG + "mine"}}}}
                      ).status_code == 202
    assert as_limited("PUT", MG + "bad", {"properties": {"details": {"parent": {"id": MG + "admins"}}}}
                      ).status_code == 403
    assert as_limited("PUT", "%smine/subscriptions/%s" % (MG, cloud.sub)).status_code == 403
    assert as_limited("DELETE", MG + "admins").status_code == 403


def test_find_and_ancestors(cloud):
    from azcli.emulator.domain import managementgroups
    from azcli.emulator.identity.directory import open_store
    create(cloud, "p")
    create(cloud, "q", parent="p")
    store = open_store(cloud.state_dir)
    db = store.read()
    tenant = cloud.tenant.lower()
    assert managementgroups.find(db, tenant, "Q")["id"] == MG + "q"
    assert managementgroups.find(db, tenant, "absent") is None
    assert managementgroups.find(db, "00000000-0000-0000-0000-00000000abcd", "q") is None
    assert managementgroups.ancestors(db, tenant, "q") == [cloud.tenant, "p"]
    assert managementgroups.ancestors(db, tenant, cloud.tenant) == []
    assert managementgroups.ancestors(db, tenant, "absent") is None
    assert managementgroups.find(db, tenant, cloud.tenant)["properties"]["displayName"] == "Tenant Root Group"
    store.close()


# --- Shapes against the published spec -------------------------------------------------------------------

def test_spec_shapes(cloud):
    assert os.path.exists(SPEC), "the OpenAPI spec is missing: %s" % SPEC
    spec = Definitions()
    responses = {}
    with open(SPEC, encoding="utf-8") as f:
        for path, methods in json.load(f)["paths"].items():
            for method, op in methods.items():
                if method != "parameters":
                    responses[op["operationId"]] = op["responses"]

    def shaped(operation_id, response):
        status = str(response.status_code)
        entry = responses[operation_id].get(status) or responses[operation_id]["default"]
        schema = entry.get("schema")
        if schema is None:
            assert response.data == b"", operation_id
            return response
        name = schema["$ref"].partition("#/definitions/")[2]
        target = SPEC if schema["$ref"].startswith("#") else os.path.normpath(
            os.path.join(os.path.dirname(SPEC), schema["$ref"].partition("#")[0]))
        check(spec, target, name, response.json)
        return response

    put = shaped("ManagementGroups_CreateOrUpdate", call(cloud, "PUT", MG + "s1", {"properties": {}}))
    assert put.status_code == 202
    check(spec, SPEC, "AzureAsyncOperationResults", cloud.get_url(put.headers["Azure-AsyncOperation"]).json)
    create(cloud, "s2", parent="s1")
    call(cloud, "PUT", "%ss2/subscriptions/%s" % (MG, cloud.sub))
    shaped("ManagementGroups_List", call(cloud, "GET", MG.rstrip("/")))
    for expand in ("children", "path", "ancestors"):
        shaped("ManagementGroups_Get", call(cloud, "GET", MG + "s2", **{"$expand": expand}))
    shaped("ManagementGroups_Get", call(cloud, "GET", MG + cloud.tenant, **{"$expand": "children",
                                                                             "$recurse": "true"}))
    shaped("ManagementGroups_Get", call(cloud, "GET", MG + "absent"))
    shaped("ManagementGroups_Update", call(cloud, "PATCH", MG + "s2", {"displayName": "S2"}))
    shaped("ManagementGroups_GetDescendants", call(cloud, "GET", MG + "s1/descendants"))
    shaped("ManagementGroupSubscriptions_GetSubscriptionsUnderManagementGroup",
           call(cloud, "GET", MG + "s2/subscriptions"))
    sub_path = "%ss2/subscriptions/%s" % (MG, cloud.sub)
    shaped("ManagementGroupSubscriptions_GetSubscription", call(cloud, "GET", sub_path))
    shaped("ManagementGroupSubscriptions_Create", call(cloud, "PUT", sub_path))
    shaped("ManagementGroupSubscriptions_Delete", call(cloud, "DELETE", sub_path))
    shaped("ManagementGroups_Delete", call(cloud, "DELETE", MG + "s1"))  # 400: has a child
    shaped("ManagementGroups_Delete", call(cloud, "DELETE", MG + "s2"))
    shaped("ManagementGroups_Delete", call(cloud, "DELETE", MG + "never"))
