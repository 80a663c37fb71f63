"""Thin custom functions for `azcli storage account` and `storage account keys`."""
from ._client_factory import API_VERSION as API

ACCOUNT_TYPE = "Microsoft.Storage/storageAccounts"
# The properties StorageAccountUpdateParameters carries (a PATCH sends only these, and only when set).
_UPDATABLE = ("accessTier", "supportsHttpsTrafficOnly", "minimumTlsVersion", "allowBlobPublicAccess",
              "allowSharedKeyAccess", "publicNetworkAccess", "networkAcls", "encryption", "largeFileSharesState",
              "customDomain", "allowCrossTenantReplication", "defaultToOAuthAuthentication", "routingPreference",
              "immutableStorageWithVersioning", "keyPolicy", "sasPolicy", "isSftpEnabled", "isLocalUserEnabled")


def _flags(props, **values):
    names = {"access_tier": "accessTier", "https_only": "supportsHttpsTrafficOnly",
             "min_tls_version": "minimumTlsVersion", "allow_blob_public_access": "allowBlobPublicAccess",
             "allow_shared_key_access": "allowSharedKeyAccess", "public_network_access": "publicNetworkAccess"}
    for arg, value in values.items():
        if arg == "enable_large_file_share":
            if value:
                props["largeFileSharesState"] = "Enabled"
        elif arg == "enable_hierarchical_namespace":
            if value is not None:
                props["isHnsEnabled"] = value
        elif value is not None:
            props[names[arg]] = value
    return props


def create_storage_account(client, cmd, resource_group_name, account_name, location=None, sku="Standard_RAGRS",
                           kind="StorageV2", tags=None, access_tier=None, https_only=None, min_tls_version=None,
                           allow_blob_public_access=None, allow_shared_key_access=None, public_network_access=None,
                           enable_large_file_share=None, enable_hierarchical_namespace=None):
    """Create a storage account (long-running: 202 + Location, as Microsoft.Storage answers)."""
    if location is None:
        from ._client_factory import resource_groups
        location = resource_groups(cmd.cli_ctx).get(resource_group_name).location
    props = {"encryption": {"services": {"blob": {}}, "keySource": "Microsoft.Storage"}}
    _flags(props, access_tier=access_tier, https_only=https_only, min_tls_version=min_tls_version,
           allow_blob_public_access=allow_blob_public_access, allow_shared_key_access=allow_shared_key_access,
           public_network_access=public_network_access, enable_large_file_share=enable_large_file_share,
           enable_hierarchical_namespace=enable_hierarchical_namespace)
    body = {"sku": {"name": sku}, "kind": kind, "location": location, "properties": props}
    if tags is not None:
        body["tags"] = tags
    return client.begin_create(resource_group_name, account_name, body, api_version=API)


def show_storage_account(client, account_name, resource_group_name=None, expand=None):
    """Show a storage account's properties; without -g it is found by name (exit code 3 when it does not exist)."""
    if resource_group_name is None:
        resource_group_name = _group_of(client, account_name)
    return client.get_properties(resource_group_name, account_name, expand=expand, api_version=API)


def _group_of(client, account_name):
    for account in client.list(api_version=API):
        if (account.name or "").lower() == account_name.lower():
            return account.id.split("/")[4]
    from azcli.errors import ResourceNotFoundError
    raise ResourceNotFoundError("The storage account '{}' was not found.".format(account_name))


def list_storage_accounts(client, resource_group_name=None):
    """List storage accounts in a group, or in the subscription."""
    if resource_group_name:
        return client.list_by_resource_group(resource_group_name, api_version=API)
    return client.list(api_version=API)


def delete_storage_account(client, resource_group_name, account_name):
    """Delete a storage account."""
    return client.delete(resource_group_name, account_name, api_version=API)


def update_storage_account(instance, sku=None, tags=None, access_tier=None, https_only=None, min_tls_version=None,
                           allow_blob_public_access=None, allow_shared_key_access=None, public_network_access=None,
                           enable_large_file_share=None):
    """Apply the flattened update arguments before --set/--add/--remove."""
    if sku is not None:
        instance["sku"] = {"name": sku}
    if tags is not None:
        instance["tags"] = tags
    _flags(instance.setdefault("properties", {}), access_tier=access_tier, https_only=https_only,
           min_tls_version=min_tls_version, allow_blob_public_access=allow_blob_public_access,
           allow_shared_key_access=allow_shared_key_access, public_network_access=public_network_access,
           enable_large_file_share=enable_large_file_share)
    return instance


def set_storage_account(client, account_name, resource_group_name, parameters, expand=None):
    """The PATCH az sends: sku, tags, kind, identity and the updatable properties that are set."""
    if resource_group_name is None:
        resource_group_name = _group_of(client, account_name)
    body = {k: parameters[k] for k in ("sku", "tags", "kind", "identity") if parameters.get(k) is not None}
    if isinstance(body.get("sku"), dict):
        body["sku"] = {"name": body["sku"].get("name")}
    props = parameters.get("properties") or {}
    body["properties"] = {k: props[k] for k in _UPDATABLE if props.get(k) is not None}
    return client.update(resource_group_name, account_name, body, api_version=API)


def check_name(client, name):
    """Check that the storage account name is valid and is not already in use."""
    return client.check_name_availability({"name": name, "type": ACCOUNT_TYPE}, api_version=API)


def show_connection_string(client, cmd, account_name, resource_group_name=None, protocol="https", key_name="primary",
                           blob_endpoint=None, file_endpoint=None, queue_endpoint=None, table_endpoint=None,
                           sas_token=None):
    """Get the connection string for a storage account."""
    from azcli.session.clouds import active_cloud
    suffix = active_cloud(cmd.cli_ctx).suffixes.get("storageEndpoint") or "core.windows.net"
    parts = ["DefaultEndpointsProtocol={}".format(protocol), "EndpointSuffix={}".format(suffix)]
    if sas_token:
        parts.append("SharedAccessSignature={}".format(sas_token))
    else:
        if resource_group_name is None:
            resource_group_name = _group_of(client, account_name)
        keys = client.list_keys(resource_group_name, account_name, expand="kerb", api_version=API)["keys"]
        parts += ["AccountName={}".format(account_name),
                  "AccountKey={}".format(keys[0 if key_name == "primary" else 1]["value"])]
    for name, value in (("BlobEndpoint", blob_endpoint), ("FileEndpoint", file_endpoint),
                        ("QueueEndpoint", queue_endpoint), ("TableEndpoint", table_endpoint)):
        if value:
            parts.append("{}={}".format(name, value))
    return {"connectionString": ";".join(parts)}


def list_keys(client, account_name, resource_group_name=None, expand_key_type=None):
    """List the access keys or Kerberos keys (if active directory enabled) for a storage account."""
    if resource_group_name is None:
        resource_group_name = _group_of(client, account_name)
    return client.list_keys(resource_group_name, account_name, expand=expand_key_type, api_version=API)


def renew_key(client, account_name, key, resource_group_name=None, key_type="key"):
    """Regenerate one of the access keys or Kerberos keys (if active directory enabled) for a storage account."""
    if resource_group_name is None:
        resource_group_name = _group_of(client, account_name)
    name = ("kerb" if key_type == "kerb" else "key") + ("1" if key == "primary" else "2")
    return client.regenerate_key(resource_group_name, account_name, {"keyName": name}, api_version=API)
