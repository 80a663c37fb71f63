"""Thin custom functions for `azcli keyvault ...` (vaults, management plane).

As in az: create refuses a vault that exists, gives the signed-in principal every permission unless the
vault uses RBAC (the default) or --no-self-perms is given, and takes the group's location; show, update,
delete and set-policy find the group when -g is not given; purge and recover find a deleted vault's location
(and group) from the list of deleted vaults. The caller's object id comes from its ARM token's ``oid``
claim (az asks Microsoft Graph, which the local cloud does not serve).
"""
from azcli.errors import InvalidArgumentValueError, RequiredArgumentMissingError, ResourceNotFoundError

VAULT_TYPE = "Microsoft.KeyVault/vaults"
ALL = ["all"]


def _context(cmd):
    from azcli.session.clients import get_context
    return get_context(cmd.cli_ctx)


def _tenant_id(cmd):
    return _context(cmd).subscription["tenantId"]


def _signed_in_object_id(cmd):
    import base64
    import json
    ctx = _context(cmd)
    token = ctx.credential.get_token(ctx.cloud.arm_scope).token
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))["oid"]


def _resources(cmd):
    from azcli.session.clients import mgmt_client
    from azure.mgmt.resource.resources import ResourceManagementClient
    return mgmt_client(cmd.cli_ctx, ResourceManagementClient)


def _group_of(client, vault_name, resource_group_name):
    """The vault's group: given, or found like az does (the subscription's vaults, by name)."""
    if resource_group_name:
        return resource_group_name
    for item in client.list():
        if item.name.lower() == vault_name.lower():
            return item.id.split("/")[4]
    raise ResourceNotFoundError("The Resource 'Microsoft.KeyVault/vaults/{}' was not found.".format(vault_name))


def _network_acls(bypass, default_action, ips=None, vnets=None):
    return {"bypass": bypass or "AzureServices", "defaultAction": default_action or "Allow",
            "ipRules": [{"value": ip} for ip in ips or []],
            "virtualNetworkRules": [{"id": vnet} for vnet in vnets or []]}


def create_vault(client, cmd, resource_group_name, vault_name, location=None, sku=None,
                 enabled_for_deployment=None, enabled_for_disk_encryption=None, enabled_for_template_deployment=None,
                 enable_rbac_authorization=None, enable_purge_protection=None, retention_days=None,
                 network_acls=None, network_acls_ips=None, network_acls_vnets=None, bypass=None, default_action=None,
                 no_self_perms=None, tags=None, public_network_access=None):
    """Create a Key Vault."""
    from azure.core.exceptions import ResourceNotFoundError as Missing
    try:
        client.get(resource_group_name, vault_name)
        raise InvalidArgumentValueError("The specified vault: {} already exists".format(vault_name))
    except Missing:
        pass
    if location is None:
        location = _resources(cmd).resource_groups.get(resource_group_name).location
    rbac = True if enable_rbac_authorization is None else enable_rbac_authorization
    tenant_id = _tenant_id(cmd)
    policies = []
    if not (no_self_perms or rbac):
        policies = [{"tenantId": tenant_id, "objectId": _signed_in_object_id(cmd),
                     "permissions": {"keys": ALL, "secrets": ALL, "certificates": ALL, "storage": ALL}}]
    acls = dict(network_acls or {})
    properties = {"tenantId": tenant_id, "sku": {"family": "A", "name": sku or "standard"},
                  "accessPolicies": policies, "enableRbacAuthorization": rbac,
                  "softDeleteRetentionInDays": int(retention_days or 90),
                  "networkAcls": _network_acls(bypass, default_action, (acls.get("ip") or []) + (network_acls_ips or []),
                                               (acls.get("vnet") or []) + (network_acls_vnets or []))}
    for key, value in (("enabledForDeployment", enabled_for_deployment),
                       ("enabledForDiskEncryption", enabled_for_disk_encryption),
                       ("enabledForTemplateDeployment", enabled_for_template_deployment),
                       ("enablePurgeProtection", enable_purge_protection),
                       ("publicNetworkAccess", public_network_access)):
        if value is not None:
            properties[key] = value
    body = {"location": location, "tags": tags, "properties": properties}
    return client.begin_create_or_update(resource_group_name, vault_name, body)


def show_vault(client, vault_name, resource_group_name=None):
    """Show details of a Key Vault (exit code 3 when it does not exist)."""
    return client.get(_group_of(client, vault_name, resource_group_name), vault_name)


def list_vaults(client, cmd, resource_group_name=None, resource_type=None):
    """List vaults (and managed HSMs, of which the local cloud has none)."""
    if resource_type not in (None, "vault", "hsm"):
        raise InvalidArgumentValueError("Unsupported resource type: {}".format(resource_type))
    found = []
    if resource_type in (None, "vault"):
        found += list(client.list_by_resource_group(resource_group_name) if resource_group_name else client.list())
    if resource_type in (None, "hsm"):
        from ._client_factory import cf_managed_hsms
        hsms = cf_managed_hsms(cmd.cli_ctx)
        found += list(hsms.list_by_resource_group(resource_group_name) if resource_group_name
                      else hsms.list_by_subscription())
    return found


def update_get(client, vault_name, resource_group_name=None):
    from azcli.framework.results import todict
    vault = todict(client.get(_group_of(client, vault_name, resource_group_name), vault_name))
    return {"location": vault["location"], "tags": vault.get("tags"),
            "properties": {k: v for k, v in vault["properties"].items() if v is not None}}


def update_apply(instance, enabled_for_deployment=None, enabled_for_disk_encryption=None,
                 enabled_for_template_deployment=None, enable_rbac_authorization=None, enable_purge_protection=None,
                 retention_days=None, bypass=None, default_action=None, public_network_access=None):
    props = instance["properties"]
    for key, value in (("enabledForDeployment", enabled_for_deployment),
                       ("enabledForDiskEncryption", enabled_for_disk_encryption),
                       ("enabledForTemplateDeployment", enabled_for_template_deployment),
                       ("enableRbacAuthorization", enable_rbac_authorization),
                       ("enablePurgeProtection", enable_purge_protection),
                       ("publicNetworkAccess", public_network_access)):
        if value is not None:
            props[key] = value
    if retention_days is not None:
        props["softDeleteRetentionInDays"] = int(retention_days)
    if bypass or default_action:
        acls = props.get("networkAcls") or _network_acls(None, None)
        acls.update({k: v for k, v in (("bypass", bypass), ("defaultAction", default_action)) if v})
        props["networkAcls"] = acls
    return instance


def update_set(client, vault_name, parameters, resource_group_name=None):
    group = _group_of(client, vault_name, resource_group_name)
    props = dict(parameters["properties"])
    props.pop("provisioningState", None)
    body = {"location": parameters["location"], "tags": parameters.get("tags"), "properties": props}
    return client.begin_create_or_update(group, vault_name, body)


def delete_vault(client, vault_name, resource_group_name=None):
    """Delete a Key Vault: it is kept as a deleted vault (its name stays taken) until purged."""
    client.delete(_group_of(client, vault_name, resource_group_name), vault_name)


def _deleted(client, vault_name, location):
    for item in client.list_deleted():
        props = item.properties
        if item.name.lower() == vault_name.lower() and (location is None or props.location == location):
            return props.location, props.vault_id.split("/")[4]
    raise ResourceNotFoundError("No deleted vault named '{}' was found{}.".format(
        vault_name, " in location '{}'".format(location) if location else ""))


def purge_vault(client, vault_name, location=None):
    """Permanently delete (purge) a deleted Key Vault."""
    location, _ = _deleted(client, vault_name, location)
    return client.begin_purge_deleted(vault_name, location)


def recover_vault(client, cmd, vault_name, resource_group_name=None, location=None):
    """Recover a deleted Key Vault, its secrets included."""
    found_location, found_group = _deleted(client, vault_name, location)
    body = {"location": location or found_location,
            "properties": {"tenantId": _tenant_id(cmd), "sku": {"family": "A", "name": "standard"},
                           "createMode": "recover"}}
    return client.begin_create_or_update(resource_group_name or found_group, vault_name, body)


def list_deleted_vaults(client, resource_type=None):
    """Get information about the deleted Vaults in a subscription."""
    if resource_type not in (None, "vault", "hsm"):
        raise InvalidArgumentValueError("Unsupported resource type: {}".format(resource_type))
    return [] if resource_type == "hsm" else list(client.list_deleted())


def _distinct(values):
    return None if values is None else sorted(set(values), key=values.index)


def set_policy(client, cmd, vault_name, resource_group_name=None, object_id=None, application_id=None, spn=None,
               upn=None, key_permissions=None, secret_permissions=None, certificate_permissions=None,
               storage_permissions=None):
    """Update security policy settings for a Key Vault."""
    from azcli.framework.results import todict
    if not object_id:
        if spn or upn:
            raise InvalidArgumentValueError("Finding a principal by --spn/--upn needs Microsoft Graph, which this "
                                            "cloud does not serve: pass --object-id.")
        raise RequiredArgumentMissingError("Please specify --object-id, --spn or --upn.")
    group = _group_of(client, vault_name, resource_group_name)
    vault = todict(client.get(group, vault_name))
    props = {k: v for k, v in vault["properties"].items() if v is not None}
    if props.get("enableRbacAuthorization"):
        raise InvalidArgumentValueError("Cannot set policies to a vault with '--enable-rbac-authorization' specified")
    wanted = {"keys": _distinct(key_permissions), "secrets": _distinct(secret_permissions),
              "certificates": _distinct(certificate_permissions), "storage": _distinct(storage_permissions)}
    policies = props.setdefault("accessPolicies", [])
    policy = next((p for p in policies if p["objectId"].lower() == object_id.lower() and
                   (p.get("applicationId") or "").lower() == (application_id or "").lower() and
                   p["tenantId"].lower() == props["tenantId"].lower()), None)
    if policy is None:
        policy = {"tenantId": props["tenantId"], "objectId": object_id, "permissions": {}}
        if application_id:
            policy["applicationId"] = application_id
        policies.append(policy)
    permissions = policy.setdefault("permissions", {})
    for kind, values in wanted.items():
        if values is not None:
            permissions[kind] = values
    props.pop("provisioningState", None)
    return client.begin_create_or_update(group, vault_name, {"location": vault["location"], "tags": vault.get("tags"),
                                                              "properties": props})
