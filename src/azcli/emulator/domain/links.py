"""Resource links (Microsoft.Resources/links): a named, annotated pointer from one resource to another.

A link is ``{source resource id}/providers/Microsoft.Resources/links/{name}``, a row of ``resources``
whose ``parent_lc`` is its source, so deleting the source deletes its links (store.delete_under). The
source must exist; the target must be a resource id (ARM does not require it to exist). Writes go
through operations.execute: a ReadOnly lock on the source refuses a link's creation or change, and
any lock on it refuses a link's deletion.
"""
import re

from .operations import Operation, Outcome
from ..common.errors import ArmError
from ..store import records

TYPE = "Microsoft.Resources/links"
SEGMENT = "/providers/microsoft.resources/links"
_NAME = re.compile(r"^[^<>*%&:\\?/+]{1,260}$")
_NOTES_LIMIT = 512


def split(path):
    """(source id as written, link name or None) of a request path ending in .../links[/{name}]."""
    path = "/" + "/".join(p for p in path.split("/") if p)
    at = path.lower().rindex(SEGMENT)
    return path[:at], path[at + len(SEGMENT) + 1:] or None


def link_id(source, name):
    return "%s/providers/%s/%s" % (source, TYPE, name)


def _is_resource_id(value):
    parts = [p for p in (value or "").split("/") if p]
    lowered = [p.lower() for p in parts]
    if len(parts) < 2 or lowered[0] != "subscriptions":
        return False
    if "providers" not in lowered:
        return len(parts) in (2, 4) and (len(parts) == 2 or lowered[2] == "resourcegroups")
    rest = parts[len(lowered) - lowered[::-1].index("providers"):]
    return len(rest) >= 3 and len(rest) % 2 == 1


def not_found(name):
    return ArmError(404, "LinkNotFound", "The resource link '%s' could not be found." % name, gateway=False)


def source_row(db, source):
    """The source resource's row: a resource (not a subscription or group) that exists."""
    if "/providers/" not in source.lower() or not _is_resource_id(source):
        # Links extend resources only: on a subscription or group the type does not exist (as a route, 404).
        raise ArmError(404, "InvalidResourceType", "The resource type 'links' could not be found in the namespace "
                       "'Microsoft.Resources' for scope '%s': a resource link's source must be a resource." % source)
    row = records.get(db, source)
    if row is None:
        raise ArmError(404, "ResourceNotFound", "The Resource '%s' was not found. For more details please go to "
                       "https://aka.ms/ARMResourceNotFoundFix" % source)
    return row


def _properties(body):
    props = body.get("properties")
    if not isinstance(props, dict):
        raise ArmError(400, "InvalidRequestContent", "The request content was invalid and could not be "
                       "deserialized: 'properties is required'.")
    target = props.get("targetId")
    if not isinstance(target, str) or not _is_resource_id(target):
        raise ArmError(400, "InvalidResourceLinkTarget", "The target id '%s' of the resource link is not a valid "
                       "resource id." % target)
    notes = props.get("notes")
    if notes is not None and (not isinstance(notes, str) or len(notes) > _NOTES_LIMIT):
        raise ArmError(400, "InvalidResourceLinkNotes", "The notes of a resource link must be a string of at most "
                       "%d characters." % _NOTES_LIMIT)
    return target, notes


class PutLink(Operation):
    """Create or replace the link ``name`` on ``source``."""

    def __init__(self, source, name, body):
        self.source, self.name, self.body = source, name, body

    def prepare(self, caller, db):
        if not _NAME.match(self.name or ""):
            raise ArmError(400, "InvalidResourceLinkName", "The resource link name '%s' is invalid. It cannot "
                           "contain '<, >, *, %%, &, :, \\, ?, /, +' and must be at most 260 characters long."
                           % self.name)
        source = source_row(db, self.source)
        self.target, self.notes = _properties(self.body)
        self.existing = records.get(db, link_id(source["id"], self.name))
        self.id = self.existing["id"] if self.existing is not None else link_id(source["id"], self.name)
        self.source_id = source["id"]
        return [(self.id, "write")]

    def apply(self, caller, db):
        props = {"sourceId": self.source_id, "targetId": self.target}
        if self.notes is not None:
            props["notes"] = self.notes
        doc = {"id": self.id, "type": TYPE, "name": self.id.rsplit("/", 1)[1], "properties": props}
        sub = self.source_id.split("/")[2]
        parts = self.source_id.split("/")
        group = parts[4] if len(parts) > 4 and parts[3].lower() == "resourcegroups" else None
        records.put(db, self.id, TYPE, sub, group, self.source_id, doc["name"], None, doc, caller.now)
        return Outcome(doc, created=self.existing is None)


class DeleteLink(Operation):
    """Delete a link; one that does not exist is already deleted (204)."""

    def __init__(self, source, name):
        self.source, self.name = source, name

    def prepare(self, caller, db):
        self.row = records.get(db, link_id(self.source, self.name))
        return [(self.row["id"], "delete")] if self.row is not None else []

    def apply(self, caller, db):
        if self.row is None:
            return Outcome(status=204)
        db.execute("DELETE FROM resources WHERE id_lc = ?", (self.row["id_lc"],))
        return Outcome(status=200)
