"""The built-in roles the local cloud serves are ARM's own: every entry of rp/roles.py equals the role
in the recorded answer of GET .../roleDefinitions (../shared/arm-recordings), names and ids included."""
import json
import os

import yaml

from azcli.emulator.rp import roles

CASSETTE = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "arm-recordings",
                                         "cassettes", "test_role_definition_scenario.yaml"))
NAMED = {"Owner": "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "Contributor": "b24988ac-6180-42a0-ab88-20f7382dd24c",
         "Reader": "acdd72a7-3385-48ef-bd42-f606fba81ae7",
         "User Access Administrator": "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9",
         "Key Vault Secrets Officer": "b86a8fe4-44ce-4948-aee5-eccb2c155cd7",
         "Key Vault Secrets User": "4633458b-17de-408a-b874-0445c86b69e6",
         "Storage Blob Data Contributor": "ba92f5b4-2d11-453d-a403-e96b0029c9fe"}


def test_every_builtin_role_is_the_recorded_one():
    with open(CASSETTE, encoding="utf-8") as f:
        recorded = json.loads(yaml.safe_load(f)["interactions"][1]["response"]["body"]["string"])["value"]
    by_name = {r["name"]: r for r in recorded}
    assert len(roles.ROLES) >= 30
    for role in roles.ROLES:
        props = by_name[role.name]["properties"]
        assert props["type"] == "BuiltInRole" and props["roleName"] == role.role_name
        assert (props["description"], props["createdOn"], props["updatedOn"]) == (role.description, role.created_on,
                                                                                   role.updated_on)
        assert props["permissions"] == [{"actions": role.actions, "notActions": role.not_actions,
                                         "dataActions": role.data_actions, "notDataActions": role.not_data_actions}]
    for name, role_id in NAMED.items():
        assert roles.by_name(name.upper()).name == role_id and roles.by_id(role_id).role_name == name


def test_wildcards_and_not_actions():
    from azcli.emulator.domain.rbac import role_allows
    reader, contributor, owner = roles.by_name("Reader"), roles.by_name("Contributor"), roles.by_name("Owner")
    uaa = roles.by_name("User Access Administrator")
    assert role_allows(reader, "Microsoft.Network/virtualNetworks/subnets/read")
    assert not role_allows(reader, "Microsoft.Network/virtualNetworks/write")
    assert role_allows(contributor, "Microsoft.Network/virtualNetworks/write")
    assert not role_allows(contributor, "microsoft.authorization/roleAssignments/write")
    assert role_allows(contributor, "Microsoft.Authorization/locks/read")
    assert role_allows(owner, "Microsoft.Authorization/roleAssignments/write")
    assert role_allows(uaa, "Microsoft.Authorization/roleAssignments/delete")
    assert not role_allows(uaa, "Microsoft.Storage/storageAccounts/write")
