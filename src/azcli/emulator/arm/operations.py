"""Long-running operations on the wire: the headers that point at them and the endpoints clients poll.

Resource providers answer ``Azure-AsyncOperation`` (+ ``Location`` on DELETE and POST) pointing at
``/subscriptions/{sub}/providers/{ns}/locations/{loc}/operations/{id}``; a new storage account
answers 202 + ``Location`` (``.../locations/{loc}/asyncoperations/{id}``) whose final poll is the
account. Microsoft.Resources' own operations (group delete, moves) are polled at
``/subscriptions/{sub}/operationresults/{id}``. The operations themselves are domain/lro.py's rows.
"""
import json

from ..common.errors import ArmError
from ..common.values import iso
from ..domain import lro
from ..wire.http import Response, dumps, empty, json_response


def _url(ctx, namespace, location, what, op_id):
    return "%s/subscriptions/%s/providers/%s/locations/%s/%s/%s?api-version=%s" % (
        ctx.base, ctx.subscription["subscription_id"], namespace, location or "westus", what, op_id, ctx.api_version)


def rp_headers(ctx, namespace, location, op_id, with_status=True, with_location=False):
    """The headers of an RP's long-running answer."""
    out = {"Retry-After": lro.RETRY_AFTER}
    if with_status:
        out["Azure-AsyncOperation"] = _url(ctx, namespace, location, "operations", op_id)
        out["Azure-AsyncNotification"] = "Enabled"
    if with_location:
        what = "asyncoperations" if namespace.lower() == "microsoft.storage" else "operationResults"
        out["Location"] = _url(ctx, namespace, location, what, op_id)
    return out


def accepted(ctx, op_id):
    """202 + Location for Microsoft.Resources' own operations."""
    sub_id = ctx.subscription["subscription_id"]
    url = "%s/subscriptions/%s/operationresults/%s?api-version=%s" % (ctx.base, sub_id, op_id, ctx.api_version)
    return empty(202, {"Location": url, "Retry-After": lro.RETRY_AFTER})


def _operation(ctx, op_id):
    op = lro.find(ctx.store.read(), op_id, ctx.subscription["sub_lc"])
    if op is None:
        raise ArmError(404, "OperationNotFound", "The operation '%s' could not be found." % op_id, gateway=False)
    return op


def result_of(op):
    """The stored answer of a finished operation."""
    if op["result"] is None:
        return empty(op["result_status"])
    return Response(op["result_status"], dumps(json.loads(op["result"])))


def get_status(ctx, subscriptionId, namespace, location, operationId):
    op = _operation(ctx, operationId)
    body = {"name": operationId, "status": "InProgress" if op["status"] == "Running" else op["status"],
            "startTime": iso(op["started"])}
    if op["status"] != "Running":
        body["endTime"] = iso(op["finished"])
        if op["status"] == "Failed" and op["result"]:
            body["error"] = json.loads(op["result"]).get("error")
    headers = {"Retry-After": lro.RETRY_AFTER} if op["status"] == "Running" else None
    return json_response(body, 200, headers)


def get_rp_result(ctx, subscriptionId, namespace, location, operationId):
    op = _operation(ctx, operationId)
    if op["status"] == "Running":
        return empty(202, {"Location": ctx.base + ctx.request.path + "?" + ctx.request.query_string,
                           "Retry-After": lro.RETRY_AFTER})
    return result_of(op)


def get_result(ctx, subscriptionId, operationId):
    op = lro.find(ctx.store.read(), operationId, ctx.subscription["sub_lc"])
    if op is None:
        raise ArmError(404, "OperationNotFound", "The operation '%s' could not be found." % operationId)
    if op["status"] == "Running":
        return accepted(ctx, operationId)
    return result_of(op)


def register(router):
    read = "Microsoft.Resources/subscriptions/operationresults/read"
    router.add("GET", "/subscriptions/{subscriptionId}/operationresults/{operationId}", get_result, action=read)
    base = "/subscriptions/{subscriptionId}/providers/{namespace}/locations/{location}/"
    router.add("GET", base + "operations/{operationId}", get_status, action=read)
    router.add("GET", base + "operationResults/{operationId}", get_rp_result, action=read)
    router.add("GET", base + "asyncoperations/{operationId}", get_rp_result, action=read)
