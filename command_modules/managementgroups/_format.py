"""az's output shapes. az 2.91 uses the flattened models of azure-mgmt-managementgroups 1.x, so a group
prints as {children, details, displayName, id, name, tenantId, type} with every member present (null
when unset); this module turns the 2.x models' wire form ({id, name, type, properties}) into that."""
from azcli.framework.results import iso_datetime


def _pairs(items):
    if items is None:
        return None
    return [{"displayName": i.get("displayName"), "name": i.get("name")} for i in items]


def _details(details):
    details = details or {}
    parent = details.get("parent")
    updated = details.get("updatedTime")
    return {"managementGroupAncestors": details.get("managementGroupAncestors"),
            "managementGroupAncestorsChain": _pairs(details.get("managementGroupAncestorsChain")),
            "parent": None if parent is None else {"displayName": parent.get("displayName"), "id": parent.get("id"),
                                                   "name": parent.get("name")},
            "path": _pairs(details.get("path")),
            "updatedBy": details.get("updatedBy"),
            "updatedTime": iso_datetime(updated) if isinstance(updated, str) else updated,
            "version": details.get("version")}


def _child(child):
    nested = child.get("children")
    return {"children": None if nested is None else [_child(c) for c in nested],
            "displayName": child.get("displayName"), "id": child.get("id"), "name": child.get("name"),
            "type": child.get("type")}


def transform_group(result):
    if not isinstance(result, dict):
        return result
    props = result.get("properties") or {}
    children = props.get("children")
    return {"children": None if children is None else [_child(c) for c in children],
            "details": _details(props.get("details")), "displayName": props.get("displayName"),
            "id": result.get("id"), "name": result.get("name"), "tenantId": props.get("tenantId"),
            "type": result.get("type")}


def _info(item):
    props = item.get("properties") or {}
    return {"displayName": props.get("displayName"), "id": item.get("id"), "name": item.get("name"),
            "tenantId": props.get("tenantId"), "type": item.get("type")}


def transform_group_list(result):
    if isinstance(result, list):
        return [_info(item) for item in result]
    return (_info(item) for item in result)  # streamed (jsonl)


def transform_operation(result):
    """The final status of a delete (AzureAsyncOperationResults, flattened)."""
    if not isinstance(result, dict):
        return result
    info = _info(result)
    info["status"] = result.get("status")
    return info


def transform_subscription(result):
    if not isinstance(result, dict):
        return result
    props = result.get("properties") or {}
    parent = props.get("parent")
    return {"displayName": props.get("displayName"), "id": result.get("id"), "name": result.get("name"),
            "parent": None if parent is None else {"id": parent.get("id")}, "state": props.get("state"),
            "tenant": props.get("tenant"), "type": result.get("type")}
