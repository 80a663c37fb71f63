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


def transform_resource_show(result):
    if isinstance(result, list):
        return transform_resource_list(result)
    return _resource_row(result)


def _lock_row(lock):
    return OrderedDict([("Name", lock.get("name")), ("ResourceGroup", lock.get("resourceGroup")),
                        ("Level", lock.get("level")), ("Notes", lock.get("notes"))])


def transform_lock_list(result):
    return [_lock_row(lock) for lock in result]


def transform_lock_show(result):
    return transform_lock_list(result) if isinstance(result, list) else _lock_row(result)


def _provider_row(p):
    return OrderedDict([("Namespace", p.get("namespace")), ("RegistrationPolicy", p.get("registrationPolicy")),
                        ("RegistrationState", p.get("registrationState"))])


def transform_provider_list(result):
    return [_provider_row(p) for p in result]


def transform_provider_show(result):
    return _provider_row(result)


def transform_provider_operations(result):
    items = result if isinstance(result, list) else [result]
    return [OrderedDict([("Name", p.get("name")), ("DisplayName", p.get("displayName")),
                         ("Operations", len(p.get("operations") or []) + sum(
                             len(t.get("operations") or []) for t in p.get("resourceTypes") or []))])
            for p in items]


def transform_tag_list(result):
    """Tag names with their counts; or, for `--resource-id`, one row per tag of that scope."""
    if isinstance(result, dict):
        tags = ((result.get("properties") or {}).get("tags")) or {}
        return [OrderedDict([("Name", k), ("Value", v)]) for k, v in sorted(tags.items())]
    return [OrderedDict([("Name", t.get("tagName")), ("Count", (t.get("count") or {}).get("value")),
                         ("Values", ", ".join(v.get("tagValue", "") for v in t.get("values") or []))])
            for t in result]


def transform_tag_show(result):
    if isinstance(result, dict) and "tagName" in result:
        return transform_tag_list([result])
    if isinstance(result, dict) and "tagValue" in result:
        return OrderedDict([("Value", result.get("tagValue")), ("Count", (result.get("count") or {}).get("value"))])
    return transform_tag_list(result)


def transform_group_export(result):
    """`group export` prints the template (ARM may add an `error` naming resources it could not export)."""
    if not isinstance(result, dict):
        return result
    error = result.get("error")
    if error:
        from knack.log import get_logger
        get_logger(__name__).warning("%s", error.get("message") if isinstance(error, dict) else error)
    return result.get("template")
