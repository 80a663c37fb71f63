"""Opt-in: the official az's deployment commands against `azcli local serve` (the local cloud's
Deployments API, exercised by the client it must satisfy). Skipped when `az` is not on PATH."""
import json
from pathlib import Path

from test_served_az import AZ, az, pytestmark  # noqa: F401 (the fixture and the skip)

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "az-test-data"


def test_az_deploys_validates_and_predicts_on_the_local_cloud(az, tmp_path):
    assert DATA.is_dir(), "the shared az test data is missing: %s" % DATA
    az("group", "create", "-n", "dep", "-l", "westus", "-o", "none")
    template, params = str(DATA / "simple_deploy.json"), "@" + str(DATA / "simple_deploy_parameters.json")
    az("deployment", "group", "validate", "-g", "dep", "-f", template, "-p", params, "-o", "none")
    made = json.loads(az("deployment", "group", "create", "-g", "dep", "-n", "d1", "-f", template, "-p", params).stdout)
    assert made["properties"]["provisioningState"] == "Succeeded"
    assert "NewNSG" in made["properties"]["outputs"]
    ops = json.loads(az("deployment", "operation", "group", "list", "-g", "dep", "-n", "d1").stdout)
    assert [o["properties"]["provisioningState"] for o in ops] == ["Succeeded"]
    listed = json.loads(az("deployment", "group", "list", "-g", "dep", "--filter",
                           "provisioningState eq 'Succeeded'").stdout)
    assert [d["name"] for d in listed] == ["d1"]
    exported = json.loads(az("deployment", "group", "export", "-g", "dep", "-n", "d1").stdout)
    assert "resources" in exported
    whatif = json.loads(az("deployment", "group", "what-if", "-g", "dep", "-f", template, "-p", params,
                           "--no-pretty-print").stdout)
    assert [c["changeType"] for c in whatif["changes"]] == ["NoChange"]
    bad = az("deployment", "group", "validate", "-g", "dep", "-f", str(DATA / "simple_deploy.json"), expect=None)
    assert bad.returncode != 0 and "name" in bad.stderr  # the template's required parameter is missing
    sub = az("deployment", "sub", "create", "-l", "westus", "-n", "s1",
             "-f", str(DATA / "subscription_level_template.json"),
             "-p", "@" + str(DATA / "subscription_level_parameters.json"), expect=None)
    assert sub.returncode == 0, sub.stderr
    az("deployment", "group", "delete", "-g", "dep", "-n", "d1")
    assert json.loads(az("deployment", "group", "list", "-g", "dep").stdout) == []
