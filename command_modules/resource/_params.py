"""Argument names, types and help for the resource module."""
from azcli.argtypes import location_type, resource_group_name_type, tag_filter_type, tags_type


def load_arguments(loader, _command):
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
