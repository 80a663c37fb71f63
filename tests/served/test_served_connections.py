"""Slow and silent clients do not stall the served cloud (issue 13): with 200 TCP connections that never
speak and 200 TLS connections trickling their request head a byte at a time, a new client's HTTPS
requests are answered within a second; a trickled request is still served once its head is complete."""
import http.client
import json
import resource
import socket
import ssl
import threading
import time

import pytest

IDLE = 200
SLOW = 200
ANSWER_WITHIN = 1.0  # seconds, per request, on a new connection (TLS handshake included)
SLOW_HEAD = (b"GET /metadata/endpoints?api-version=2022-09-01 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
             b"X-Trickled: " + b"x" * 4000)


@pytest.fixture
def enough_descriptors():
    """Both ends hold IDLE + SLOW sockets; the served process inherits this limit."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = 4 * (IDLE + SLOW) + 200
    if soft < wanted:
        target = wanted if hard == resource.RLIM_INFINITY else min(hard, wanted)
        if target < wanted:
            pytest.skip("the open-file limit (%d, hard %d) is below the %d this test needs" % (soft, hard, wanted))
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    yield
    resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


class Trickler:
    """Sends the next byte of SLOW_HEAD on every slow socket every `interval` seconds, from a thread."""

    def __init__(self, sockets, interval=0.3):
        self.sockets, self.interval, self.sent = sockets, interval, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self):
        while not self._stop.is_set() and self.sent < len(SLOW_HEAD):
            for sock in self.sockets:
                try:
                    sock.send(SLOW_HEAD[self.sent:self.sent + 1])
                except OSError:
                    pass
            self.sent += 1
            self._stop.wait(self.interval)

    def stop(self):
        self._stop.set()
        self._thread.join(10)


def timed(func, *args):
    start = time.monotonic()
    result = func(*args)
    return result, time.monotonic() - start


def https(served, method, path, body=None, headers=None):
    """One request on a new connection; (status, parsed JSON body)."""
    context = ssl.create_default_context(cafile=served.ca)
    conn = http.client.HTTPSConnection("127.0.0.1", served.details["port"], context=context, timeout=10)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, json.loads(response.read() or b"null")
    finally:
        conn.close()


def token_request(served):
    form = "grant_type=client_credentials&client_id=%s&client_secret=%s&scope=%s" % (
        served.details["clientId"], served.details["clientSecret"], served.base + "/.default")
    return https(served, "POST", "/%s/oauth2/v2.0/token" % served.tenant, form,
                 {"Content-Type": "application/x-www-form-urlencoded"})


def test_idle_and_slowloris_connections_do_not_stall_requests(start_served, enough_descriptors):
    served = start_served()
    address = ("127.0.0.1", served.details["port"])
    context = ssl.create_default_context(cafile=served.ca)
    idle, slow = [], []
    try:
        for _ in range(IDLE):
            idle.append(socket.create_connection(address, timeout=5))
        deadline = time.monotonic() + 20
        for index in range(SLOW):
            try:
                raw = socket.create_connection(address, timeout=max(0.5, deadline - time.monotonic()))
                slow.append(context.wrap_socket(raw, server_hostname="127.0.0.1"))
            except (OSError, ssl.SSLError) as ex:
                pytest.fail("the TLS handshake of slow client %d failed behind %d silent connections: %r"
                            % (index, IDLE, ex))
        trickler = Trickler(slow)
        try:
            time.sleep(0.5)  # every slow client is mid-head now
            (status, endpoints), seconds = timed(https, served, "GET", "/metadata/endpoints?api-version=2022-09-01")
            assert status == 200 and endpoints["resourceManager"], endpoints
            assert seconds < ANSWER_WITHIN, "a GET took %.2f s with %d idle + %d slow clients" % (seconds, IDLE, SLOW)
            (status, body), seconds = timed(token_request, served)
            assert status == 200 and seconds < ANSWER_WITHIN, (status, body, seconds)
            (status, subs), seconds = timed(https, served, "GET", "/subscriptions?api-version=2022-12-01", None,
                                            {"Authorization": "Bearer " + body["access_token"]})
            assert status == 200 and [s["subscriptionId"] for s in subs["value"]] == [served.sub]
            assert seconds < ANSWER_WITHIN, seconds
        finally:
            trickler.stop()
        # A trickled request is served as soon as its head is complete.
        assert trickler.sent >= 2  # each slow client has sent part of its request line
        finished = slow[:3]
        for sock in finished:
            sock.sendall(SLOW_HEAD[trickler.sent:] + b"\r\nConnection: close\r\n\r\n")
        for sock in finished:
            sock.settimeout(10)
            assert sock.recv(15) == b"HTTP/1.1 200 OK"
    finally:
        for sock in idle + slow:
            sock.close()


def read_response(stream):
    """(status, body) of one HTTP/1.1 response with a Content-Length, read from a socket file."""
    status = int(stream.readline().split()[1])
    length = 0
    for line in iter(stream.readline, b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    return status, stream.read(length)


def test_keep_alive_and_pipelined_requests_still_work(served):
    """A keep-alive connection goes back through the non-blocking head reader between requests."""
    context = ssl.create_default_context(cafile=served.ca)
    request = b"GET /metadata/endpoints?api-version=2022-09-01 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    with socket.create_connection(("127.0.0.1", served.details["port"]), timeout=10) as raw:
        with context.wrap_socket(raw, server_hostname="127.0.0.1") as tls:
            stream = tls.makefile("rb")
            tls.sendall(request + request)  # two requests in one write: both are answered, in order
            for _ in range(2):
                status, body = read_response(stream)
                assert status == 200 and json.loads(body)["resourceManager"]
            time.sleep(0.3)  # idle in the selector, then a third request on the same connection
            tls.sendall(request)
            assert read_response(stream)[0] == 200
