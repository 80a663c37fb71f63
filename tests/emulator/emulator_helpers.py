"""Helpers for the local cloud tests: a Cloud in a state dir, called over werkzeug or the real SDK."""
from urllib.parse import urlsplit

from werkzeug.test import Client

from azcli.emulator import create_app, local_identity

BASE = "https://local.azcli.invalid"


class Cloud:
    """A local cloud in a temporary state dir, with helpers to call it over werkzeug's test client."""

    def __init__(self, state_dir, lro_seconds=0.0):
        self.state_dir = str(state_dir)
        self.identity = local_identity(self.state_dir)
        self.sub = self.identity["subscriptionId"]
        self.tenant = self.identity["tenantId"]
        self.app = create_app(self.state_dir, lro_seconds=lro_seconds)
        self.client = Client(self.app)
        self._token = None

    def token(self):
        if self._token is None:
            response = self.client.post(
                "/%s/oauth2/v2.0/token" % self.tenant, base_url=BASE,
                data={"grant_type": "client_credentials", "client_id": self.identity["clientId"],
                      "client_secret": self.identity["clientSecret"], "scope": BASE + "/.default"})
            assert response.status_code == 200, response.get_data(as_text=True)
            self._token = response.json["access_token"]
        return self._token

    def call(self, method, path, body=None, api_version="2025-04-01", token=True, headers=None, query=None):
        hdrs = dict(headers or {})
        if token is True:
            hdrs["Authorization"] = "Bearer " + self.token()
        elif token:
            hdrs["Authorization"] = "Bearer " + token
        params = dict(query or {})
        if api_version:
            params["api-version"] = api_version
        return self.client.open(path, method=method, base_url=BASE, query_string=params, headers=hdrs,
                                json=body)

    def get_url(self, url, token=True):
        """GET an absolute URL the cloud returned (nextLink, Location)."""
        parts = urlsplit(url)
        assert parts.scheme + "://" + parts.netloc == BASE
        headers = {"Authorization": "Bearer " + self.token()} if token else {}
        return self.client.get(parts.path, base_url=BASE, query_string=parts.query, headers=headers)

    def group_path(self, name):
        return "/subscriptions/%s/resourcegroups/%s" % (self.sub, name)

    def sdk_transport(self):
        from azcli.session.inprocess import wsgi_transport
        return wsgi_transport(self.app)

    def credential(self):
        from azure.identity import ClientSecretCredential
        return ClientSecretCredential(self.tenant, self.identity["clientId"], self.identity["clientSecret"],
                                      authority=BASE, disable_instance_discovery=True,
                                      transport=self.sdk_transport())

    def resource_client(self):
        from azure.mgmt.resource.resources import ResourceManagementClient
        return ResourceManagementClient(self.credential(), self.sub, base_url=BASE,
                                        credential_scopes=[BASE + "/.default"], transport=self.sdk_transport())

    def subscription_client(self):
        from azure.mgmt.resource.subscriptions import SubscriptionClient
        return SubscriptionClient(self.credential(), base_url=BASE, credential_scopes=[BASE + "/.default"],
                                  transport=self.sdk_transport())
