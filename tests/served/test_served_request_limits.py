"""What a request may carry over a real socket (issue 13): a body announced too large is refused with
ARM's 413 before a byte of it is read; a client that announces more than it sends gets a 400 within
BODY_READ_SECONDS (not a worker held for the connection timeout); paths are UTF-8; keep-alive and
chunked bodies still work. Raw http.client requests, so that nothing fixes the request up."""
import http.client
import json
import ssl
import time

import pytest

from azcli.emulator.serve.server import BODY_READ_SECONDS
from azcli.emulator.wire.http import MAX_BODY_BYTES

API = "api-version=2025-04-01"


@pytest.fixture(scope="module")
def token(served):
    return served.credential().get_token(served.details["activeDirectoryResourceId"] + ".default").token


def connect(served):
    context = ssl.create_default_context(cafile=served.ca)
    return http.client.HTTPSConnection(served.details["host"], served.details["port"], context=context, timeout=15)


def start(conn, token, method, path, length, first_bytes=b""):
    """Send a request head announcing `length` body bytes, and only `first_bytes` of the body."""
    conn.putrequest(method, path)
    conn.putheader("Authorization", "Bearer " + token)
    conn.putheader("Content-Type", "application/json")
    conn.putheader("Content-Length", str(length))
    conn.endheaders(first_bytes or None)


def group_url(served, name):
    return "/subscriptions/%s/resourcegroups/%s?%s" % (served.sub, name, API)


def answer(conn):
    response = conn.getresponse()
    return response, json.loads(response.read() or b"null")


def test_a_body_announced_too_large_is_413_before_it_is_read(served, token):
    conn = connect(served)
    began = time.monotonic()
    start(conn, token, "PUT", group_url(served, "huge"), 200 * 1024 * 1024)  # and not one byte of it
    response, body = answer(conn)
    assert time.monotonic() - began < 2
    assert response.status == 413
    assert body["error"]["code"] == "RequestEntityTooLarge"
    assert str(MAX_BODY_BYTES) in body["error"]["message"]
    assert response.getheader("x-ms-request-id")
    assert response.getheader("Connection") == "close"  # the unread body is never drained
    conn.close()


def test_a_body_that_stops_arriving_is_400_within_the_body_timeout(served, token):
    conn = connect(served)
    began = time.monotonic()
    start(conn, token, "PUT", group_url(served, "lying"), 1000, b'{"location":')
    response, body = answer(conn)
    elapsed = time.monotonic() - began
    assert response.status == 400, body
    assert body["error"]["code"] == "InvalidRequestContent"
    assert BODY_READ_SECONDS - 0.5 < elapsed < BODY_READ_SECONDS + 1.5, elapsed
    assert response.getheader("Connection") == "close"
    conn.close()
    check = connect(served)
    check.request("GET", group_url(served, "lying"), headers={"Authorization": "Bearer " + token})
    assert check.getresponse().status == 404  # nothing was stored, and the server still answers
    check.close()


def test_other_clients_are_served_while_a_body_stalls(served, token):
    stalled = connect(served)
    start(stalled, token, "PUT", group_url(served, "stalled"), 500, b"{")
    other = connect(served)
    began = time.monotonic()
    other.request("GET", "/subscriptions/%s/resourcegroups?%s" % (served.sub, API),
                  headers={"Authorization": "Bearer " + token})
    assert other.getresponse().status == 200
    assert time.monotonic() - began < 1
    assert stalled.getresponse().status == 400
    stalled.close()
    other.close()


def test_keep_alive_survives_bodies_read_in_full(served, token):
    conn = connect(served)
    body = b'{"location":"westus"}'
    for _ in range(3):
        start(conn, token, "PUT", group_url(served, "kept"), len(body), body)
        response, doc = answer(conn)
        assert response.status in (200, 201), doc
        assert response.getheader("Connection") != "close"
    sock = conn.sock
    conn.request("GET", group_url(served, "kept"), headers={"Authorization": "Bearer " + token})
    assert conn.getresponse().read() and conn.sock is sock  # one connection throughout
    conn.close()


def test_a_chunked_body_is_read(served, token):
    conn = connect(served)
    conn.request("PUT", group_url(served, "chunked"), body=iter([b'{"location":', b'"westus"}']),
                 headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"},
                 encode_chunked=True)
    response, doc = answer(conn)
    assert response.status == 201, doc
    assert doc["location"] == "westus"
    conn.close()


def test_a_path_that_is_not_utf8_is_400_and_not_another_name(served, token):
    conn = connect(served)
    body = b'{"location":"westus"}'
    start(conn, token, "PUT", group_url(served, "a%C3%BFb"), len(body), body)
    response, doc = answer(conn)
    assert response.status == 201 and doc["name"] == "a\u00ffb", doc
    for method in ("GET", "PUT"):
        start(conn, token, method, group_url(served, "a%ffb"), len(body), body)
        response, doc = answer(conn)
        assert response.status == 400, doc
        assert doc["error"]["code"] == "BadRequest"
    conn.close()
