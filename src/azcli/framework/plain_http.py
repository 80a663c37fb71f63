"""GET and HEAD requests over HTTPS without requests, urllib3 or azure-core, for the knack-free read path.

Trust is what azure-core's default transport (requests) gives the same process: REQUESTS_CA_BUNDLE,
else CURL_CA_BUNDLE, else certifi's bundle, with the host name checked. requests would route through
a proxy from the environment; this module does not, so `can_send` says no whenever one is set and
the SDK's path sends instead.
"""
import os

PROXY_VARIABLES = ("http_proxy", "https_proxy", "all_proxy")


def can_send(url, environ):
    lowered = {name.lower() for name in environ}
    return url.startswith("https://") and not any(name in lowered for name in PROXY_VARIABLES)


def _trust(environ):
    bundle = environ.get("REQUESTS_CA_BUNDLE") or environ.get("CURL_CA_BUNDLE")
    if not bundle:
        import certifi
        bundle = certifi.where()
    return bundle


class Session:
    """Keeps one connection per host for the pages of a list."""

    def __init__(self, environ, timeout):
        self.environ = environ
        self.timeout = timeout
        self._connections = {}
        self._context = None

    def _connection(self, netloc):
        connection = self._connections.get(netloc)
        if connection is None:
            import http.client
            import ssl
            if self._context is None:
                bundle = _trust(self.environ)
                self._context = ssl.create_default_context(
                    cafile=None if os.path.isdir(bundle) else bundle, capath=bundle if os.path.isdir(bundle) else None)
            connection = http.client.HTTPSConnection(netloc, timeout=self.timeout, context=self._context)
            self._connections[netloc] = connection
        return connection

    def send(self, method, url, headers):
        """(status code, body bytes) of a GET or HEAD; raises OSError or http.client's errors when it
        cannot send or read."""
        from urllib.parse import urlsplit
        parts = urlsplit(url)
        target = parts.path + ("?" + parts.query if parts.query else "")
        connection = self._connection(parts.netloc)
        connection.request(method, target, headers=headers)
        response = connection.getresponse()
        return response.status, response.read()

    def close(self):
        for connection in self._connections.values():
            connection.close()
