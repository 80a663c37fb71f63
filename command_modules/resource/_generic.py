"""The client generic-resource commands share: the SDK client, the subscription, and API versions
resolved from the provider's resource types (one provider read per namespace per process)."""
from azcli.errors import InvalidArgumentValueError

from ._validators import build_resource_id, choose_api_version, parse_resource_id


class GenericClient:
    def __init__(self, cli_ctx, client):
        self.cli_ctx = cli_ctx
        self.client = client
        self.resources = client.resources
        self.resource_groups = client.resource_groups
        self.providers = client.providers

    @property
    def subscription_id(self):
        return self.client._config.subscription_id  # pylint: disable=protected-access

    def ref(self, resource_id=None, resource_group_name=None, resource_name=None, resource_type=None,
            namespace=None, parent=None):
        """The resource an invocation names, by --ids or by parts."""
        if resource_id:
            return parse_resource_id(resource_id)
        return build_resource_id(self.subscription_id, resource_group_name, resource_name, resource_type,
                                 namespace, parent)

    def _provider_cache(self):
        cache = getattr(self.cli_ctx, "_azcli_provider_types", None)
        if cache is None:
            cache = {}
            self.cli_ctx._azcli_provider_types = cache  # pylint: disable=protected-access
        return cache

    def api_version(self, ref, api_version=None, include_preview=False):
        """--api-version, else the newest (non-preview) version the provider lists for the type."""
        if api_version:
            return api_version
        if ref.namespace.lower() == "microsoft.resources" and ref.type_path.lower() in ("resourcegroups",
                                                                                         "subscriptions"):
            return self.client._config.api_version  # pylint: disable=protected-access
        cache = self._provider_cache()
        key = ref.namespace.lower()
        if key not in cache:
            provider = self.providers.get(ref.namespace)
            cache[key] = {(rt.resource_type or "").lower(): list(rt.api_versions or [])
                          for rt in provider.resource_types or []}
        versions = cache[key].get(ref.type_path.lower())
        if versions is None and ref.namespace.lower() == "microsoft.resources":
            return self.client._config.api_version  # pylint: disable=protected-access
        chosen = choose_api_version(versions, include_preview)
        if chosen is None:
            raise InvalidArgumentValueError(
                "The resource type '{}' could not be found in the namespace '{}'. Check the type, or give "
                "--api-version.".format(ref.type_path, ref.namespace))
        return chosen


class LockClient:
    """The management-locks operations and the subscription scopes are resolved against."""

    def __init__(self, locks, subscription_id):
        self.locks = locks
        self.subscription_id = subscription_id
