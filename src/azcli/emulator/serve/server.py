"""Serving the local cloud's WSGI app over HTTPS on a real socket (cheroot, threaded, keep-alive).

    server = HttpsServer(create_app(state_dir), "127.0.0.1", 0, tls.server, tls.server_key)
    server.catch_signals()        # SIGINT, SIGTERM, SIGHUP now end wait() instead of the process
    server.start()                # binds (port 0 picks a free one) and serves in threads
    print(server.port)
    server.wait()                 # until one of those signals; then stops the server

The app is the same object the in-process transport calls, over the same state directory, so a
served client and an in-process one share one store and one code path. Injected connection resets
(the app raises ConnectionResetError) end the connection without a response.
"""
import signal
import sys
import threading
import time

STOP_SIGNALS = ("SIGINT", "SIGTERM", "SIGHUP")
# How long a request body may pause before the app answers 400 (a client that announced more than it sends).
BODY_READ_SECONDS = 2.0


class _LeadingSlashesCollapsed:
    """Reads the request line with a request-target of '//x' turned into '/x'.

    ARM accepts `https://host//metadata/endpoints` (az builds such URLs from an endpoint with a
    trailing slash); a strict HTTP server would read '//metadata' as an authority and refuse it.
    """

    def __init__(self, rfile):
        self.rfile = rfile

    def readline(self, size=-1):
        line = self.rfile.readline(size)
        method, sep, rest = line.partition(b" ")
        if sep and rest.startswith(b"//"):
            line = method + sep + b"/" + rest.lstrip(b"/")
        return line

    def __getattr__(self, name):
        return getattr(self.rfile, name)


class _RequestBody:
    """The body stream the app reads (cheroot's reader of Content-Length or chunked bytes).

    Each read waits at most BODY_READ_SECONDS for bytes; one that fails or ends short marks the body
    incomplete, and the connection then closes after the answer instead of draining bytes that will
    never arrive (which would hold the worker until the connection's own timeout)."""

    def __init__(self, stream, sock):
        self.stream, self.sock = stream, sock
        self.incomplete = False

    def read(self, size=None):
        previous = self.sock.gettimeout()
        self.sock.settimeout(BODY_READ_SECONDS)
        try:
            data = self.stream.read(size)
        except OSError:
            self.incomplete = True
            raise
        finally:
            self.sock.settimeout(previous)
        if getattr(self.stream, "remaining", 0) and (size is None or len(data) < size):
            self.incomplete = True
        return data

    def __getattr__(self, name):
        return getattr(self.stream, name)


def _quiet_server_class():
    from cheroot import server as cheroot_server
    from cheroot import wsgi

    class ArmRequest(cheroot_server.HTTPRequest):
        _rfile = None

        @property
        def rfile(self):
            return self._rfile

        @rfile.setter
        def rfile(self, stream):  # cheroot sets the body reader just before calling the app
            if isinstance(stream, (cheroot_server.KnownLengthRFile, cheroot_server.ChunkedRFile)):
                stream = _RequestBody(stream, self.conn.socket)
            self._rfile = stream

        def send_headers(self):
            if getattr(self.rfile, "incomplete", False):
                self.close_connection = True
            super().send_headers()

        def read_request_line(self):
            original = self.rfile
            self.rfile = _LeadingSlashesCollapsed(original)
            try:
                return super().read_request_line()
            finally:
                self.rfile = original

    class ArmConnection(cheroot_server.HTTPConnection):
        RequestHandlerClass = ArmRequest

    class Server(wsgi.Server):
        """cheroot's WSGI server, logging only what needs attention (to stderr), with the TLS handshake
        and the request head read without blocking (connections.Manager: slow clients cost no worker)."""

        ConnectionClass = ArmConnection
        log_stream = None
        verbose = False

        def prepare(self):
            from .connections import Manager
            super().prepare()
            self._connections._selector.close()  # cheroot's own manager, never run
            self._connections = Manager(self)

        def error_log(self, msg="", level=20, traceback=False):
            if level < 30 and not self.verbose:  # client went away during the handshake, etc.
                return
            stream = self.log_stream or sys.stderr
            stream.write("localcloud: %s\n" % msg)
            if traceback:
                import traceback as tb
                stream.write(tb.format_exc())
            stream.flush()

    return Server


def _ssl_adapter(certfile, keyfile):
    """TLS 1.2+ (the handshake itself runs in connections.Manager)."""
    import ssl
    from cheroot.ssl.builtin import BuiltinSSLAdapter

    adapter = BuiltinSSLAdapter(certfile, keyfile)
    adapter.context.minimum_version = ssl.TLSVersion.TLSv1_2
    return adapter


class HttpsServer:
    def __init__(self, app, host, port, certfile, keyfile, threads=16, log_stream=None, verbose=False):
        server_cls = _quiet_server_class()
        self.server = server_cls((host, int(port)), app, numthreads=threads,
                                 server_name="azcli-localcloud", timeout=10, shutdown_timeout=2,
                                 request_queue_size=128)
        self.server.expiration_interval = 0.1  # how soon the loop notices stop() (and idle timeouts)
        self.server.log_stream = log_stream
        self.server.verbose = verbose
        self.server.ssl_adapter = _ssl_adapter(certfile, keyfile)
        self._thread = None
        self._stop_requested = False
        self._previous_handlers = {}

    @property
    def port(self):
        return self.server.bind_addr[1]

    @property
    def host(self):
        return self.server.bind_addr[0]

    def start(self):
        """Bind and listen (raises OSError if the address is taken), then serve in a thread."""
        self.server.prepare()  # bind_addr now carries the real port
        self._thread = threading.Thread(target=self._serve, name="localcloud-https", daemon=True)
        self._thread.start()
        return self

    def _serve(self):
        try:
            self.server.serve()
        except Exception:  # pylint: disable=broad-except
            self.server.error_log("the server loop failed", level=40, traceback=True)
            self._stop_requested = True

    def catch_signals(self, signals=STOP_SIGNALS):
        """From now on these signals (main thread only) make wait() return instead of killing the process.

        Call it before announcing the server, so that a signal sent right after the announcement
        is never lost (a background job may even start with SIGINT ignored)."""
        def handler(_signum, _frame):
            self._stop_requested = True

        for name in signals:
            number = getattr(signal, name, None)
            if number is not None and number not in self._previous_handlers:
                try:
                    self._previous_handlers[number] = signal.signal(number, handler)
                except ValueError:  # not the main thread: stop with request_stop() instead
                    return

    def wait(self, poll=0.1):
        """Block until a caught signal arrives (or the server loop ends), then stop the server."""
        try:
            while not self._stop_requested and self._thread is not None and self._thread.is_alive():
                time.sleep(poll)
        finally:
            for number in self._previous_handlers:
                signal.signal(number, signal.SIG_IGN)  # a second Ctrl-C must not interrupt the shutdown
            self.stop()
            for number, previous in self._previous_handlers.items():
                signal.signal(number, previous)
            self._previous_handlers.clear()

    def request_stop(self):
        self._stop_requested = True

    def stop(self):
        self.server.stop()
        if self._thread is not None:
            self._thread.join(5)
