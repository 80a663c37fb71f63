"""`account show`, `account list` and `account get-access-token` that framework/plain_reads.py answers
without knack: what custom.py's show_account, list_accounts and get_access_token return for a signed-in
profile, the token from the cache (environment mode is theirs: its tokens live in one process).

Scripts call get-access-token once per job step (`--query accessToken -o tsv`), so its start-up is most
of its cost; a cache miss is custom.py's to fill."""
from azcli.framework.plain_reads import NotHere, Read, fresh_token
from azcli.session import profile

from .access_token import requested_scopes, token_answer
from .listing import as_listed


def _show(_ctx, _cloud, subscription, _args):
    return subscription


def _list(ctx, cloud, _subscription, _args):
    return [as_listed(entry) for entry in profile.subscriptions_for_cloud(ctx, cloud.name)]


def _access_token(ctx, cloud, subscription, args):
    if args.get("resource") and args.get("scopes"):
        raise NotHere("--resource with --scope")  # custom.py's usage error
    tenant = args.get("tenant") or subscription["tenantId"]
    scope = " ".join(requested_scopes(cloud, args.get("resource"), args.get("scopes")))
    token, expires_on = fresh_token(ctx, cloud, subscription, tenant, scope)
    return token_answer(token, expires_on, subscription["id"], tenant, bool(args.get("tenant")))


READS = {
    "account show": Read(local=_show),
    "account list": Read(local=_list),
    "account get-access-token": Read(local=_access_token, subscription_from=("subscription_name",)),
}
