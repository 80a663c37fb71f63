"""Live values for completion (resource groups, locations, subscriptions, resources, locks), answered
from a short-lived cache in the config dir.

{config_dir}/completion-cache.json maps a key - the listing command and the sign-in context it runs
in (versions of profile.json, config, clouds.json and the variables that choose a subscription) -
to the names it listed and when. A fresh entry answers at once; a stale one answers and is
refreshed; a missing one is refreshed while the completion waits up to MISS_WAIT for it, then
answers what it has, maybe nothing. A refresh is a detached child (completion_refresh.py) that
runs the listing through the normal CLI path under a hard time limit; the shell never waits on it
longer than MISS_WAIT and never sees its errors. Imports neither knack nor the SDK.
"""
import os
import time

from .completion_json import load as load_json
from ..session.plain_context import default_config_dir as config_dir

CACHE_FILE = "completion-cache.json"
TTL_SECONDS = {"location": 3600, "subscription": 600}
DEFAULT_TTL_SECONDS = 60
MISS_WAIT = 1.0
POLL_SECONDS = 0.02
CONTEXT_FILES = ("profile.json", "config", "clouds.json")
CONTEXT_ENV = ("AZURE_SUBSCRIPTION_ID", "AZURE_CLIENT_ID", "AZURE_TENANT_ID", "AZCLI_CLOUD_NAME",
               "AZCLI_DEFAULTS_GROUP", "AZCLI_DEFAULTS_LOCATION")
KEY_SEPARATOR = "\x1f"
CHILD_ENV_DROPPED = ("_AZCLI_COMPLETE", "COMP_LINE", "COMP_POINT")
# The arguments of the line that narrow a listing, and the listing's spelling for them.
RESOURCE_FILTERS = (("resource_group_name", "--resource-group"), ("resource_type", "--resource-type"),
                    ("resource_provider_namespace", "--namespace"))
LOCK_FILTERS = RESOURCE_FILTERS + (("resource_name", "--resource"), ("parent_resource_path", "--parent"))


def cache_path(directory):
    return os.path.join(directory, CACHE_FILE)


def ttl(kind):
    return TTL_SECONDS.get(kind, DEFAULT_TTL_SECONDS)


def listing(kind, parsed):
    """The azcli command whose JSON output lists a kind's names for this line; None when the line
    does not say enough (a resource needs its type) or names a value to read from a file (@...)."""
    if kind == "group":
        argv = ["group", "list", "--query", "[].name"]
    elif kind == "location":
        argv = ["account", "list-locations", "--query", "[].name"]
    elif kind == "subscription":
        return ["account", "list", "--query", "[].[name, id][]", "-o", "json"]
    elif kind == "resource":
        if not parsed.value("resource_type") or parsed.value("parent_resource_path"):
            return None
        argv = ["resource", "list", "--query", "[].name"] + _filters(parsed, RESOURCE_FILTERS)
    elif kind == "lock":
        argv = ["lock", "list", "--query", "[].name"] + _filters(parsed, LOCK_FILTERS)
    else:
        return None
    if parsed.value("_subscription"):
        argv += ["--subscription", parsed.value("_subscription")]
    if any(word.startswith("@") for word in argv):
        return None
    return argv + ["-o", "json"]


def _filters(parsed, filters):
    argv = []
    for dest, option in filters:
        if parsed.value(dest):
            argv += [option, parsed.value(dest)]
    return argv


def context_key(argv, directory, environ):
    """The cache key: the listing (its words joined by US, \\x1f) and everything of the sign-in
    context that changes its answer."""
    parts = [KEY_SEPARATOR.join(argv)]
    for name in CONTEXT_FILES:
        try:
            stat = os.stat(os.path.join(directory, name))
            parts.append("{}:{}".format(stat.st_mtime_ns, stat.st_size))
        except OSError:
            parts.append("-")
    parts += [environ.get(name, "") for name in CONTEXT_ENV]
    return "|".join(parts)


def read_entries(path):
    """The cache's entries; a missing, torn or foreign file is an empty cache."""
    try:
        data = load_json(path)
    except (OSError, ValueError):
        return {}
    entries = data.get("entries") if isinstance(data, dict) else None
    return entries if isinstance(entries, dict) else {}


def is_fresh(entry, kind, now):
    return isinstance(entry, dict) and 0 <= now - entry.get("time", 0) < ttl(kind)


def _names(entry):
    values = entry.get("values") if isinstance(entry, dict) else None
    return [v for v in values if isinstance(v, str)] if isinstance(values, list) else []


def live_values(kind, parsed, environ, wait=MISS_WAIT):
    """The names that complete `kind` here: from the cache, refreshed in the background."""
    argv = listing(kind, parsed)
    directory = config_dir(environ)
    if argv is None or not os.path.isdir(directory):
        return []
    key, path = context_key(argv, directory, environ), cache_path(directory)
    entry = read_entries(path).get(key)
    if is_fresh(entry, kind, time.time()):
        return _names(entry)
    spawn_refresh(kind, key, argv, directory, environ)
    if entry is not None:
        return _names(entry)
    return _names(wait_for(path, key, wait))


def wait_for(path, key, seconds):
    """Poll the cache until `key` appears or `seconds` pass; the entry or None."""
    deadline = time.monotonic() + seconds
    seen = _version(path)
    while time.monotonic() < deadline:
        time.sleep(POLL_SECONDS)
        version = _version(path)
        if version != seen:
            seen = version
            entry = read_entries(path).get(key)
            if entry is not None:
                return entry
    return None


def _version(path):
    try:
        stat = os.stat(path)
        return stat.st_mtime_ns, stat.st_size, stat.st_ino
    except OSError:
        return None


def spawn_refresh(kind, key, argv, directory, environ):
    """Start the refresh child, detached (own session, no terminal, no inherited descriptors) and
    in the config dir, so nothing of the user's working directory is on its import path."""
    import json
    import subprocess
    import sys
    env = {name: value for name, value in environ.items() if name not in CHILD_ENV_DROPPED}
    env["AZCLI_CONFIG_DIR"] = directory
    command = [sys.executable, "-m", "azcli.framework.completion_refresh", kind, key, json.dumps(argv)]
    try:
        subprocess.Popen(command, cwd=directory, env=env, stdin=subprocess.DEVNULL,  # pylint: disable=consider-using-with
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
                         close_fds=True)
    except OSError:
        pass
