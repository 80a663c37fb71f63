"""The tags of a subscription, group or resource, written through the tags resource
(``{scope}/providers/Microsoft.Resources/tags/default``): synchronous, a ReadOnly lock refuses it."""
import json

from . import groups, resources
from .operations import Operation, Outcome
from ..common.errors import resource_group_not_found, route_not_found
from ..store import records


class TagScope:
    """What a tags-resource scope names: the subscription, a group or a resource."""

    def __init__(self, ctx, db, scope, request_path):
        self.ctx, self.db, self.scope = ctx, db, scope
        sub_id = ctx.subscription["subscription_id"]
        parts = [p for p in scope.split("/") if p][2:]
        self.row = None
        if not parts:
            return
        if len(parts) < 2 or parts[0].lower() != "resourcegroups" or \
                (len(parts) > 2 and parts[2].lower() != "providers"):
            raise route_not_found(request_path, ctx.api_version)
        if len(parts) == 2:
            self.row = records.get(db, groups.group_id(sub_id, parts[1]))
            if self.row is None:
                raise resource_group_not_found(parts[1])
            return
        target = resources.Target(sub_id, parts[1], "/".join(parts[3:]))
        if target.tail is not None:
            raise route_not_found(request_path, ctx.api_version)
        if records.get(db, groups.group_id(sub_id, parts[1])) is None:
            raise resource_group_not_found(parts[1])
        self.row = records.get(db, target.id_lc())
        if self.row is None:
            raise resources.not_found(target)

    def tags(self):
        if self.row is None:
            return json.loads(self.ctx.subscription["body"] or "{}").get("tags") or {}
        return json.loads(self.row["body"]).get("tags") or {}

    def scope_id(self):
        return self.row["id"] if self.row is not None else "/subscriptions/" + self.ctx.subscription["subscription_id"]

    def set_tags(self, tags):
        ctx, db = self.ctx, self.db
        if self.row is None:
            extra = json.loads(db.execute("SELECT body FROM subscriptions WHERE sub_lc = ?",
                                          (ctx.subscription["sub_lc"],)).fetchone()[0] or "{}")
            if tags:
                extra["tags"] = tags
            else:
                extra.pop("tags", None)
            db.execute("UPDATE subscriptions SET body = ? WHERE sub_lc = ?",
                       (json.dumps(extra), ctx.subscription["sub_lc"]))
            return
        doc = json.loads(self.row["body"])
        if doc.get("type") == groups.TYPE:
            new = groups.document(ctx.subscription["subscription_id"], self.row["name"], self.row["location"],
                                  tags or None, doc.get("managedBy"))
            records.update_body(db, self.row, new, ctx.now)
            return
        ordered = {}
        for key, value in doc.items():
            if key == "properties" and "tags" not in ordered:
                ordered["tags"] = tags
            if key != "tags":
                ordered[key] = value
        ordered.setdefault("tags", tags)
        records.update_body(db, self.row, ordered, ctx.now)




class SetTags(Operation):
    """Replace the tags at scope by ``change(current tags)``; ``result`` holds them afterwards."""

    def __init__(self, request_path, scope, change):
        self.request_path, self.scope, self.change = request_path, scope, change

    def prepare(self, caller, db):
        self.target = TagScope(caller, db, self.scope, self.request_path)
        # What the scope ends up with must meet ARM's limits too (a merge can pass 50 tags).
        self.new = groups.validate_tags(self.change(self.target.tags())) or {}
        return [(self.target.scope_id(), "write")]

    def apply(self, caller, db):
        self.target.set_tags(self.new)
        return Outcome(body=self.new)
