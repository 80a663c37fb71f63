"""Packing a template and the local templates it links into a template spec version, and unpacking one.

A `Microsoft.Resources/deployments` resource whose `properties.templateLink.relativePath` names a file
is a linked template: its file is read relative to the template that links it, must lie under the main
template's folder, and becomes one artifact `{"path": <relative to the main template's folder, with
'/'>, "template": <its JSON>}`. Linked templates are packed recursively, depth first, each artifact
after the ones it links (az's order), each file once. Deployments nested inline
(`properties.template`, or az's `properties.mainTemplate`) are searched too. Templates are read as
JSONC (comments, multi-line strings), as `deployment ... --template-file` reads them.

Pure: no SDK import. Errors are usage errors naming the file.
"""
import json
import os

from azcli.errors import InvalidArgumentValueError

DEPLOYMENTS = "microsoft.resources/deployments"


def read_template(path):
    """A template file as a JSON object (JSONC accepted)."""
    from azcli.command_modules.deployment._template import parse_jsonc
    try:
        with open(path, encoding="utf-8-sig") as handle:
            text = handle.read()
    except OSError as ex:
        raise InvalidArgumentValueError("The file '{}' could not be read: {}."
                                        .format(path, ex.strerror or ex)) from None
    template = parse_jsonc(text, path)
    if not isinstance(template, dict):
        raise InvalidArgumentValueError("'{}' is not an ARM template (a JSON object).".format(path))
    return template


def _deployments(template):
    """Every deployment resource of template, with those nested inline in them."""
    resources = template.get("resources") if isinstance(template, dict) else None
    if isinstance(resources, dict):  # languageVersion 2.0: symbolic names
        resources = list(resources.values())
    found = []
    for resource in resources if isinstance(resources, list) else []:
        if not isinstance(resource, dict) or str(resource.get("type", "")).lower() != DEPLOYMENTS:
            continue
        found.append(resource)
        props = resource.get("properties")
        if isinstance(props, dict):
            for key in ("template", "mainTemplate"):
                if isinstance(props.get(key), dict):
                    found.extend(_deployments(props[key]))
    return found


def relative_links(template):
    """The relativePath of every templateLink in template's deployments, in document order."""
    paths = []
    for resource in _deployments(template):
        props = resource.get("properties")
        link = props.get("templateLink") if isinstance(props, dict) else None
        if isinstance(link, dict) and link.get("relativePath"):
            paths.append(link["relativePath"])
    return paths


class _Packer:
    def __init__(self, root_dir):
        self.root_dir = root_dir
        self.artifacts = []  # [(absolute path, artifact)]
        self.visiting = []

    def packed(self, path):
        return any(os.path.samefile(done, path) for done, _ in self.artifacts)

    def pack(self, path, template):
        self.visiting.append(path)
        base = os.path.dirname(path)
        for relative in relative_links(template):
            target = self._resolve(path, base, relative)
            if self.packed(target):
                continue
            if any(os.path.samefile(open_path, target) for open_path in self.visiting):
                raise InvalidArgumentValueError("'{}' links '{}', which links back to it: linked templates must "
                                                "not form a cycle.".format(path, relative))
            linked = read_template(target)
            self.pack(target, linked)
            path_in_spec = os.path.relpath(target, self.root_dir).replace(os.sep, "/")
            self.artifacts.append((target, {"path": path_in_spec, "template": linked}))
        self.visiting.pop()

    def _resolve(self, path, base, relative):
        if not isinstance(relative, str) or (relative.startswith("[") and not relative.startswith("[[")):
            raise InvalidArgumentValueError("'{}': a templateLink.relativePath must be a file path to be packed, "
                                            "not {}.".format(path, json.dumps(relative)))
        target = os.path.abspath(os.path.join(base, relative.replace("\\", "/")))
        if not os.path.isfile(target):
            raise InvalidArgumentValueError("'{}' links '{}': the file {} was not found."
                                            .format(path, relative, target))
        if os.path.commonpath([self.root_dir, target]) != self.root_dir:
            raise InvalidArgumentValueError("'{}' links '{}', which is outside of the main template's folder {}."
                                            .format(path, relative, self.root_dir))
        return target


def pack(template_file):
    """(main template, [{'path', 'template'}]) for a template spec version made from template_file."""
    root_path = os.path.abspath(template_file)
    template = read_template(root_path)
    packer = _Packer(os.path.dirname(root_path))
    packer.pack(root_path, template)
    return template, [artifact for _, artifact in packer.artifacts]


def _write_json(path, value):
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(value, handle, indent=2)


def unpack(main_template, linked_templates, output_folder, spec_name):
    """Write the main template as <output_folder>/<spec_name>.JSON (az's name) and each linked template at
    its path under output_folder; the folder's absolute path."""
    target_dir = os.path.abspath(output_folder)
    planned = []
    for artifact in linked_templates or []:
        relative = str(artifact["path"]).replace("\\", "/")
        path = os.path.abspath(os.path.join(target_dir, relative))
        if os.path.commonpath([target_dir, path]) != target_dir or path == target_dir:
            raise InvalidArgumentValueError("The linked template '{}' would be written outside of {}; nothing "
                                            "was exported.".format(artifact["path"], target_dir))
        planned.append((path, artifact.get("template")))
    for path, template in planned:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        _write_json(path, template)
    _write_json(os.path.join(target_dir, os.path.basename(spec_name) + ".JSON"), main_template)
    return target_dir
