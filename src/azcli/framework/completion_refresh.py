"""The background half of value completion: run one listing and store its names in the cache.

Started detached by completion_values.spawn_refresh as
`python -m azcli.framework.completion_refresh KIND KEY LISTING_JSON`. It runs the listing through the
normal CLI path (framework.cli, as `azcli.__main__.run`: knack, the client factory, the credentials, the local cloud
in-process or the real one over HTTPS) and writes the entry with fileio.update_json (locked,
atomic). A hard time limit (SIGALRM, TIMEOUT_SECONDS) ends it whatever it waits on; refreshes are
serialized by a lock and one that finds its entry already fresh does nothing. A failed listing
stores no names, so a signed-out shell does not start a child per keystroke. It prints nothing.
"""
import io
import json
import os
import signal
import sys
import time

from ..fileio import locked, update_json
from .completion_values import cache_path, config_dir, is_fresh, read_entries

TIMEOUT_SECONDS = 20
MAX_ENTRIES = 200
MAX_AGE_SECONDS = 86400


def names(output):
    """The strings of a listing's JSON output, flattened, in order, once each."""
    found = []

    def walk(value):
        if isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str) and value and value not in found:
            found.append(value)

    walk(json.loads(output) if output.strip() else [])
    return found


def run_listing(argv):
    """(names, exit code) of one azcli command run in this process, as __main__.run runs it."""
    from .cli import get_default_cli
    out = io.StringIO()
    try:
        code = get_default_cli(out_file=out).invoke(list(argv), out_file=out)
    except SystemExit as ex:
        code = ex.code if isinstance(ex.code, int) else (0 if ex.code is None else 1)
    except Exception:  # pylint: disable=broad-except
        code = 1  # nobody reads the child's errors: the entry records that the listing failed
    if code != 0:
        return [], code
    try:
        return names(out.getvalue()), 0
    except ValueError:
        return [], 1


def store(path, key, values, code, now=None):
    """Write one entry; entries older than a day go, and only the newest MAX_ENTRIES stay."""
    now = time.time() if now is None else now
    with update_json(path, on_corrupt=lambda error: None) as data:
        entries = data.get("entries") if isinstance(data.get("entries"), dict) else {}
        entries[key] = {"time": now, "values": values, "status": code}
        kept = sorted(((k, e) for k, e in entries.items()
                       if isinstance(e, dict) and now - e.get("time", 0) < MAX_AGE_SECONDS),
                      key=lambda item: item[1].get("time", 0), reverse=True)[:MAX_ENTRIES]
        data.clear()
        data.update({"version": 1, "entries": dict(kept)})


def refresh(kind, key, argv, directory):
    path = cache_path(directory)
    with locked(path + ".refresh"):
        if is_fresh(read_entries(path).get(key), kind, time.time()):
            return 0
        values, code = run_listing(argv)
        store(path, key, values, code)
    return code


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if hasattr(signal, "SIGALRM"):
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
        signal.alarm(TIMEOUT_SECONDS)
    kind, key, listing = argv[0], argv[1], json.loads(argv[2])
    return refresh(kind, key, listing, config_dir(os.environ))


if __name__ == "__main__":
    sys.exit(main())
