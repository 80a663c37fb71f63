"""The client generic-resource commands share: the SDK client, the subscription, and API versions
resolved from the provider's resource types (one provider read per namespace per process)."""
from azcli.arm.requests import items, send
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

    def list_resources(self, resource_group_name=None, odata_filter=None, expand=None):
        """GET .../resources, every page, as the wire's JSON items (a generator).

        The same request the SDK's resources.list sends, without building a model per item and
        turning it back into a dict: that round trip was most of the time of a 10,000-item list.
        """
        from urllib.parse import quote
        from azure.mgmt.resource.resources.models import GenericResourceExpanded
        from azcli.framework.results import with_model_fields
        path = "/subscriptions/{}".format(quote(self.subscription_id, safe=""))
        if resource_group_name:
            path += "/resourcegroups/{}".format(quote(resource_group_name, safe=""))
        params = {"api-version": self.client._config.api_version}  # pylint: disable=protected-access
        if odata_filter:
            params["$filter"] = odata_filter
        if expand:
            params["$expand"] = expand
        for item in items(self.client, path + "/resources", params=params, headers={"Accept": "application/json"}):
            yield with_model_fields(item, GenericResourceExpanded, ("createdTime", "changedTime"))

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
    """Management locks addressed by scope (a subscription, group or resource id).

    Requests go through the lock client's own pipeline (azcli.arm), on the paths ARM and az use
    ({scope}/providers/Microsoft.Authorization/locks[/{name}]): the SDK's *_by_scope operations
    percent-encode the scope's slashes, and its resource-level ones put '//' in ids of top-level
    resources. Results are the SDK's lock model, so output keeps az's flattened lock shape.
    """

    def __init__(self, client, subscription_id):
        self.client = client
        self.subscription_id = subscription_id

    def _url(self, scope, name=None):
        from urllib.parse import quote
        url = quote(scope.rstrip("/"), safe="/") + "/providers/Microsoft.Authorization/locks"
        return url + "/" + quote(name, safe="") if name is not None else url

    def _params(self, query=None):
        return dict(query or {}, **{"api-version": self.client._config.api_version})  # pylint: disable=protected-access

    @staticmethod
    def _model(data):
        from azure.mgmt.resource.locks.models import ManagementLockObject
        return ManagementLockObject.deserialize(data)

    def create(self, scope, name, lock):
        return self._model(send(self.client, "PUT", self._url(scope, name), params=self._params(),
                                json=lock.serialize()).json())

    def get(self, scope, name):
        return self._model(send(self.client, "GET", self._url(scope, name), params=self._params()).json())

    def delete(self, scope, name):
        send(self.client, "DELETE", self._url(scope, name), params=self._params())

    def list(self, scope, filter=None):  # pylint: disable=redefined-builtin
        """A generator over every page (so -o jsonl streams it)."""
        query = {"$filter": filter} if filter else None
        for item in items(self.client, self._url(scope), params=self._params(query)):
            yield self._model(item)


class LinkClient:
    """Resource links ({source id}/providers/Microsoft.Resources/links/{name}, api-version 2016-09-01) over the
    resource client's pipeline. Results carry the members az's link model prints (null when absent)."""

    API_VERSION = "2016-09-01"

    def __init__(self, client, subscription_id):
        self.client = client
        self.subscription_id = subscription_id

    def _params(self, odata_filter=None):
        params = {"api-version": self.API_VERSION}
        if odata_filter:
            params["$filter"] = odata_filter
        return params

    @staticmethod
    def _path(resource_id):
        from urllib.parse import quote
        return quote("/" + resource_id.strip().strip("/"), safe="/")

    @staticmethod
    def _shape(data):
        props = data.get("properties") or {}
        return {"id": data.get("id"), "name": data.get("name"), "properties": {
            "notes": props.get("notes"), "sourceId": props.get("sourceId"), "targetId": props.get("targetId")},
            "type": data.get("type")}

    def put(self, link_id, target_id, notes=None):
        body = {"properties": {"targetId": target_id}}
        if notes is not None:
            body["properties"]["notes"] = notes
        return self._shape(send(self.client, "PUT", self._path(link_id), params=self._params(), json=body).json())

    def get(self, link_id):
        return self._shape(send(self.client, "GET", self._path(link_id), params=self._params()).json())

    def delete(self, link_id):
        send(self.client, "DELETE", self._path(link_id), params=self._params())

    def list(self, scope=None, odata_filter=None):
        if scope is not None:
            path = self._path(scope) + "/providers/Microsoft.Resources/links"
            odata_filter = odata_filter or "atScope()"
        else:
            path = "/subscriptions/{}/providers/Microsoft.Resources/links".format(self.subscription_id)
        for item in items(self.client, path, params=self._params(odata_filter)):
            yield self._shape(item)


class FeatureClient:
    """Preview features (Microsoft.Features, api-version 2021-07-01) over the resource client's pipeline."""

    API_VERSION = "2021-07-01"

    def __init__(self, client, subscription_id):
        self.client = client
        self.base = "/subscriptions/{}/providers/Microsoft.Features".format(subscription_id)

    def _one(self, namespace, name=None):
        from urllib.parse import quote
        path = "{}/providers/{}/features".format(self.base, quote(namespace, safe=""))
        return path + "/" + quote(name, safe="") if name is not None else path

    def list(self, namespace=None):
        path = self._one(namespace) if namespace else self.base + "/features"
        return items(self.client, path, params={"api-version": self.API_VERSION})

    def get(self, namespace, name):
        return send(self.client, "GET", self._one(namespace, name), params={"api-version": self.API_VERSION}).json()

    def post(self, namespace, name, action):
        return send(self.client, "POST", self._one(namespace, name) + "/" + action,
                    params={"api-version": self.API_VERSION}).json()
