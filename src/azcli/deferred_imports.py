"""Standard-library modules the SDK imports at start-up but a command seldom uses, executed on first use.

azure-mgmt-core imports asyncio for its async policies; http.client imports ssl for HTTPS; argcomplete
imports subprocess. Executing them costs every command ~20 ms, yet a synchronous command against the
in-process local cloud never touches asyncio or ssl. importlib's LazyLoader registers such a module at once
and runs its code on the first attribute access, so whoever needs it gets the whole module.

Only for the azcli process (``entry()``), never when azcli is imported as a library. LazyLoader is not
thread-safe in Python 3.11, so only modules whose first use, if any, is on the main thread are listed:
asyncio is never used by a synchronous command; ssl is first used when requests (urllib3) is imported on
the main thread, before an HTTPS request or a poller thread exists; subprocess is used on the main thread
(completion, the browser sign-in).
"""
import sys

DEFERRED = frozenset({"asyncio", "ssl", "subprocess"})


class _DeferredFinder:
    """A meta-path finder that finds DEFERRED modules as the other finders do, with a lazy loader."""

    def find_spec(self, name, path, target=None):
        if name not in DEFERRED:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None:
                import importlib.util  # not at the top: --version must not pay for it
                if spec.loader is not None and hasattr(spec.loader, "exec_module"):
                    spec.loader = importlib.util.LazyLoader(spec.loader)
                return spec
        return None


_FINDER = _DeferredFinder()


def install():
    """Defer the DEFERRED modules not yet imported in this process (idempotent)."""
    if _FINDER not in sys.meta_path:
        sys.meta_path.insert(0, _FINDER)
