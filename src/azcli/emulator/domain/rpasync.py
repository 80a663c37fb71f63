"""Long-running operations of resource providers, the way the RPs answer them.

Which writes are long-running follows ARM: Network and Compute PUT/DELETE/actions answer with
``Azure-AsyncOperation`` (+ ``Location`` on DELETE and POST) pointing at
``/subscriptions/{sub}/providers/{ns}/locations/{loc}/operations/{id}``; a new storage account
answers 202 + ``Location`` (``.../locations/{loc}/asyncoperations/{id}``) whose final poll is the
account. Everything else is synchronous. Operations are rows of lro.py's table, settled lazily.
"""
import json

from . import lro, resources
from ..store import records, db as store
from ..wire.errors import ArmError
from ..wire.http import Response, dumps, empty, json_response

ASYNC = "async"  # Azure-AsyncOperation
LOCATION = "location"  # 202 + Location
_STYLES = {
    "microsoft.network": ASYNC,
    "microsoft.compute": ASYNC,
    "microsoft.storage/storageaccounts": LOCATION,
    "microsoft.containerinstance/containergroups": ASYNC,
    "microsoft.containerregistry/registries": ASYNC,
    "microsoft.web/sites": ASYNC,
    "microsoft.sql/servers": ASYNC,
    "microsoft.sql/servers/databases": ASYNC,
}


def style(type_lc):
    """ASYNC, LOCATION or None (synchronous) for a full type in lower case."""
    parts = type_lc.split("/")
    for n in range(len(parts), 0, -1):
        found = _STYLES.get("/".join(parts[:n]))
        if found is not None:
            return found
    return None


def start(db, ctx, kind, row_id, namespace, location, params=None):
    return lro.start(db, ctx, kind, row_id, ctx.subscription["subscription_id"], params=params,
                     location=location or "westus")


def _url(ctx, namespace, location, what, op_id):
    return "%s/subscriptions/%s/providers/%s/locations/%s/%s/%s?api-version=%s" % (
        ctx.base, ctx.subscription["subscription_id"], namespace, location or "westus", what, op_id, ctx.api_version)


def headers(ctx, namespace, location, op_id, with_status=True, with_location=False):
    out = {"Retry-After": lro.RETRY_AFTER}
    if with_status:
        out["Azure-AsyncOperation"] = _url(ctx, namespace, location, "operations", op_id)
        out["Azure-AsyncNotification"] = "Enabled"
    if with_location:
        what = "asyncoperations" if namespace.lower() == "microsoft.storage" else "operationResults"
        out["Location"] = _url(ctx, namespace, location, what, op_id)
    return out


def _operation(ctx, op_id):
    op = ctx.store.read().execute("SELECT * FROM operations WHERE op_id = ? AND sub_lc = ?",
                                  (op_id, ctx.subscription["sub_lc"])).fetchone()
    if op is None:
        raise ArmError(404, "OperationNotFound", "The operation '%s' could not be found." % op_id, gateway=False)
    return op


def get_status(ctx, subscriptionId, namespace, location, operationId):
    op = _operation(ctx, operationId)
    body = {"name": operationId, "status": "InProgress" if op["status"] == "Running" else op["status"],
            "startTime": resources.iso(op["started"])}
    if op["status"] != "Running":
        body["endTime"] = resources.iso(op["finished"])
        if op["status"] == "Failed" and op["result"]:
            body["error"] = json.loads(op["result"]).get("error")
    headers_ = {"Retry-After": lro.RETRY_AFTER} if op["status"] == "Running" else None
    return json_response(body, 200, headers_)


def get_result(ctx, subscriptionId, namespace, location, operationId):
    op = _operation(ctx, operationId)
    if op["status"] == "Running":
        return empty(202, {"Location": ctx.base + ctx.request.path + "?" + ctx.request.query_string,
                           "Retry-After": lro.RETRY_AFTER})
    if op["result"] is None:
        return empty(op["result_status"])
    return Response(op["result_status"], dumps(json.loads(op["result"])))


@lro.completer("resourcePut")
def _finish_put(db, op, now):
    row = records.get(db, op["target"])
    if row is None:
        return 404, None
    records.set_state(db, op["target"], None)
    return 200, resources.render(records.get(db, op["target"]))


@lro.completer("resourceDelete")
def _finish_delete(db, op, now):
    store.delete_under(db, op["target_lc"])
    return 204, None


@lro.completer("resourceAction")
def _finish_action(db, op, now):
    from . import actions
    return actions.complete(db, op, now)


def register(router):
    base = "/subscriptions/{subscriptionId}/providers/{namespace}/locations/{location}/"
    action = "Microsoft.Resources/subscriptions/operationresults/read"
    router.add("GET", base + "operations/{operationId}", get_status, action=action)
    router.add("GET", base + "operationResults/{operationId}", get_result, action=action)
    router.add("GET", base + "asyncoperations/{operationId}", get_result, action=action)
