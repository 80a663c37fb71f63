"""Clouds: the built-in Azure clouds, the embedded local cloud, and registered ones.

Registered clouds live in {config_dir}/clouds.json; the active cloud name in the config file
([cloud] name), overridable per process with AZCLI_CLOUD_NAME.
"""
import os

from .errors import AzCliError, InvalidArgumentValueError
from .fileio import read_json, update_json

LOCAL_CLOUD_NAME = "LocalCloud"
LOCAL_ENDPOINT = "https://local.azcli.invalid"

BUILTIN_CLOUDS = {
    "AzureCloud": {
        "resourceManager": "https://management.azure.com/",
        "activeDirectory": "https://login.microsoftonline.com",
        "activeDirectoryResourceId": "https://management.core.windows.net/",
        "activeDirectoryGraphResourceId": "https://graph.windows.net/",
        "microsoftGraphResourceId": "https://graph.microsoft.com/",
        "portal": "https://portal.azure.com",
        "gallery": "https://gallery.azure.com/",
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


class Cloud:
    def __init__(self, name, endpoints, is_active=False, profile="latest", builtin=False):
        self.name = name
        self.endpoints = dict(endpoints)
        self.is_active = is_active
        self.profile = profile
        self.builtin = builtin

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
                "endpoints": dict(sorted(self.endpoints.items()))}


def _registry_path(config_dir):
    return os.path.join(config_dir, "clouds.json")


def registered_clouds(config_dir):
    data = read_json(_registry_path(config_dir), default={}) or {}
    return data.get("clouds", {})


def all_clouds(cli_ctx):
    active = active_cloud_name(cli_ctx)
    clouds = [Cloud(name, eps, builtin=True) for name, eps in BUILTIN_CLOUDS.items()]
    for name, entry in registered_clouds(cli_ctx.config_dir).items():
        clouds.append(Cloud(name, entry["endpoints"], profile=entry.get("profile", "latest")))
    for cloud in clouds:
        cloud.is_active = cloud.name.lower() == active.lower()
    return clouds


def get_cloud(cli_ctx, name):
    for cloud in all_clouds(cli_ctx):
        if cloud.name.lower() == (name or "").lower():
            return cloud
    raise AzCliError("Cloud '{}' is not registered. See 'azcli cloud list'.".format(name))


def active_cloud_name(cli_ctx):
    return cli_ctx.config.get("cloud", "name", fallback="AzureCloud")


def active_cloud(cli_ctx):
    return get_cloud(cli_ctx, active_cloud_name(cli_ctx))


def set_active_cloud(cli_ctx, name):
    cloud = get_cloud(cli_ctx, name)
    cli_ctx.config.set_value("cloud", "name", cloud.name)
    return cloud


def register_cloud(cli_ctx, name, endpoints, profile="latest", update=False):
    existing = {c.name.lower(): c for c in all_clouds(cli_ctx)}
    key = name.lower()
    if key in existing and existing[key].builtin:
        raise InvalidArgumentValueError("Cloud '{}' is built in and cannot be changed.".format(name))
    if update and key not in existing:
        raise AzCliError("Cloud '{}' is not registered.".format(name))
    if not update and key in existing:
        raise AzCliError("Cloud '{}' is already registered. Use 'azcli cloud update'.".format(name))
    with update_json(_registry_path(cli_ctx.config_dir)) as data:
        clouds = data.setdefault("clouds", {})
        stored_name = next((n for n in clouds if n.lower() == key), name)
        entry = clouds.setdefault(stored_name, {"endpoints": {}})
        entry["endpoints"].update({k: v for k, v in endpoints.items() if v})
        entry["profile"] = profile or entry.get("profile", "latest")
        missing = [k for k in ("resourceManager", "activeDirectory") if not entry["endpoints"].get(k)]
        if missing:
            raise InvalidArgumentValueError("Cloud '{}' needs the endpoint(s) {}.".format(name, ", ".join(missing)))
    return get_cloud(cli_ctx, name)


def unregister_cloud(cli_ctx, name):
    cloud = get_cloud(cli_ctx, name)
    if cloud.builtin:
        raise InvalidArgumentValueError("Cloud '{}' is built in and cannot be unregistered.".format(name))
    if cloud.is_active:
        raise AzCliError("Cloud '{}' is active. Switch with 'azcli cloud set' first.".format(cloud.name))
    with update_json(_registry_path(cli_ctx.config_dir)) as data:
        data.get("clouds", {}).pop(cloud.name, None)
