"""Real templates nobody on this team wrote: the 40 quickstarts and the az deployment tests' data files.

Each one prepares and deploys on the fake host with its outputs evaluated, or fails where real ARM
fails too (the reason is given next to each such case). Parameter files get the quickstart CI's
placeholders substituted; required parameters with no value get one of their declared type.
"""

import json
import re
from pathlib import Path

import pytest

from azcli.emulator.templates.engine import deploy, prepare
from azcli.emulator.templates.errors import TemplateError
from azcli.emulator.templates.functions.lenient_json import parse_lenient_json
from azcli.emulator.templates.whatif import what_if

from .fakehost import SUB, FakeHost

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
QUICKSTARTS = SHARED / "templates"
AZ_DATA = SHARED / "az-test-data"
GUID = "6b8f3e2a-1c4d-4e5f-9a0b-7c6d5e4f3a2b"
PLACEHOLDERS = [
    (re.compile(r"GEN-UNIQUE-(\d+)"), lambda m: ("ci" + "x7k2m9q4w8r3t6y1u5" * 4)[:int(m.group(1))]),
    (re.compile(r"GEN-UNIQUE"), lambda m: "cix7k2m9q4w8"),
    (re.compile(r"GEN-PASSWORD"), lambda m: "Ci-P@ssw0rd-1234"),
    (re.compile(r"GEN-SSH-PUB-KEY"), lambda m: "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 ci@local"),
    (re.compile(r"GEN-(GUID|AZUREAD-OBJECTID)"), lambda m: GUID),
    (re.compile(r"GEN-MANAGEMENTGROUP-NAME"), lambda m: "ci-mg"),
    (re.compile(r"GE[NT]-[A-Z0-9-]+"), lambda m: "ci" + m.group(0).lower().replace("-", "")[:20]),
    (re.compile(r"^TODO$"), lambda m: "ci-todo"),
]
SCOPES = {"deploymentTemplate": "resourceGroup", "subscriptionDeploymentTemplate": "subscription",
          "managementGroupDeploymentTemplate": "managementGroup", "tenantDeploymentTemplate": "tenant"}


def load(path):
    """ARM reads JSON with comments, trailing commas and line breaks inside strings."""
    text = path.read_text(encoding="utf-8-sig")
    try:
        return json.loads(text, strict=False)
    except ValueError:
        return parse_lenient_json(text)


def substitute(value):
    if isinstance(value, str):
        for pattern, replace in PLACEHOLDERS:
            value = pattern.sub(replace, value)
        return value
    if isinstance(value, dict):
        return {k: substitute(v) for k, v in value.items()}
    if isinstance(value, list):
        return [substitute(v) for v in value]
    return value


def value_of_type(decl):
    """A value of a parameter's declared type, within its constraints, as the CI would supply one."""
    if decl.get("allowedValues"):
        return decl["allowedValues"][0]
    kind = str(decl.get("type", "string")).lower()
    if kind == "int":
        return decl.get("minValue", 1)
    if kind == "bool":
        return True
    if kind in ("array",):
        return []
    if kind in ("object", "secureobject"):
        return {}
    length = max(decl.get("minLength", 0), 8)
    if "maxLength" in decl:
        length = min(length, decl["maxLength"])
    return ("Ci-P@ssw0rd-1234" if kind == "securestring" else "cix7k2m9q4w8r3t6y1u5cix7k2")[:length]


def scope_for(host, template):
    level = next((v for k, v in SCOPES.items() if k in template.get("$schema", "")), "resourceGroup")
    if level == "resourceGroup":
        return host.rg_scope()
    if level == "subscription":
        return host.scope(SUB)
    if level == "managementGroup":
        return host.scope(management_group="ci-mg")
    return host.scope()


def run(template, supplied, host=None, link=None):
    host = host or FakeHost(groups=("rg", "crossrg5", "sampleRg"))
    declared = template.get("parameters") or {}
    supplied = dict(supplied)
    for name, decl in declared.items():
        if "defaultValue" not in decl and name.lower() not in {k.lower() for k in supplied}:
            supplied[name] = {"value": value_of_type(decl)}
    prepared = prepare(template, supplied, scope=scope_for(host, template), name="ci", host=host,
                       template_link=link, location="westus")
    what_if(prepared, host)  # predicting first must change nothing and not get in the way
    assert not [call for call in host.calls if call[0] in ("put", "delete")]
    prepared = prepare(template, supplied, scope=scope_for(host, template), name="ci", host=host,
                       template_link=link, location="westus")
    return host, prepared, deploy(prepared, host)


def quickstart_dirs():
    assert QUICKSTARTS.is_dir(), f"the shared quickstart templates are missing: {QUICKSTARTS}"
    return sorted(p.name for p in QUICKSTARTS.iterdir() if p.is_dir())


# Quickstarts real ARM refuses as they are published, and why: (where it fails, text of the error).
QUICKSTART_FAILURES = {
    # The parameters files set parameters their templates no longer declare: refused before deploying.
    "004-aks": ("prepare", "The template parameters 'authorizedIPRange' in the parameters file are not valid"),
    "029-redis-cache": ("prepare", "The template parameters 'existingDiagnosticsStorageAccountId' in the parameters"),
    "035-storage-multi-blob-container": ("prepare", "The template parameters 'numberOfContainers' in the parameters"),
    # The inner deployment creates resource group 'demo' but its sibling targets 'create-demo', which
    # nothing creates: ARM fails that nested deployment with ResourceGroupNotFound.
    "015-create-subscription-resourcegroup": ("deploy", "Resource group 'create-demo' could not be found."),
}


@pytest.mark.parametrize("folder", quickstart_dirs() if QUICKSTARTS.is_dir() else ["<missing>"])
def test_quickstart_deploys(folder):
    base = QUICKSTARTS / folder
    template = load(base / "azuredeploy.json")
    parameters_file = base / "azuredeploy.parameters.json"
    supplied = substitute(load(parameters_file).get("parameters", {})) if parameters_file.exists() else {}
    link = {"uri": f"https://raw.githubusercontent.com/Azure/azure-quickstart-templates/master/{folder}/azuredeploy.json",
            "contentVersion": "1.0.0.0"}
    where, expected = QUICKSTART_FAILURES.get(folder, (None, None))
    if where == "prepare":
        with pytest.raises(TemplateError) as caught:
            run(template, supplied, link=link)
        assert caught.value.code == "InvalidTemplate" and expected in caught.value.message
        return
    host, prepared, result = run(template, supplied, link=link)
    if where == "deploy":
        assert result.provisioning_state == "Failed" and expected in json.dumps(result.error)
        return
    assert result.provisioning_state == "Succeeded", json.dumps(result.error, indent=1)[:3000]
    assert result.output_resources, "every quickstart deploys something"
    for entry in result.output_resources:
        assert host.get(entry["id"]) is not None, entry["id"]
    declared = template.get("outputs") or {}
    assert set(result.outputs) <= set(declared)
    assert {name for name, decl in declared.items() if "condition" not in decl} <= set(result.outputs)
    for name, output in result.outputs.items():
        assert "value" in output or output["type"].startswith("Secure"), name
    assert "Ci-P@ssw0rd" not in json.dumps(prepared.parameters_record) + json.dumps(result.outputs)


def _az(name):
    return load(AZ_DATA / name)


def test_az_data_is_present():
    assert AZ_DATA.is_dir(), f"the shared az test data is missing: {AZ_DATA}"


@pytest.mark.parametrize("template_file,parameters_file,extra", [
    ("simple_deploy.json", "simple_deploy_parameters.json", {}),
    ("simple_deploy_multiline.json", "simple_deploy_parameters.json", {}),
    ("storage_account_deploy.json", "storage_account_deploy_parameters.json", {}),
    ("Japanese-characters-template.json", None, {}),
    ("crossrg_deploy.json", None, {}),
    ("test-template-lite.json", None, {}),
    ("policy_definition_deploy.json", "policy_definition_deploy_parameters.json", {}),
    ("subscription_level_template.json", "subscription_level_parameters.json", {}),
    ("test-largesize-template.json", "test-largesize-parameters.json", {}),
    # az passes the two parameters the file lacks on its command line (the object one from test-object.json)
    ("test-template.json", "test-params.json", {"subnetId": "/subscriptions/s/resourceGroups/rg/providers/"
                                                "Microsoft.Network/virtualNetworks/v/subnets/default",
                                                "backendAddressPools": "@test-object.json"}),
])
def test_az_test_data_deploys(template_file, parameters_file, extra):
    template = _az(template_file)
    supplied = _az(parameters_file)["parameters"] if parameters_file else {}
    for name, value in extra.items():
        supplied[name] = {"value": _az(value[1:]) if value.startswith("@") else value}
    host = FakeHost(groups=("rg", "crossrg5"))
    level = "subscription" if "subscription_level" in template_file or "policy" in template_file else None
    scope = host.scope(SUB) if level else host.rg_scope()
    prepared = prepare(template, supplied, scope=scope, name="az", host=host, location="westus")
    result = deploy(prepared, host)
    assert result.provisioning_state == "Succeeded", json.dumps(result.error, indent=1)
    for entry in result.output_resources:
        assert host.get(entry["id"]) is not None
    assert set(result.outputs) == set(template.get("outputs") or {})


def test_az_invalid_json_files_are_refused():
    # ARM's parser refuses a comma opening an object, in a template and in a parameters file alike.
    for name in ("simple_deploy_invalid.json", "simple_deploy_parameters_invalid.json"):
        with pytest.raises(ValueError):
            load(AZ_DATA / name)


def test_az_extra_required_parameter_is_reported_missing():
    # simple_extra_param_deploy.json declares 'extra_param' without a default; the file does not set it.
    host = FakeHost()
    with pytest.raises(TemplateError, match="'extra_param' is not provided"):
        prepare(_az("simple_extra_param_deploy.json"), _az("simple_deploy_parameters.json")["parameters"], scope=host.rg_scope(),
                name="az", host=host)


def test_az_error_parameters_lack_a_required_value():
    # test-error-params.json omits privateIPAllocationMethod (and the two az passes on its command line).
    host = FakeHost()
    with pytest.raises(TemplateError, match="privateIPAllocationMethod") as caught:
        prepare(_az("test-template.json"), _az("test-error-params.json"), scope=host.rg_scope(), name="az", host=host)
    assert caught.value.code == "InvalidTemplate"
