"""Role definitions and assignments on the wire validate against the authorization spec (2022-04-01); a
template's role assignment grants access like one made over ARM; reads need a role at the scope."""
import os

import pytest

from test_localcloud_spec_shapes import SHARED, Definitions, check

SPECS = os.path.normpath(os.path.join(SHARED, "arm-specs/specification/authorization/resource-manager/"
                                              "Microsoft.Authorization/stable/2022-04-01"))
ASSIGNMENTS = os.path.join(SPECS, "authorization-RoleAssignmentsCalls.json")
DEFINITIONS = os.path.join(SPECS, "authorization-RoleDefinitionsCalls.json")
V = "2022-04-01"
READER = "acdd72a7-3385-48ef-bd42-f606fba81ae7"
CONTRIBUTOR = "b24988ac-6180-42a0-ab88-20f7382dd24c"
NAME = "05c5a614-a7d6-4502-b150-c2fb455033ff"


@pytest.fixture(scope="module")
def spec():
    return Definitions()


def _worker(cloud):
    from azcli.emulator import add_principal
    from emulator_helpers import BASE
    sp = add_principal(cloud.state_dir, "worker", access="none")
    r = cloud.client.post("/%s/oauth2/v2.0/token" % cloud.tenant, base_url=BASE, data={
        "grant_type": "client_credentials", "client_id": sp["clientId"], "client_secret": sp["clientSecret"],
        "scope": BASE + "/.default"})
    return sp, r.json["access_token"]


def test_shapes(spec, cloud):
    sub = "/subscriptions/" + cloud.sub
    group = cloud.group_path("testrg")
    cloud.call("PUT", group, {"location": "westus"})
    definitions = cloud.call("GET", group + "/providers/Microsoft.Authorization/roleDefinitions", api_version=V)
    check(spec, DEFINITIONS, "RoleDefinitionListResult", definitions.json)
    one = cloud.call("GET", sub + "/providers/Microsoft.Authorization/roleDefinitions/" + READER, api_version=V)
    check(spec, DEFINITIONS, "RoleDefinition", one.json)
    assert one.json["properties"]["roleName"] == "Reader"
    tenant = cloud.call("GET", "/providers/Microsoft.Authorization/roleDefinitions", api_version=V,
                        query={"$filter": "roleName eq 'owner'"}).json["value"]
    assert [d["id"] for d in tenant] == ["/providers/Microsoft.Authorization/roleDefinitions/"
                                         "8e3af657-a8ff-443c-a75c-2fe8c4bcb635"]
    missing = cloud.call("GET", sub + "/providers/Microsoft.Authorization/roleDefinitions/" + NAME, api_version=V)
    assert missing.status_code == 404
    sp, _ = _worker(cloud)
    path = group + "/providers/Microsoft.Authorization/roleAssignments/" + NAME
    body = {"properties": {"roleDefinitionId": sub + "/providers/Microsoft.Authorization/roleDefinitions/" + READER,
                           "principalId": sp["objectId"], "principalType": "ServicePrincipal"}}
    made = cloud.call("PUT", path, body, api_version=V)
    assert made.status_code == 201
    check(spec, ASSIGNMENTS, "RoleAssignment", made.json)
    assert made.json["properties"]["scope"] == group.replace("resourcegroups", "resourceGroups")
    assert made.json["name"] == NAME
    assert list(made.json) == ["properties", "id", "type", "name"]
    again = cloud.call("PUT", path, body, api_version=V)
    assert again.status_code == 200 and again.json["properties"]["createdOn"] == made.json["properties"]["createdOn"]
    changed = cloud.call("PUT", path, {"properties": dict(body["properties"], roleDefinitionId=CONTRIBUTOR)},
                         api_version=V)
    assert changed.status_code == 400 and changed.json["error"]["code"] == "RoleAssignmentUpdateNotPermitted"
    assert cloud.call("PUT", group + "/providers/Microsoft.Authorization/roleAssignments/not-a-guid", body,
                      api_version=V).json["error"]["code"] == "InvalidRoleAssignmentId"
    unknown = cloud.call("PUT", group + "/providers/Microsoft.Authorization/roleAssignments/" + READER, {
        "properties": dict(body["properties"], roleDefinitionId="/providers/x/roleDefinitions/" + NAME)},
        api_version=V)
    assert unknown.status_code == 400 and unknown.json["error"]["code"] == "RoleDefinitionDoesNotExist"
    check(spec, ASSIGNMENTS, "RoleAssignment", cloud.call("GET", path, api_version=V).json)
    listed = cloud.call("GET", group + "/providers/Microsoft.Authorization/roleAssignments", api_version=V,
                        query={"$filter": "atScope()"})
    check(spec, ASSIGNMENTS, "RoleAssignmentListResult", listed.json)
    scopes = sorted(a["properties"]["scope"].lower() for a in listed.json["value"])
    assert scopes == sorted([group.lower(), sub.lower()])  # the group's and the built-in principal's Owner above it
    only = cloud.call("GET", sub + "/providers/Microsoft.Authorization/roleAssignments", api_version=V,
                      query={"$filter": "principalId eq '%s'" % sp["objectId"]}).json["value"]
    assert [a["name"] for a in only] == [NAME]
    deleted = cloud.call("DELETE", path, api_version=V)
    assert deleted.status_code == 200
    check(spec, ASSIGNMENTS, "RoleAssignment", deleted.json)
    assert cloud.call("DELETE", path, api_version=V).status_code == 204
    assert cloud.call("GET", path, api_version=V).json["error"]["code"] == "RoleAssignmentNotFound"


def test_template_role_assignment_grants_access(cloud):
    sub = "/subscriptions/" + cloud.sub
    cloud.call("PUT", cloud.group_path("rg"), {"location": "westus"})
    sp, token = _worker(cloud)
    vnet = cloud.group_path("rg") + "/providers/Microsoft.Network/virtualNetworks/v1"
    denied = cloud.call("PUT", vnet, {"location": "westus"}, api_version="2024-05-01", token=token)
    assert denied.status_code == 403 and denied.json["error"]["code"] == "AuthorizationFailed"
    assert cloud.call("GET", sub, api_version="2022-12-01", token=token).status_code == 404  # no role at all
    template = {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                "contentVersion": "1.0.0.0", "resources": [{
                    "type": "Microsoft.Authorization/roleAssignments", "apiVersion": "2022-04-01",
                    "name": "[guid(resourceGroup().id, 'worker')]",
                    "properties": {"principalId": sp["objectId"], "roleDefinitionId":
                                   "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '%s')]"
                                   % CONTRIBUTOR}}]}
    path = cloud.group_path("rg") + "/providers/Microsoft.Resources/deployments/grant"
    put = cloud.call("PUT", path, {"properties": {"mode": "Incremental", "template": template}}, api_version="2024-03-01")
    assert put.status_code == 201, put.json
    assert cloud.get_url(put.headers["Azure-AsyncOperation"]).json["status"] == "Succeeded"
    assert cloud.call("GET", sub, api_version="2022-12-01", token=token).status_code == 200
    assert cloud.call("PUT", vnet, {"location": "westus"}, api_version="2024-05-01", token=token).status_code == 201
    # Contributor cannot deploy a template that assigns roles: the engine's writes are checked too.
    template["resources"][0]["name"] = "[guid(resourceGroup().id, 'again')]"
    template["resources"][0]["properties"]["roleDefinitionId"] = "/providers/Microsoft.Authorization/roleDefinitions/" \
        + READER
    again = cloud.call("PUT", path + "2", {"properties": {"mode": "Incremental", "template": template}},
                       api_version="2024-03-01", token=token)
    if again.status_code == 201:
        status = cloud.get_url(again.headers["Azure-AsyncOperation"]).json
        assert status["status"] == "Failed" and "Microsoft.Authorization/roleAssignments/write" in str(status)
    else:
        assert again.status_code == 403


def test_a_groups_reader_lists_only_what_it_may_read(cloud):
    """ARM filters listings by access: a Reader of one group lists that group and its resources at the
    subscription's scope; where it holds no role (another group, one resource there) it gets 403."""
    sub = "/subscriptions/" + cloud.sub
    net = "2024-05-01"
    for name in ("seen", "unseen"):
        cloud.call("PUT", cloud.group_path(name), {"location": "westus"})
        vnet = cloud.group_path(name) + "/providers/Microsoft.Network/virtualNetworks/v-" + name
        assert cloud.call("PUT", vnet, {"location": "westus", "properties": {"addressSpace": {
            "addressPrefixes": ["10.0.0.0/16"]}}}, api_version=net).status_code in (200, 201)
    sp, token = _worker(cloud)
    assignment = cloud.group_path("seen") + "/providers/Microsoft.Authorization/roleAssignments/" + NAME
    assert cloud.call("PUT", assignment, {"properties": {
        "roleDefinitionId": sub + "/providers/Microsoft.Authorization/roleDefinitions/" + READER,
        "principalId": sp["objectId"]}}, api_version=V).status_code == 201

    def names(path, **kwargs):
        answer = cloud.call("GET", path, token=token, **kwargs)
        assert answer.status_code == 200, answer.json
        return sorted(item["name"] for item in answer.json["value"])

    assert names(sub + "/resourcegroups") == ["seen"]
    assert names(sub + "/resources") == ["v-seen"]
    assert names(sub + "/providers/Microsoft.Network/virtualNetworks", api_version=net) == ["v-seen"]
    assert names(cloud.group_path("seen") + "/resources") == ["v-seen"]
    for path, kwargs in ((cloud.group_path("unseen"), {}), (cloud.group_path("unseen") + "/resources", {}),
                         (cloud.group_path("unseen") + "/providers/Microsoft.Network/virtualNetworks/v-unseen",
                          {"api_version": net}), (cloud.group_path("nothing-here"), {})):
        refused = cloud.call("GET", path, token=token, **kwargs)
        assert refused.status_code == 403 and refused.json["error"]["code"] == "AuthorizationFailed", path
    # the admin still sees everything
    assert [n for n in ("seen", "unseen") if n in [g["name"] for g in cloud.call(
        "GET", sub + "/resourcegroups").json["value"]]] == ["seen", "unseen"]
