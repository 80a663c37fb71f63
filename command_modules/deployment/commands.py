"""The deployment module's command table, readable top to bottom.

`deployment group|sub|mg|tenant ...` and `deployment operation group|sub|mg|tenant ...`, plus the
older forms az 2.91 still runs with a deprecation warning: `group deployment ...` (the whole group is
deprecated there) and the subscription-level `deployment create|list|...` (each command is).
show/list/delete/cancel/wait and `operation list` bind straight to the SDK; create, validate,
what-if, export and `operation show` have a little logic.
"""
from ._format import transform_deployment, transform_deployments_list, transform_validate

DEPLOYMENTS = "azure.mgmt.resource.deployments.operations#DeploymentsOperations.{}"
OPERATIONS = "azure.mgmt.resource.deployments.operations#DeploymentOperationsOperations.{}"
SCOPED = "azcli.command_modules.deployment.custom.scoped#{}"
MANAGE = "azcli.command_modules.deployment.custom.manage#{}"
FACTORY = "azcli.command_modules.deployment._client_factory#{}"

# scope word -> (SDK method suffix, custom function suffix)
SCOPES = {"group": ("", "group"), "sub": ("_at_subscription_scope", "sub"),
          "mg": ("_at_management_group_scope", "mg"), "tenant": ("_at_tenant_scope", "tenant")}
VERBS = ("create", "validate", "what-if", "list", "show", "delete", "cancel", "export", "wait")


def _sdk(verb, suffix):
    if verb == "list" and not suffix:
        return "list_by_resource_group"
    return verb + suffix


def _deprecated(g, legacy, verb):
    """Command-level deprecation: legacy maps a verb to the command az now recommends."""
    return {"deprecate_info": g.deprecate(redirect=legacy[verb], hide=True)} if legacy else {}


def _deployment_commands(loader, group, suffix, custom, verbs=VERBS, legacy=None, create_fn=None,
                         validate_fn=None, group_deprecation=None):
    """The verbs of one scope in `group`."""
    deployments = dict(client_factory=FACTORY.format("cf_deployments"), deprecate_info=group_deprecation)
    client = dict(client_factory=FACTORY.format("cf_deployment_client"))
    with loader.command_group(group, DEPLOYMENTS, custom=SCOPED, **deployments) as g:
        extra = lambda verb: _deprecated(g, legacy, verb)  # noqa: E731
        if "create" in verbs:
            g.custom_command("create", create_fn or "create_" + custom, supports_no_wait=True,
                             table_transformer=transform_deployment, **client, **extra("create"))
        if "validate" in verbs:
            g.custom_command("validate", validate_fn or "validate_" + custom, table_transformer=transform_validate,
                             **client, **extra("validate"))
        if "what-if" in verbs:
            g.custom_command("what-if", "what_if_" + custom, **client)
        g.command("list", _sdk("list", suffix), table_transformer=transform_deployments_list, **extra("list"))
        g.show_command("show", "get" + suffix, table_transformer=transform_deployment, **extra("show"))
        g.command("delete", "begin_delete" + suffix, supports_no_wait=True, **extra("delete"))
        g.command("cancel", "cancel" + suffix, **extra("cancel"))
        g.wait_command("wait", "get" + suffix, **extra("wait"))
    with loader.command_group(group, DEPLOYMENTS, custom=MANAGE, **deployments) as g:
        g.custom_command("export", "export_" + custom, **_deprecated(g, legacy, "export"))


def _operation_commands(loader, group, suffix, custom, legacy=None, group_deprecation=None):
    with loader.command_group(group, OPERATIONS, custom=MANAGE, deprecate_info=group_deprecation,
                              client_factory=FACTORY.format("cf_deployment_operations")) as g:
        g.command("list", "list" + suffix, **_deprecated(g, legacy, "list"))
        g.show_command("show", "show_operations_" + custom, custom=True, **_deprecated(g, legacy, "show"))


def load_command_table(loader):
    for word, (suffix, custom) in SCOPES.items():
        _deployment_commands(loader, "deployment " + word, suffix, custom)
        _operation_commands(loader, "deployment operation " + word, suffix, custom)

    # az 2.91's older forms. `group deployment` is a deprecated group (each command warns that it is
    # implicitly deprecated); the subscription-level `deployment <verb>` commands are deprecated one by one.
    _deployment_commands(loader, "group deployment", "", "group",
                         verbs=("create", "validate", "list", "show", "delete", "cancel", "export", "wait"),
                         create_fn="legacy_create_group", validate_fn="legacy_validate_group",
                         group_deprecation=loader.deprecate(redirect="deployment group", hide=True))
    _operation_commands(loader, "group deployment operation", "", "group",
                        group_deprecation=loader.deprecate(redirect="deployment operation group", hide=True))

    sub_verbs = ("create", "validate", "list", "show", "delete", "cancel", "export", "wait")
    _deployment_commands(loader, "deployment", "_at_subscription_scope", "sub", verbs=sub_verbs,
                         legacy={verb: "deployment sub " + verb for verb in sub_verbs})
    _operation_commands(loader, "deployment operation", "_at_subscription_scope", "sub",
                        legacy={verb: "deployment operation sub " + verb for verb in ("list", "show")})
