"""Table transformers: the columns az shows for deployments. No heavy imports."""
import re
from collections import OrderedDict

_GUID = re.compile(r".*(\w{8}-\w{4}-\w{4}-\w{4}-\w{12})")


def transform_deployment(result):
    props = result.get("properties") or {}
    row = OrderedDict([("Name", result.get("name")), ("State", props.get("provisioningState")),
                       ("Timestamp", props.get("timestamp")), ("Mode", props.get("mode"))])
    if result.get("resourceGroup"):  # only group deployments have one
        row["ResourceGroup"] = result["resourceGroup"]
    return row


def transform_deployments_list(result):
    ordered = sorted(result, key=lambda d: str((d.get("properties") or {}).get("timestamp") or ""))
    return [transform_deployment(d) for d in ordered]


def transform_validate(result):
    """validate -o table: the outcome and its correlation id (or the error and its tracking id)."""
    error = result.get("error")
    if error:
        row = OrderedDict([("result", error.get("code"))])
        found = _GUID.match(str(error.get("message") or ""))
        if found:
            row["trackingId"] = found.group(1)
        row["message"] = error.get("message")
        return row
    props = result.get("properties")
    if props:
        return OrderedDict([("result", props.get("provisioningState")), ("correlationId", props.get("correlationId"))])
    return result
