"""A ready EvalContext for expression tests: a resource group deployment with a recording resolver."""

from azcli.emulator.templates import expressions
from azcli.emulator.templates.context import EvalContext, Scope

SUBSCRIPTION_ID = "00000000-0000-0000-0000-000000000001"
TENANT_ID = "00000000-0000-0000-0000-0000000000aa"
GROUP_ID = f"/subscriptions/{SUBSCRIPTION_ID}/resourceGroups/example-rg"


class RecordingResolver:
    """Answers every delegated call with a description of it, so tests see what was asked."""

    def __init__(self):
        self.calls = []

    def reference(self, ref, api_version, full):
        self.calls.append(("reference", ref, api_version, full))
        return {"ref": ref, "apiVersion": api_version, "full": full}

    def references(self, name, mode):
        self.calls.append(("references", name, mode))
        return [{"name": name, "mode": mode}]

    def list_action(self, resource_id, action, api_version, body):
        self.calls.append(("list_action", resource_id, action, api_version, body))
        return {"keys": [{"keyName": "key1", "value": f"{action}:{resource_id}"}]}

    def providers(self, namespace, resource_type):
        self.calls.append(("providers", namespace, resource_type))
        return {"namespace": namespace, "resourceTypes": [{"resourceType": resource_type}]}

    def resource_info(self, symbolic_name):
        self.calls.append(("resource_info", symbolic_name))
        return {"id": f"{GROUP_ID}/providers/A.B/c/{symbolic_name}", "name": symbolic_name}


def resource_group_scope(level="resourceGroup"):
    subscription = {"id": f"/subscriptions/{SUBSCRIPTION_ID}", "subscriptionId": SUBSCRIPTION_ID,
                    "tenantId": TENANT_ID, "displayName": "Example subscription"}
    group = {"id": GROUP_ID, "name": "example-rg", "type": "Microsoft.Resources/resourceGroups",
             "location": "westus2", "tags": {}, "properties": {"provisioningState": "Succeeded"}}
    management_group = {"id": "/providers/Microsoft.Management/managementGroups/mg1", "name": "mg1",
                        "type": "Microsoft.Management/managementGroups"}
    if level == "resourceGroup":
        return Scope(level, TENANT_ID, subscription=subscription, resource_group=group)
    if level == "subscription":
        return Scope(level, TENANT_ID, subscription=subscription)
    if level == "managementGroup":
        return Scope(level, TENANT_ID, management_group=management_group)
    return Scope(level, TENANT_ID)


def make_context(parameters=None, variables=None, level="resourceGroup", **extra):
    extra.setdefault("resolver", RecordingResolver())
    return EvalContext(scope=resource_group_scope(level), parameters=parameters or {}, variables=variables or {},
                       **extra)


def ev(text, ctx=None, **context_arguments):
    """Evaluate one expression written without its brackets, e.g. ev("concat('a', 'b')")."""
    return expressions.evaluate_string(f"[{text}]", ctx or make_context(**context_arguments))
