"""Table transformers for account commands."""


def transform_account_list(result):
    return [{"Name": r.get("name"), "CloudName": r.get("cloudName"), "SubscriptionId": r.get("id"),
             "TenantId": r.get("tenantId"), "State": r.get("state"), "IsDefault": r.get("isDefault")}
            for r in result]
