"""An azure-core transport that hands each request to a WSGI app in this process.

The local cloud is reached through the same azure-core pipeline as real Azure (policies,
bearer tokens, retries, pollers): only the last hop differs - the request becomes a WSGI call
instead of a socket write. It needs neither requests nor urllib3, which keeps an API command's
start-up short.
"""
from azure.core.pipeline.transport import HttpTransport
from azure.core.rest._http_response_impl import RestHttpClientTransportResponse

from .wsgi_call import call_wsgi


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
