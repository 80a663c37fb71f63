"""Arguments of `ts ...`, with az 2.91's names, short options and defaults."""
import os
import re

from knack.arguments import CLIArgumentType

from azcli.errors import InvalidArgumentValueError, RequiredArgumentMissingError
from azcli.framework.argtypes import location_type, resource_group_name_type, tags_type

_ID = re.compile(r"^/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/Microsoft\.Resources/templateSpecs/"
                 r"([^/]+)(?:/versions/([^/]+))?/?$", re.IGNORECASE)


def split_template_spec_id(template_spec):
    """(subscription, group, name, version or None) of a template spec's or a version's ID."""
    match = _ID.match(template_spec.strip().strip('"'))
    if match is None:
        raise InvalidArgumentValueError(
            "--template-spec is not a valid resource ID: expected /subscriptions/{sub}/resourceGroups/{group}/"
            "providers/Microsoft.Resources/templateSpecs/{name}[/versions/{version}], got '%s'." % template_spec)
    return match.groups()


def _given(namespace, dest):
    """A value typed on the command line, not a configured default (`configure --defaults group=`): the
    argument's type turns knack's DefaultStr into a str, so the value is compared with the configured one."""
    from knack.validators import DefaultStr
    value = getattr(namespace, dest, None)
    if value is None or isinstance(value, DefaultStr):
        return False
    if dest == "resource_group_name":
        cli_ctx = getattr(getattr(namespace, "_parser", None), "cli_ctx", None)
        config = getattr(cli_ctx, "config", None)
        if config is not None and value == config.get(config.defaults_section_name, "group", None):
            return False
    return True


def validate_template_spec(namespace):
    """-s ID or -g/-n[/-v]: the ID's parts fill the group, name and version. az ignores -g/-n/-v next to
    -s; azcli accepts them when they agree with the ID and refuses them when they do not (a script
    naming two different specs is a mistake az would hide)."""
    if namespace.template_spec:
        parts = split_template_spec_id(namespace.template_spec)
        named = (("resource_group_name", "--resource-group", parts[1]), ("name", "--name", parts[2]),
                 ("version", "--version", parts[3]))
        conflicting = [option for dest, option, part in named
                       if _given(namespace, dest) and str(getattr(namespace, dest)).lower() != str(part or "").lower()]
        if conflicting:
            raise InvalidArgumentValueError("--template-spec names another template spec than {} does: give one "
                                            "of them.".format(", ".join(conflicting)))
        _, namespace.resource_group_name, namespace.name, namespace.version = parts
    elif not namespace.name or not namespace.resource_group_name:
        raise RequiredArgumentMissingError("incorrect usage: Please enter a resource group and resource name or a "
                                           "resource ID for --template-spec")


def _existing_file(option):
    def check(namespace):
        dest = {"--template-file": "template_file", "--ui-form-definition": "ui_form_definition_file"}[option]
        path = getattr(namespace, dest, None)
        if path is not None:
            path = os.path.expanduser(path)
            if not os.path.isfile(path):
                raise InvalidArgumentValueError("Please enter a valid file path: {} '{}' is not a file."
                                                .format(option, path))
            setattr(namespace, dest, path)
    return check


def validate_output_folder(namespace):
    if not os.path.isdir(os.path.expanduser(namespace.output_folder)):
        raise InvalidArgumentValueError("Please enter a valid output folder: '{}' is not an existing folder."
                                        .format(namespace.output_folder))
    namespace.output_folder = os.path.expanduser(namespace.output_folder)


template_spec_type = CLIArgumentType(options_list=["--template-spec", "-s"], metavar="ID",
                                     validator=validate_template_spec,
                                     help="The template spec resource id (a spec's, or a version's).")
template_file_type = CLIArgumentType(options_list=["--template-file", "-f"],
                                     validator=_existing_file("--template-file"),
                                     help="A path to a template file or Bicep file in the file system.")
ui_form_type = CLIArgumentType(options_list=["--ui-form-definition"], validator=_existing_file("--ui-form-definition"),
                               help="The uiFormDefinition file path in the file system for the template spec version.")


def load_arguments(loader, _command):
    with loader.argument_context("ts") as c:
        c.argument("name", options_list=["--name", "-n"], help="The name of the template spec.")
        c.argument("version", options_list=["--version", "-v"], help="The template spec version.")
        c.argument("resource_group_name", resource_group_name_type)
        c.argument("template_spec", template_spec_type)
        c.argument("template_file", template_file_type)
        c.argument("ui_form_definition_file", ui_form_type)
        c.argument("display_name", options_list=["--display-name", "-d"], help="The display name of the template spec.")
        c.argument("description", options_list=["--description"], help="The description of the parent template spec.")
        c.argument("version_description", options_list=["--version-description"],
                   help="The description of the template spec version.")
        c.argument("tags", tags_type)
    with loader.argument_context("ts create") as c:
        c.argument("resource_group_name", resource_group_name_type,
                   help="The resource group to store the template spec.")
        c.argument("location", location_type, help="The location to store the template-spec and template-spec "
                   "version(s). Cannot be changed after creation (default: the resource group's).")
        c.argument("no_prompt", options_list=["--yes", "-y"], action="store_true",
                   help="Do not prompt for confirmation.")
    with loader.argument_context("ts update") as c:
        c.argument("resource_group_name", resource_group_name_type,
                   help="The resource group to store the template spec.")
    with loader.argument_context("ts delete") as c:
        c.argument("resource_group_name", resource_group_name_type,
                   help="The resource group where the template spec or template spec version is stored.")
    with loader.argument_context("ts export") as c:
        c.argument("output_folder", options_list=["--output-folder"], validator=validate_output_folder,
                   help="Existing folder to output export(s).")
