"""Long-running operations, without threads.

An operation row records its kind, target, start time and due time (start + the configured
duration). Nothing runs in the background: before every ARM request, ``settle`` completes the
operations whose due time has passed by calling the completer registered for their kind, in a
short write transaction. So the state seen by any client is a function of the stored times, in
one process or many, in-process or served.

A noun starts an operation with ``start(...)`` inside its own write transaction and answers
``accepted(...)`` (202 + Location + Retry-After). Clients poll
``GET /subscriptions/{sub}/operationresults/{opId}``: 202 while running, then the stored result
(status and optional body) once done.

Register a completer for a kind with ``@completer("kind")``: ``f(db, op, now) -> (status, body)``
where op is the operations row; body is a dict (sent as JSON) or None (empty).
"""
import base64
import json

from ..wire.errors import ArmError
from ..wire.http import Response, dumps, empty, new_guid

COMPLETERS = {}
RETRY_AFTER = "1"


def completer(kind):
    def register(function):
        COMPLETERS[kind] = function
        return function
    return register


def start(db, ctx, kind, target_id, sub_id, params=None, duration=None, location=None):
    """Insert a running operation of kind on target_id; returns the operation id."""
    job = {"jobId": "%sJOB-%s" % (kind.upper(), new_guid().replace("-", "").upper()),
           "jobLocation": location or "westus"}
    op_id = base64.urlsafe_b64encode(json.dumps(job, separators=(",", ":")).encode()).rstrip(b"=").decode()
    duration = ctx.settings.lro_seconds if duration is None else duration
    db.execute(
        "INSERT INTO operations (op_id, kind, sub_lc, target_lc, target, status, started, due, params) "
        "VALUES (?, ?, ?, ?, ?, 'Running', ?, ?, ?)",
        (op_id, kind, sub_id.lower(), target_id.lower(), target_id, ctx.now, ctx.now + duration,
         json.dumps(params or {})))
    return op_id


def running(db, target_id, kind=None):
    """The running operation on target_id (of kind, if given), or None."""
    sql = "SELECT * FROM operations WHERE target_lc = ? AND status = 'Running'"
    args = [target_id.lower()]
    if kind is not None:
        sql += " AND kind = ?"
        args.append(kind)
    return db.execute(sql + " ORDER BY started DESC LIMIT 1", args).fetchone()


def location_url(ctx, sub_id, op_id):
    return "%s/subscriptions/%s/operationresults/%s?api-version=%s" % (ctx.base, sub_id, op_id, ctx.api_version)


def accepted(ctx, sub_id, op_id):
    return empty(202, {"Location": location_url(ctx, sub_id, op_id), "Retry-After": RETRY_AFTER})


def settle(store, now):
    """Complete every operation that is due. Cheap when none is (one indexed read)."""
    due = store.read().execute(
        "SELECT op_id FROM operations WHERE status = 'Running' AND due <= ? ORDER BY due", (now,)).fetchall()
    for (op_id,) in due:
        with store.write() as db:
            op = db.execute("SELECT * FROM operations WHERE op_id = ? AND status = 'Running'", (op_id,)).fetchone()
            if op is None:  # another process settled it first
                continue
            status, body = COMPLETERS[op["kind"]](db, op, now)
            db.execute(
                "UPDATE operations SET status = ?, finished = ?, result_status = ?, result = ? WHERE op_id = ?",
                ("Succeeded" if status < 400 else "Failed", now, status,
                 None if body is None else json.dumps(body), op_id))


def get_result(ctx, subscriptionId, operationId):
    op = ctx.store.read().execute("SELECT * FROM operations WHERE op_id = ? AND sub_lc = ?",
                                  (operationId, ctx.subscription["sub_lc"])).fetchone()
    if op is None:
        raise ArmError(404, "OperationNotFound", "The operation '%s' could not be found." % operationId)
    if op["status"] == "Running":
        return accepted(ctx, ctx.subscription["subscription_id"], operationId)
    if op["result"] is None:
        return empty(op["result_status"])
    return Response(op["result_status"], dumps(json.loads(op["result"])))


def register(router):
    router.add("GET", "/subscriptions/{subscriptionId}/operationresults/{operationId}", get_result,
               action="Microsoft.Resources/subscriptions/operationresults/read")
