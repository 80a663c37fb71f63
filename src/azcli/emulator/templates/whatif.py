"""What-if: what a prepared deployment would change, without changing anything.

Each template resource is evaluated against the cloud as it is now: reference() to a resource that
already exists reads it (so nothing is reported that would not change); a body that needs a resource
this deployment has yet to create cannot be known and is reported as ``Deploy``.
"""

from .engine_resolver import WHAT_IF
from .errors import TemplateError
from .plan_body import NotDeployed, body_source, evaluate_value
from .plan_ids import scope_id
from .whatif_delta import diff_objects

FORMATS = ("FullResourcePayloads", "ResourceIdOnly")


def what_if(prepared, host, result_format="FullResourcePayloads"):
    """ARM's whatIf answer: ``{"status": "Succeeded", "properties": {"correlationId", "changes": [...]}}``."""
    if result_format not in FORMATS:
        raise TemplateError(f"The what-if result format '{result_format}' is not valid. Allowed values are "
                            f"'{', '.join(FORMATS)}'.", code="InvalidRequestContent")
    changes = []
    managed = set()
    _collect(prepared, host, changes, managed)
    if prepared.scope.level == "resourceGroup":
        kind = "Delete" if prepared.mode == "Complete" else "Ignore"
        for doc in host.list_resources(scope_id(prepared.scope)):
            rid = doc.get("id", "")
            if rid.lower() not in managed:
                changes.append(_change(rid, kind, doc, None))
    if result_format == "ResourceIdOnly":
        changes = [{"resourceId": c["resourceId"], "changeType": c["changeType"]} for c in changes]
    return {"status": "Succeeded", "properties": {"correlationId": prepared.correlation_id, "changes": changes}}


def _collect(prepared, host, changes, managed):
    from .engine import prepare
    from .engine_nested import prepare_nested
    from .plan_body import evaluate_resource

    resolver = prepared.resolver
    resolver.host, resolver.phase = host, WHAT_IF
    for inst in prepared.plan.instances:
        managed.add(inst.key)
        if inst.active is False or inst.existing:
            continue
        try:
            if inst.active is None and evaluate_value(inst.declaration["condition"], inst.ctx) is not True:
                continue
        except NotDeployed:
            pass  # cannot tell yet; show it as it would be deployed
        if inst.is_deployment:
            try:
                child, _ = prepare_nested(prepared, inst, host, prepare)
            except NotDeployed:
                continue  # its parameters need resources this deployment creates
            _collect(child, host, changes, managed)
            continue
        before = host.get(inst.id, inst.api_version)
        if before is not None:  # as ARM shows it: the document read at the template's api-version
            before = dict(before, apiVersion=before.get("apiVersion") or inst.api_version)
        try:
            body = evaluate_resource(inst)
        except NotDeployed:
            changes.append(_change(inst.id, "Deploy", before, _partial(inst)))
            continue
        after = {"id": inst.id, "name": inst.name.rsplit("/", 1)[-1], "type": inst.type,
                 "apiVersion": inst.api_version}
        after.update(body)
        if before is None:
            changes.append(_change(inst.id, "Create", None, after))
            continue
        delta = diff_objects(before, body)
        changes.append(_change(inst.id, "Modify" if delta else "NoChange", before, after, delta))


def _partial(inst):
    """The body with every top-level member that can be evaluated evaluated, the others left as written."""
    after = {"id": inst.id, "name": inst.name.rsplit("/", 1)[-1], "type": inst.type, "apiVersion": inst.api_version}
    for key, value in body_source(inst.declaration).items():
        if key.lower() in ("apiversion", "scope", "existing"):
            continue
        try:
            after[key] = evaluate_value(value, inst.ctx)
        except (NotDeployed, TemplateError):
            after[key] = value
    return after


def _change(rid, kind, before, after, delta=None):
    change = {"resourceId": rid, "changeType": kind}
    if before is not None:
        change["before"] = before
    if after is not None:
        change["after"] = after
    if delta:
        change["delta"] = delta
    return change
