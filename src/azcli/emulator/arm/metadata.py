"""GET /metadata/endpoints: the cloud's endpoints, in the shape `az cloud register` reads."""
from ..wire.http import json_response


def endpoints(ctx):
    base = ctx.base
    host = base.split("://", 1)[1].split(":", 1)[0]
    return json_response({
        "galleryEndpoint": base + "/",
        "graphEndpoint": base + "/",
        "portalEndpoint": base + "/",
        "graphAudience": base + "/",
        "portal": base,
        "authentication": {
            "loginEndpoint": base,
            "audiences": [base + "/"],
            "tenant": "common",
            "identityProvider": "AAD",
        },
        "media": base,
        "graph": base + "/",
        "name": "AzureLocalCloud",
        "suffixes": {
            "azureDataLakeStoreFileSystem": "dls." + host,
            "acrLoginServer": "acr." + host,
            "sqlServerHostname": "sql." + host,
            "azureDataLakeAnalyticsCatalogAndJob": "dla." + host,
            "keyVaultDns": "vault." + host,
            "storage": "storage." + host,
            "azureFrontDoorEndpointSuffix": "afd." + host,
            "storageSyncEndpointSuffix": "afs." + host,
            "mhsmDns": "managedhsm." + host,
            "mysqlServerEndpoint": "mysql." + host,
            "postgresqlServerEndpoint": "postgres." + host,
            "mariadbServerEndpoint": "mariadb." + host,
            "synapseAnalytics": "synapse." + host,
            "attestationEndpoint": "attest." + host,
        },
        "batch": base + "/",
        "resourceManager": base,
        "vmImageAliasDoc": base + "/vmImageAliases.json",
        "activeDirectoryDataLake": base + "/",
        "sqlManagement": base + "/",
        "microsoftGraphResourceId": base + "/",
        "appInsightsResourceId": base + "/",
        "appInsightsTelemetryChannelResourceId": base + "/",
        "attestationResourceId": base + "/",
        "synapseAnalyticsResourceId": base + "/",
        "logAnalyticsResourceId": base + "/",
        "ossrDbmsResourceId": base + "/",
    })


def register(router):
    router.add("GET", "/metadata/endpoints", endpoints, kind="public", api_version=False)
