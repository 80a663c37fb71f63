"""What a deployment linking a template spec version (``templateLink.id``) deploys: the version's
mainTemplate, and its linkedTemplates for the nested deployments that link them by relativePath."""
import json

from . import rbac
from ..common.errors import ArmError, authorization_failed
from ..rp.templatespecs import VERSION_TYPE, linked_path
from ..store import records

READ_ACTION = VERSION_TYPE + "/read"


def not_found(version_id):
    return ArmError(404, "TemplateSpecNotFound", "The template spec version '%s' could not be found. Check the id "
                    "(…/providers/Microsoft.Resources/templateSpecs/{name}/versions/{version})." % version_id,
                    gateway=False)


def version_content(db, principal, version_id):
    """(canonical id, mainTemplate, linkedTemplates) of a version the principal may read; else 404 (or 403)."""
    if not isinstance(version_id, str) or "/providers/microsoft.resources/templatespecs/" not in version_id.lower() \
            or "/versions/" not in version_id.lower():
        raise not_found(version_id)
    row = records.get(db, version_id.split("?")[0].rstrip("/"))
    if row is None or row["type_lc"] != VERSION_TYPE.lower():
        raise not_found(version_id)
    if not rbac.permits(db, principal, READ_ACTION, row["id"]):
        raise authorization_failed(principal, READ_ACTION, row["id"])
    props = json.loads(row["body"]).get("properties") or {}
    return row["id"], props["mainTemplate"], props.get("linkedTemplates") or []


def linked_template(artifacts, current_path, relative_path):
    """(path, template) of the artifact relativePath names from the template at current_path (the main
    template is at ""), or None."""
    directory = current_path.rsplit("/", 1)[0] if "/" in current_path else ""
    parts = []
    for part in directory.split("/") + str(relative_path).replace("\\", "/").split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if not parts:
                return None
            parts.pop()
        else:
            parts.append(part)
    wanted = "/".join(parts).lower()
    for artifact in artifacts:
        if linked_path(artifact.get("path", "")).lower() == wanted:
            return linked_path(artifact["path"]), artifact["template"]
    return None
