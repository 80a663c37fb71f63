"""Clouds: the built-in Azure clouds, the embedded local cloud, and registered ones.

Registered clouds live in {config_dir}/clouds.json; the active cloud name in the config file
([cloud] name), overridable per process with AZCLI_CLOUD_NAME. Cloud names are case-insensitive
and kept as first written. A cloud is registered from its ARM endpoint's metadata
(``{arm}/metadata/endpoints``, as Azure Stack and sovereign clouds publish it) or from explicit
endpoints.
"""
import os

from ..logs import get_logger

from ..errors import AzCliError, InvalidArgumentValueError, ResourceNotFoundError
from ..fileio import CorruptFileError, read_json, update_json

logger = get_logger(__name__)

LOCAL_CLOUD_NAME = "LocalCloud"
LOCAL_ENDPOINT = "https://local.azcli.invalid"
REGISTRY_FILE = "clouds.json"

BUILTIN_CLOUDS = {
    "AzureCloud": {
        "resourceManager": "https://management.azure.com/",
        "activeDirectory": "https://login.microsoftonline.com",
        "activeDirectoryResourceId": "https://management.core.windows.net/",
        "activeDirectoryGraphResourceId": "https://graph.windows.net/",
        "microsoftGraphResourceId": "https://graph.microsoft.com/",
        "portal": "https://portal.azure.com",
        "gallery": "https://gallery.azure.com/",
        "management": "https://management.core.windows.net/",
        "sqlManagement": "https://management.core.windows.net:8443/",
        "batchResourceId": "https://batch.core.windows.net/",
        "vmImageAliasDoc": "https://azcliprod.blob.core.windows.net/cli/vm/aliases.json",
        "mediaResourceId": "https://rest.media.azure.net",
        "logAnalyticsResourceId": "https://api.loganalytics.io",
        "appInsightsResourceId": "https://api.applicationinsights.io",
        "appInsightsTelemetryChannelResourceId": "https://dc.applicationinsights.azure.com/v2/track",
        "appServiceResourceId": "https://appservice.azure.com",
        "activeDirectoryDataLakeResourceId": "https://datalake.azure.net/",
        "ossrdbmsResourceId": "https://ossrdbms-aad.database.windows.net",
        "attestationResourceId": "https://attest.azure.net",
        "synapseAnalyticsResourceId": "https://dev.azuresynapse.net",
        "azmirrorStorageAccountResourceId": None,
    },
    "AzureChinaCloud": {
        "resourceManager": "https://management.chinacloudapi.cn/",
        "activeDirectory": "https://login.chinacloudapi.cn",
        "activeDirectoryResourceId": "https://management.core.chinacloudapi.cn/",
        "activeDirectoryGraphResourceId": "https://graph.chinacloudapi.cn/",
        "microsoftGraphResourceId": "https://microsoftgraph.chinacloudapi.cn/",
        "portal": "https://portal.azure.cn",
        "gallery": "https://gallery.chinacloudapi.cn/",
    },
    "AzureUSGovernment": {
        "resourceManager": "https://management.usgovcloudapi.net/",
        "activeDirectory": "https://login.microsoftonline.us",
        "activeDirectoryResourceId": "https://management.core.usgovcloudapi.net/",
        "activeDirectoryGraphResourceId": "https://graph.windows.net/",
        "microsoftGraphResourceId": "https://graph.microsoft.us/",
        "portal": "https://portal.azure.us",
        "gallery": "https://gallery.usgovcloudapi.net/",
    },
    LOCAL_CLOUD_NAME: {
        "resourceManager": LOCAL_ENDPOINT + "/",
        "activeDirectory": LOCAL_ENDPOINT,
        "activeDirectoryResourceId": LOCAL_ENDPOINT + "/",
        "portal": LOCAL_ENDPOINT,
    },
}


BUILTIN_SUFFIXES = {
    "AzureCloud": {"storageEndpoint": "core.windows.net", "keyvaultDns": ".vault.azure.net",
                   "sqlServerHostname": ".database.windows.net", "acrLoginServerEndpoint": ".azurecr.io"},
    "AzureChinaCloud": {"storageEndpoint": "core.chinacloudapi.cn", "keyvaultDns": ".vault.azure.cn",
                        "sqlServerHostname": ".database.chinacloudapi.cn", "acrLoginServerEndpoint": ".azurecr.cn"},
    "AzureUSGovernment": {"storageEndpoint": "core.usgovcloudapi.net", "keyvaultDns": ".vault.usgovcloudapi.net",
                          "sqlServerHostname": ".database.usgovcloudapi.net",
                          "acrLoginServerEndpoint": ".azurecr.us"},
    LOCAL_CLOUD_NAME: {},
}

# az's endpoint names, as `cloud register --endpoint-*` options take them.
ENDPOINT_NAMES = ("resourceManager", "activeDirectory", "activeDirectoryResourceId", "activeDirectoryGraphResourceId",
                  "microsoftGraphResourceId", "management", "portal", "gallery", "sqlManagement", "batchResourceId",
                  "vmImageAliasDoc", "mediaResourceId", "logAnalyticsResourceId", "appInsightsResourceId",
                  "activeDirectoryDataLakeResourceId", "ossrdbmsResourceId", "attestationResourceId",
                  "synapseAnalyticsResourceId")


class Cloud:
    def __init__(self, name, endpoints, is_active=False, profile="latest", builtin=False, suffixes=None):
        self.name = name
        self.endpoints = dict(endpoints)
        self.is_active = is_active
        self.profile = profile
        self.builtin = builtin
        self.suffixes = dict(suffixes or {})

    @property
    def resource_manager(self):
        return self.endpoints["resourceManager"].rstrip("/")

    @property
    def authority_host(self):
        return self.endpoints["activeDirectory"].rstrip("/")

    @property
    def arm_audience(self):
        return self.endpoints.get("activeDirectoryResourceId") or self.endpoints["resourceManager"]

    @property
    def arm_scope(self):
        return self.arm_audience.rstrip("/") + "/.default"

    @property
    def in_process(self):
        """The embedded local cloud is served in this process, never over a socket."""
        return self.resource_manager == LOCAL_ENDPOINT

    def to_dict(self):
        return {"name": self.name, "isActive": self.is_active, "profile": self.profile,
                "endpoints": dict(sorted(self.endpoints.items())), "suffixes": dict(sorted(self.suffixes.items()))}


def _registry_path(config_dir):
    return os.path.join(config_dir, REGISTRY_FILE)


def registered_clouds(config_dir):
    path = _registry_path(config_dir)
    try:
        data = read_json(path, default={}) or {}
    except CorruptFileError as ex:
        logger.warning("%s; it was reset and the registered clouds are lost. Register them again.", ex)
        with update_json(path, on_corrupt=lambda e: None) as fresh:
            fresh.setdefault("clouds", {})
        return {}
    clouds = data.get("clouds") if isinstance(data, dict) else None
    if not isinstance(clouds, dict):
        return {}
    return {name: entry for name, entry in clouds.items()
            if isinstance(entry, dict) and isinstance(entry.get("endpoints"), dict)}


def all_clouds(cli_ctx):
    active = active_cloud_name(cli_ctx)
    clouds = [Cloud(name, eps, builtin=True, suffixes=BUILTIN_SUFFIXES.get(name)) for name, eps in BUILTIN_CLOUDS.items()]
    for name, entry in registered_clouds(cli_ctx.config_dir).items():
        clouds.append(Cloud(name, entry["endpoints"], profile=entry.get("profile", "latest"),
                            suffixes=entry.get("suffixes")))
    for cloud in clouds:
        cloud.is_active = cloud.name.lower() == active.lower()
    return clouds


def get_cloud(cli_ctx, name):
    for cloud in all_clouds(cli_ctx):
        if cloud.name.lower() == (name or "").lower():
            return cloud
    raise ResourceNotFoundError("Cloud '{}' is not registered. See 'azcli cloud list'.".format(name))


def active_cloud_name(cli_ctx):
    return cli_ctx.config.get("cloud", "name", fallback="AzureCloud")


def active_cloud(cli_ctx):
    return get_cloud(cli_ctx, active_cloud_name(cli_ctx))


def set_active_cloud(cli_ctx, name):
    cloud = get_cloud(cli_ctx, name)
    cli_ctx.config.set_value("cloud", "name", cloud.name)
    return cloud


def register_cloud(cli_ctx, name, endpoints, profile="latest", update=False, suffixes=None):
    """Register (or update) a cloud from endpoints (az's names); resourceManager and
    activeDirectory are required, activeDirectoryResourceId defaults to management or resourceManager."""
    existing = {c.name.lower(): c for c in all_clouds(cli_ctx)}
    key = name.lower()
    if key in existing and existing[key].builtin:
        raise InvalidArgumentValueError("Cloud '{}' is built in and cannot be changed.".format(existing[key].name))
    if update and key not in existing:
        raise ResourceNotFoundError("Cloud '{}' is not registered.".format(name))
    if not update and key in existing:
        raise AzCliError("Cloud '{}' is already registered. Use 'azcli cloud update'.".format(existing[key].name))
    for endpoint in ("resourceManager", "activeDirectory"):
        value = endpoints.get(endpoint)
        if value and not value.lower().startswith("https://"):
            raise InvalidArgumentValueError("The {} endpoint must be an https URL: '{}'.".format(endpoint, value))
    with update_json(_registry_path(cli_ctx.config_dir),
                     on_corrupt=lambda e: logger.warning("%s; it was reset.", e)) as data:
        clouds = data.setdefault("clouds", {})
        stored_name = next((n for n in clouds if n.lower() == key), name)
        entry = clouds.setdefault(stored_name, {"endpoints": {}})
        entry["endpoints"].update({k: v for k, v in endpoints.items() if v})
        entry.setdefault("suffixes", {}).update({k: v for k, v in (suffixes or {}).items() if v})
        eps = entry["endpoints"]
        eps.setdefault("activeDirectoryResourceId", eps.get("management") or eps.get("resourceManager"))
        entry["profile"] = profile or entry.get("profile", "latest")
        missing = [k for k in ("resourceManager", "activeDirectory") if not eps.get(k)]
        if missing:
            raise InvalidArgumentValueError(
                "Cloud '{}' needs the endpoint(s) {} (give them, or let 'azcli cloud register' discover them from "
                "--endpoint-resource-manager).".format(name, ", ".join(missing)))
    return get_cloud(cli_ctx, name)


def discover_endpoints(arm_endpoint, timeout=15):
    """(endpoints, suffixes) from {arm}/metadata/endpoints, in az's endpoint names."""
    import requests
    url = arm_endpoint.rstrip("/") + "/metadata/endpoints"
    try:
        response = requests.get(url, params={"api-version": "2022-09-01"}, timeout=timeout)
        response.raise_for_status()
        metadata = response.json()
    except (requests.RequestException, ValueError) as ex:
        raise AzCliError("Cannot discover the endpoints of {} from {}: {}. Give them with --endpoint-* options "
                         "and --skip-endpoint-discovery.".format(arm_endpoint, url, ex)) from None
    if isinstance(metadata, list):
        wanted = arm_endpoint.rstrip("/").lower()
        metadata = next((m for m in metadata if str(m.get("resourceManager", "")).rstrip("/").lower() == wanted),
                        metadata[0] if metadata else {})
    return endpoints_from_metadata(arm_endpoint, metadata)


def endpoints_from_metadata(arm_endpoint, metadata):
    auth = metadata.get("authentication") or {}
    audiences = auth.get("audiences") or []
    endpoints = {
        "resourceManager": metadata.get("resourceManager") or arm_endpoint,
        "activeDirectory": auth.get("loginEndpoint"),
        "activeDirectoryResourceId": audiences[0] if audiences else None,
        "management": audiences[0] if audiences else None,
        "activeDirectoryGraphResourceId": metadata.get("graph") or metadata.get("graphAudience"),
        "microsoftGraphResourceId": metadata.get("microsoftGraphResourceId"),
        "portal": metadata.get("portal") or metadata.get("portalEndpoint"),
        "gallery": metadata.get("gallery") or metadata.get("galleryEndpoint"),
        "sqlManagement": metadata.get("sqlManagement"),
        "batchResourceId": metadata.get("batch"),
        "vmImageAliasDoc": metadata.get("vmImageAliasDoc"),
        "mediaResourceId": metadata.get("media"),
        "logAnalyticsResourceId": metadata.get("logAnalyticsResourceId"),
        "appInsightsResourceId": metadata.get("appInsightsResourceId"),
        "activeDirectoryDataLakeResourceId": metadata.get("activeDirectoryDataLake"),
        "ossrdbmsResourceId": metadata.get("ossrDbmsResourceId"),
        "attestationResourceId": metadata.get("attestationResourceId"),
        "synapseAnalyticsResourceId": metadata.get("synapseAnalyticsResourceId"),
    }
    raw = metadata.get("suffixes") or {}
    suffixes = {
        "storageEndpoint": raw.get("storage"),
        "keyvaultDns": raw.get("keyVaultDns"),
        "sqlServerHostname": raw.get("sqlServerHostname"),
        "acrLoginServerEndpoint": raw.get("acrLoginServer"),
        "azureDatalakeStoreFileSystemEndpoint": raw.get("azureDataLakeStoreFileSystem"),
        "azureDatalakeAnalyticsCatalogAndJobEndpoint": raw.get("azureDataLakeAnalyticsCatalogAndJob"),
        "mysqlServerEndpoint": raw.get("mysqlServerEndpoint"),
        "postgresqlServerEndpoint": raw.get("postgresqlServerEndpoint"),
        "mariadbServerEndpoint": raw.get("mariadbServerEndpoint"),
        "synapseAnalyticsEndpoint": raw.get("synapseAnalytics"),
        "attestationEndpoint": raw.get("attestationEndpoint"),
    }
    return ({k: v for k, v in endpoints.items() if v}, {k: v for k, v in suffixes.items() if v})


def unregister_cloud(cli_ctx, name):
    cloud = get_cloud(cli_ctx, name)
    if cloud.builtin:
        raise InvalidArgumentValueError("Cloud '{}' is built in and cannot be unregistered.".format(cloud.name))
    if cloud.is_active:
        raise AzCliError("Cloud '{}' is active. Switch with 'azcli cloud set' first.".format(cloud.name))
    with update_json(_registry_path(cli_ctx.config_dir), on_corrupt=lambda e: None) as data:
        data.get("clouds", {}).pop(cloud.name, None)
