"""An azure-core transport that hands each request to a WSGI app in this process.

The local cloud is reached through the same azure-core pipeline as real Azure (policies,
bearer tokens, retries, pollers): only the last hop differs - the request becomes a WSGI call
instead of a socket write. It needs neither requests nor urllib3, which keeps an API command's
start-up short.
"""
import io
import sys
from urllib.parse import unquote_to_bytes, urlsplit

from azure.core.pipeline.transport import HttpTransport
from azure.core.rest._http_response_impl import RestHttpClientTransportResponse


class _RawResponse:
    """The http.client-like object RestHttpClientTransportResponse wraps."""

    def __init__(self, status_line, headers, content):
        code, _, reason = status_line.partition(" ")
        self.status = int(code)
        self.reason = reason
        self._headers = headers
        self._content = content

    def getheaders(self):
        return list(self._headers)

    def read(self):
        return self._content

    def close(self):
        pass


class _InProcessResponse(RestHttpClientTransportResponse):
    """The whole body is in memory already; streaming it is yielding it."""

    def iter_bytes(self, **kwargs):
        yield self.read()

    def iter_raw(self, **kwargs):
        yield self.read()


def _request_body(request):
    body = getattr(request, "content", None)
    if body is None:
        body = getattr(request, "body", None) or getattr(request, "data", None)
    if body is None:
        return b""
    if isinstance(body, str):
        return body.encode("utf-8")
    if isinstance(body, (bytes, bytearray)):
        return bytes(body)
    if hasattr(body, "read"):
        data = body.read()
        return data.encode("utf-8") if isinstance(data, str) else data
    if isinstance(body, dict):  # form fields (azure-identity token requests)
        from urllib.parse import urlencode
        return urlencode(body).encode("ascii")
    return b"".join(chunk if isinstance(chunk, bytes) else str(chunk).encode("utf-8") for chunk in body)


def wsgi_environ(method, url, headers, body):
    parts = urlsplit(url)
    environ = {
        "REQUEST_METHOD": method.upper(),
        "SCRIPT_NAME": "",
        # PEP 3333: PATH_INFO is the percent-decoded path as latin-1 text.
        "PATH_INFO": unquote_to_bytes(parts.path or "/").decode("latin-1"),
        "QUERY_STRING": parts.query,
        "SERVER_NAME": parts.hostname or "localhost",
        "SERVER_PORT": str(parts.port or (443 if parts.scheme == "https" else 80)),
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": parts.netloc,
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": parts.scheme or "https",
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        "REMOTE_ADDR": "127.0.0.1",
    }
    for name, value in headers.items():
        key = name.upper().replace("-", "_")
        if key == "CONTENT_TYPE":
            environ["CONTENT_TYPE"] = value
        elif key != "CONTENT_LENGTH":
            environ["HTTP_" + key] = value
    return environ


def call_wsgi(app, method, url, headers, body):
    """(status line, header list, body bytes) of one WSGI call."""
    captured = {}

    def start_response(status, response_headers, exc_info=None):
        captured["status"] = status
        captured["headers"] = response_headers

    chunks = app(wsgi_environ(method, url, headers, body), start_response)
    try:
        content = b"".join(chunks)
    finally:
        if hasattr(chunks, "close"):
            chunks.close()
    return captured["status"], captured["headers"], content


class WSGITransport(HttpTransport):
    """azure-core HttpTransport serving every request from a WSGI app."""

    def __init__(self, app):
        self.app = app

    def send(self, request, **kwargs):  # pylint: disable=unused-argument
        if hasattr(request, "prepare_multipart_body"):
            request.prepare_multipart_body()
        headers = dict(request.headers)
        body = _request_body(request)
        if isinstance(getattr(request, "data", None), dict) and "content-type" not in {k.lower() for k in headers}:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            status, response_headers, content = call_wsgi(self.app, request.method, request.url, headers, body)
        except ConnectionError as exc:
            # The app dropped the connection (an injected fault): what a socket transport reports,
            # so azure-core's retry policy treats it the same way in-process and served.
            from azure.core.exceptions import ServiceResponseError
            raise ServiceResponseError(str(exc), error=exc) from exc
        response = _InProcessResponse(request=request,
                                      internal_response=_RawResponse(status, response_headers, content))
        response.read()
        return response

    def open(self):
        pass

    def close(self):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *args):
        pass


def wsgi_transport(app):
    """An azure-core transport for SDK clients and azure-identity credentials."""
    return WSGITransport(app)
