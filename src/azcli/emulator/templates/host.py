"""The engine's only window onto the cloud: a small protocol the deployments API implements.

The engine never touches the store or the resource registry directly; everything it does to the
cloud (reading, putting, deleting, acting on resources, resolving a nested deployment's target
scope, fetching linked templates, recording nested deployments) goes through a ``Host``. The
deployments API implements it over the emulator's domain layer; the tests use an in-memory fake.
"""

from typing import Protocol


class HostError(Exception):
    """A refusal from the cloud, carried as ARM would report it.

    ``status`` is the HTTP status the RP answered with (400, 404, 409, ...), ``code`` and ``message``
    ARM's error code and text, ``details`` a list of ARM error dicts.
    """

    def __init__(self, status, code, message, details=None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = list(details) if details else []

    def to_arm(self, target=None):
        error = {"code": self.code, "message": self.message}
        if target is not None:
            error["target"] = target
        if self.details:
            error["details"] = self.details
        return error


class Host(Protocol):
    """What the engine needs from the cloud. Resource ids are full ARM ids, compared case-insensitively."""

    def get(self, resource_id, api_version=None):
        """The resource's GET document, or None when it does not exist."""

    def put(self, resource_id, body, api_version):
        """Create or update; returns the final document (with RP-computed properties). Raises HostError."""

    def delete(self, resource_id, api_version=None):
        """Delete a resource (Complete mode). Raises HostError when refused (e.g. a lock)."""

    def action(self, resource_id, action, api_version, body=None):
        """POST an action (listKeys, listSecrets, ...) and return its JSON answer. Raises HostError."""

    def list_resources(self, scope_id):
        """The resources directly in a resource group (``/subscriptions/s/resourceGroups/g``), as documents."""

    def provider(self, namespace):
        """The ARM provider document (``resourceTypes`` with ``apiVersions``), or None when unknown."""

    def scope(self, subscription_id=None, resource_group=None, management_group=None):
        """The ``context.Scope`` of a nested deployment's target. Raises HostError (ResourceGroupNotFound, ...)."""

    def fetch(self, uri):
        """The bytes at a ``templateLink.uri`` / ``parametersLink.uri``. Raises HostError when unreachable."""

    def save_deployment(self, scope, name, document):
        """Record a nested deployment (called when it starts and when it ends) so it is listed like any other."""

    # Optional members: the engine uses them when a host has them.
    #
    # def environment(self):
    #     """What environment() returns (AzureCloud's endpoints when absent)."""
    #
    # def key_vault_secret(self, vault_id, secret_name, secret_version=None):
    #     """A key vault secret's value for a ``{"reference": {"keyVault": ...}}`` parameter. Raises HostError
    #     (KeyVaultParameterReferenceNotFound, ...). Without it such parameters are refused."""
    #
    # def template_spec(self, version_id, path, relative_path):
    #     """(canonical version id, path, template) of a template spec version: its mainTemplate (relative_path
    #     None, path ""), or the linkedTemplates artifact relative_path names from the template at path.
    #     Raises HostError (TemplateSpecNotFound, AuthorizationFailed). Without it template specs are refused."""
    #
    # def save_operations(self, scope, name, operations):
    #     """Record a nested deployment's operations (ARM's shape) next to its document."""
