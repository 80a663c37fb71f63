"""An HTTP transport that hands each request to a WSGI app in this process.

The local cloud is reached through the same azure-core pipeline as real Azure: a requests
Session whose adapter turns the prepared request into a WSGI call instead of a socket write.
Nothing above the adapter knows the difference.
"""
import io
import sys
from urllib.parse import urlsplit

import requests
from requests.adapters import BaseAdapter
from requests.structures import CaseInsensitiveDict


class WSGIAdapter(BaseAdapter):
    """requests adapter that serves requests from a WSGI callable."""

    def __init__(self, app):
        super().__init__()
        self.app = app

    def send(self, request, stream=False, timeout=None, verify=True, cert=None, proxies=None):
        url = urlsplit(request.url)
        body = request.body or b""
        if isinstance(body, str):
            body = body.encode("utf-8")
        elif hasattr(body, "read"):
            body = body.read()
        environ = {
            "REQUEST_METHOD": request.method,
            "SCRIPT_NAME": "",
            "PATH_INFO": _unquote_path(url.path or "/"),
            "RAW_URI": url.path + ("?" + url.query if url.query else ""),
            "QUERY_STRING": url.query,
            "SERVER_NAME": url.hostname or "localhost",
            "SERVER_PORT": str(url.port or (443 if url.scheme == "https" else 80)),
            "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_HOST": url.netloc,
            "CONTENT_LENGTH": str(len(body)),
            "wsgi.version": (1, 0),
            "wsgi.url_scheme": url.scheme or "https",
            "wsgi.input": io.BytesIO(body),
            "wsgi.errors": sys.stderr,
            "wsgi.multithread": False,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
            "REMOTE_ADDR": "127.0.0.1",
        }
        for name, value in request.headers.items():
            key = name.upper().replace("-", "_")
            if key == "CONTENT_TYPE":
                environ["CONTENT_TYPE"] = value
            elif key != "CONTENT_LENGTH":
                environ["HTTP_" + key] = value

        captured = {}

        def start_response(status, headers, exc_info=None):
            captured["status"] = status
            captured["headers"] = headers

        chunks = self.app(environ, start_response)
        try:
            content = b"".join(chunks)
        finally:
            if hasattr(chunks, "close"):
                chunks.close()

        response = requests.Response()
        response.status_code = int(captured["status"].split(" ", 1)[0])
        response.reason = captured["status"].split(" ", 1)[-1]
        response.headers = CaseInsensitiveDict(captured["headers"])
        response.raw = io.BytesIO(content)
        response.encoding = requests.utils.get_encoding_from_headers(response.headers)
        response.url = request.url
        response.request = request
        response.connection = self
        return response

    def close(self):
        pass


def _unquote_path(path):
    # WSGI wants PATH_INFO decoded as latin-1 text of the raw bytes (PEP 3333).
    from urllib.parse import unquote_to_bytes
    return unquote_to_bytes(path).decode("latin-1")


def wsgi_session(app, base_url):
    """A requests Session that sends everything under base_url to app."""
    session = requests.Session()
    session.mount(base_url.rstrip("/") + "/", WSGIAdapter(app))
    return session


def wsgi_transport(app, base_url):
    """An azure-core transport for SDK clients and azure-identity credentials."""
    from azure.core.pipeline.transport import RequestsTransport
    return RequestsTransport(session=wsgi_session(app, base_url), session_owner=False)
