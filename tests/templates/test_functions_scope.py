"""Scope and deployment functions: resourceGroup, subscription, managementGroup, tenant, deployment,
deployer, environment, parameters, variables."""

import pytest

from azcli.emulator.templates.errors import TemplateError

from .helpers import GROUP_ID, SUBSCRIPTION_ID, TENANT_ID, ev, make_context


def test_resource_group_returns_the_scope_dict():
    group = ev("resourceGroup()")
    assert group["id"] == GROUP_ID and group["name"] == "example-rg" and group["location"] == "westus2"
    assert group["properties"] == {"provisioningState": "Succeeded"}
    assert ev("resourceGroup().location") == "westus2"


def test_subscription_and_tenant():
    assert ev("subscription().subscriptionId") == SUBSCRIPTION_ID
    assert ev("subscription().id") == f"/subscriptions/{SUBSCRIPTION_ID}"
    assert ev("tenant()") == {"id": f"/tenants/{TENANT_ID}", "tenantId": TENANT_ID}


def test_management_group():
    assert ev("managementGroup().name", level="managementGroup") == "mg1"
    assert ev("managementGroup('other').id") == "/providers/Microsoft.Management/managementGroups/other"


@pytest.mark.parametrize("expression, level", [
    ("resourceGroup()", "subscription"), ("subscription()", "tenant"), ("managementGroup()", "resourceGroup"),
])
def test_scope_functions_outside_their_scope(expression, level):
    with pytest.raises(TemplateError, match="is not expected at this location"):
        ev(expression, level=level)


def test_deployment_environment_deployer():
    deployment = {"name": "deploy1", "properties": {"templateLink": {"uri": "https://example.test/t.json"}}}
    environment = {"name": "AzureCloud", "resourceManager": "https://management.azure.com/"}
    deployer = {"objectId": "o1", "tenantId": TENANT_ID, "userPrincipalName": "user@example.test"}
    ctx = make_context(deployment=deployment, environment=environment, deployer=deployer)
    assert ev("deployment().name", ctx) == "deploy1"
    assert ev("uri(deployment().properties.templateLink.uri, 'nested.json')", ctx) == "https://example.test/nested.json"
    assert ev("environment().name", ctx) == "AzureCloud"
    assert ev("deployer().userPrincipalName", ctx) == "user@example.test"
    with pytest.raises(TemplateError, match="not available"):
        ev("deployment()")


def test_parameters_and_variables_may_be_callables():
    ctx = make_context(parameters=lambda name: f"p:{name}", variables=lambda name: f"v:{name}")
    assert ev("concat(parameters('a'), variables('b'))", ctx) == "p:av:b"


def test_parameters_requires_a_string():
    with pytest.raises(TemplateError, match="must be of type 'String'"):
        ev("parameters(1)")
