"""Long-running operations, without threads.

An operation row records its kind, target, start time and due time (start + the configured
duration). Nothing runs in the background: before every ARM request, ``settle`` completes the
operations whose due time has passed by calling the completer registered for their kind, in a
short write transaction. So the state seen by any client is a function of the stored times, in
one process or many, in-process or served.

A domain operation starts one with ``start(...)`` inside its write transaction; arm/operations.py
answers the polls (202 while running, then the stored result: status and optional body).

Register a completer for a kind with ``@completer("kind")``: ``f(db, op, now) -> (status, body)``
where op is the operations row; body is a dict (sent as JSON) or None (empty). Completers live with
the domain operation that starts them and register when its module is imported (the app imports
every noun, and so every domain module, before it serves).
"""
import base64
import json

from ..common.errors import ArmError
from ..common.values import new_guid

COMPLETERS = {}
FAILURE_HANDLERS = {}
RETRY_AFTER = "1"


def completer(kind, on_failure=None):
    """Register f(db, op, now) -> (status, body) for operations of kind. ``on_failure(db, op, now, error)``,
    if given, records a completer's crash on what the operation was for (its transaction part is undone)."""
    def register(function):
        COMPLETERS[kind] = function
        if on_failure is not None:
            FAILURE_HANDLERS[kind] = on_failure
        return function
    return register


def _completer_of(kind):
    """The completer of kind. A domain module that is loaded lazily (deployments) may not have registered
    it yet in this process - e.g. a restart settling what a killed server left running - so the domain
    package's modules are loaded once before giving up."""
    if kind not in COMPLETERS:
        import importlib
        import os
        folder = os.path.dirname(os.path.abspath(__file__))
        for name in sorted(f[:-3] for f in os.listdir(folder) if f.endswith(".py") and not f.startswith("_")):
            if kind in COMPLETERS:
                break
            importlib.import_module(__package__ + "." + name)
    return COMPLETERS[kind]


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


def settle(store, now):
    """Complete every operation that is due. Cheap when none is (one indexed read)."""
    due = store.read().execute(
        "SELECT op_id FROM operations WHERE status = 'Running' AND due <= ? ORDER BY due", (now,)).fetchall()
    for (op_id,) in due:
        with store.write() as db:
            finish(db, op_id, now)


def finish(db, op_id, now):
    """Complete operation op_id now, inside the caller's transaction (no-op when another process did)."""
    op = db.execute("SELECT * FROM operations WHERE op_id = ? AND status = 'Running'", (op_id,)).fetchone()
    if op is None:
        return
    db.execute("SAVEPOINT completing")
    try:
        status, body = _completer_of(op["kind"])(db, op, now)
    except ArmError as error:
        db.execute("ROLLBACK TO completing")
        status, body = error.status, error.body()
    except Exception:  # an emulator bug: fail this operation alone, never every later request
        import sys
        import traceback
        traceback.print_exc(file=sys.stderr)
        db.execute("ROLLBACK TO completing")
        status, body = 500, {"error": {"code": "InternalServerError", "message": "The operation failed with an "
                                       "internal error of the local cloud."}}
        handler = FAILURE_HANDLERS.get(op["kind"])
        if handler is not None:
            handler(db, op, now, body["error"])
    db.execute("RELEASE completing")
    db.execute("UPDATE operations SET status = ?, finished = ?, result_status = ?, result = ? WHERE op_id = ?",
               ("Succeeded" if status < 400 else "Failed", now, status, None if body is None else json.dumps(body),
                op_id))


def find(db, op_id, sub_lc):
    """The operation row op_id of the subscription sub_lc, or None."""
    return db.execute("SELECT * FROM operations WHERE op_id = ? AND sub_lc = ?", (op_id, sub_lc)).fetchone()
