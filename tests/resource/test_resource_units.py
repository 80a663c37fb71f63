"""Unit tests of the resource module's pure parts and the core pieces it added (no cloud)."""
import io
import sys

import pytest

from azcli.framework.argtypes import expand_ids
from azcli.arm.hints import locked_scopes
from azcli.errors import InvalidArgumentValueError, RequiredArgumentMissingError
from azcli.framework.results import add_resource_group
from azcli.command_modules.resource import _format, _validators as v

SUB = "00000000-0000-0000-0000-000000000001"
VNET = "/subscriptions/{}/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet".format(SUB)


def test_expand_ids_accepts_spaces_newlines_json_and_stdin(monkeypatch):
    assert expand_ids(["/a /b", "/c\n/d\n"]) == ["/a", "/b", "/c", "/d"]
    assert expand_ids(['["/a", "/b"]']) == ["/a", "/b"]
    monkeypatch.setattr(sys, "stdin", io.StringIO("/x\n/y\n"))
    assert expand_ids(["-"]) == ["/x", "/y"]
    monkeypatch.setattr(sys, "stdin", io.StringIO('["/j"]'))
    assert expand_ids(["-"]) == ["/j"]
    with pytest.raises(InvalidArgumentValueError):
        expand_ids(["[not json"])


def test_build_resource_id_forms():
    ref = v.build_resource_id(SUB, "rg", "vnet", "Microsoft.Network/virtualNetworks")
    assert ref.id == VNET and ref.namespace == "Microsoft.Network" and ref.type_path == "virtualNetworks"
    ref = v.build_resource_id(SUB, "rg", "vnet", "virtualNetworks", namespace="Microsoft.Network")
    assert ref.id == VNET
    child = v.build_resource_id(SUB, "rg", "sub1", "subnets", namespace="Microsoft.Network",
                                parent="virtualNetworks/vnet")
    assert child.id == VNET + "/subnets/sub1" and child.type_path == "virtualNetworks/subnets"
    # namespaces compare case-insensitively
    assert v.build_resource_id(SUB, "rg", "vnet", "microsoft.network/virtualNetworks",
                               namespace="Microsoft.Network").type_path == "virtualNetworks"
    with pytest.raises(RequiredArgumentMissingError) as err:
        v.build_resource_id(SUB, None, "vnet", "Microsoft.Network/virtualNetworks")
    assert "--resource-group" in str(err.value)
    with pytest.raises(InvalidArgumentValueError):
        v.build_resource_id(SUB, "rg", "vnet", "virtualNetworks")
    with pytest.raises(InvalidArgumentValueError):
        v.build_resource_id(SUB, "rg", "s", "subnets", namespace="Microsoft.Network", parent="virtualNetworks")


def test_parse_resource_id_uses_the_last_provider_segment():
    assert v.parse_resource_id(VNET + "/subnets/s").type_path == "virtualNetworks/subnets"
    lock = v.parse_resource_id(VNET + "/providers/Microsoft.Authorization/locks/l")
    assert (lock.namespace, lock.type_path) == ("Microsoft.Authorization", "locks")
    group = v.parse_resource_id("/subscriptions/{}/resourceGroups/rg".format(SUB))
    assert group.full_type == "Microsoft.Resources/resourceGroups"
    for bad in ("rg", "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks"):
        with pytest.raises(InvalidArgumentValueError):
            v.parse_resource_id(bad)


def test_choose_api_version_prefers_newest_stable():
    versions = ["2022-01-01", "2023-05-01-preview", "2021-12-01", "2022-09-01"]
    assert v.choose_api_version(versions) == "2022-09-01"
    assert v.choose_api_version(versions, include_preview=True) == "2023-05-01-preview"
    assert v.choose_api_version(["2020-01-01-preview"]) == "2020-01-01-preview"
    assert v.choose_api_version([]) is None


def test_resource_list_filter():
    assert v.resource_list_filter() is None
    assert v.resource_list_filter(location="westus", resource_type="Microsoft.Network/virtualNetworks",
                                  name="o'k") == ("location eq 'westus' and resourceType eq "
                                                  "'Microsoft.Network/virtualNetworks' and name eq 'o''k'")
    assert v.resource_list_filter(tag="env") == "tagName eq 'env'"
    assert v.resource_list_filter(tag="env=dev") == "tagName eq 'env' and tagValue eq 'dev'"
    with pytest.raises(InvalidArgumentValueError):
        v.resource_list_filter(name="x", tag="env")
    with pytest.raises(RequiredArgumentMissingError):
        v.resource_list_filter(namespace="Microsoft.Network")


def test_lock_scopes_and_ids():
    assert v.lock_scope(SUB) == "/subscriptions/" + SUB
    assert v.lock_scope(SUB, "rg") == "/subscriptions/{}/resourceGroups/rg".format(SUB)
    assert v.lock_scope(SUB, "rg", "vnet", "Microsoft.Network/virtualNetworks") == VNET
    with pytest.raises(RequiredArgumentMissingError):
        v.lock_scope(SUB, "rg", "vnet")
    assert v.split_lock_id(VNET + "/providers/Microsoft.Authorization/locks/l1") == (VNET, "l1")
    assert v.lock_level("readonly") == "ReadOnly"
    with pytest.raises(InvalidArgumentValueError):
        v.lock_level("nope")
    with pytest.raises(InvalidArgumentValueError):
        v.split_lock_id(VNET)


def test_scope_locked_message_parsing():
    message = ("(ScopeLocked) The scope '/subscriptions/s/resourcegroups/rg' cannot perform delete operation "
               "because following scope(s) are locked: '/subscriptions/s/resourceGroups/rg', "
               "'/subscriptions/s'. Please remove the lock and try again.")
    assert locked_scopes(message) == ["/subscriptions/s/resourceGroups/rg", "/subscriptions/s"]


def test_add_resource_group_like_az():
    data = [{"id": VNET, "nested": {"id": VNET + "/subnets/s"}},
            {"id": "/subscriptions/{}/resourceGroups/rg".format(SUB)}]
    add_resource_group(data)
    assert data[0]["resourceGroup"] == "rg" and data[0]["nested"]["resourceGroup"] == "rg"
    assert "resourceGroup" not in data[1]


def test_table_transformers():
    row = _format.transform_resource_list([{"name": "v", "resourceGroup": "rg", "location": "westus",
                                            "type": "T", "provisioningState": "Succeeded"}])[0]
    assert list(row) == ["Name", "ResourceGroup", "Location", "Type", "Status"]
    assert row["Status"] == "Succeeded"
    assert list(_format.transform_provider_list([{"namespace": "N"}])[0]) == [
        "Namespace", "RegistrationPolicy", "RegistrationState"]
    assert _format.transform_group_export({"template": {"contentVersion": "1.0.0.0"}}) == {
        "contentVersion": "1.0.0.0"}


def test_a_models_fields_are_its_own_when_its_parent_was_built_first():
    """The SDK builds a model's field table at its first instance; a subclass sees its parent's until then
    (`resource list` lost createdTime, changedTime and provisioningState in a process that had made a
    GenericResource first). A fresh process, so that no class has a table yet."""
    import subprocess
    import sys
    code = ("from azure.mgmt.resource.resources.models import GenericResource, GenericResourceExpanded\n"
            "from azcli.framework.results import model_fields\n"
            "GenericResource()\n"
            "print(sorted(set(model_fields(GenericResourceExpanded).values()) - set(model_fields(GenericResource).values())))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['changedTime', 'createdTime', 'provisioningState']"
