"""Hints added to an ARM error before it is shown: what the user can do about it.

Best effort and after the fact: a hint never replaces ARM's message, and when the lookup behind it
fails the original error stands.
"""
import re
from urllib.parse import quote

LOCKS_PATH = "/providers/Microsoft.Authorization/locks"


def add_hints(cli_ctx, error):
    """The error, with a hint for the ARM codes that have one (ScopeLocked: the blocking locks)."""
    if getattr(error, "arm_code", None) == "ScopeLocked":
        return explain_scope_locked(cli_ctx, error)
    return error


def locked_scopes(message):
    """The scopes ARM names in a ScopeLocked message ("... following scope(s) are locked: 'a', 'b'.")."""
    _, sep, tail = (message or "").partition("are locked:")
    if not sep:
        return re.findall(r"'(/subscriptions/[^']+)'", message or "")[-1:]
    return re.findall(r"'([^']+)'", tail)


def explain_scope_locked(cli_ctx, error):
    """Name the lock(s) behind a ScopeLocked refusal and the command that removes them.

    ARM's message names only the locked scope; one list of the locks at that scope names them.
    """
    scopes = locked_scopes(str(error))
    if not scopes:
        return error
    try:
        found = _locks_at(cli_ctx, scopes)
    except Exception:  # pylint: disable=broad-except - a hint must not hide the refusal itself
        found = []
    if found:
        names = ", ".join("'{}' ({})".format(lock.get("name"), (lock.get("properties") or {}).get("level"))
                          for lock in found)
        error.args = ("{} Blocking lock(s): {}.".format(error.args[0], names),) + error.args[1:]
        error.recommendation = "Remove them with: azcli lock delete --ids {}".format(
            " ".join(lock["id"] for lock in found))
    else:
        error.recommendation = "List the locks with: azcli lock list --query \"[?starts_with(id, '{}')]\"".format(
            scopes[0])
    error.locks = [lock["id"] for lock in found]
    return error


def _locks_at(cli_ctx, scopes):
    from azure.mgmt.resource.locks import ManagementLockClient
    from ..session.clients import mgmt_client
    from .requests import items
    client = mgmt_client(cli_ctx, ManagementLockClient)
    api_version = client._config.api_version  # pylint: disable=protected-access
    found, seen = [], set()
    for scope in scopes:
        # {scope}/providers/Microsoft.Authorization/locks lists the locks at and below the scope.
        prefix = scope.rstrip("/").lower() + LOCKS_PATH.lower() + "/"
        url = quote(scope.rstrip("/"), safe="/") + LOCKS_PATH
        for lock in items(client, url, params={"api-version": api_version}):
            lock_id = lock.get("id") or ""
            if lock_id.lower().startswith(prefix) and lock_id not in seen:
                seen.add(lock_id)
                found.append(lock)
    return found
