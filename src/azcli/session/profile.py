"""Sign-in state: subscriptions known per cloud and the credentials that reach them.

profile.json keeps az's azureProfile.json shape (subscriptions with user, tenantId,
environmentName, isDefault); secrets live apart in credentials.json. Both are 0600 and written
atomically under a lock. The subscription a command uses is chosen per process:
--subscription, then AZURE_SUBSCRIPTION_ID, then the default; nothing another job can switch.

A credential entry is keyed by (cloud, tenant, account), the account being the profile's user
name: a service principal's client id, a person's user name, or systemAssignedIdentity /
userAssignedIdentity. A corrupt file is reported once (one warning naming it) and rebuilt empty.
"""
import os

from ..logs import get_logger

from ..errors import AuthenticationError, AzCliError
from ..fileio import CorruptFileError, read_json, update_json

logger = get_logger(__name__)

PROFILE_FILE = "profile.json"
CREDENTIALS_FILE = "credentials.json"


def _path(cli_ctx, name):
    return os.path.join(cli_ctx.config_dir, name)


def _warn_corrupt(error):
    logger.warning("%s; it was reset. Sign in again if needed.", error)


def _read(cli_ctx, name, key):
    """The list under key in a profile file; a corrupt file is reported and rebuilt empty."""
    path = _path(cli_ctx, name)
    try:
        data = read_json(path, default={}) or {}
    except CorruptFileError as ex:
        _warn_corrupt(ex)
        with update_json(path, on_corrupt=lambda e: None) as fresh:
            fresh.setdefault(key, [])
        return []
    items = data.get(key) if isinstance(data, dict) else None
    return [i for i in items if isinstance(i, dict)] if isinstance(items, list) else []


def _same_cloud(entry, cloud_name):
    return entry.get("environmentName", entry.get("cloud", "")).lower() == cloud_name.lower()


def load_subscriptions(cli_ctx):
    return _read(cli_ctx, PROFILE_FILE, "subscriptions")


def subscriptions_for_cloud(cli_ctx, cloud_name):
    return [s for s in load_subscriptions(cli_ctx) if _same_cloud(s, cloud_name)]


def account_of(entry):
    return entry.get("account") or entry.get("clientId") or ""


def save_login(cli_ctx, cloud_name, subscriptions, credential_entry=None):
    """Replace this identity's subscriptions in the cloud; the first becomes the default. Another
    identity's entries for the same subscriptions stay (each is logged out on its own)."""
    user = subscriptions[0]["user"] if subscriptions else None
    name = (user or {}).get("name", "").lower()
    with update_json(_path(cli_ctx, PROFILE_FILE), on_corrupt=_warn_corrupt) as data:
        existing = [s for s in data.get("subscriptions") or [] if isinstance(s, dict)]
        kept = [s for s in existing
                if not (_same_cloud(s, cloud_name) and s.get("user", {}).get("name", "").lower() == name)]
        for sub in kept:
            if _same_cloud(sub, cloud_name):
                sub["isDefault"] = False
        for i, sub in enumerate(subscriptions):
            sub["isDefault"] = i == 0
        data["subscriptions"] = kept + subscriptions
    if credential_entry:
        save_credential(cli_ctx, credential_entry)
    return user


def save_credential(cli_ctx, entry):
    with update_json(_path(cli_ctx, CREDENTIALS_FILE), on_corrupt=_warn_corrupt) as creds:
        entries = [c for c in creds.get("credentials") or [] if isinstance(c, dict) and not _same_identity(c, entry)]
        entries.append(entry)
        creds["credentials"] = entries


def _same_identity(a, b):
    return (a.get("cloud", "").lower(), a.get("tenant", "").lower(), account_of(a).lower()) == \
        (b.get("cloud", "").lower(), b.get("tenant", "").lower(), account_of(b).lower())


def find_credential(cli_ctx, cloud_name, tenant, account):
    """The credential of account in tenant; else the account's credential of another tenant in the
    cloud (a person or a multi-tenant app reaching a subscription of another tenant)."""
    entries = [c for c in _read(cli_ctx, CREDENTIALS_FILE, "credentials")
               if c.get("cloud", "").lower() == cloud_name.lower() and account_of(c).lower() == (account or "").lower()]
    exact = [c for c in entries if c.get("tenant", "").lower() == (tenant or "").lower()]
    return (exact or entries or [None])[0]


def logout(cli_ctx, cloud_name, username=None):
    """Forget the subscriptions, credentials and cached tokens of one user (or all users) in a cloud."""
    removed = []
    with update_json(_path(cli_ctx, PROFILE_FILE), on_corrupt=_warn_corrupt) as data:
        keep = []
        for sub in data.get("subscriptions") or []:
            if not isinstance(sub, dict):
                continue
            matches = username is None or sub.get("user", {}).get("name", "").lower() == username.lower()
            (removed if _same_cloud(sub, cloud_name) and matches else keep).append(sub)
        data["subscriptions"] = keep
    names = {s.get("user", {}).get("name", "").lower() for s in removed}
    if username:
        names.add(username.lower())
    with update_json(_path(cli_ctx, CREDENTIALS_FILE), on_corrupt=_warn_corrupt) as creds:
        creds["credentials"] = [c for c in creds.get("credentials") or []
                                if isinstance(c, dict) and not (
                                    c.get("cloud", "").lower() == cloud_name.lower()
                                    and (username is None or account_of(c).lower() in names))]
    from .tokens import clear_tokens
    if username is None:
        clear_tokens(cli_ctx, cloud_name)
    else:
        clear_tokens(cli_ctx, cloud_name, username)
    return removed


def set_default(cli_ctx, cloud_name, subscription):
    with update_json(_path(cli_ctx, PROFILE_FILE), on_corrupt=_warn_corrupt) as data:
        subs = [s for s in data.get("subscriptions") or [] if isinstance(s, dict) and _same_cloud(s, cloud_name)]
        target = match(subs, subscription)
        if target is None:
            raise AzCliError("Subscription '{}' not found. Check the spelling and casing and try again."
                             .format(subscription))
        for sub in subs:
            sub["isDefault"] = sub is target
        return dict(target)


def match(subs, wanted):
    """The entry for a subscription id or name; the default one when several identities have it."""
    wanted = wanted.lower()
    for key in (lambda s: s.get("id", ""), lambda s: s.get("name") or ""):
        found = [s for s in subs if key(s).lower() == wanted]
        if found:
            return next((s for s in found if s.get("isDefault")), found[0])
    return None


def not_signed_in(cloud_name):
    return AuthenticationError("Not signed in to {}. Run 'azcli login' (or 'azcli login --local' for the built-in "
                               "local cloud), or set AZURE_CLIENT_ID, AZURE_TENANT_ID and a credential "
                               "(AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH or AZURE_FEDERATED_TOKEN_FILE)."
                               .format(cloud_name))


def current_subscription(cli_ctx, cloud, subscription=None):
    """The subscription entry a command runs against, chosen for this process only."""
    subs = subscriptions_for_cloud(cli_ctx, cloud.name)
    wanted = subscription or cli_ctx.environ.get("AZURE_SUBSCRIPTION_ID")
    if not subs:
        raise not_signed_in(cloud.name)
    if wanted:
        found = match(subs, wanted)
        if found is None:
            raise AzCliError("Subscription '{}' not found. Check the spelling and casing and try again."
                             .format(wanted))
        return found
    return next((s for s in subs if s.get("isDefault")), subs[0])
