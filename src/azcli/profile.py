"""Sign-in state: subscriptions known per cloud and the credentials that reach them.

profile.json keeps az's azureProfile.json shape (subscriptions with user, tenantId,
environmentName, isDefault); secrets live apart in credentials.json. Both are 0600 and written
atomically under a lock. The subscription a command uses is chosen per process:
--subscription, then AZURE_SUBSCRIPTION_ID, then the default; nothing another job can switch.
"""
import os

from knack.log import get_logger

from .errors import AuthenticationError, AzCliError
from .fileio import CorruptFileError, read_json, update_json

logger = get_logger(__name__)

PROFILE_FILE = "profile.json"
CREDENTIALS_FILE = "credentials.json"


def _path(cli_ctx, name):
    return os.path.join(cli_ctx.config_dir, name)


def _warn_corrupt(error):
    logger.warning("%s; it was reset. Sign in again if needed.", error)


def load_subscriptions(cli_ctx):
    try:
        data = read_json(_path(cli_ctx, PROFILE_FILE), default={}) or {}
    except CorruptFileError as ex:
        _warn_corrupt(ex)
        with update_json(_path(cli_ctx, PROFILE_FILE), on_corrupt=lambda e: None) as fresh:
            fresh.setdefault("subscriptions", [])
        data = {}
    return data.get("subscriptions", [])


def subscriptions_for_cloud(cli_ctx, cloud_name):
    return [s for s in load_subscriptions(cli_ctx) if s.get("environmentName", "").lower() == cloud_name.lower()]


def save_login(cli_ctx, cloud_name, subscriptions, credential_entry=None):
    """Replace this identity's subscriptions in the cloud; the first becomes default if none is."""
    user = subscriptions[0]["user"] if subscriptions else None
    with update_json(_path(cli_ctx, PROFILE_FILE), on_corrupt=_warn_corrupt) as data:
        existing = data.setdefault("subscriptions", [])
        kept = [s for s in existing
                if not (s.get("environmentName", "").lower() == cloud_name.lower()
                        and s.get("id", "").lower() in {n["id"].lower() for n in subscriptions})]
        for sub in kept:
            if sub.get("environmentName", "").lower() == cloud_name.lower():
                sub["isDefault"] = False
        for i, sub in enumerate(subscriptions):
            sub["isDefault"] = i == 0
        data["subscriptions"] = kept + subscriptions
    if credential_entry:
        with update_json(_path(cli_ctx, CREDENTIALS_FILE), on_corrupt=_warn_corrupt) as creds:
            entries = [c for c in creds.setdefault("credentials", [])
                       if not _same_identity(c, credential_entry)]
            entries.append(credential_entry)
            creds["credentials"] = entries
    return user


def _same_identity(a, b):
    return (a.get("cloud", "").lower(), a.get("tenant", "").lower(), a.get("clientId", "").lower()) == \
        (b.get("cloud", "").lower(), b.get("tenant", "").lower(), b.get("clientId", "").lower())


def find_credential(cli_ctx, cloud_name, tenant, client_id):
    try:
        data = read_json(_path(cli_ctx, CREDENTIALS_FILE), default={}) or {}
    except CorruptFileError as ex:
        _warn_corrupt(ex)
        data = {}
    wanted = {"cloud": cloud_name, "tenant": tenant, "clientId": client_id}
    return next((c for c in data.get("credentials", []) if _same_identity(c, wanted)), None)


def logout(cli_ctx, cloud_name, username=None):
    """Forget the subscriptions and credentials of one user (or all users) in a cloud."""
    removed = []
    with update_json(_path(cli_ctx, PROFILE_FILE), on_corrupt=_warn_corrupt) as data:
        keep = []
        for sub in data.get("subscriptions", []):
            in_cloud = sub.get("environmentName", "").lower() == cloud_name.lower()
            matches = username is None or sub.get("user", {}).get("name", "").lower() == username.lower()
            (removed if in_cloud and matches else keep).append(sub)
        data["subscriptions"] = keep
    names = {s.get("user", {}).get("name", "").lower() for s in removed}
    with update_json(_path(cli_ctx, CREDENTIALS_FILE), on_corrupt=_warn_corrupt) as creds:
        creds["credentials"] = [c for c in creds.get("credentials", [])
                                if not (c.get("cloud", "").lower() == cloud_name.lower()
                                        and (username is None or c.get("clientId", "").lower() in names))]
    from .tokens import clear_tokens
    clear_tokens(cli_ctx, cloud_name)
    return removed


def set_default(cli_ctx, cloud_name, subscription):
    with update_json(_path(cli_ctx, PROFILE_FILE), on_corrupt=_warn_corrupt) as data:
        subs = [s for s in data.get("subscriptions", [])
                if s.get("environmentName", "").lower() == cloud_name.lower()]
        target = _match(subs, subscription)
        if target is None:
            raise AzCliError("Subscription '{}' not found. Check the spelling and casing and try again."
                             .format(subscription))
        for sub in subs:
            sub["isDefault"] = sub is target
        return dict(target)


def _match(subs, wanted):
    wanted = wanted.lower()
    return next((s for s in subs if s["id"].lower() == wanted), None) or \
        next((s for s in subs if s.get("name", "").lower() == wanted), None)


def current_subscription(cli_ctx, cloud, subscription=None):
    """The subscription entry a command runs against, chosen for this process only."""
    subs = subscriptions_for_cloud(cli_ctx, cloud.name)
    wanted = subscription or cli_ctx.environ.get("AZURE_SUBSCRIPTION_ID")
    if not subs:
        raise AuthenticationError("Please run 'azcli login' to set up an account "
                                  "(or 'azcli login --local' for the built-in local cloud).")
    if wanted:
        found = _match(subs, wanted)
        if found is None:
            raise AzCliError("Subscription '{}' not found. Check the spelling and casing and try again."
                             .format(wanted))
        return found
    return next((s for s in subs if s.get("isDefault")), subs[0])
