"""Helpers for the sign-in tests: config-dir fingerprints, JWT peeking, the local cloud's identity."""
import base64
import hashlib
import json
import os


def dir_fingerprint(path, ignore=("localcloud.db",)):
    """{relative path: (mode, sha256)} of every file under path (files named like ignore* skipped)."""
    result = {}
    for root, _, files in os.walk(path):
        for name in files:
            if any(name.startswith(prefix) for prefix in ignore):
                continue
            full = os.path.join(root, name)
            with open(full, "rb") as handle:
                digest = hashlib.sha256(handle.read()).hexdigest()
            result[os.path.relpath(full, path)] = (oct(os.stat(full).st_mode & 0o777), digest)
    return result


def claims(token):
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


def read_json(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def cached_tokens(config_dir):
    path = os.path.join(str(config_dir), "tokens.json")
    if not os.path.exists(path):
        return []
    return [v["accessToken"] for v in read_json(path).get("tokens", {}).values()]


class Approver:
    """Approves the sign-ins waiting in a config dir from a thread, as the local user at another terminal
    would with `azcli local approve <code>`; `approved` lists the answers."""

    def __init__(self, config_dir, user=None, deny=False):
        import threading
        self.config_dir, self.user, self.deny = str(config_dir), user, deny
        self.approved = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        from azcli import emulator
        while not self._stop.wait(0.05):
            for waiting in emulator.pending_sign_ins(self.config_dir):
                self.approved.append(emulator.approve_sign_in(self.config_dir, waiting["userCode"], user=self.user,
                                                              approve=not self.deny))

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join(10)
