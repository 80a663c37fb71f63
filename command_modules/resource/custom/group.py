"""Thin custom functions for `azcli group`: build the request, make one SDK call."""
from azcli.framework.argtypes import parse_tags

from .._validators import group_list_filter


def create_resource_group(client, resource_group_name, location, tags=None, managed_by=None):
    """Create a new resource group."""
    parameters = {"location": location}
    if tags:
        parameters["tags"] = tags
    if managed_by:
        parameters["managedBy"] = managed_by
    return client.create_or_update(resource_group_name, parameters)


def list_resource_groups(client, tag=None):
    """List resource groups, optionally filtered by a tag."""
    return client.list(filter=group_list_filter(tag))


def update_resource_group(instance, tags=None, managed_by=None):
    """Apply the flattened update arguments to the group's JSON before --set/--add/--remove."""
    if tags is not None:
        instance["tags"] = parse_tags(tags) if isinstance(tags, list) else tags
    if managed_by is not None:
        instance["managedBy"] = managed_by
    return instance


_EXPORT_OPTIONS = (("include_comments", "IncludeComments"),
                   ("include_parameter_default_value", "IncludeParameterDefaultValue"),
                   ("skip_resource_name_params", "SkipResourceNameParameterization"),
                   ("skip_all_params", "SkipAllParameterization"))


def export_group_as_template(client, resource_group_name, include_comments=False,
                             include_parameter_default_value=False, skip_resource_name_params=False,
                             skip_all_params=False, resource_ids=None):
    """Capture a resource group (or some of its resources) as an ARM template."""
    from azcli.framework.argtypes import expand_ids
    flags = dict(include_comments=include_comments, include_parameter_default_value=include_parameter_default_value,
                 skip_resource_name_params=skip_resource_name_params, skip_all_params=skip_all_params)
    options = ",".join(option for name, option in _EXPORT_OPTIONS if flags[name])
    parameters = {"resources": expand_ids(resource_ids) if resource_ids else ["*"]}
    if options:
        parameters["options"] = options
    return client.begin_export_template(resource_group_name, parameters)
