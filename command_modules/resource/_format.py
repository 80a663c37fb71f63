"""Table transformers: the columns az shows."""


def transform_resource_group_list(result):
    return [{"Name": r.get("name"), "Location": r.get("location"),
             "Status": (r.get("properties") or {}).get("provisioningState")} for r in result]
