"""Table transformers (the columns az shows) and result transforms. No heavy imports."""
from collections import OrderedDict


def transform_resource_group_list(result):
    return [{"Name": r.get("name"), "Location": r.get("location"),
             "Status": (r.get("properties") or {}).get("provisioningState")} for r in result]


def _status(resource):
    # az reads properties.provisioningStatus, which no list item has; the state is where ARM puts it.
    return resource.get("provisioningState") or (resource.get("properties") or {}).get("provisioningState")


def _resource_row(r):
    return OrderedDict([("Name", r.get("name")), ("ResourceGroup", r.get("resourceGroup")),
                        ("Location", r.get("location")), ("Type", r.get("type")), ("Status", _status(r))])


def transform_resource_list(result):
    return [_resource_row(r) for r in result]


def _provider_row(p):
    return OrderedDict([("Namespace", p.get("namespace")), ("RegistrationPolicy", p.get("registrationPolicy")),
                        ("RegistrationState", p.get("registrationState"))])


def transform_provider_list(result):
    return [_provider_row(p) for p in result]


def transform_provider_show(result):
    return _provider_row(result)


def transform_group_export(result):
    """`group export` prints the template (ARM may add an `error` naming resources it could not export)."""
    if not isinstance(result, dict):
        return result
    error = result.get("error")
    if error:
        from knack.log import get_logger
        get_logger(__name__).warning("%s", error.get("message") if isinstance(error, dict) else error)
    return result.get("template")
