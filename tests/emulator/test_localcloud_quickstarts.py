"""The 40 public quickstart templates, deployed on the local cloud through its Deployments API.

As the quickstart CI does: each template is linked by URI (served here from ../shared/templates over
loopback HTTP, so ``deployment().properties.templateLink`` and relative links work), its parameters
file gets the CI placeholders substituted, required parameters without a value get one of their
declared type (a real region for location parameters). Each deployment succeeds with its outputs
evaluated and its resources readable, or fails where real ARM fails too (the reasons are in
tests/templates/test_engine_quickstarts.py's QUICKSTART_FAILURES).
"""
import functools
import http.server
import threading

import pytest

from templates.test_engine_quickstarts import (QUICKSTART_FAILURES, QUICKSTARTS, SCOPES, load, quickstart_dirs,
                                                     substitute, value_of_type)

API = "2024-03-01"


@pytest.fixture(scope="module")
def template_server():
    handler = functools.partial(_QuietHandler, directory=str(QUICKSTARTS))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield "http://127.0.0.1:%d" % server.server_port
    server.shutdown()
    server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def quickstart_cloud(tmp_path_factory):
    """A fresh cloud per quickstart, as the quickstart CI deploys each into a fresh group: the RPs' rules hold
    across deployments (a second template's vnet may not drop a subnet that the first one's NICs use)."""
    from emulator_helpers import Cloud
    cloud = Cloud(tmp_path_factory.mktemp("quickstarts") / "state")
    for group in ("rg", "crossrg5", "sampleRg"):
        assert cloud.call("PUT", cloud.group_path(group), {"location": "westus"}).status_code in (200, 201)
    made = cloud.call("PUT", "/providers/Microsoft.Management/managementGroups/ci-mg", {"properties": {}},
                      api_version="2023-04-01")
    assert made.status_code in (200, 201, 202), made.get_data(as_text=True)
    assert cloud.call("GET", "/providers/Microsoft.Management/managementGroups/ci-mg",
                      api_version="2023-04-01").status_code == 200
    return cloud


def _parameters(folder, template):
    path = folder / "azuredeploy.parameters.json"
    supplied = substitute(load(path)).get("parameters", {}) if path.exists() else {}
    for name, decl in (template.get("parameters") or {}).items():
        if "location" in name.lower() and str((supplied.get(name) or {}).get("value", "")).startswith("ci"):
            supplied[name] = {"value": "westus"}  # a placeholder where the CI passes a region
        if "defaultValue" not in decl and name.lower() not in {k.lower() for k in supplied}:
            supplied[name] = {"value": "westus" if "location" in name.lower() else value_of_type(decl)}
    return supplied


def _scope_path(cloud, template):
    level = next((v for k, v in SCOPES.items() if k in template.get("$schema", "")), "resourceGroup")
    return {"resourceGroup": cloud.group_path("rg"), "subscription": "/subscriptions/" + cloud.sub,
            "managementGroup": "/providers/Microsoft.Management/managementGroups/ci-mg", "tenant": ""}[level]


@pytest.mark.parametrize("name", quickstart_dirs())
def test_quickstart_deploys_on_the_local_cloud(name, quickstart_cloud, template_server):
    cloud, folder = quickstart_cloud, QUICKSTARTS / name
    template = load(folder / "azuredeploy.json")
    path = _scope_path(cloud, template) + "/providers/Microsoft.Resources/deployments/ci-" + name[:3]
    body = {"location": "westus", "properties": {
        "mode": "Incremental", "templateLink": {"uri": "%s/%s/azuredeploy.json" % (template_server, name)},
        "parameters": _parameters(folder, template)}}
    put = cloud.call("PUT", path, body, api_version=API)
    expected = QUICKSTART_FAILURES.get(name)
    if expected is not None and expected[0] == "prepare":
        assert put.status_code == 400 and expected[1] in put.json["error"]["message"]
        return
    assert put.status_code == 201, put.get_data(as_text=True)
    assert put.json["properties"]["provisioningState"] == "Accepted"
    status = cloud.get_url(put.headers["Azure-AsyncOperation"]).json["status"]
    deployment = cloud.call("GET", path, api_version=API).json
    properties = deployment["properties"]
    assert properties["provisioningState"] == status
    if expected is not None:
        assert status == "Failed" and expected[1] in str(properties["error"])
        return
    assert status == "Succeeded", properties.get("error")
    assert properties["templateLink"]["uri"].endswith(name + "/azuredeploy.json")
    assert set(properties.get("outputs", {})) == {k for k in template.get("outputs") or {}}
    assert all("value" in out or out["type"].lower().startswith("secure") for out in properties.get("outputs", {}).values())
    for resource in properties["outputResources"]:
        if "/resourcegroups/" in resource["id"].lower() and "/providers/microsoft.resources/deployments/" not in \
                resource["id"].lower():
            got = cloud.call("GET", resource["id"], api_version=_api_version(resource["id"]))
            assert got.status_code == 200, (resource["id"], got.get_data(as_text=True))
    operations = cloud.call("GET", path + "/operations", api_version=API).json["value"]
    assert operations and all(op["properties"]["provisioningState"] == "Succeeded" for op in operations)


def _api_version(resource_id):
    from azcli.emulator.rp import catalog
    parts = resource_id.split("/providers/")[-1].split("/")
    found = catalog.resource_type(parts[0], "/".join(parts[1::2]))
    while found is None and len(parts) > 3:  # a child type the catalogue lacks: its parent's versions
        parts = parts[:-2]
        found = catalog.resource_type(parts[0], "/".join(parts[1::2]))
    return catalog.newest_stable(found)
