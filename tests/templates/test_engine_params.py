"""Parameter resolution: supplied values over defaults, types, constraints, user-defined types, the record."""

import pytest

from azcli.emulator.templates.engine import deploy, prepare
from azcli.emulator.templates.errors import TemplateError

from .fakehost import FakeHost, template


def _prepare(parameters, supplied=None, **sections):
    host = FakeHost()
    return prepare(template([], parameters=parameters, **sections), supplied or {}, scope=host.rg_scope(),
                   name="d", host=host)


def test_supplied_values_override_defaults_and_names_are_case_insensitive():
    prepared = _prepare({"Location": {"type": "string", "defaultValue": "westus"},
                         "count": {"type": "int", "defaultValue": 1}},
                        {"location": {"value": "eastus"}})
    assert prepared.parameters.lookup("LOCATION") == "eastus"
    assert prepared.parameters_record == {"Location": {"type": "String", "value": "eastus"},
                                          "count": {"type": "Int", "value": 1}}


def test_defaults_refer_to_other_parameters_in_any_order():
    prepared = _prepare({"full": {"type": "string", "defaultValue": "[concat(parameters('Prefix'), '-x')]"},
                         "prefix": {"type": "string", "defaultValue": "[resourceGroup().name]"}})
    assert prepared.parameters.lookup("full") == "rg-x"


def test_circular_defaults_are_refused():
    with pytest.raises(TemplateError, match="circular"):
        _prepare({"a": {"type": "string", "defaultValue": "[parameters('b')]"},
                  "b": {"type": "string", "defaultValue": "[parameters('a')]"}})


def test_utcnow_and_newguid_only_in_defaults():
    prepared = _prepare({"stamp": {"type": "string", "defaultValue": "[utcNow()]"},
                         "id": {"type": "string", "defaultValue": "[newGuid()]"}})
    assert len(prepared.parameters.lookup("id")) == 36
    with pytest.raises(TemplateError, match="utcNow.*parameter default values"):
        _prepare({}, variables={"x": "[utcNow()]"})
    with pytest.raises(TemplateError, match="newGuid"):
        _prepare({}, outputs={"x": {"type": "string", "value": "[newGuid()]"}})


def test_missing_required_parameters_are_all_listed():
    with pytest.raises(TemplateError) as caught:
        _prepare({"a": {"type": "string"}, "b": {"type": "int"}, "c": {"type": "string", "defaultValue": ""}})
    assert caught.value.code == "InvalidTemplate"
    assert "'a, b'" in caught.value.message and "not provided" in caught.value.message
    with pytest.raises(TemplateError, match="The value for the template parameter 'a' is not provided"):
        _prepare({"a": {"type": "string"}})


def test_extra_supplied_parameters_are_refused_as_arm_does():
    with pytest.raises(TemplateError) as caught:
        _prepare({"a": {"type": "string", "defaultValue": ""}}, {"a": {"value": "1"}, "x": {"value": 1}})
    assert caught.value.code == "InvalidTemplate"
    assert caught.value.message.startswith("The template parameters 'x' in the parameters file are not valid; they "
                                           "are not present in the original template")


@pytest.mark.parametrize("kind,value", [("string", 1), ("int", "1"), ("int", True), ("bool", "true"),
                                        ("object", []), ("array", {}), ("securestring", 5), ("secureObject", "x")])
def test_type_mismatches_are_refused(kind, value):
    with pytest.raises(TemplateError, match="Expected a value of type"):
        _prepare({"p": {"type": kind}}, {"p": {"value": value}})


def test_allowed_values_ranges_and_lengths():
    declared = {"sku": {"type": "string", "allowedValues": ["Standard_LRS", "Premium_LRS"]},
                "n": {"type": "int", "minValue": 1, "maxValue": 3, "defaultValue": 2},
                "name": {"type": "string", "minLength": 3, "maxLength": 5, "defaultValue": "abcd"},
                "zones": {"type": "array", "allowedValues": ["1", "2", "3"], "defaultValue": ["1", "3"]}}
    assert _prepare(declared, {"sku": {"value": "standard_lrs"}}).parameters.lookup("zones") == ["1", "3"]
    for supplied, fragment in ((({"sku": {"value": "Basic"}}), "allowed value"),
                               ({"sku": {"value": "Premium_LRS"}, "n": {"value": 0}}, "minimum"),
                               ({"sku": {"value": "Premium_LRS"}, "n": {"value": 4}}, "maximum"),
                               ({"sku": {"value": "Premium_LRS"}, "name": {"value": "ab"}}, "minimum length"),
                               ({"sku": {"value": "Premium_LRS"}, "name": {"value": "abcdef"}}, "maximum length"),
                               ({"sku": {"value": "Premium_LRS"}, "zones": {"value": ["4"]}}, "allowed value")):
        with pytest.raises(TemplateError, match=fragment):
            _prepare(declared, supplied)


def test_user_defined_types_with_nullable_members():
    definitions = {"net": {"type": "object", "properties": {
        "name": {"type": "string", "minLength": 2},
        "prefixes": {"type": "array", "items": {"type": "string"}},
        "tier": {"$ref": "#/definitions/tier", "nullable": True}}, "additionalProperties": False},
        "tier": {"type": "string", "allowedValues": ["a", "b"]}}
    declared = {"net": {"$ref": "#/definitions/net"}, "maybe": {"type": "int", "nullable": True}}
    ok = _prepare(declared, {"net": {"value": {"name": "vn", "prefixes": ["10.0.0.0/16"]}}}, definitions=definitions)
    assert ok.parameters.lookup("maybe") is None
    assert ok.parameters_record["net"]["type"] == "Object"
    for bad, fragment in (({"name": "v", "prefixes": []}, "minimum length"),
                          ({"name": "vn", "prefixes": [1]}, "prefixes\\[0\\]"),
                          ({"name": "vn", "prefixes": [], "tier": "c"}, "allowed"),
                          ({"name": "vn", "prefixes": [], "other": 1}, "not allowed"),
                          ({"prefixes": []}, "'name' is required")):
        with pytest.raises(TemplateError, match=fragment):
            _prepare(declared, {"net": {"value": bad}}, definitions=definitions)


def test_key_vault_references_are_refused_without_a_vault():
    reference = {"keyVault": {"id": "/subscriptions/s/resourceGroups/g/providers/Microsoft.KeyVault/vaults/v"},
                 "secretName": "pw"}
    with pytest.raises(TemplateError) as caught:
        _prepare({"pw": {"type": "securestring"}}, {"pw": {"reference": reference}})
    assert caught.value.code == "KeyVaultParameterReferenceNotFound"


def test_key_vault_references_read_through_a_host_that_has_vaults():
    host = FakeHost()
    host.key_vault_secret = lambda vault, name, version: f"secret-{name}"
    reference = {"keyVault": {"id": "/v"}, "secretName": "pw"}
    prepared = prepare(template([], parameters={"pw": {"type": "securestring"}}), {"pw": {"reference": reference}},
                       scope=host.rg_scope(), name="d", host=host)
    assert prepared.parameters.lookup("pw") == "secret-pw"
    assert prepared.parameters_record == {"pw": {"type": "SecureString", "reference": reference}}


def test_secure_values_stay_out_of_the_record_and_outputs():
    host = FakeHost()
    doc = template([], parameters={"pw": {"type": "securestring"}, "obj": {"type": "secureObject"}},
                   outputs={"pw": {"type": "securestring", "value": "[parameters('pw')]"},
                            "obj": {"type": "secureObject", "value": "[parameters('obj')]"}})
    prepared = prepare(doc, {"pw": {"value": "hunter2"}, "obj": {"value": {"k": "hunter3"}}},
                       scope=host.rg_scope(), name="d", host=host)
    result = deploy(prepared, host)
    assert "hunter" not in repr(prepared.parameters_record) + repr(result.outputs)
    assert result.outputs == {"pw": {"type": "SecureString"}, "obj": {"type": "SecureObject"}}


def test_a_whole_parameters_file_is_accepted():
    prepared = _prepare({"a": {"type": "string"}}, {"$schema": "x", "contentVersion": "1.0.0.0",
                                                     "parameters": {"a": {"value": "v"}}})
    assert prepared.parameters.lookup("a") == "v"
