"""Result transforms of the storage commands. No heavy imports.

az 2.91 prints storage accounts and containers in the flattened form of its SDK's models (the members of
``properties`` at the top: ``primaryEndpoints``, ``publicAccess``); azure-mgmt-storage 25's models keep
the wire's nesting, so the commands flatten it back."""


def _flat(item):
    if not isinstance(item, dict) or not isinstance(item.get("properties"), dict):
        return item
    out = {k: v for k, v in item.items() if k != "properties"}
    for key, value in item["properties"].items():
        out.setdefault(key, value)
    return out


def transform_flatten(result):
    if isinstance(result, list):
        return [_flat(r) for r in result]
    if isinstance(result, dict):
        return _flat(result)
    return (_flat(r) for r in result)  # streamed (jsonl)


def transform_keys(result):
    """`keys list` and `keys renew` print the list of keys, as az does."""
    return result.get("keys", result) if isinstance(result, dict) else result
