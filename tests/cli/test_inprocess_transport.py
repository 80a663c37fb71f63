"""The in-process transport behaves like a socket transport to azure-core."""
import pytest
from azure.core.exceptions import ServiceResponseError
from azure.core.rest import HttpRequest

from azcli.session.inprocess import WSGITransport


def _app(environ, start_response):
    if environ["PATH_INFO"] == "/drop":
        raise ConnectionResetError(104, "Connection reset (injected fault).")
    body = (environ["REQUEST_METHOD"] + " " + environ["PATH_INFO"] + "?" + environ["QUERY_STRING"] + " "
            + environ["wsgi.input"].read().decode()).encode()
    start_response("201 Created", [("Content-Type", "text/plain"), ("X-Echo", environ.get("HTTP_X_TEST", ""))])
    return [body]


def test_round_trip():
    transport = WSGITransport(_app)
    response = transport.send(HttpRequest("PUT", "https://local.azcli.invalid/a%20b?x=1", headers={"x-test": "t"},
                                          content=b"payload"))
    assert response.status_code == 201
    assert response.headers["X-Echo"] == "t"
    assert response.text() == "PUT /a b?x=1 payload"
    assert b"".join(response.iter_bytes()) == response.content


def test_dropped_connection_is_a_service_response_error():
    with pytest.raises(ServiceResponseError):
        WSGITransport(_app).send(HttpRequest("GET", "https://local.azcli.invalid/drop"))
