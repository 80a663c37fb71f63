"""Deployment records: a deployment is a row of ``deployments`` holding the served document, its inputs
(template and the parameters as resolved at creation, secure values included - never served) and
its operations. ARM keeps at most 800 deployments per scope and deletes the oldest ones past that.
"""
import json

from ..common.errors import ArmError

TYPE = "Microsoft.Resources/deployments"
MAX_PER_SCOPE = 800
ACTIVE = ("Accepted", "Running")


class Where:
    """A deployment scope: ``level`` is resourceGroup | subscription | managementGroup | tenant."""

    def __init__(self, level, subscription_id=None, group=None, management_group=None):
        self.level, self.subscription_id, self.group, self.management_group = \
            level, subscription_id, group, management_group

    @property
    def scope_id(self):
        if self.level == "resourceGroup":
            return "/subscriptions/%s/resourceGroups/%s" % (self.subscription_id, self.group)
        if self.level == "subscription":
            return "/subscriptions/%s" % self.subscription_id
        if self.level == "managementGroup":
            return "/providers/Microsoft.Management/managementGroups/%s" % self.management_group
        return ""

    def deployment_id(self, name):
        return "%s/providers/%s/%s" % (self.scope_id, TYPE, name)

    def describe(self):
        return {"level": self.level, "subscription": self.subscription_id, "group": self.group,
                "managementGroup": self.management_group}

    @classmethod
    def restore(cls, described):
        return cls(described["level"], described["subscription"], described["group"], described["managementGroup"])

    @classmethod
    def of_scope(cls, scope):
        """The Where of a template engine Scope (a nested deployment's target)."""
        return cls(scope.level, scope.subscription_id, scope.resource_group_name, scope.management_group_name)


def get(db, deployment_id):
    return db.execute("SELECT * FROM deployments WHERE id_lc = ?", (deployment_id.lower(),)).fetchone()


def document(row):
    return json.loads(row["body"])


def operations(row):
    deployment_id = row["id"]
    return [dict(op, id="%s/operations/%s" % (deployment_id, op["operationId"])) for op in json.loads(row["operations"])]


def rows_at(db, where, after=0):
    return db.execute("SELECT * FROM deployments WHERE scope_lc = ? AND seq > ? ORDER BY seq",
                      (where.scope_id.lower(), after))


def not_found(name):
    return ArmError(404, "DeploymentNotFound", "Deployment '%s' could not be found." % name, gateway=False)


def existing(db, where, name):
    row = get(db, where.deployment_id(name))
    if row is None:
        raise not_found(name)
    return row


def save(db, where, name, doc, inputs=None, now=None):
    """Insert or replace the deployment ``name`` at ``where`` (keeping its seq, created time and inputs)."""
    rid = where.deployment_id(name)
    state = doc["properties"]["provisioningState"]
    db.execute(
        "INSERT INTO deployments (id_lc, id, scope_lc, sub_lc, name, state, body, inputs, created, changed) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id_lc) DO UPDATE SET state = excluded.state, "
        "body = excluded.body, inputs = CASE WHEN excluded.inputs = '{}' THEN inputs ELSE excluded.inputs END, "
        "changed = excluded.changed",
        (rid.lower(), rid, where.scope_id.lower(), (where.subscription_id or "").lower(), name, state,
         json.dumps(doc, separators=(",", ":")), json.dumps(inputs or {}, separators=(",", ":")), now, now))
    _keep_limit(db, where)


def save_operations(db, where, name, ops):
    db.execute("UPDATE deployments SET operations = ? WHERE id_lc = ?",
               (json.dumps(ops, separators=(",", ":")), where.deployment_id(name).lower()))


def _keep_limit(db, where):
    """ARM's history limit: past 800 deployments at a scope, the oldest finished ones go."""
    scope_lc = where.scope_id.lower()
    count = db.execute("SELECT count(*) FROM deployments WHERE scope_lc = ?", (scope_lc,)).fetchone()[0]
    if count > MAX_PER_SCOPE:
        db.execute("DELETE FROM deployments WHERE seq IN (SELECT seq FROM deployments WHERE scope_lc = ? AND state "
                   "NOT IN ('Accepted', 'Running') ORDER BY seq LIMIT ?)", (scope_lc, count - MAX_PER_SCOPE))
