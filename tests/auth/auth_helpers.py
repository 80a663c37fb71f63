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
