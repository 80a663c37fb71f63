"""Microsoft.Resources/templateSpecs and their versions (2022-02-01): stored templates a deployment
names by id (``templateLink.id``, domain/templatespecs.py).

A template spec holds description, displayName and metadata; its versions hold the template
(``mainTemplate``, an object, required), the templates it links by relative path (``linkedTemplates``:
``{path, template}`` artifacts with distinct paths), description, metadata and uiFormDefinition, and
live in the spec's location. Neither has a provisioningState; a spec GET with $expand=versions maps its
versions to their description and times.
"""
import json

from . import ResourceType, name_rule
from ..common.errors import ArmError, invalid_request_content
from ..common.values import iso
from ..store import records

SPEC_TYPE = "Microsoft.Resources/templateSpecs"
VERSION_TYPE = SPEC_TYPE + "/versions"
SPEC_PROPERTIES = ("description", "displayName", "metadata")
VERSION_PROPERTIES = ("description", "linkedTemplates", "metadata", "mainTemplate", "uiFormDefinition")
_LIMITS = {"description": 4096, "displayName": 64}


def _bad(message):
    return ArmError(400, "InvalidTemplateSpec", message, gateway=False)


def _own_properties(doc, allowed):
    """The body's properties the type has (read-only and unknown ones dropped), checked."""
    props = {k: v for k, v in doc["properties"].items() if k in allowed}
    _check_text(props)
    return props


def _check_text(props):
    for key, limit in _LIMITS.items():
        value = props.get(key)
        if value is not None and (not isinstance(value, str) or len(value) > limit):
            raise _bad("The template spec property '%s' must be a string of at most %d characters." % (key, limit))
    if props.get("metadata") is not None and not isinstance(props["metadata"], dict):
        raise _bad("The template spec property 'metadata' must be an object.")


def _name_rule(what, code):
    return name_rule(r"^[-\w._()]{1,90}$", code, "The " + what + " name '%s' is invalid: it can contain letters, "
                     "digits, underscores, hyphens, periods and parentheses, at most 90 characters.")


def linked_path(path):
    """An artifact path as compared: forward slashes, no './' segments, case kept."""
    parts = [p for p in str(path).replace("\\", "/").split("/") if p not in ("", ".")]
    return "/".join(parts)


class TemplateSpec(ResourceType):
    type = SPEC_TYPE
    provisioning_state = False
    name_rule = _name_rule("template spec", "InvalidTemplateSpecName")

    def complete(self, doc, old_properties, caller):
        doc["properties"] = _own_properties(doc, SPEC_PROPERTIES)

    def view(self, doc, row, expand, db=None):
        """$expand=versions: the read-only map of the spec's versions (az's `ts show` asks for it)."""
        if "versions" in expand.split(",") and db is not None:
            versions = {}
            for version in records.children(db, row["id_lc"], VERSION_TYPE):
                described = (json.loads(version["body"]).get("properties") or {}).get("description")
                info = {"description": described} if described is not None else {}
                info.update(timeCreated=iso(version["created"]), timeModified=iso(version["changed"]))
                versions[version["name"]] = info
            doc.setdefault("properties", {})["versions"] = versions
        return doc


class TemplateSpecVersion(ResourceType):
    type = VERSION_TYPE
    provisioning_state = False
    name_rule = _name_rule("template spec version", "InvalidTemplateSpecVersionName")

    def complete(self, doc, old_properties, caller):
        props = _own_properties(doc, VERSION_PROPERTIES)
        if not isinstance(props.get("mainTemplate"), dict):
            raise invalid_request_content("A template spec version needs 'mainTemplate', an ARM template object")
        if props.get("uiFormDefinition") is not None and not isinstance(props["uiFormDefinition"], dict):
            raise _bad("The template spec version property 'uiFormDefinition' must be an object.")
        artifacts = props.get("linkedTemplates")
        if artifacts is not None:
            if not isinstance(artifacts, list):
                raise _bad("The template spec version property 'linkedTemplates' must be an array.")
            seen = set()
            for artifact in artifacts:
                if not (isinstance(artifact, dict) and isinstance(artifact.get("path"), str)
                        and linked_path(artifact["path"]) and isinstance(artifact.get("template"), dict)):
                    raise _bad("Each linked template needs a 'path' (a relative file path) and a 'template' "
                               "(an ARM template object).")
                key = linked_path(artifact["path"]).lower()
                if key in seen or key.startswith("../") or key == "..":
                    raise _bad("The linked template path '%s' is repeated or leaves the template spec's root."
                               % artifact["path"])
                seen.add(key)
        doc["properties"] = props

    def prepare_write(self, db, caller, doc, existing):
        spec = records.get(db, doc["id"].rsplit("/versions/", 1)[0])
        if spec is not None and spec["location"] and doc.get("location") != spec["location"]:
            raise _bad("The location of template spec version '%s' must be its template spec's location '%s'."
                       % (doc["name"], spec["location"]))


TYPES = [TemplateSpec(), TemplateSpecVersion()]
