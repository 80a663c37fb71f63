"""Template deployments at resource group, subscription, management group and tenant scope.

Creating one validates and plans the template at once (a template error answers the PUT) and starts a
long-running operation; the template engine deploys when that operation settles, through the same
domain operations an HTTP client's writes go through (deployment_host.py). Until then it can be
canceled. The rows are deployment_records.py's.
"""
import datetime
import json
import re

from . import caller as callers, lro
from .deployment_host import LocalHost
from .deployment_records import ACTIVE, Where, document, existing, get, rows_at, save, save_operations
from .operations import Operation, Outcome
from ..common.errors import ArmError, resource_group_not_found
from ..store import records

_NAME = re.compile(r"^[-\w._()]{1,64}$")

def check_scope(db, caller, where):
    """404 for a resource group (or management group) that does not exist."""
    if where.level == "resourceGroup":
        row = records.get(db, where.scope_id)
        if row is None:
            raise resource_group_not_found(where.group)
        where.group = row["name"]


def check_name(name):
    if not _NAME.match(name):
        raise ArmError(400, "InvalidDeploymentName", "The deployment name '%s' is invalid. It can be at most 64 "
                       "characters long and contain only alphanumerics, underscores, periods, hyphens and "
                       "parentheses." % name)


# --- Running the engine ----------------------------------------------------------------------------

def _engine():
    from ..templates import engine, whatif
    return engine, whatif


def _timestamp(seconds):
    return datetime.datetime.fromtimestamp(seconds, datetime.timezone.utc)


def _deployer(caller):
    principal = caller.principal
    out = {"objectId": principal.object_id, "tenantId": principal.tenant_id}
    if principal.kind == "User":
        out["userPrincipalName"] = getattr(principal, "upn", None) or principal.display_name
    return out


def prepare(caller, db, where, name, inputs, correlation_id):
    """The engine's Prepared deployment, or ARM's 400 for an invalid template or parameters."""
    from ..templates.errors import TemplateError
    from ..templates.host import HostError
    engine, _ = _engine()
    host = LocalHost(caller, db)
    try:
        scope = host.scope(where.subscription_id, where.group, where.management_group)
        return engine.prepare(inputs["template"], inputs["parameters"], scope=scope, name=name, mode=inputs["mode"],
                              host=host, deployer=_deployer(caller), template_link=inputs.get("templateLink"),
                              now=_timestamp(inputs["now"]), correlation_id=correlation_id,
                              location=inputs.get("location")), host
    except TemplateError as error:
        raise ArmError(400, error.code, error.message, details=error.details or None, target=error.target,
                       gateway=False) from None
    except HostError as error:
        raise ArmError(error.status, error.code, error.message, details=error.details or None) from None


def _resolved_parameters(prepared):
    """The parameter values the deployment used (defaults evaluated once: newGuid() and utcNow() included);
    a Key Vault reference stays a reference, read again when the deployment runs (its value is never stored)."""
    params = prepared.parameters
    return {name: ({"reference": params.references[lower]} if lower in params.references
                   else {"value": params.lookup(name)}) for lower, (name, _, _) in params.declared.items()}


class CreateDeployment(Operation):
    """PUT a deployment: validate and plan now, deploy when the started operation settles."""

    def __init__(self, where, name, inputs, correlation_id, requester, client_request_id=None):
        self.where, self.name, self.inputs = where, name, inputs
        self.correlation_id, self.requester = correlation_id, requester
        self.digest = _request_digest(inputs, requester, client_request_id) if client_request_id else None
        self.replay = None

    def resolve(self, caller, db):
        check_name(self.name)
        check_scope(db, caller, self.where)
        self.row = get(db, self.where.deployment_id(self.name))
        if self.row is not None and self.row["state"] in ACTIVE:
            running = lro.running(db, self.where.deployment_id(self.name), "deployment")
            if running is not None and self.digest and json.loads(self.row["inputs"]).get("digest") == self.digest:
                self.replay = running  # this very PUT again, retried after its answer was lost: idempotent
                return None
            raise ArmError(409, "DeploymentActive", "Unable to edit or replace deployment '%s': previous deployment "
                           "is still active. Please see https://aka.ms/arm-deploy for usage details." % self.name,
                           gateway=False)
        return None

    def prepare(self, caller, db):
        from ..templates.engine_records import deployment_document
        if self.replay is not None:
            return []
        self.prepared, _ = prepare(caller, db, self.where, self.name, self.inputs, self.correlation_id)
        self.inputs = dict(self.inputs, parameters=_resolved_parameters(self.prepared), digest=self.digest)
        self.doc = deployment_document(self.prepared, "Accepted", started=_timestamp(caller.now))
        if self.inputs.get("onErrorDeployment"):
            self.doc["properties"]["onErrorDeployment"] = _on_error_setting(self.inputs["onErrorDeployment"])
        return []

    def apply(self, caller, db):
        if self.replay is not None:
            return Outcome(document(self.row), created=True, op_id=self.replay["op_id"])
        save(db, self.where, self.name, self.doc, self.inputs, caller.now)
        save_operations(db, self.where, self.name, [])
        op_id = lro.start(db, caller, "deployment", self.where.deployment_id(self.name),
                          self.where.subscription_id or "", location=self.inputs.get("location"),
                          params={"caller": self.requester, "where": self.where.describe(), "name": self.name,
                                  "correlationId": self.prepared.correlation_id})
        return Outcome(self.doc, created=self.row is None, op_id=op_id)


def _request_digest(inputs, requester, client_request_id):
    """What makes two PUTs of a deployment one request sent twice (a retry): the same client request id
    (x-ms-client-request-id, which a client's retries keep), the same inputs but the time, the same sender.
    Another request for a running deployment, even an identical one, is still DeploymentActive."""
    import hashlib
    same = {key: value for key, value in inputs.items() if key != "now"}
    text = json.dumps([same, requester, client_request_id], sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _crashed(db, op, now, error):
    """The deployment's operation crashed: the deployment fails, it never stays Accepted."""
    row = get(db, op["target"])
    if row is not None and row["state"] in ACTIVE:
        doc = document(row)
        doc["properties"].update(provisioningState="Failed", error=error)
        save(db, Where.restore(json.loads(op["params"])["where"]), row["name"], doc, now=now)


@lro.completer("deployment", on_failure=_crashed)
def _run(db, op, now):
    """Deploy a created deployment (unless it was canceled meanwhile)."""
    from ..templates.engine_records import deployment_document
    params = json.loads(op["params"])
    where = Where.restore(params["where"])
    row = get(db, op["target"])
    if row is None or row["state"] not in ACTIVE:
        return 200, {"status": row["state"] if row is not None else "Canceled"}
    caller = callers.restore(db, params["caller"], now)
    inputs = json.loads(row["inputs"])
    engine, _ = _engine()
    started = _timestamp(now)
    try:
        prepared, host = prepare(caller, db, where, params["name"], inputs, params["correlationId"])
    except ArmError as error:  # the world changed since the PUT (e.g. the group went away)
        doc = document(row)
        doc["properties"].update(provisioningState="Failed", error=error.body()["error"])
        save(db, where, params["name"], doc, now=now)
        return 400, {"status": "Failed", "error": doc["properties"]["error"]}
    try:
        result = engine.deploy(prepared, host)
    except Exception:  # an engine bug: the deployment fails (what it already made stays, as in ARM)
        import sys
        import traceback
        traceback.print_exc(file=sys.stderr)
        error = {"code": "InternalServerError", "message": "The deployment failed with an internal error of the "
                 "local cloud's template engine."}
        doc = document(row)
        doc["properties"].update(provisioningState="Failed", error=error)
        save(db, where, params["name"], doc, now=now)
        return 500, {"status": "Failed", "error": error}
    doc = deployment_document(prepared, result.provisioning_state, result, started, result.ended)
    if inputs.get("onErrorDeployment"):
        doc["properties"]["onErrorDeployment"] = _roll_back(db, caller, where, params, inputs["onErrorDeployment"]) \
            if result.error else _on_error_setting(inputs["onErrorDeployment"])
    save(db, where, params["name"], doc, now=now)
    save_operations(db, where, params["name"], result.operations)
    if result.error:
        return 400, {"status": "Failed", "error": result.error}
    return 200, {"status": "Succeeded"}


def _on_error_setting(on_error):
    setting = {"type": on_error.get("type") or "LastSuccessful"}
    if on_error.get("deploymentName"):
        setting["deploymentName"] = on_error["deploymentName"]
    return setting


def _roll_back(db, caller, where, params, on_error):
    """onErrorDeployment: deploy again what an earlier successful deployment at the scope deployed
    (the last one, or the one named); returns the failed deployment's ``onErrorDeployment`` record."""
    kind = on_error.get("type") or "LastSuccessful"
    name = on_error.get("deploymentName")
    if kind == "LastSuccessful":
        earlier = [r for r in rows_at(db, where) if r["state"] == "Succeeded" and r["name"].lower() != params["name"].lower()]
        target = max(earlier, key=lambda r: r["changed"]) if earlier else None
    else:
        target = get(db, where.deployment_id(name or ""))
    record = {"type": kind, "deploymentName": target["name"] if target is not None else name}
    if target is None or target["state"] != "Succeeded" or not json.loads(target["inputs"]).get("template"):
        record["provisioningState"] = "Failed"
        return record
    engine, _ = _engine()
    try:
        prepared, host = prepare(caller, db, where, target["name"], json.loads(target["inputs"]), params["correlationId"])
        record["provisioningState"] = engine.deploy(prepared, host).provisioning_state
    except ArmError:
        record["provisioningState"] = "Failed"
    return record


def validate(caller, db, where, name, inputs, correlation_id):
    """POST validate: the deployment as it would be, with ``validatedResources``; nothing is stored."""
    from ..templates.engine_records import deployment_document
    check_name(name)
    check_scope(db, caller, where)
    prepared, _ = prepare(caller, db, where, name, inputs, correlation_id)
    doc = deployment_document(prepared, "Succeeded", started=_timestamp(caller.now))
    doc["properties"]["validatedResources"] = prepared.validated_resources
    return doc


def what_if(caller, db, where, name, inputs, correlation_id, result_format):
    """POST whatIf: the changes the deployment would make (nothing is stored or changed)."""
    check_name(name)
    check_scope(db, caller, where)
    prepared, host = prepare(caller, db, where, name, inputs, correlation_id)
    _, whatif = _engine()
    return whatif.what_if(prepared, host, result_format or "FullResourcePayloads")


class CancelDeployment(Operation):
    def __init__(self, where, name):
        self.where, self.name = where, name

    def resolve(self, caller, db):
        self.row = existing(db, self.where, self.name)
        if self.row["state"] not in ACTIVE:
            raise ArmError(409, "DeploymentCannotBeCancelled", "The deployment '%s' cannot be cancelled because it "
                           "is in '%s' state." % (self.name, self.row["state"]), gateway=False)
        return None

    def apply(self, caller, db):
        doc = document(self.row)
        doc["properties"]["provisioningState"] = "Canceled"
        save(db, self.where, self.name, doc, now=caller.now)
        db.execute("UPDATE operations SET status = 'Canceled', finished = ?, result_status = 200, result = ? "
                   "WHERE target_lc = ? AND kind = 'deployment' AND status = 'Running'",
                   (caller.now, json.dumps({"status": "Canceled"}), self.row["id_lc"]))
        return Outcome(status=204)


class DeleteDeployment(Operation):
    """Delete a deployment from the history (its resources stay), as a long-running operation."""

    def __init__(self, where, name):
        self.where, self.name = where, name

    def resolve(self, caller, db):
        self.row = get(db, self.where.deployment_id(self.name))
        if self.row is not None and self.row["state"] in ACTIVE:
            raise ArmError(409, "DeploymentActive", "The deployment '%s' cannot be deleted while it is active."
                           % self.name, gateway=False)
        return None

    def apply(self, caller, db):
        if self.row is None:
            return Outcome(status=204)
        op_id = lro.start(db, caller, "deploymentDelete", self.row["id"], self.where.subscription_id or "")
        return Outcome(op_id=op_id, status=202)


@lro.completer("deploymentDelete")
def _finish_delete(db, op, now):
    db.execute("DELETE FROM deployments WHERE id_lc = ?", (op["target_lc"],))
    return 204, None


def report_later(db, caller, where, name, result):
    """An operation that answers ``result`` (a what-if's) once the configured duration has passed."""
    return lro.start(db, caller, "whatIf", where.deployment_id(name), where.subscription_id or "",
                     params={"result": result})


@lro.completer("whatIf")
def _report(db, op, now):
    return 200, json.loads(op["params"])["result"]
