"""Argument names, types and help for the resource module (az's names)."""
from knack.arguments import CLIArgumentType

from azcli.framework.argtypes import (location_type, name_value, resource_group_name_type, resource_ids_type,
                                      tag_filter_type, tags_type)

LOCK_GROUPS = ("lock", "group lock", "resource lock", "account lock")
_RESOURCE_LOCK_ARGS = ("resource_name", "resource_type", "resource_provider_namespace", "parent_resource_path")
LOCK_TYPES = ("CanNotDelete", "ReadOnly")


def _lock_type(value):
    """--lock-type is case-insensitive; argparse then checks the canonical spelling against the choices."""
    return next((t for t in LOCK_TYPES if t.lower() == value.lower()), value)


def _name_or_id(value):
    """--resource of a lock: a resource id, or a name (one id segment)."""
    if value.strip().lower().startswith("/subscriptions/"):
        return value.strip()
    return name_value("resource name")(value)


resource_name_type = CLIArgumentType(options_list=["--name", "-n"], type=name_value("resource name"),
                                     help="The resource name. (Ex: myC)")
resource_type_type = CLIArgumentType(
    options_list=["--resource-type"],
    help="The resource type (Ex: 'resC'). Can also accept namespace/type format (Ex: 'Microsoft.Provider/resC').")
namespace_type = CLIArgumentType(options_list=["--namespace"],
                                 help="Provider namespace (Ex: 'Microsoft.Provider'). Case-insensitive.")
parent_type = CLIArgumentType(options_list=["--parent"],
                              help="The parent path (Ex: 'resA/myA/resB/myB').")
api_version_type = CLIArgumentType(
    options_list=["--api-version"],
    help="The API version of the resource (omit for the latest stable version the provider lists).")
preview_type = CLIArgumentType(
    options_list=["--latest-include-preview", "-v"], action="store_true",
    help="Resolve the API version to the latest one the provider lists, preview versions included.")


def load_arguments(loader, _command):
    _group_arguments(loader)
    _resource_arguments(loader)
    _tag_arguments(loader)
    _lock_arguments(loader)
    _provider_arguments(loader)
    _link_arguments(loader)
    with loader.argument_context("feature") as c:
        c.argument("resource_provider_namespace", options_list=["--namespace"],
                   help="The resource provider namespace, e.g. Microsoft.Compute (case-insensitive).")
        c.argument("feature_name", options_list=["--name", "-n"], help="The feature name.")
    for verb in ("show", "register", "unregister"):
        with loader.argument_context("feature " + verb) as c:
            c.argument("resource_provider_namespace", required=True)


def _group_arguments(loader):
    with loader.argument_context("group") as c:
        c.argument("resource_group_name", resource_group_name_type,
                   options_list=["--name", "-n", "--resource-group", "-g"])
        c.argument("location", location_type)
        c.argument("tags", tags_type)
        c.argument("managed_by", options_list=["--managed-by"],
                   help="The ID of the resource that manages this resource group.")
    with loader.argument_context("group list") as c:
        c.argument("tag", tag_filter_type)
    with loader.argument_context("group delete") as c:
        c.argument("force_deletion_types", options_list=["--force-deletion-types", "-f"],
                   choices=["Microsoft.Compute/virtualMachines", "Microsoft.Compute/virtualMachineScaleSets",
                            "Microsoft.Databricks/workspaces"],
                   help="The resource types you want to force delete.")
    with loader.argument_context("group export") as c:
        c.argument("include_comments", options_list=["--include-comments"],
                   help="Export template with comments.")
        c.argument("include_parameter_default_value", options_list=["--include-parameter-default-value"],
                   help="Export template parameter with default value.")
        c.argument("skip_resource_name_params", options_list=["--skip-resource-name-params"],
                   help="Export template and skip resource name parameterization.")
        c.argument("skip_all_params", options_list=["--skip-all-params"],
                   help="Export template parameter and skip all parameterization.")
        c.argument("resource_ids", options_list=["--resource-ids"], nargs="+",
                   help="Space-separated resource ids to filter the export by. Default: every resource.")


def _resource_arguments(loader):
    with loader.argument_context("resource") as c:
        c.argument("resource_group_name", resource_group_name_type)
        c.argument("resource_name", resource_name_type)
        c.argument("resource_type", resource_type_type)
        c.argument("resource_provider_namespace", namespace_type)
        c.argument("parent_resource_path", parent_type)
        c.argument("api_version", api_version_type)
        c.argument("latest_include_preview", preview_type)
        c.argument("location", location_type)
        c.argument("properties", options_list=["--properties", "-p"],
                   help="A JSON-formatted string containing resource properties, @file, or '-' for stdin.")
        c.argument("is_full_object", options_list=["--is-full-object"], action="store_true",
                   help="Indicate that the properties object includes other options such as location, tags, "
                        "sku, and/or plan.")
    with loader.argument_context("resource create") as c:
        c.argument("resource_id", options_list=["--id"],
                   help="Resource ID (instead of --resource-group, --name, --resource-type and friends).")
    with loader.argument_context("resource list") as c:
        c.argument("resource_name", options_list=["--name", "-n"], help="Only resources with this name.")
        c.argument("location", options_list=["--location", "-l"], help="Only resources in this location.",
                   configured_default=None, type=lambda value: value.replace(" ", "").lower())
        c.argument("tag", tag_filter_type, help="A single tag in 'key[=value]' format: only resources with it.")
    with loader.argument_context("resource tag") as c:
        c.argument("tags", tags_type)
        c.argument("is_incremental", options_list=["--is-incremental", "-i"], action="store_true",
                   help="Merge the given tags into the existing ones instead of replacing them all.")
    with loader.argument_context("resource move") as c:
        c.argument("ids", resource_ids_type, required=True,
                   help="The ids of the resources to move (all from one group): space- or newline-separated, "
                        "a JSON array, or '-' for stdin.")
        c.argument("destination_group", options_list=["--destination-group"],
                   help="The destination resource group name.")
        c.argument("destination_subscription_id", options_list=["--destination-subscription-id"],
                   help="The destination subscription identifier (default: the source's).")
    with loader.argument_context("resource invoke-action") as c:
        c.argument("action", options_list=["--action"],
                   help="The action that will be invoked on the specified resource (Ex: listKeys, restart).")
        c.argument("request_body", options_list=["--request-body"],
                   help="JSON encoded parameter arguments for the action, @file, or '-' for stdin.")


def _tag_arguments(loader):
    with loader.argument_context("tag") as c:
        c.argument("tag_name", options_list=["--name", "-n"], help="The tag name.")
        c.argument("tag_value", options_list=["--value"], help="The tag value.")
        c.argument("resource_id", options_list=["--resource-id"],
                   help="The id of the scope: a subscription (/subscriptions/<id>), a group, or a resource.")
        c.argument("tags", tags_type)
    with loader.argument_context("tag update") as c:
        c.argument("operation", options_list=["--operation"], choices=["merge", "replace", "delete"],
                   type=str.lower, help="How the given tags change the scope's tags.")


def _lock_arguments(loader):
    for group in LOCK_GROUPS:
        with loader.argument_context(group) as c:
            c.argument("lock_name", options_list=["--name", "-n"], type=name_value("lock name"),
                       help="Name of the lock.")
            c.argument("lock_type", options_list=["--lock-type", "-t"], choices=list(LOCK_TYPES), type=_lock_type,
                       help="The type of lock restriction (case-insensitive).")
            c.argument("notes", options_list=["--notes"], help="Notes about this lock.")
            c.argument("resource_group_name", resource_group_name_type, options_list=["--resource-group", "-g"],
                       help="Name of the resource group the lock (or its resource) is in. Omit for the "
                            "subscription.")
            c.argument("resource_name", options_list=["--resource", "--resource-name"], type=_name_or_id,
                       help="Name or ID of the resource being locked.")
            c.argument("resource_type", options_list=["--resource-type"],
                       help="Type of the resource being locked, e.g. Microsoft.Network/virtualNetworks.")
            c.argument("resource_provider_namespace", options_list=["--namespace", "--resource-provider-namespace"],
                       help="Namespace of the resource provider (case-insensitive).")
            c.argument("parent_resource_path", options_list=["--parent", "--parent-resource-path"],
                       help="The parent path of a child resource, e.g. virtualNetworks/myvnet.")
            c.argument("filter_string", options_list=["--filter-string"],
                       help="An OData filter, e.g. \"atScope()\".")
    # az's `account lock` is the subscription's; `group lock` has no resource arguments.
    with loader.argument_context("account lock") as c:
        for name in ("resource_group_name",) + _RESOURCE_LOCK_ARGS:
            c.ignore(name)
    with loader.argument_context("group lock") as c:
        for name in _RESOURCE_LOCK_ARGS:
            c.ignore(name)


def _provider_arguments(loader):
    with loader.argument_context("provider") as c:
        c.argument("resource_provider_namespace", options_list=["--namespace", "-n"],
                   help="The resource provider namespace, e.g. Microsoft.Storage (case-insensitive).")
        c.argument("expand", options_list=["--expand"],
                   help="Extra properties to include, e.g. 'resourceTypes/aliases'.")
        c.argument("wait", options_list=["--wait"], action="store_true",
                   help="Wait for the registration to finish.")
        c.argument("timeout", options_list=["--timeout"], type=int,
                   help="With --wait: the longest to wait, in seconds (exit code 7 after it).")
    with loader.argument_context("provider register") as c:
        c.argument("management_group_id", options_list=["--management-group-id", "-m"],
                   help="The management group id to register.")
        c.argument("consent_to_permissions", options_list=["--consent-to-permissions", "-c"], action="store_true",
                   help="A value indicating whether authorization is consented or not.")
        c.argument("accept_terms", options_list=["--accept-terms"], action="store_true",
                   help="Accept market place terms and RP terms for RPaaS. Required when registering RPs from "
                        "RPaaS, such as 'Microsoft.Confluent' and 'Microsoft.Datadog'.")


def _link_arguments(loader):
    with loader.argument_context("resource link") as c:
        c.argument("target_id", options_list=["--target", "--target-id"],
                   help="Fully-qualified resource ID of the resource link target.")
        c.argument("link_id", options_list=["--link", "--link-id"],
                   help="Fully-qualified resource ID of the resource link.")
        c.argument("notes", options_list=["--notes"], help="Notes for the link.")
        c.argument("scope", options_list=["--scope"], help="Fully-qualified scope for retrieving links.")
        c.argument("filter_string", options_list=["--filter", "--filter-string"],
                   help="Filter string for limiting results.")
    for verb in ("create", "delete", "show", "update"):
        with loader.argument_context("resource link " + verb) as c:
            c.argument("link_id", required=True)
    with loader.argument_context("resource link create") as c:
        c.argument("target_id", required=True)
