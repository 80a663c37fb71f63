"""`account show` and `account list` that framework/plain_reads.py answers without knack: what custom.py's
show_account and list_accounts return for a signed-in profile (environment mode is theirs: it asks ARM)."""
from azcli.framework.plain_reads import Read
from azcli.session import profile

from .listing import as_listed


def _show(_ctx, _cloud, subscription, _args):
    return subscription


def _list(ctx, cloud, _subscription, _args):
    return [as_listed(entry) for entry in profile.subscriptions_for_cloud(ctx, cloud.name)]


READS = {
    "account show": Read(local=_show),
    "account list": Read(local=_list),
}
