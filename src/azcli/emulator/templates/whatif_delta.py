"""Property-level what-if deltas: what a template sets compared with what the resource holds today.

Only properties the template sets are compared, so values the resource provider computes
(provisioningState, resourceGuid, etag, endpoints, ...) are never reported as noise. Objects are
flattened into dotted paths; arrays nest their changed items under ``children`` by index, as ARM does.
"""

READ_ONLY = frozenset(("provisioningstate", "resourceguid", "etag", "id", "name", "type", "apiversion",
                       "systemdata", "createdtime", "changedtime"))
_LOCATION_KEYS = frozenset(("location",))


def _lookup(obj, key):
    if key in obj:
        return True, obj[key]
    lower = key.lower()
    for name, value in obj.items():
        if name.lower() == lower:
            return True, value
    return False, None


def _join(path, key):
    return f"{path}.{key}" if path else key


def diff_objects(before, after, path="", top=True):
    """Changes to the members of ``after`` (dotted paths under ``path``)."""
    changes = []
    for key, value in after.items():
        if key.lower() in READ_ONLY and (top or key.lower() != "name"):
            continue
        where = _join(path, key)
        present, old = _lookup(before, key)
        if not present:
            if value is not None:
                changes.append({"path": where, "propertyChangeType": "Create", "after": value})
            continue
        changes.extend(compare(where, old, value, key))
    return changes


def compare(path, before, after, key=""):
    if isinstance(before, dict) and isinstance(after, dict):
        return diff_objects(before, after, path, top=False)
    if isinstance(before, list) and isinstance(after, list):
        children = _array_children(before, after)
        return [{"path": path, "propertyChangeType": "Array", "children": children}] if children else []
    if after is None and before is not None:
        return [{"path": path, "propertyChangeType": "Delete", "before": before}]
    if _same_scalar(before, after, key):
        return []
    return [{"path": path, "propertyChangeType": "Modify", "before": before, "after": after}]


def _array_children(before, after):
    children = []
    for index in range(max(len(before), len(after))):
        where = str(index)
        if index >= len(before):
            children.append({"path": where, "propertyChangeType": "Create", "after": after[index]})
        elif index >= len(after):
            children.append({"path": where, "propertyChangeType": "Delete", "before": before[index]})
        elif isinstance(before[index], dict) and isinstance(after[index], dict):
            nested = diff_objects(before[index], after[index], "", top=False)
            if nested:
                children.append({"path": where, "propertyChangeType": "Modify", "children": nested})
        else:
            children.extend(dict(change, path=where) if change["path"] == "" else change
                            for change in compare("", before[index], after[index]))
    return children


def _same_scalar(before, after, key):
    if isinstance(before, bool) or isinstance(after, bool):
        return before is after
    if isinstance(before, str) and isinstance(after, str) and key.lower() in _LOCATION_KEYS:
        return before.replace(" ", "").lower() == after.replace(" ", "").lower()
    return type(before) is type(after) and before == after or (
        isinstance(before, (int, float)) and isinstance(after, (int, float)) and before == after)
