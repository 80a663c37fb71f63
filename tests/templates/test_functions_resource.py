"""Resource functions: id shapes at every scope, documented examples, and delegation to the resolver."""

import pytest

from azcli.emulator.templates.errors import TemplateError

from .helpers import GROUP_ID, SUBSCRIPTION_ID, ev, make_context

OTHER_SUBSCRIPTION = "11111111-1111-1111-1111-111111111111"


@pytest.mark.parametrize("expression, expected", [
    ("resourceId('Microsoft.Storage/storageAccounts','examplestorage')",
     f"{GROUP_ID}/providers/Microsoft.Storage/storageAccounts/examplestorage"),
    ("resourceId('otherResourceGroup', 'Microsoft.Storage/storageAccounts','examplestorage')",
     f"/subscriptions/{SUBSCRIPTION_ID}/resourceGroups/otherResourceGroup/providers/Microsoft.Storage/"
     "storageAccounts/examplestorage"),
    (f"resourceId('{OTHER_SUBSCRIPTION}', 'otherResourceGroup', 'Microsoft.Storage/storageAccounts','examplestorage')",
     f"/subscriptions/{OTHER_SUBSCRIPTION}/resourceGroups/otherResourceGroup/providers/Microsoft.Storage/"
     "storageAccounts/examplestorage"),
    ("resourceId('Microsoft.SQL/servers/databases', 'serverName', 'databaseName')",
     f"{GROUP_ID}/providers/Microsoft.SQL/servers/serverName/databases/databaseName"),
    ("resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet/subnet1')",
     f"{GROUP_ID}/providers/Microsoft.Network/virtualNetworks/vnet/subnets/subnet1"),
    ("subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '8e3af657-a8ff-443c-a75c-2fe8c4bcb635')",
     f"/subscriptions/{SUBSCRIPTION_ID}/providers/Microsoft.Authorization/roleDefinitions/"
     "8e3af657-a8ff-443c-a75c-2fe8c4bcb635"),
    (f"subscriptionResourceId('{OTHER_SUBSCRIPTION}', 'Microsoft.Resources/resourceGroups', 'rg')",
     f"/subscriptions/{OTHER_SUBSCRIPTION}/providers/Microsoft.Resources/resourceGroups/rg"),
    ("tenantResourceId('Microsoft.Authorization/policyDefinitions', '0a914e76-4921-4c19-b460-a2d36003525a')",
     "/providers/Microsoft.Authorization/policyDefinitions/0a914e76-4921-4c19-b460-a2d36003525a"),
    ("extensionResourceId(resourceGroup().Id , 'Microsoft.Authorization/locks', 'myLock')",
     f"{GROUP_ID}/providers/Microsoft.Authorization/locks/myLock"),
    ("managementGroupResourceId('mg2', 'Microsoft.Authorization/policyDefinitions', 'p')",
     "/providers/Microsoft.Management/managementGroups/mg2/providers/Microsoft.Authorization/policyDefinitions/p"),
    ("pickZones('Microsoft.Compute', 'virtualMachines', 'westus2')", ["1"]),
    ("pickZones('Microsoft.Compute', 'virtualMachines', 'westus')", []),
    ("pickZones('Microsoft.Cdn', 'profiles', 'westus2')", []),
    ("pickZones('Microsoft.Compute', 'virtualMachines', 'West US 2', 3)", ["1", "2", "3"]),
    ("pickZones('Microsoft.Compute', 'virtualMachines', 'westus2', 2, 2)", ["3", "1"]),
])
def test_documented_examples(expression, expected):
    assert ev(expression) == expected


@pytest.mark.parametrize("level, expected", [
    ("subscription", f"/subscriptions/{SUBSCRIPTION_ID}/providers/Microsoft.Authorization/roleDefinitions/r"),
    ("managementGroup", "/providers/Microsoft.Authorization/roleDefinitions/r"),
    ("tenant", "/providers/Microsoft.Authorization/roleDefinitions/r"),
])
def test_resource_id_without_a_group_follows_the_deployment_scope(level, expected):
    assert ev("resourceId('Microsoft.Authorization/roleDefinitions', 'r')", level=level) == expected


def test_resource_id_with_a_group_at_subscription_scope():
    assert ev("resourceId('rg1', 'Microsoft.Web/sites', 'app')", level="subscription") == \
        f"/subscriptions/{SUBSCRIPTION_ID}/resourceGroups/rg1/providers/Microsoft.Web/sites/app"


def test_management_group_resource_id_defaults_to_the_deployment_group():
    assert ev("managementGroupResourceId('Microsoft.Authorization/policyDefinitions', 'p')", level="managementGroup") \
        == "/providers/Microsoft.Management/managementGroups/mg1/providers/Microsoft.Authorization/policyDefinitions/p"


def test_reference_delegates_with_api_version_and_full():
    ctx = make_context()
    assert ev("reference('st1')", ctx) == {"ref": "st1", "apiVersion": None, "full": False}
    assert ev("reference(resourceId('Microsoft.Storage/storageAccounts', 'st1'), '2023-01-01', 'Full').full", ctx) is True
    assert ctx.resolver.calls[-1] == ("reference", f"{GROUP_ID}/providers/Microsoft.Storage/storageAccounts/st1",
                                      "2023-01-01", True)


def test_any_list_function_is_a_resource_action():
    ctx = make_context()
    assert ev("listKeys('id1', '2023-01-01').keys[0].value", ctx) == "listKeys:id1"
    ev("listAccountSas('id2', '2023-01-01', createObject('signedExpiry', 'x'))", ctx)
    ev("LISTSECRETS('id3', '2023-01-01')", ctx)
    assert ctx.resolver.calls == [
        ("list_action", "id1", "listKeys", "2023-01-01", None),
        ("list_action", "id2", "listAccountSas", "2023-01-01", {"signedExpiry": "x"}),
        ("list_action", "id3", "LISTSECRETS", "2023-01-01", None),
    ]


def test_references_providers_resource_info_delegate():
    ctx = make_context()
    assert ev("references('vms', 'Full')", ctx) == [{"name": "vms", "mode": "full"}]
    assert ev("providers('Microsoft.Web', 'sites').namespace", ctx) == "Microsoft.Web"
    assert ev("resourceInfo('st').name", ctx) == "st"
    assert [call[0] for call in ctx.resolver.calls] == ["references", "providers", "resource_info"]


def test_without_a_resolver_reference_is_not_expected_here():
    with pytest.raises(TemplateError, match="'reference' is not expected at this location"):
        ev("reference('x')", resolver=None)
    with pytest.raises(TemplateError, match="'listKeys' is not expected at this location"):
        ev("listKeys('x', '1')", resolver=None)


def test_lists_in_the_shared_templates_are_found_by_function_calls():
    from azcli.emulator.templates import expressions
    calls = list(expressions.function_calls("[listKeys(resourceId('A.B/c', 'n'), '2020-01-01').key1]"))
    assert [name for name, _ in calls] == ["listkeys", "resourceid"]


@pytest.mark.parametrize("expression, fragment", [
    ("resourceId('Microsoft.SQL/servers/databases', 'serverName')",
     "the type 'Microsoft.SQL/servers/databases' requires '2' resource name argument(s); '1' were provided"),
    ("resourceId('a', 'b', 'c', 'Microsoft.Web/sites', 'x')", "resource type argument is missing"),
    ("resourceId('Microsoft.Web', 'x')", "resource type argument is missing"),
    ("resourceId(1, 'Microsoft.Web/sites')", "must be of type 'String'"),
    ("resourceId('Microsoft.Web/sites')", "function requires at least 2 argument(s) while 1 were provided"),
    ("references('x', 'Some')", "must be 'Full' or 'Properties'"),
    ("pickZones('Microsoft.Compute', 'virtualMachines', 'westus2', 0)", "numberOfZones must be at least 1"),
    ("listKeys('id')", "function requires between 2 and 3 argument(s) while 1 were provided"),
])
def test_errors(expression, fragment):
    with pytest.raises(TemplateError) as caught:
        ev(expression)
    assert fragment in caught.value.message


def test_management_group_resource_id_needs_a_group():
    with pytest.raises(TemplateError, match="no management group"):
        ev("managementGroupResourceId('A.B/c', 'n')")
