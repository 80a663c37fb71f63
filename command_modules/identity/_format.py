"""az's output shape of an identity: the flattened model (clientId, id, location, name, principalId,
resourceGroup, tags, tenantId, type), without the newer API's unset isolationScope."""


def transform_identity(result):
    if isinstance(result, dict) and result.get("isolationScope") is None:
        result.pop("isolationScope", None)
    return result


def transform_identity_list(result):
    if isinstance(result, list):
        return [transform_identity(item) for item in result]
    return (transform_identity(item) for item in result)  # streamed (jsonl)
