"""Table transformers for cloud commands."""


def transform_cloud_list(result):
    return [{"Name": r.get("name"), "IsActive": r.get("isActive"), "Profile": r.get("profile")} for r in result]
