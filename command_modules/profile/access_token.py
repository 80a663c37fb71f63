"""`account get-access-token`: which scopes are asked for and the shape of the answer, shared by the
command (custom.py) and its knack-free path for cached tokens (plain_reads.py)."""
import datetime


def requested_scopes(cloud, resource=None, scopes=None):
    """--scope as given; else --resource's (v1.0 resource) .default scope; else the cloud's ARM scope."""
    return scopes or [(resource.rstrip("/") + "/.default") if resource else cloud.arm_scope]


def token_answer(token, expires_on, subscription_id, tenant_id, tenant_given):
    """az's answer: expiresOn in local time, expires_on as epoch seconds; no subscription with --tenant."""
    expires = datetime.datetime.fromtimestamp(expires_on, tz=datetime.timezone.utc).astimezone()
    result = {"accessToken": token, "expiresOn": expires.isoformat(sep=" ", timespec="seconds"),
              "expires_on": int(expires_on), "subscription": subscription_id,
              "tenant": tenant_id, "tokenType": "Bearer"}
    if tenant_given:
        del result["subscription"]
    return result
