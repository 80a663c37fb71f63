"""Argument names, types and help for the deployment module (az 2.91's names)."""
import argparse

from knack.arguments import CLIArgumentType

from azcli.framework.argtypes import location_type, resource_group_name_type

MODES = ("Incremental", "Complete")
RESULT_FORMATS = ("FullResourcePayloads", "ResourceIdOnly")
CHANGE_TYPES = ("Create", "Delete", "Deploy", "Ignore", "Modify", "NoChange", "Unsupported")
CREATE_COMMANDS = ("create", "validate", "what-if")
GROUPS = {"group": ("deployment group", "group deployment"), "sub": ("deployment sub", "deployment"),
          "mg": ("deployment mg",), "tenant": ("deployment tenant",)}


def _choice(choices):
    """Case-insensitive choice: the canonical spelling, which argparse then checks."""
    return lambda value: next((c for c in choices if c.lower() == value.lower()), value)


def three_state(value):
    """`--no-prompt`, `--no-prompt true|false` (az's three-state flag)."""
    text = str(value).lower()
    if text in ("true", "yes", "y", "1", "on"):
        return True
    if text in ("false", "no", "n", "0", "off"):
        return False
    raise argparse.ArgumentTypeError("expected true or false, got '{}'".format(value))


name_type = CLIArgumentType(options_list=["--name", "-n"], required=True, help="The deployment name.")
create_name_type = CLIArgumentType(options_list=["--name", "-n"], required=False,
                                   help="The deployment name. Default to template file base name.")
mg_type = CLIArgumentType(options_list=["--management-group-id", "-m"], required=True,
                          help="The management group id.")
deployment_location_type = CLIArgumentType(location_type, required=True,
                                           help="The location to store the deployment metadata.")
parameters_type = CLIArgumentType(
    options_list=["--parameters", "-p"], action="append", nargs="+",
    help="The deployment parameters, repeatable and mixed: a parameter file (path or @path), inline JSON, "
         "a URI, `name=value` (typed as the template declares the parameter) or `name=@file`. Later values win.")
no_prompt_type = CLIArgumentType(
    options_list=["--no-prompt"], nargs="?", const=True, type=three_state,
    help="Do not prompt for missing template parameters: fail naming them instead (prompts happen on a "
         "terminal only). Accepts true/false; alone means true.")
what_if_result_format_type = CLIArgumentType(type=_choice(RESULT_FORMATS), choices=RESULT_FORMATS,
                                             default="FullResourcePayloads",
                                             help="The format of What-If results.")
exclude_change_types_type = CLIArgumentType(nargs="+", type=_choice(CHANGE_TYPES), choices=CHANGE_TYPES,
                                            help="Space-separated list of resource change types to be excluded "
                                                 "from What-If results.")


def load_arguments(loader, _command):
    for groups in GROUPS.values():
        for group in groups:
            _template_arguments(loader, group)
    _scope_arguments(loader)
    _create_arguments(loader)
    _what_if_arguments(loader)
    _operation_arguments(loader)


def _template_arguments(loader, group):
    with loader.argument_context(group) as c:
        c.argument("deployment_name", name_type)
        c.argument("template_file", options_list=["--template-file", "-f"],
                   help="A path to a template file (JSON, comments allowed) or a Bicep file (compiled by the "
                        "`bicep` binary on PATH).")
        c.argument("template_uri", options_list=["--template-uri", "-u"], help="A uri to a remote template file.")
        c.argument("template_spec", options_list=["--template-spec", "-s"],
                   help="The template spec resource id (not supported by azcli yet: use --template-file).")
        c.argument("query_string", options_list=["--query-string", "-q"],
                   help="The query string (a SAS token) to be used with the template-uri in the case of linked "
                        "templates.")
        c.argument("parameters", parameters_type)
        c.argument("no_prompt", no_prompt_type)
        c.argument("filter", options_list=["--filter"],
                   help="Filter expression using OData notation, e.g. \"provisioningState eq 'Succeeded'\".")
        c.ignore("top")
        c.argument("handle_extended_json_format", options_list=["--handle-extended-json-format", "-j"],
                   action="store_true",
                   help="Deprecated. Support to handle extended template content including multiline and comments in "
                        "deployment (always on; accepted for compatibility).")
    for verb in CREATE_COMMANDS:
        with loader.argument_context("{} {}".format(group, verb)) as c:
            c.argument("deployment_name", create_name_type)


def _scope_arguments(loader):
    for group in GROUPS["group"]:
        with loader.argument_context(group) as c:
            c.argument("resource_group_name", resource_group_name_type, required=True)
            c.argument("mode", options_list=["--mode"], type=_choice(MODES), choices=MODES, default="Incremental",
                       help="Incremental (only add resources to resource group) or Complete (remove extra "
                            "resources from resource group).")
            c.argument("rollback_on_error", options_list=["--rollback-on-error"], nargs="?", const="",
                       help="The name of a deployment to roll back to on error, or use as a flag to roll back to "
                            "the last successful deployment.")
    for group in GROUPS["sub"] + GROUPS["mg"] + GROUPS["tenant"]:
        with loader.argument_context(group) as c:
            c.argument("deployment_location", deployment_location_type)
    for group in GROUPS["mg"] + ("deployment operation mg",):
        with loader.argument_context(group) as c:
            c.argument("management_group_id", mg_type)
            c.argument("group_id", mg_type)


def _create_arguments(loader):
    for groups in GROUPS.values():
        for group in groups:
            with loader.argument_context(group + " create") as c:
                c.argument("confirm_with_what_if", options_list=["--confirm-with-what-if", "-c"], action="store_true",
                           help="Instruct the command to run deployment What-If before executing the deployment. "
                                "It then prompts you to acknowledge resource changes before it continues (on a "
                                "terminal; without one it refuses).")
                c.argument("what_if", options_list=["--what-if", "-w"], action="store_true",
                           help="Instruct the command to run deployment What-If.")
                c.argument("what_if_result_format", what_if_result_format_type,
                           options_list=["--what-if-result-format", "-r"])
                c.argument("what_if_exclude_change_types", exclude_change_types_type,
                           options_list=["--what-if-exclude-change-types", "-x"],
                           help="Space-separated list of resource change types to be excluded from What-If "
                                "results. Applicable when --confirm-with-what-if is set.")
                c.argument("proceed_if_no_change", options_list=["--proceed-if-no-change"], action="store_true",
                           help="Instruct the command to execute the deployment if the What-If result contains no "
                                "resource changes. Applicable when --confirm-with-what-if is set.")


def _what_if_arguments(loader):
    for groups in GROUPS.values():
        with loader.argument_context(groups[0] + " what-if") as c:
            c.argument("result_format", what_if_result_format_type, options_list=["--result-format", "-r"])
            c.argument("exclude_change_types", exclude_change_types_type, options_list=["--exclude-change-types", "-x"])
            c.argument("no_pretty_print", options_list=["--no-pretty-print"], action="store_true",
                       help="Disable pretty-print for What-If results. When set, the output format type will be used.")
            c.argument("exit_code", options_list=["--exit-code"], action="store_true",
                       help="Exit 2 when the deployment would change something, 0 when it would not (NoChange and "
                            "Ignore only). Not in az.")


def _operation_arguments(loader):
    for group in ("deployment operation", "group deployment operation"):
        with loader.argument_context(group) as c:
            c.argument("deployment_name", name_type)
            c.argument("resource_group_name", resource_group_name_type, required=True)
            c.argument("group_id", mg_type)
            c.argument("operation_ids", options_list=["--operation-ids"], nargs="+",
                       help="A list of operation ids to show.")
            c.ignore("top")
