"""Files in the config dir: atomic writes under an advisory lock, private permissions.

Many azcli processes may share one config dir. Writers take an exclusive lock on a sibling
`.lock` file, write a temporary file in the same directory, fsync it and rename it over the
target, so readers see either the old or the new content, never a torn file.
"""
import contextlib
import json
import os

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None


@contextlib.contextmanager
def locked(path):
    """Hold an exclusive lock for read-modify-write of `path`."""
    directory = os.path.dirname(path) or "."
    os.makedirs(directory, mode=0o700, exist_ok=True)
    fd = os.open(path + ".lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        if fcntl:
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        if fcntl:
            fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def atomic_write(path, text, mode=0o600):
    """Replace `path` with `text` atomically; the file is created with `mode` (0600 by default)."""
    import tempfile
    directory = os.path.dirname(path) or "."
    os.makedirs(directory, mode=0o700, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=directory, prefix="." + os.path.basename(path) + ".", suffix=".tmp")
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _remove_leftovers(directory, "." + os.path.basename(path) + ".")


STALE_SECONDS = 60  # a writer's temporary file lives milliseconds; an older one was left by a killed process


def _remove_leftovers(directory, prefix):
    """Delete the temporary files of writers that were killed before their rename."""
    import time
    cutoff = time.time() - STALE_SECONDS
    with contextlib.suppress(OSError):
        for entry in os.scandir(directory):
            if entry.name.startswith(prefix) and entry.name.endswith(".tmp"):
                with contextlib.suppress(OSError):
                    if entry.stat().st_mtime < cutoff:
                        os.unlink(entry.path)


class CorruptFileError(Exception):
    def __init__(self, path, reason):
        super().__init__("{} is not valid JSON ({})".format(path, reason))
        self.path = path


def read_json(path, default=None):
    """Read a JSON file; a missing file gives `default`, a corrupt one raises CorruptFileError."""
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except FileNotFoundError:
        return default
    except UnicodeDecodeError as ex:
        raise CorruptFileError(path, ex) from None
    if not text.strip():
        return default
    try:
        return json.loads(text)
    except ValueError as ex:
        raise CorruptFileError(path, ex) from None


def write_json(path, data, mode=0o600):
    atomic_write(path, json.dumps(data, indent=2, sort_keys=True) + "\n", mode=mode)


@contextlib.contextmanager
def update_json(path, default_factory=dict, on_corrupt=None):
    """Lock, read, let the caller mutate, then write back atomically.

    A corrupt file is handed to `on_corrupt(error)` (which typically warns) and rebuilt from
    `default_factory()`, never a traceback.
    """
    with locked(path):
        try:
            data = read_json(path)
        except CorruptFileError as ex:
            if on_corrupt is None:
                raise
            on_corrupt(ex)
            data = None
        if data is None:
            data = default_factory()
        yield data
        write_json(path, data)
