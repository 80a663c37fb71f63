"""Thin custom functions for `azcli keyvault secret ...` over azure-keyvault-secrets.

A secret is named by --vault-name and --name (and --version), or by its --id
(``https://{vault host}/secrets/{name}[/{version}]``). Results are az's dicts: attributes with
``created``/``updated``/``expires``/``notBefore`` as ISO times, ``name``, ``id``, ``value``, ``tags``.
"""
import base64
import binascii
import os

from azcli.errors import InvalidArgumentValueError, RequiredArgumentMissingError

TEXT_ENCODINGS = ("utf-8", "utf-16le", "utf-16be", "ascii")
ENCODINGS = TEXT_ENCODINGS + ("base64", "hex")


def _parse_id(secret_id):
    """(vault URL, name, version or None) of a secret id."""
    from urllib.parse import urlsplit
    parts = urlsplit(secret_id or "")
    segments = [s for s in parts.path.split("/") if s]
    if parts.scheme != "https" or not parts.netloc or len(segments) < 2 or segments[0].lower() not in (
            "secrets", "deletedsecrets"):
        raise InvalidArgumentValueError("Invalid secret id '{}': expected https://{{vault}}/secrets/{{name}}"
                                        "[/{{version}}].".format(secret_id))
    return "https://" + parts.netloc, segments[1], segments[2] if len(segments) > 2 else None


def _target(cmd, vault_name, name=None, version=None, secret_id=None, need_name=True):
    """(SecretClient, name, version) from --vault-name/--name/--version or --id."""
    from ._client_factory import secret_client, vault_url
    if secret_id:
        url, name, version = _parse_id(secret_id) if "/secrets/" in secret_id.lower() or \
            "/deletedsecrets/" in secret_id.lower() else (secret_id.rstrip("/"), None, None)
    elif vault_name:
        url = vault_url(cmd.cli_ctx, vault_name)
    else:
        raise RequiredArgumentMissingError("Please specify --vault-name or --id.")
    if need_name and not name:
        raise RequiredArgumentMissingError("Please specify --name/-n or --id.")
    return secret_client(cmd.cli_ctx, url), name, version


def _attributes(props):
    return {"created": props.created_on, "enabled": props.enabled, "expires": props.expires_on,
            "notBefore": props.not_before, "recoverableDays": props.recoverable_days,
            "recoveryLevel": props.recovery_level, "updated": props.updated_on}


def _properties(props, versioned=True):
    return {"attributes": _attributes(props), "contentType": props.content_type,
            "id": props.id if versioned else props.id.rsplit("/", 1)[0] if props.version else props.id,
            "managed": props.managed, "name": props.name, "tags": props.tags}


def _secret(secret):
    out = _properties(secret.properties)
    out.update({"kid": secret.properties.key_id, "value": secret.value})
    return dict(sorted(out.items()))


def _deleted(deleted):
    out = _properties(deleted.properties)
    out.update({"kid": deleted.properties.key_id, "value": None})
    out.update({"deletedDate": deleted.deleted_date, "recoveryId": deleted.recovery_id,
                "scheduledPurgeDate": deleted.scheduled_purge_date})
    return dict(sorted(out.items()))


def _read_file(path, encoding):
    if not os.path.isfile(path):
        raise InvalidArgumentValueError("File not found: {}".format(path))
    with open(path, "rb") as handle:
        data = handle.read()
    if encoding == "base64":
        return base64.b64encode(data).decode("ascii")
    if encoding == "hex":
        return binascii.hexlify(data).decode("ascii")
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as ex:
        raise InvalidArgumentValueError("Unable to decode file '{}' with '{}' encoding: {}".format(
            path, encoding, ex)) from None


def set_secret(cmd, vault_name, name, value=None, file_path=None, encoding=None, description=None, disabled=None,
               expires=None, not_before=None, tags=None):
    """Create a secret (if one doesn't exist) or update a secret in a KeyVault."""
    if (value is None) == (file_path is None):
        raise InvalidArgumentValueError("Please specify exactly one of --value or --file.")
    encoding = encoding or "utf-8"
    if file_path is not None:
        value = _read_file(file_path, encoding)
    tags = dict(tags or {})
    tags.setdefault("file-encoding", encoding)
    client, name, _ = _target(cmd, vault_name, name)
    secret = client.set_secret(name, value, enabled=not disabled, content_type=description, tags=tags,
                               expires_on=expires, not_before=not_before)
    return _secret(secret)


def show_secret(cmd, vault_name=None, name=None, version=None, secret_id=None):
    """Get a specified secret from a given key vault (exit code 3 when it does not exist)."""
    client, name, version = _target(cmd, vault_name, name, version, secret_id)
    return _secret(client.get_secret(name, version))


def _limited(items, maxresults):
    out = []
    for item in items:
        if maxresults is not None and len(out) >= int(maxresults):
            break
        out.append(item)
    return out


def list_secrets(cmd, vault_name=None, maxresults=None, include_managed=None, secret_id=None):
    """List secrets in a specified key vault (secrets of certificates only with --include-managed)."""
    client, _, _ = _target(cmd, vault_name, secret_id=secret_id, need_name=False)
    items = (_properties(p, versioned=False) for p in client.list_properties_of_secrets(max_page_size=maxresults)
             if include_managed or not p.managed)
    return _limited(items, maxresults)


def list_secret_versions(cmd, vault_name=None, name=None, maxresults=None, secret_id=None):
    """List all versions of the specified secret."""
    client, name, _ = _target(cmd, vault_name, name, secret_id=secret_id)
    items = (_properties(p) for p in client.list_properties_of_secret_versions(name, max_page_size=maxresults))
    return _limited(items, maxresults)


def delete_secret(cmd, vault_name=None, name=None, secret_id=None):
    """Delete a secret: it stays recoverable (and its name taken) until purged or its retention ends."""
    client, name, _ = _target(cmd, vault_name, name, secret_id=secret_id)
    return _deleted(client.begin_delete_secret(name).result())


def purge_secret(cmd, vault_name=None, name=None, secret_id=None):
    """Permanently delete the specified secret."""
    client, name, _ = _target(cmd, vault_name, name, secret_id=secret_id)
    client.purge_deleted_secret(name)


def recover_secret(cmd, vault_name=None, name=None, secret_id=None):
    """Recover a deleted secret to its latest version."""
    client, name, _ = _target(cmd, vault_name, name, secret_id=secret_id)
    props = client.begin_recover_deleted_secret(name).result()
    out = _properties(props)
    out.update({"kid": props.key_id, "value": None})
    return dict(sorted(out.items()))


def download_secret(cmd, file_path, vault_name=None, name=None, version=None, secret_id=None, encoding=None):
    """Download a secret to a file (which must not exist), decoded by --encoding, else its file-encoding tag, else utf-8."""
    if os.path.exists(file_path):
        raise InvalidArgumentValueError("File or directory already exists: '{}'".format(file_path))
    client, name, version = _target(cmd, vault_name, name, version, secret_id)
    secret = client.get_secret(name, version)
    encoding = encoding or (secret.properties.tags or {}).get("file-encoding") or "utf-8"
    value = secret.value or ""
    try:
        data = base64.b64decode(value) if encoding == "base64" else binascii.unhexlify(value) \
            if encoding == "hex" else value.encode(encoding)
    except (ValueError, binascii.Error, UnicodeError) as ex:
        raise InvalidArgumentValueError("The secret's value is not valid {}: {}".format(encoding, ex)) from None
    with open(file_path, "wb") as handle:
        handle.write(data)
