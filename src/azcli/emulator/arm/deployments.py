"""The Deployments API on the wire, at resource group, subscription, management group and tenant scope:
create (long-running, Azure-AsyncOperation on operationStatuses), validate, whatIf (202 + Location),
get, head, list ($filter on provisioningState, paging), delete, cancel, exportTemplate, and the
deployment operations. The work is domain/deployments.py's.
"""
import json

from . import operations
from ..common.errors import ArmError, authorization_failed, invalid_request_content
from ..domain import caller as callers
from ..domain import deployment_records as history
from ..domain.deployment_records import Where
from ..domain.operations import execute
from ..identity import directory
from ..rp import locations
from ..store.db import get_meta
from ..wire import listing
from ..wire.http import empty, json_response

RG = "/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}"
SUB = "/subscriptions/{subscriptionId}"
MG = "/providers/Microsoft.Management/managementGroups/{groupId}"
DEPLOYMENTS = "/providers/Microsoft.Resources/deployments"
_FILTER_PREFIX = "provisioningstate eq "


def _deployments():
    """The deployments domain (and with it the template engine's host), loaded when a deployment is touched."""
    from ..domain import deployments
    return deployments


def _where(ctx, params):
    if "resourceGroupName" in params:
        return Where("resourceGroup", ctx.subscription["subscription_id"], params["resourceGroupName"])
    if "subscriptionId" in params:
        return Where("subscription", ctx.subscription["subscription_id"])
    _require_tenant_access(ctx)
    if "groupId" in params:
        return Where("managementGroup", management_group=params["groupId"])
    return Where("tenant")


def _require_tenant_access(ctx):
    """Management group and tenant deployments need access at the root: a grant of "/", or the local
    cloud's built-in principal (its administrator)."""
    db = ctx.store.read()
    if ctx.principal.object_id.lower() == (get_meta(db, "builtin_object") or "").lower():
        return
    if not directory.covers(directory.scopes_of(db, ctx.principal.object_id), "/"):
        raise authorization_failed(ctx.principal, ctx.route.action, ctx.request.path)


def _body(ctx):
    """The request body. ARM reads deployment bodies as JSON with comments and trailing commas (az sends a
    template file's own text so that errors can name its lines); the same checks as any body apply."""
    from ..templates.functions.lenient_json import parse_lenient_json
    return ctx.json_body(dialect=parse_lenient_json)


def _inputs(ctx, where, body):
    """What a deployment is made of, from a PUT/validate/whatIf body (linked content fetched now)."""
    properties = body.get("properties")
    if not isinstance(properties, dict):
        raise invalid_request_content("The request content was invalid and could not be deserialized: 'Required "
                                      "property 'properties' not found in JSON.'")
    template, link = properties.get("template"), properties.get("templateLink")
    if (template is None) == (link is None):
        raise ArmError(400, "InvalidDeployment", "The deployment must have exactly one of 'template' and "
                       "'templateLink'.")
    if link is not None:
        if not isinstance(link, dict) or not (link.get("uri") or link.get("id")):
            raise invalid_request_content("The templateLink must have a 'uri' or an 'id'.")
        if link.get("id"):  # a template spec version: its mainTemplate (and, for nested links, its linkedTemplates)
            from ..domain import templatespecs
            version_id, template, _ = templatespecs.version_content(ctx.store.read(), ctx.principal, link["id"])
            link = {"id": version_id, "contentVersion": link.get("contentVersion") or template.get("contentVersion")}
        else:
            template = _download(link["uri"], "template")
    if not isinstance(template, dict):
        raise ArmError(400, "InvalidTemplate", "The template must be a JSON object.")
    parameters = properties.get("parameters")
    if properties.get("parametersLink") is not None:
        fetched = _download((properties["parametersLink"] or {}).get("uri", ""), "parameters")
        parameters = fetched.get("parameters", fetched)
    if parameters is not None and not isinstance(parameters, dict):
        raise invalid_request_content("The parameters must be a JSON object.")
    mode = properties.get("mode")
    if not isinstance(mode, str):
        raise invalid_request_content("The request content was invalid and could not be deserialized: 'Required "
                                      "property 'mode' not found in JSON.'")
    inputs = {"template": template, "parameters": parameters or {}, "mode": mode, "now": ctx.now}
    on_error = properties.get("onErrorDeployment")
    if on_error is not None:
        if not isinstance(on_error, dict) or on_error.get("type", "LastSuccessful") not in ("LastSuccessful",
                                                                                         "SpecificDeployment"):
            raise invalid_request_content("The onErrorDeployment type must be 'LastSuccessful' or "
                                          "'SpecificDeployment'.")
        if on_error.get("type") == "SpecificDeployment" and not on_error.get("deploymentName"):
            raise invalid_request_content("onErrorDeployment of type 'SpecificDeployment' needs a deploymentName.")
        inputs["onErrorDeployment"] = on_error
    if link is not None:
        inputs["templateLink"] = {k: link[k] for k in ("uri", "id", "contentVersion") if link.get(k)}
    if where.level != "resourceGroup":
        location = locations.normalize(body.get("location") or "")
        if location is None:
            raise ArmError(400, "LocationRequired", "The location property is required for this definition.")
        inputs["location"] = location
    return inputs


def _download(uri, what):
    from ..templates.functions.lenient_json import parse_lenient_json as loads
    from ..templates.host import HostError
    try:
        from ..domain.deployment_host import fetch
        data = fetch(uri)
        value = loads(data.decode("utf-8-sig"))
    except HostError as error:
        raise ArmError(error.status, error.code, error.message) from None
    except (UnicodeDecodeError, ValueError) as exc:
        raise ArmError(400, "InvalidContentLink", "The %s at '%s' is not valid JSON: %s" % (what, uri, exc)) from None
    if not isinstance(value, dict):
        raise ArmError(400, "InvalidContentLink", "The %s at '%s' is not a JSON object." % (what, uri))
    return value


def _check_location(db, where, name, inputs):
    row = history.get(db, where.deployment_id(name))
    if row is not None and inputs.get("location"):
        old = history.document(row).get("location")
        if old and old != inputs["location"]:
            raise ArmError(400, "InvalidDeploymentLocation", "Invalid deployment location '%s'. The deployment '%s' "
                           "already exists in location '%s'." % (inputs["location"], name, old))


def _status_url(ctx, deployment_id, op_id):
    return "%s%s/operationStatuses/%s?api-version=%s" % (ctx.base, deployment_id, op_id, ctx.api_version)


def put_deployment(ctx, deploymentName, **params):
    where = _where(ctx, params)
    body = _body(ctx)
    inputs = _inputs(ctx, where, body)
    _check_location(ctx.store.read(), where, deploymentName, inputs)
    done = execute(ctx, _deployments().CreateDeployment(where, deploymentName, inputs, ctx.correlation_id, callers.describe(ctx),
                                                        ctx.request.header("x-ms-client-request-id")))
    headers = {"Azure-AsyncOperation": _status_url(ctx, where.deployment_id(deploymentName), done.op_id),
               "Retry-After": "1"}
    return json_response(done.doc, 201 if done.created else 200, headers)


def get_deployment(ctx, deploymentName, **params):
    where = _where(ctx, params)
    return json_response(history.document(history.existing(ctx.store.read(), where, deploymentName)))


def head_deployment(ctx, deploymentName, **params):
    where = _where(ctx, params)
    found = history.get(ctx.store.read(), where.deployment_id(deploymentName))
    return empty(204 if found is not None else 404)


def delete_deployment(ctx, deploymentName, **params):
    where = _where(ctx, params)
    done = execute(ctx, _deployments().DeleteDeployment(where, deploymentName))
    if done.op_id is None:
        return empty(204)
    if ctx.subscription is None:
        return empty(202, {"Location": _tenant_result_url(ctx, done.op_id), "Retry-After": "1"})
    return operations.accepted(ctx, done.op_id)


def list_deployments(ctx, **params):
    where = _where(ctx, params)
    db = ctx.store.read()
    if where.level == "resourceGroup":
        _deployments().check_scope(db, ctx, where)
    wanted = _state_filter(ctx.args.get("$filter"))
    rows = history.rows_at(db, where, listing.skip_position(ctx))
    predicate = (lambda doc: doc["properties"]["provisioningState"].lower() == wanted) if wanted else None
    return json_response(listing.page(ctx, rows, history.document, predicate))


def _state_filter(text):
    if not text or not text.strip():
        return None
    lowered = text.strip().lower()
    if not lowered.startswith(_FILTER_PREFIX) or not (lowered.endswith("'") and lowered[len(_FILTER_PREFIX)] == "'"):
        raise listing.bad_request("The $filter '%s' is invalid. Only \"provisioningState eq '{state}'\" is supported."
                                  % text)
    return lowered[len(_FILTER_PREFIX) + 1:-1]


def validate_deployment(ctx, deploymentName, **params):
    where = _where(ctx, params)
    inputs = _inputs(ctx, where, _body(ctx))
    with ctx.store.write() as db:  # read-only in effect; a write transaction gives one consistent view
        doc = _deployments().validate(ctx, db, where, deploymentName, inputs, ctx.correlation_id)
    return json_response(doc)


def what_if_deployment(ctx, deploymentName, **params):
    where = _where(ctx, params)
    body = _body(ctx)
    inputs = _inputs(ctx, where, body)
    result_format = ((body.get("properties") or {}).get("whatIfSettings") or {}).get("resultFormat")
    with ctx.store.write() as db:
        result = _deployments().what_if(ctx, db, where, deploymentName, inputs, ctx.correlation_id, result_format)
        op_id = _deployments().report_later(db, ctx, where, deploymentName, result)
    if ctx.subscription is None:
        return empty(202, {"Location": _tenant_result_url(ctx, op_id), "Retry-After": "1"})
    return operations.accepted(ctx, op_id)


def cancel_deployment(ctx, deploymentName, **params):
    where = _where(ctx, params)
    execute(ctx, _deployments().CancelDeployment(where, deploymentName))
    return empty(204)


def export_deployment(ctx, deploymentName, **params):
    where = _where(ctx, params)
    row = history.existing(ctx.store.read(), where, deploymentName)
    return json_response({"template": json.loads(row["inputs"]).get("template", {})})


def list_operations(ctx, deploymentName, **params):
    where = _where(ctx, params)
    row = history.existing(ctx.store.read(), where, deploymentName)
    return json_response({"value": history.operations(row)})


def get_operation(ctx, deploymentName, operationId, **params):
    where = _where(ctx, params)
    row = history.existing(ctx.store.read(), where, deploymentName)
    for op in history.operations(row):
        if op["operationId"].lower() == operationId.lower():
            return json_response(op)
    raise ArmError(404, "DeploymentOperationNotFound", "Deployment operation '%s' could not be found." % operationId,
                   gateway=False)


def get_status(ctx, deploymentName, operationId, **params):
    """operationStatuses: Accepted/Running while the deployment's operation runs, then its end state."""
    where = _where(ctx, params)
    row = history.existing(ctx.store.read(), where, deploymentName)
    doc = history.document(row)
    state = doc["properties"]["provisioningState"]
    body = {"status": state}
    if state == "Failed" and doc["properties"].get("error"):
        body["error"] = doc["properties"]["error"]
    headers = {"Retry-After": "1"} if state in history.ACTIVE else None
    return json_response(body, 200, headers)


def _tenant_result_url(ctx, op_id):
    return "%s/providers/Microsoft.Resources/operationResults/%s?api-version=%s" % (ctx.base, op_id, ctx.api_version)


def get_tenant_result(ctx, operationId):
    """Location polling of tenant and management group operations (no subscription in the path)."""
    from ..domain import lro
    op = lro.find(ctx.store.read(), operationId, "")
    if op is None:
        raise ArmError(404, "OperationNotFound", "The operation '%s' could not be found." % operationId)
    if op["status"] == "Running":
        return empty(202, {"Location": _tenant_result_url(ctx, operationId), "Retry-After": "1"})
    return operations.result_of(op)


def register(router):
    read, write = "Microsoft.Resources/deployments/read", "Microsoft.Resources/deployments/write"
    router.add("GET", "/providers/Microsoft.Resources/operationResults/{operationId}", get_tenant_result,
               action="Microsoft.Resources/operationresults/read")
    for prefix in (RG, SUB, MG, ""):
        base = prefix + DEPLOYMENTS
        one = base + "/{deploymentName}"
        router.add("GET", base, list_deployments, action=read)
        router.add("PUT", one, put_deployment, action=write)
        router.add("GET", one, get_deployment, action=read)
        router.add("HEAD", one, head_deployment, action=read)
        router.add("DELETE", one, delete_deployment, action="Microsoft.Resources/deployments/delete")
        router.add("POST", one + "/validate", validate_deployment, action="Microsoft.Resources/deployments/validate/action")
        router.add("POST", one + "/whatIf", what_if_deployment, action="Microsoft.Resources/deployments/whatIf/action")
        router.add("POST", one + "/cancel", cancel_deployment, action="Microsoft.Resources/deployments/cancel/action")
        router.add("POST", one + "/exportTemplate", export_deployment,
                   action="Microsoft.Resources/deployments/exportTemplate/action")
        router.add("GET", one + "/operationStatuses/{operationId}", get_status,
                   action="Microsoft.Resources/deployments/operationstatuses/read")
        # A group's deployment operations are also addressed without the provider segment (the SDK's form).
        for operations_base in ([one + "/operations"] +
                                ([RG + "/deployments/{deploymentName}/operations"] if prefix == RG else [])):
            router.add("GET", operations_base, list_operations, action="Microsoft.Resources/deployments/operations/read")
            router.add("GET", operations_base + "/{operationId}", get_operation,
                       action="Microsoft.Resources/deployments/operations/read")

