"""`azcli ts ...`: template specs and their versions, as az 2.91 makes, shows, lists, updates, deletes and
exports them. A spec or version is named by -g/-n[/-v] or by its ID (-s, checked by the params' validator,
which leaves the parts in the arguments); an ID's subscription picks the client."""
import sys

from azcli.errors import InvalidArgumentValueError, RequiredArgumentMissingError

from ._client_factory import cf_resource_groups, cf_template_specs


def _client(cmd, template_spec):
    from ._params import split_template_spec_id
    return cf_template_specs(cmd.cli_ctx, split_template_spec_id(template_spec)[0] if template_spec else None)


def _read_template_file(cmd, template_file):
    """(main template, linked template artifacts) from a JSON template (packed) or a Bicep file (built)."""
    from azure.mgmt.resource.templatespecs.models import LinkedTemplateArtifact
    from azcli.command_modules.deployment._template import compile_bicep, is_bicep_file, parse_jsonc
    if is_bicep_file(template_file):
        return parse_jsonc(compile_bicep(template_file, cmd.cli_ctx.environ), template_file), []
    from ._packing import pack
    template, artifacts = pack(template_file)
    return template, [LinkedTemplateArtifact(path=a["path"], template=a["template"]) for a in artifacts]


def _read_ui_form(path):
    from ._packing import read_template
    return read_template(path)


def _confirm_override(name, version):
    """az asks before a version is replaced; without a terminal it goes ahead, as az does."""
    if not sys.stdin.isatty():
        return True
    from azcli.framework.commands import confirm_on_stderr
    return confirm_on_stderr(None, "This will override template spec {} version {}. Proceed?".format(name, version))


def _group_location(cmd, resource_group_name):
    return cf_resource_groups(cmd.cli_ctx).get(resource_group_name).location


def _exists(getter):
    from azure.core.exceptions import ResourceNotFoundError
    try:
        return getter()
    except ResourceNotFoundError:
        return None


def create_template_spec(cmd, resource_group_name, name, template_file=None, location=None, display_name=None,
                         description=None, version=None, version_description=None, tags=None, no_prompt=False,
                         ui_form_definition_file=None):
    """Create the spec when it is missing, then the version when --version is given."""
    from azure.mgmt.resource.templatespecs.models import TemplateSpec, TemplateSpecVersion
    if (template_file or ui_form_definition_file) and not version:
        raise RequiredArgumentMissingError("please provide --version if --template-file or --ui-form-definition "
                                           "is specified")
    if version and not template_file:  # checked before anything is made (az creates the spec, then fails)
        raise RequiredArgumentMissingError("please provide --template-file with --version: a template spec "
                                           "version holds a template")
    client = cf_template_specs(cmd.cli_ctx)
    if not version:
        spec = TemplateSpec(location=location or _group_location(cmd, resource_group_name), description=description,
                            display_name=display_name, tags=tags or {})
        return client.template_specs.create_or_update(resource_group_name, name, spec)
    main_template, artifacts = _read_template_file(cmd, template_file) if template_file else (None, None)
    ui_form = _read_ui_form(ui_form_definition_file) if ui_form_definition_file else None
    replacing = False
    if not no_prompt and _exists(lambda: client.template_spec_versions.get(resource_group_name, name, version)):
        if not _confirm_override(name, version):
            return None
        replacing = sys.stdin.isatty()  # az: a replaced version keeps its own tags unless --tags
    parent = _exists(lambda: client.template_specs.get(resource_group_name, name))
    # A version lives in its spec's location: an existing spec's unless -l says otherwise (az takes the group's).
    location = location or (parent.location if parent is not None else _group_location(cmd, resource_group_name))
    if parent is None:
        tags = tags or {}
        spec = TemplateSpec(location=location, description=description, display_name=display_name, tags=tags)
        client.template_specs.create_or_update(resource_group_name, name, spec)
    elif tags is None and not replacing:
        tags = parent.tags  # a new version inherits its spec's tags
    body = TemplateSpecVersion(location=location, linked_templates=artifacts, description=version_description,
                               main_template=main_template, tags=tags, ui_form_definition=ui_form)
    return client.template_spec_versions.create_or_update(resource_group_name, name, version, body)


def update_template_spec(cmd, resource_group_name=None, name=None, template_spec=None, template_file=None,
                         display_name=None, description=None, version=None, version_description=None, tags=None,
                         ui_form_definition_file=None):
    """Update a spec (display name, description, tags) or a version (template, description, form, tags);
    what is not given is kept."""
    from azure.mgmt.resource.templatespecs.models import TemplateSpec, TemplateSpecVersion
    client = _client(cmd, template_spec)
    if not version:
        given = [option for option, value in (("--template-file", template_file), ("--version-description",
                 version_description), ("--ui-form-definition", ui_form_definition_file)) if value is not None]
        if given:
            raise RequiredArgumentMissingError("{} update a template spec version: give --version (or a version's "
                                               "ID with --template-spec).".format(", ".join(given)))
        spec = client.template_specs.get(resource_group_name, name)
        body = TemplateSpec(location=spec.location, tags=spec.tags if tags is None else tags,
                            description=spec.description if description is None else description,
                            display_name=spec.display_name if display_name is None else display_name,
                            metadata=spec.metadata)
        return client.template_specs.create_or_update(resource_group_name, name, body)
    existing = client.template_spec_versions.get(resource_group_name, name, version)
    main_template, artifacts = existing.main_template, existing.linked_templates
    if template_file:
        main_template, artifacts = _read_template_file(cmd, template_file)
    ui_form = _read_ui_form(ui_form_definition_file) if ui_form_definition_file else existing.ui_form_definition
    body = TemplateSpecVersion(location=existing.location, tags=existing.tags if tags is None else tags,
                               description=existing.description if version_description is None else version_description,
                               main_template=main_template, linked_templates=artifacts, ui_form_definition=ui_form,
                               metadata=existing.metadata)
    return client.template_spec_versions.create_or_update(resource_group_name, name, version, body)


def get_template_spec(cmd, resource_group_name=None, name=None, version=None, template_spec=None):
    """A version, or a spec with its versions' names (exit code 3 when missing)."""
    client = _client(cmd, template_spec)
    if version:
        return client.template_spec_versions.get(resource_group_name, name, version)
    spec = client.template_specs.get(resource_group_name, name, expand="versions")
    spec.versions = list(spec.versions or {})
    return spec


def list_template_specs(cmd, resource_group_name=None, name=None):
    """The specs of the subscription or a group; with --name, that spec's versions."""
    client = cf_template_specs(cmd.cli_ctx)
    if resource_group_name is not None:
        if name is not None:
            return client.template_spec_versions.list(resource_group_name, name)
        return client.template_specs.list_by_resource_group(resource_group_name)
    if name is not None:
        raise RequiredArgumentMissingError("--name lists a template spec's versions: give --resource-group too.")
    return client.template_specs.list_by_subscription()


def delete_template_spec(cmd, resource_group_name=None, name=None, version=None, template_spec=None):
    """Delete a version, or a spec with all its versions."""
    client = _client(cmd, template_spec)
    if version:
        return client.template_spec_versions.delete(resource_group_name, name, version)
    return client.template_specs.delete(resource_group_name, name)


def export_template_spec(cmd, output_folder, resource_group_name=None, name=None, version=None, template_spec=None):
    """Write a version's main template (<name>.JSON) and linked templates into output_folder; its path."""
    if not version:
        raise InvalidArgumentValueError("Please specify the template spec version for export")
    from ._packing import unpack
    exported = _client(cmd, template_spec).template_spec_versions.get(resource_group_name, name, version)
    linked = [{"path": a.path, "template": a.template} for a in exported.linked_templates or []]
    return unpack(exported.main_template, linked, output_folder, str(name))
