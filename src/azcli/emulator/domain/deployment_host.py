"""The template engine's Host over the local cloud: every resource a deployment creates, updates, deletes
or acts on goes through operations.execute, exactly like a client's PUT, inside the transaction of the
deployment's operation. Long-running RP operations a write starts finish at once: ARM waits for each
resource before its dependants, and the deployment's own operation carries the configured duration.
"""
import json

from . import caller as callers, deployment_records as deployments, lro, managementgroup_writes
from . import managementgroups, rbac, registration, resources, secrets, templatespecs
from .groups import DeleteGroup, PutGroup, group_id
from .operations import execute
from .resource_writes import DeleteResource, InvokeAction, PutResource
from ..common.errors import ArmError, invalid_resource_type
from ..identity import directory
from ..rp import catalog, keyvault, locations
from ..store import records


def _host_error(error):
    from ..templates.host import HostError
    body = error.body()["error"]
    return HostError(error.status, body.get("code"), body.get("message"), body.get("details"))


def _is_management_group(resource_id):
    parts = [p.lower() for p in resource_id.split("/") if p]
    return len(parts) == 4 and parts[:3] == ["providers", "microsoft.management", "managementgroups"]


def _group_of(resource_id):
    """(subscription id, group name) when resource_id is a resource group's id, else None."""
    parts = [p for p in resource_id.split("/") if p]
    if len(parts) == 4 and parts[0].lower() == "subscriptions" and parts[2].lower() == "resourcegroups":
        return parts[1], parts[3]
    return None


MAX_LINKED_BYTES = 4 * 1024 * 1024  # ARM's limit on a template


def fetch(uri):
    """A linked template or parameters file over http(s), at most 4 MB."""
    from urllib.request import urlopen
    from ..templates.host import HostError
    if not uri.lower().startswith(("http://", "https://")):
        raise HostError(400, "InvalidContentLink", "The provided content link '%s' is invalid: only http and "
                        "https URIs can be downloaded." % uri)
    try:
        with urlopen(uri, timeout=10) as response:  # noqa: S310 (the scheme is checked above)
            data = response.read(MAX_LINKED_BYTES + 1)
    except (OSError, ValueError) as exc:
        raise HostError(400, "InvalidContentLink", "Unable to download deployment content from '%s': %s. Please "
                        "see https://aka.ms/arm-deploy for usage details." % (uri, getattr(exc, "reason", exc))) from None
    if len(data) > MAX_LINKED_BYTES:
        raise HostError(400, "InvalidContentLink", "The content at '%s' is larger than 4 MB." % uri)
    return data


def _check_scope(target, api_version):
    """A type that lives in resource groups (its provider moves it between groups) deployed at a
    subscription's scope: the provider has no such type there, as a direct PUT is told."""
    if target.group is not None or target.scope.lower() != "/subscriptions/" + (target.sub_id or "").lower():
        return
    found = catalog.resource_type(target.namespace, target.type_path)
    if found and "CrossResourceGroupResourceMove" in (found.get("capabilities") or ""):
        raise invalid_resource_type(target.type_path, target.namespace, api_version)


class LocalHost:
    def __init__(self, caller, db):
        self.caller, self.db = callers.of(caller), db

    # --- callers and scopes ----------------------------------------------------------------------

    def _caller_for(self, sub_id, api_version):
        subscription = self.caller.subscription
        if subscription is None or subscription["sub_lc"] != sub_id.lower():
            subscription = directory.subscription(self.db, sub_id)
            if subscription is None:
                raise _host_error(ArmError(404, "SubscriptionNotFound",
                                           "The subscription '%s' could not be found." % sub_id))
            scopes = directory.scopes_of(self.db, self.caller.principal.object_id)
            if not directory.covers(scopes, "/subscriptions/" + subscription["sub_lc"]):
                raise _host_error(ArmError(403, "AuthorizationFailed", "The client '%s' does not have authorization "
                                           "to perform action 'Microsoft.Resources/deployments/write' over scope "
                                           "'/subscriptions/%s'." % (self.caller.principal.object_id, sub_id)))
        return self.caller.with_api_version(api_version, subscription)

    def _caller_of(self, target, api_version):
        if target.sub_id:
            return self._caller_for(target.sub_id, api_version)
        return callers.Caller(None, self.caller.principal, self.caller.now, self.caller.settings, api_version)

    def _run(self, caller, operation):
        done = execute(caller, operation, self.db)
        if done.op_id is not None:
            lro.finish(self.db, done.op_id, self.caller.now)
        return done

    def scope(self, subscription_id=None, resource_group=None, management_group=None):
        from ..templates.context import Scope
        tenant_id = self.caller.principal.tenant_id
        if management_group:
            found = managementgroups.find(self.db, tenant_id, management_group)
            if found is None:
                raise _host_error(managementgroups.not_found(management_group))
            return Scope("managementGroup", tenant_id, management_group=found)
        if subscription_id is None:
            return Scope("tenant", tenant_id)
        row = self._caller_for(subscription_id, None).subscription
        subscription = {"id": "/subscriptions/" + row["subscription_id"], "subscriptionId": row["subscription_id"],
                        "tenantId": row["tenant_lc"], "displayName": row["display_name"]}
        if resource_group is None:
            return Scope("subscription", row["tenant_lc"], subscription=subscription)
        group = records.get(self.db, group_id(row["subscription_id"], resource_group))
        if group is None:
            raise _host_error(ArmError(404, "ResourceGroupNotFound",
                                       "Resource group '%s' could not be found." % resource_group))
        return Scope("resourceGroup", row["tenant_lc"], subscription=subscription,
                     resource_group=records.render(group))

    # --- resources -------------------------------------------------------------------------------

    def get(self, resource_id, api_version=None):
        if _is_management_group(resource_id):
            return managementgroups.find(self.db, self.caller.principal.tenant_id, resource_id.rstrip("/").rsplit("/", 1)[1])
        row = records.get(self.db, resource_id)
        if row is not None:
            return resources.render(row)
        found = deployments.get(self.db, resource_id)
        return deployments.document(found) if found is not None else None

    def put(self, resource_id, body, api_version):
        try:
            group = _group_of(resource_id)
            if group is not None:
                location = locations.normalize(body.get("location") or "")
                if location is None:
                    raise ArmError(400, "LocationNotAvailableForResourceGroup", "The provided location '%s' is not "
                                   "available for resource group." % body.get("location"))
                self._run(self._caller_for(group[0], api_version),
                          PutGroup(group[1], location, body.get("tags"), body.get("managedBy")))
            elif _is_management_group(resource_id):
                properties = body.get("properties") or {}
                parent = (properties.get("details") or {}).get("parent") or {}
                self._run(self._caller_of(self._target(resource_id), api_version), managementgroup_writes.PutGroup(
                    resource_id.rstrip("/").rsplit("/", 1)[1], properties.get("displayName"), parent.get("id"),
                    asynchronous=False))
            else:
                target = self._target(resource_id)
                _check_scope(target, api_version)
                caller = self._caller_of(target, api_version)
                if caller.subscription is not None:
                    registration.register_for_deployment(caller, self.db, target.namespace)
                self._run(caller, PutResource(target, body))
        except ArmError as error:
            raise _host_error(error) from None
        return self.get(resource_id, api_version)

    def delete(self, resource_id, api_version=None):
        try:
            group = _group_of(resource_id)
            if group is not None:
                self._run(self._caller_for(group[0], api_version), DeleteGroup(group[1]))
                return
            target = self._target(resource_id)
            version = api_version or self._newest_version(target)
            self._run(self._caller_of(target, version), DeleteResource(target))
        except ArmError as error:
            raise _host_error(error) from None

    def action(self, resource_id, action, api_version, body=None):
        try:
            target = self._target(resource_id)
            target.tail = None
            done = self._run(self._caller_of(target, api_version), InvokeAction(target, action, body))
        except ArmError as error:
            raise _host_error(error) from None
        return done.body if done.body is not None else {}

    def list_resources(self, scope_id):
        rows = self.db.execute("SELECT * FROM resources WHERE parent_lc = ? AND type_lc NOT IN (?, ?) ORDER BY seq",
                               (scope_id.lower(),) + resources.INTERNAL_TYPES).fetchall()
        return [resources.render(row) for row in rows]

    def provider(self, namespace):
        entry = catalog.namespace(namespace)
        if entry is None:
            return None
        return {"id": "/providers/" + entry["namespace"], "namespace": entry["namespace"],
                "resourceTypes": entry["resourceTypes"], "registrationState": "Registered"}

    def fetch(self, uri):
        return fetch(uri)

    def key_vault_secret(self, vault_id, secret_name, secret_version=None):
        """A Key Vault reference parameter, as ARM reads it: the vault must be enabled for template deployment
        and the deployer allowed Microsoft.KeyVault/vaults/deploy/action on it (its data-plane access does not
        matter); a disabled or expired secret version is refused."""
        from ..templates.host import HostError
        row = records.get(self.db, vault_id)
        if row is None or row["type_lc"] != keyvault.VAULT_TYPE_LC:
            raise HostError(400, "KeyVaultParameterReferenceNotFound", "The specified KeyVault '%s' could not be "
                            "found. Please see https://aka.ms/arm-keyvault for usage details." % vault_id)
        if not secrets.properties(row).get("enabledForTemplateDeployment"):
            raise HostError(400, "KeyVaultParameterReferenceSecretRetrieveFailed", "The key vault '%s' is not "
                            "enabled for template deployment: set enabledForTemplateDeployment (az keyvault update "
                            "--enabled-for-template-deployment true). Please see https://aka.ms/arm-keyvault for "
                            "usage details." % row["id"])
        principal = self.caller.principal
        if not rbac.permits(self.db, principal, secrets.DEPLOY_ACTION, row["id"]):
            raise HostError(403, "KeyVaultParameterReferenceAuthorizationFailed", "The client '%s' does not have "
                            "permission '%s' on the key vault '%s'." % (principal.object_id, secrets.DEPLOY_ACTION,
                                                                         row["id"]))
        try:
            _, version = secrets.find(row, secret_name, self.caller.now, secret_version)
        except ArmError as error:
            raise HostError(400, "KeyVaultParameterReferenceSecretRetrieveFailed", "The secret '%s' of the key "
                            "vault '%s' could not be read: %s" % (secret_name, row["id"], error.message)) from None
        if not secrets.usable(version, self.caller.now):
            raise HostError(400, "KeyVaultParameterReferenceSecretRetrieveFailed", "The secret '%s' of the key "
                            "vault '%s' is disabled, expired or not yet valid." % (secret_name, row["id"]))
        return version["value"]

    def template_spec(self, version_id, path, relative_path):
        from ..templates.host import HostError
        try:
            version_id, main, artifacts = templatespecs.version_content(self.db, self.caller.principal, version_id)
        except ArmError as error:
            raise HostError(error.status, error.code, error.message) from None
        if relative_path is None:
            return version_id, "", main
        found = templatespecs.linked_template(artifacts, path, relative_path)
        if found is None:
            raise HostError(400, "InvalidTemplateSpec", "The template spec version '%s' has no linked template "
                            "'%s' (relative to '%s')." % (version_id, relative_path, path or "the main template"))
        return (version_id,) + found

    def save_deployment(self, scope, name, document):
        deployments.save(self.db, deployments.Where.of_scope(scope), name, json.loads(json.dumps(document)),
                         now=self.caller.now)

    def save_operations(self, scope, name, operations):
        deployments.save_operations(self.db, deployments.Where.of_scope(scope), name, operations)

    # --- helpers ---------------------------------------------------------------------------------

    @staticmethod
    def _target(resource_id):
        try:
            return resources.Target.parse(resource_id)
        except ValueError:
            raise ArmError(400, "InvalidResourceId", "'%s' is not a valid resource id." % resource_id) from None

    @staticmethod
    def _newest_version(target):
        found = catalog.resource_type(target.namespace, target.type_path)
        return catalog.newest_stable(found) if found else None
