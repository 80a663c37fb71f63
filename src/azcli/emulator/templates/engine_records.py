"""What a deployment leaves behind, in ARM's shapes: operations, dependencies, the DeploymentFailed
error tree, the providers summary and the deployment document itself."""

import datetime as _dt
import os
from http import HTTPStatus

FAILED_MESSAGE = ("At least one resource deployment operation failed. Please list deployment operations for details. "
                  "Please see https://aka.ms/arm-deployment-operations for usage details.")


def utc_now():
    return _dt.datetime.now(_dt.timezone.utc)


def timestamp(moment):
    """ARM's timestamps: seven fractional digits and a Z."""
    return moment.astimezone(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f") + "0Z"


def duration(seconds):
    """ISO 8601 as ARM writes it: PT7.3662226S, PT1M2.5S."""
    seconds = max(seconds, 0.0000001)
    minutes, rest = divmod(seconds, 60)
    hours, minutes = divmod(int(minutes), 60)
    text = "PT"
    if hours:
        text += f"{hours}H"
    if minutes:
        text += f"{minutes}M"
    return text + f"{rest:.7f}".rstrip("0").rstrip(".") + "S"


def _guid():
    raw = os.urandom(16).hex()
    return f"{raw[:8]}-{raw[8:12]}-4{raw[13:16]}-{raw[16:20]}-{raw[20:]}"


def status_code(status):
    """HTTP status 409 -> "Conflict", as deployment operations spell it."""
    try:
        return HTTPStatus(status).phrase.replace(" ", "").replace("-", "")
    except ValueError:
        return str(status)


def operation(target, state, started, ended, status, error=None, kind="Create"):
    """One deployment operation; ``target`` is {id, resourceType, resourceName}."""
    properties = {"provisioningOperation": kind, "provisioningState": state, "timestamp": timestamp(ended),
                  "duration": duration((ended - started).total_seconds()), "trackingId": _guid(),
                  "serviceRequestId": _guid(), "statusCode": status_code(status)}
    if error is not None:
        properties["statusMessage"] = {"status": "Failed", "error": error}
    properties["targetResource"] = target
    return {"operationId": os.urandom(8).hex().upper(), "properties": properties}


def dependencies(instances):
    """ARM's ``dependencies``: every resource that waits for others, with what it waits for."""
    record = []
    for inst in instances:
        if inst.depends:
            entry = {"dependsOn": [dep.target() for dep in inst.depends]}
            entry.update(inst.target())
            record.append(entry)
    return record


def deployment_failed(details):
    return {"code": "DeploymentFailed", "message": FAILED_MESSAGE, "details": details}


def providers(instances):
    """``providers``: the namespaces and types a deployment touches, with their locations."""
    namespaces = {}
    for inst in instances:
        namespace, _, kind = inst.type.partition("/")
        types = namespaces.setdefault(namespace.lower(), (namespace, {}))[1]
        entry = types.setdefault(kind.lower(), {"resourceType": kind, "locations": []})
        location = inst.location
        if location and location not in entry["locations"]:
            entry["locations"].append(location)
    result = []
    for namespace, types in namespaces.values():
        listed = []
        for entry in types.values():
            if not entry["locations"]:
                entry = {"resourceType": entry["resourceType"]}
            listed.append(entry)
        result.append({"namespace": namespace, "resourceTypes": listed})
    return result


def deployment_document(prepared, state, result=None, started=None, ended=None):
    """The deployment as GET returns it; ``result`` is None while it runs."""
    properties = {"templateHash": prepared.template_hash, "parameters": prepared.parameters_record,
                  "mode": prepared.mode, "provisioningState": state,
                  "timestamp": timestamp(ended or started or utc_now()),
                  "duration": duration(((ended or started) - started).total_seconds()) if started else "PT0S",
                  "correlationId": prepared.correlation_id,
                  "providers": providers(prepared.plan.active),
                  "dependencies": dependencies(prepared.plan.active)}
    if prepared.template_link:
        properties["templateLink"] = prepared.template_link
    if result is not None:
        if result.outputs:
            properties["outputs"] = result.outputs
        properties["outputResources"] = result.output_resources
        if result.error:
            properties["error"] = result.error
    document = {"id": prepared.deployment_id, "name": prepared.name, "type": "Microsoft.Resources/deployments",
                "properties": properties}
    if prepared.location:
        document["location"] = prepared.location
    return document
