"""create, validate and what-if at each scope: the handlers knack reads the arguments from.

Each is a thin wrapper that names its scope's arguments (az's names) and hands over to one shared
flow; the deployment name defaults to the template file's base name, as az's does.
"""
# pylint: disable=unused-argument,too-many-arguments
from .._prompt import Prompter
from .._scopes import Scope
from .._template import default_deployment_name
from .core import TemplateArgs, begin_create, begin_validate, build_properties
from .whatif import confirmed, what_if_command

LEGACY_VALIDATE_NAME = "deployment_dry_run"  # `group deployment validate` takes no --name; az uses this one


def _warn_if_extended_json(flag):
    """-j is a no-op (templates are always read as JSON with comments); az warns that it is deprecated."""
    if flag:
        import sys
        print("Argument '--handle-extended-json-format/-j' has been deprecated and will be removed in a future "
              "release.", file=sys.stderr)


def _name(name, args):
    return name or default_deployment_name(args.template_file, args.template_uri)


def _create(client, cmd, scope, args, name, mode=None, rollback_on_error=None, **options):
    prompter = Prompter()
    name = _name(name, args)
    properties = build_properties(cmd, args, mode, rollback_on_error, prompter)
    if options.get("confirm_with_what_if") or options.get("what_if"):
        if not confirmed(cmd, client, scope, name, properties, options, prompter):
            return None
    return begin_create(client, scope, name, scope.body(properties))


def _validate(client, cmd, scope, args, name, mode=None, rollback_on_error=None):
    name = _name(name, args)
    properties = build_properties(cmd, args, mode, rollback_on_error)
    return begin_validate(client, scope, name, scope.body(properties))


def _what_if(client, cmd, scope, args, name, mode=None, **options):
    name = _name(name, args)
    properties = build_properties(cmd, args, mode)
    return what_if_command(cmd, client, scope, name, properties, **options)


# ---- resource group -----------------------------------------------------------------------------
def create_group(client, cmd, resource_group_name, template_file=None, template_uri=None, template_spec=None,
                 query_string=None, parameters=None, deployment_name=None, mode="Incremental",
                 rollback_on_error=None, no_prompt=None, confirm_with_what_if=False, what_if=False,
                 what_if_result_format=None, what_if_exclude_change_types=None, proceed_if_no_change=False,
                 handle_extended_json_format=None):
    """Start a deployment at resource group."""
    _warn_if_extended_json(handle_extended_json_format)
    args = TemplateArgs(template_file, template_uri, template_spec, query_string, parameters, no_prompt)
    return _create(client, cmd, Scope("group", resource_group_name), args, deployment_name, mode,
                   rollback_on_error, confirm_with_what_if=confirm_with_what_if, what_if=what_if,
                   what_if_result_format=what_if_result_format,
                   what_if_exclude_change_types=what_if_exclude_change_types,
                   proceed_if_no_change=proceed_if_no_change)


def validate_group(client, cmd, resource_group_name, template_file=None, template_uri=None, template_spec=None,
                   query_string=None, parameters=None, deployment_name=None, mode="Incremental",
                   rollback_on_error=None, no_prompt=None, handle_extended_json_format=None):
    """Validate whether a template is syntactically correct at resource group scope."""
    _warn_if_extended_json(handle_extended_json_format)
    args = TemplateArgs(template_file, template_uri, template_spec, query_string, parameters, no_prompt)
    return _validate(client, cmd, Scope("group", resource_group_name), args, deployment_name, mode,
                     rollback_on_error)


def what_if_group(client, cmd, resource_group_name, template_file=None, template_uri=None, template_spec=None,
                  query_string=None, parameters=None, deployment_name=None, mode="Incremental", no_prompt=None,
                  result_format=None, no_pretty_print=False, exclude_change_types=None, exit_code=False):
    """Execute a deployment What-If operation at resource group scope."""
    args = TemplateArgs(template_file, template_uri, template_spec, query_string, parameters, no_prompt)
    return _what_if(client, cmd, Scope("group", resource_group_name), args, deployment_name, mode,
                    result_format=result_format, exclude_change_types=exclude_change_types,
                    no_pretty_print=no_pretty_print, exit_code=exit_code)


def legacy_create_group(client, cmd, resource_group_name, template_file=None, template_uri=None,
                        parameters=None, deployment_name=None, mode="Incremental", rollback_on_error=None,
                        no_prompt=None, handle_extended_json_format=None):
    """`group deployment create` (deprecated in az for `deployment group create`)."""
    _warn_if_extended_json(handle_extended_json_format)
    args = TemplateArgs(template_file, template_uri, None, None, parameters, no_prompt)
    return _create(client, cmd, Scope("group", resource_group_name), args, deployment_name, mode,
                   rollback_on_error)


def legacy_validate_group(client, cmd, resource_group_name, template_file=None, template_uri=None,
                          parameters=None, mode="Incremental", rollback_on_error=None, no_prompt=None,
                          handle_extended_json_format=None):
    """`group deployment validate` (deprecated in az for `deployment group validate`)."""
    _warn_if_extended_json(handle_extended_json_format)
    args = TemplateArgs(template_file, template_uri, None, None, parameters, no_prompt)
    return _validate(client, cmd, Scope("group", resource_group_name), args, LEGACY_VALIDATE_NAME, mode,
                     rollback_on_error)


# ---- subscription ---------------------------------------------------------------------------------
def create_sub(client, cmd, deployment_location, template_file=None, template_uri=None, template_spec=None,
               query_string=None, parameters=None, deployment_name=None, no_prompt=None,
               confirm_with_what_if=False, what_if=False, what_if_result_format=None,
               what_if_exclude_change_types=None, proceed_if_no_change=False, handle_extended_json_format=None):
    """Start a deployment at subscription scope."""
    _warn_if_extended_json(handle_extended_json_format)
    args = TemplateArgs(template_file, template_uri, template_spec, query_string, parameters, no_prompt)
    return _create(client, cmd, Scope("sub", location=deployment_location), args, deployment_name,
                   confirm_with_what_if=confirm_with_what_if, what_if=what_if,
                   what_if_result_format=what_if_result_format,
                   what_if_exclude_change_types=what_if_exclude_change_types,
                   proceed_if_no_change=proceed_if_no_change)


def validate_sub(client, cmd, deployment_location, template_file=None, template_uri=None, template_spec=None,
                 query_string=None, parameters=None, deployment_name=None, no_prompt=None,
                 handle_extended_json_format=None):
    """Validate whether a template is valid at subscription scope."""
    _warn_if_extended_json(handle_extended_json_format)
    args = TemplateArgs(template_file, template_uri, template_spec, query_string, parameters, no_prompt)
    return _validate(client, cmd, Scope("sub", location=deployment_location), args, deployment_name)


def what_if_sub(client, cmd, deployment_location, template_file=None, template_uri=None, template_spec=None,
                query_string=None, parameters=None, deployment_name=None, no_prompt=None, result_format=None,
                no_pretty_print=False, exclude_change_types=None, exit_code=False):
    """Execute a deployment What-If operation at subscription scope."""
    args = TemplateArgs(template_file, template_uri, template_spec, query_string, parameters, no_prompt)
    return _what_if(client, cmd, Scope("sub", location=deployment_location), args, deployment_name,
                    result_format=result_format, exclude_change_types=exclude_change_types,
                    no_pretty_print=no_pretty_print, exit_code=exit_code)


# ---- management group -----------------------------------------------------------------------------
def create_mg(client, cmd, management_group_id, deployment_location, template_file=None, template_uri=None,
              template_spec=None, query_string=None, parameters=None, deployment_name=None, no_prompt=None,
              confirm_with_what_if=False, what_if=False, what_if_result_format=None,
              what_if_exclude_change_types=None, proceed_if_no_change=False, handle_extended_json_format=None):
    """Start a deployment at management group."""
    _warn_if_extended_json(handle_extended_json_format)
    args = TemplateArgs(template_file, template_uri, template_spec, query_string, parameters, no_prompt)
    scope = Scope("mg", management_group_id=management_group_id, location=deployment_location)
    return _create(client, cmd, scope, args, deployment_name, confirm_with_what_if=confirm_with_what_if,
                   what_if=what_if, what_if_result_format=what_if_result_format,
                   what_if_exclude_change_types=what_if_exclude_change_types,
                   proceed_if_no_change=proceed_if_no_change)


def validate_mg(client, cmd, management_group_id, deployment_location, template_file=None, template_uri=None,
                template_spec=None, query_string=None, parameters=None, deployment_name=None, no_prompt=None,
                handle_extended_json_format=None):
    """Validate whether a template is syntactically correct at management group scope."""
    _warn_if_extended_json(handle_extended_json_format)
    args = TemplateArgs(template_file, template_uri, template_spec, query_string, parameters, no_prompt)
    scope = Scope("mg", management_group_id=management_group_id, location=deployment_location)
    return _validate(client, cmd, scope, args, deployment_name)


def what_if_mg(client, cmd, management_group_id, deployment_location, template_file=None, template_uri=None,
               template_spec=None, query_string=None, parameters=None, deployment_name=None, no_prompt=None,
               result_format=None, no_pretty_print=False, exclude_change_types=None, exit_code=False):
    """Execute a deployment What-If operation at management group scope."""
    args = TemplateArgs(template_file, template_uri, template_spec, query_string, parameters, no_prompt)
    scope = Scope("mg", management_group_id=management_group_id, location=deployment_location)
    return _what_if(client, cmd, scope, args, deployment_name, result_format=result_format,
                    exclude_change_types=exclude_change_types, no_pretty_print=no_pretty_print,
                    exit_code=exit_code)


# ---- tenant -----------------------------------------------------------------------------------------
def create_tenant(client, cmd, deployment_location, template_file=None, template_uri=None, template_spec=None,
                  query_string=None, parameters=None, deployment_name=None, no_prompt=None,
                  confirm_with_what_if=False, what_if=False, what_if_result_format=None,
                  what_if_exclude_change_types=None, proceed_if_no_change=False, handle_extended_json_format=None):
    """Start a deployment at tenant scope."""
    _warn_if_extended_json(handle_extended_json_format)
    args = TemplateArgs(template_file, template_uri, template_spec, query_string, parameters, no_prompt)
    return _create(client, cmd, Scope("tenant", location=deployment_location), args, deployment_name,
                   confirm_with_what_if=confirm_with_what_if, what_if=what_if,
                   what_if_result_format=what_if_result_format,
                   what_if_exclude_change_types=what_if_exclude_change_types,
                   proceed_if_no_change=proceed_if_no_change)


def validate_tenant(client, cmd, deployment_location, template_file=None, template_uri=None, template_spec=None,
                    query_string=None, parameters=None, deployment_name=None, no_prompt=None,
                    handle_extended_json_format=None):
    """Validate whether a template is valid at tenant scope."""
    _warn_if_extended_json(handle_extended_json_format)
    args = TemplateArgs(template_file, template_uri, template_spec, query_string, parameters, no_prompt)
    return _validate(client, cmd, Scope("tenant", location=deployment_location), args, deployment_name)


def what_if_tenant(client, cmd, deployment_location, template_file=None, template_uri=None, template_spec=None,
                   query_string=None, parameters=None, deployment_name=None, no_prompt=None, result_format=None,
                   no_pretty_print=False, exclude_change_types=None, exit_code=False):
    """Execute a deployment What-If operation at tenant scope."""
    args = TemplateArgs(template_file, template_uri, template_spec, query_string, parameters, no_prompt)
    return _what_if(client, cmd, Scope("tenant", location=deployment_location), args, deployment_name,
                    result_format=result_format, exclude_change_types=exclude_change_types,
                    no_pretty_print=no_pretty_print, exit_code=exit_code)
