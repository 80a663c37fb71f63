"""Resource groups: names, tags, and their create, update and (long-running) delete."""
import re

from . import lro
from .operations import Operation, Outcome
from .. import rp
from ..common.errors import ArmError, resource_group_being_deleted, resource_group_not_found
from ..store import records
from ..store import db as store

TYPE = "Microsoft.Resources/resourceGroups"
_NAME = re.compile(r"^[-\w._()]{1,90}$")
_TAG_NAME_RESERVED = set("<>%&\\?/")
TAG_NAME_LIMIT, TAG_VALUE_LIMIT, TAG_COUNT_LIMIT = 512, 256, 50


def group_id(sub_id, name):
    return "/subscriptions/%s/resourceGroups/%s" % (sub_id, name)


def document(sub_id, name, location, tags=None, managed_by=None):
    doc = {"id": group_id(sub_id, name), "name": name, "type": TYPE, "location": location}
    if managed_by:
        doc["managedBy"] = managed_by
    if tags:
        doc["tags"] = tags
    doc["properties"] = {"provisioningState": "Succeeded"}
    return doc


def validate_name(name):
    if not _NAME.match(name) or name.endswith("."):
        raise ArmError(400, "InvalidResourceGroupName",
                       "The provided resource group name '%s' is invalid. Resource group names can be 1 to 90 "
                       "characters long, only allow alphanumeric characters, periods, underscores, hyphens and "
                       "parenthesis and cannot end in a period." % name)


def validate_tags(tags):
    """ARM's rules for the tags of a group or resource: string values, names of 1 to 512 characters without
    reserved or control characters, values of at most 256, at most 50 tags; a null value is ""."""
    if tags is None:
        return None
    if not isinstance(tags, dict) or not all(isinstance(v, (str, type(None))) for v in tags.values()):
        raise ArmError(400, "InvalidRequestContent",
                       "The request content was invalid and could not be deserialized: 'tags must be an object "
                       "of string values'.")
    bad = [k for k in tags if not k or _TAG_NAME_RESERVED.intersection(k) or any(ord(c) < 32 for c in k)]
    if bad:
        raise ArmError(400, "InvalidTagNameCharacters",
                       "The tag names '%s' have reserved characters '<,>,%%,&,\\,?,/' or control characters."
                       % ",".join(bad))
    long_name = next((k for k in tags if len(k) > TAG_NAME_LIMIT), None)
    if long_name is not None:
        raise ArmError(400, "InvalidTagNameLength", "The tag name '%s' exceeds the maximum length of '%d' characters."
                       % (long_name, TAG_NAME_LIMIT))
    long_value = next((v for v in tags.values() if v is not None and len(v) > TAG_VALUE_LIMIT), None)
    if long_value is not None:
        raise ArmError(400, "InvalidTagValueLength", "The tag value '%s' exceeds the maximum length of '%d' "
                       "characters." % (long_value, TAG_VALUE_LIMIT))
    if len(tags) > TAG_COUNT_LIMIT:
        raise ArmError(400, "InvalidTagsCount", "The number of tags '%d' exceeds the limit of '%d'."
                       % (len(tags), TAG_COUNT_LIMIT))
    return {k: ("" if v is None else v) for k, v in tags.items()}


def existing(db, caller, name):
    """The group row, or 404."""
    row = records.get(db, group_id(caller.subscription["subscription_id"], name))
    if row is None:
        raise resource_group_not_found(name)
    return row


class PutGroup(Operation):
    """Create or update a group (location fixed once created). ``location`` is normalized already."""

    def __init__(self, name, location, tags=None, managed_by=None):
        self.name, self.location, self.tags, self.managed_by = name, location, validate_tags(tags), managed_by

    def prepare(self, caller, db):
        validate_name(self.name)
        sub_id = caller.subscription["subscription_id"]
        self.row = row = records.get(db, group_id(sub_id, self.name))
        if row is not None:
            if row["state"] == "Deleting":
                raise resource_group_being_deleted(row["name"])
            if row["location"] != self.location:
                raise ArmError(409, "InvalidResourceGroupLocation",
                               "Invalid resource group location '%s'. The Resource group already exists in location "
                               "'%s'." % (self.location, row["location"]), gateway=False)
        return [(group_id(sub_id, row["name"] if row is not None else self.name), "write")]

    def apply(self, caller, db):
        sub_id = caller.subscription["subscription_id"]
        name = self.row["name"] if self.row is not None else self.name
        doc = document(sub_id, name, self.location, self.tags, self.managed_by)
        records.put(db, doc["id"], TYPE, sub_id, name, "/subscriptions/" + sub_id, name, self.location, doc,
                    caller.now)
        return Outcome(doc, created=self.row is None)


class PatchGroup(Operation):
    """Update tags and/or managedBy (members absent from ``changes`` stay)."""

    def __init__(self, name, changes):
        self.name, self.changes = name, changes

    def prepare(self, caller, db):
        self.row = existing(db, caller, self.name)
        if self.row["state"] == "Deleting":
            raise resource_group_being_deleted(self.row["name"])
        current = records.render(self.row)
        self.tags = validate_tags(self.changes["tags"]) if "tags" in self.changes else current.get("tags")
        self.managed_by = self.changes["managedBy"] if "managedBy" in self.changes else current.get("managedBy")
        return [(self.row["id"], "write")]

    def apply(self, caller, db):
        row = self.row
        doc = document(caller.subscription["subscription_id"], row["name"], row["location"], self.tags,
                       self.managed_by)
        records.put(db, doc["id"], TYPE, caller.subscription["subscription_id"], row["name"], row["parent_lc"],
                    row["name"], row["location"], doc, caller.now)
        return Outcome(doc)


class DeleteGroup(Operation):
    """Delete a group and everything in it, as a long-running operation (one at a time per group)."""

    def __init__(self, name):
        self.name = name

    def prepare(self, caller, db):
        self.row = existing(db, caller, self.name)
        self.running = lro.running(db, self.row["id"], "deleteResourceGroup")
        return [] if self.running is not None else [(self.row["id"], "delete")]

    def apply(self, caller, db):
        if self.running is not None:
            return Outcome(op_id=self.running["op_id"])
        records.set_state(db, self.row["id"], "Deleting")
        return Outcome(op_id=lro.start(db, caller, "deleteResourceGroup", self.row["id"],
                                       caller.subscription["subscription_id"], location=self.row["location"]))


@lro.completer("deleteResourceGroup")
def _finish_delete(db, op, now):
    # Each resource leaves as its own delete would have it: a vault is soft-deleted (its name stays
    # taken until it is purged), references from outside the group are dropped.
    scope = op["target_lc"]
    for row in db.execute("SELECT * FROM resources WHERE id_lc >= ? AND id_lc < ? ORDER BY seq",
                          (scope + "/", scope + "0")).fetchall():
        rp.lookup(row["type_lc"]).removed(db, row)
    store.delete_under(db, scope)
    return 200, None
