"""The served cloud's connection manager: TLS handshakes and request heads are read without blocking.

cheroot (11.x) does the TLS handshake inside its accept loop, blocking for up to its socket timeout,
and hands every new connection to a worker thread that then blocks until the request arrives. So one
client that connects and says nothing stalled every other client for 10 s, and 16 clients trickling
their headers (slowloris) took all 16 workers for as long as they liked.

Here the selector thread does both steps without blocking: it accepts, runs the handshake as bytes
arrive (non-blocking SSL socket) and buffers the request head until its blank line; only then does a
worker get the connection, with those bytes in front of its reader. A keep-alive connection that
becomes readable again goes through the same stage. A connection that has not completed its handshake
and head within HEAD_TIMEOUT seconds is closed, so slow or silent clients cost a file descriptor for a
while and never a worker.

Measured on a 2-core machine (a new TLS connection's GET of /metadata/endpoints, bench: 1 header byte
per slow connection every 0.5 s):
  cheroot's own manager, 16 threads:   1 idle TCP connection -> 9.0 s; 20 slowloris -> no answer in 60 s;
                                       200 idle + 200 slowloris -> the slow clients cannot even connect
  cheroot, 512 threads, handshake in   300 idle + 300 slowloris -> 3-5 ms, but every trickling client
  the worker, 2 s timeouts:            holds a thread for as long as it trickles (per-read timeouts never
                                       fire), so the thread count is the limit
  this manager, 16 threads:            200 idle + 200 slowloris -> 3-36 ms; 300 + 300 -> 4-30 ms;
                                       530 slowloris -> 2-11 ms
Other servers in the package mirror: waitress buffers heads like this but has no TLS; gunicorn's gthread
worker also reads heads in its threads and pre-forks (no in-process server); hypercorn/uvicorn are ASGI
with new dependencies. So cheroot stays, with this stage in front of its workers.
"""
import errno
import socket
import ssl
import time
from _pyio import BufferedReader, RawIOBase

from cheroot import connections
from cheroot.makefile import StreamReader, StreamWriter

HEAD_TIMEOUT = 10.0  # seconds from accept (or from a keep-alive connection's next byte) to a complete head
MAX_HEAD = 64 * 1024  # bytes of request line + headers; more is answered 431 and closed
MAX_PENDING = 1024  # connections still in handshake or head; beyond it the oldest is dropped
PLAIN_HTTP_ANSWER = (b"HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nConnection: close\r\n"
                     b"Content-Length: 63\r\n\r\nThe client sent a plain HTTP request; this port speaks HTTPS only.")
TOO_LARGE_ANSWER = b"HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"


class Inbox(RawIOBase):
    """A connection's raw reader: the bytes the selector thread buffered, then the socket itself."""

    def __init__(self, sock):
        super().__init__()
        self.sock = sock
        self.buffer = bytearray()

    def readable(self):
        return True

    def readinto(self, b):
        if self.buffer:
            n = min(len(b), len(self.buffer))
            b[:n] = self.buffer[:n]
            del self.buffer[:n]
            return n
        return self.sock.recv_into(b)  # in a worker: blocking, with the server's timeout

    def head_complete(self):
        return b"\r\n\r\n" in self.buffer or b"\n\n" in self.buffer  # cheroot answers 400 to the latter


class Reader(StreamReader):
    """cheroot's socket reader over an Inbox."""

    def __init__(self, inbox, bufsize):  # pylint: disable=super-init-not-called
        BufferedReader.__init__(self, inbox, bufsize)  # pylint: disable=non-parent-init-called
        self.bytes_read = 0

    def has_data(self):
        """A request is ready without waiting for the socket (so put() hands it to a worker at once)."""
        return super().has_data() or self.raw.head_complete()


class Pending:
    """A connection in the selector thread's hands: handshake and/or request head not yet complete."""

    def __init__(self, sock, addr, inbox, conn=None):
        self.sock, self.addr, self.inbox, self.conn = sock, addr, inbox, conn
        self.handshaken = conn is not None
        self.events = connections.selectors.EVENT_READ
        self.deadline = time.monotonic() + HEAD_TIMEOUT

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass


class Manager(connections.ConnectionManager):
    """cheroot's ConnectionManager with the handshake and the request head read in the selector thread."""

    def _run(self, expiration_interval):
        last_check = time.monotonic()
        while not self._stop_requested:
            try:
                ready = list(self._selector.select(timeout=expiration_interval))
            except OSError:
                self._remove_invalid_sockets()
                continue
            for fd, item in ready:
                if item is self.server:
                    self._accept()
                elif isinstance(item, Pending):
                    self._advance(fd, item)
                else:  # an idle keep-alive connection has bytes: read its next head here, too
                    self._selector.unregister(fd)
                    item.socket.settimeout(0.0)
                    pending = Pending(item.socket, None, item.rfile.raw, conn=item)
                    self._selector.register(fd, connections.selectors.EVENT_READ, data=pending)
                    self._advance(fd, pending)
            if time.monotonic() - last_check > expiration_interval:
                self._expire_all()
                last_check = time.monotonic()

    def _accept(self):
        try:
            raw, addr = self.server.socket.accept()
        except socket.timeout:
            return
        except OSError as ex:
            if ex.errno in (errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM):
                self._drop_oldest()  # out of descriptors: make room rather than stop serving
            return
        connections.prevent_socket_inheritance(raw)
        try:
            raw.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError:
            pass
        raw.settimeout(0.0)
        try:
            sock = self.server.ssl_adapter.context.wrap_socket(raw, server_side=True, do_handshake_on_connect=False)
        except OSError:
            raw.close()
            return
        if self._pending_count() >= MAX_PENDING:
            self._drop_oldest()
        pending = Pending(sock, addr, Inbox(sock))
        self._selector.register(sock.fileno(), connections.selectors.EVENT_READ, data=pending)
        self._advance(sock.fileno(), pending)

    def _advance(self, fd, pending):
        """Move the handshake and the head on with what has arrived; hand over a complete request."""
        try:
            if not pending.handshaken:
                pending.sock.do_handshake()
                pending.handshaken = True
            while not pending.inbox.head_complete():
                chunk = pending.sock.recv(65536)
                if not chunk:
                    return self._drop(fd, pending)  # the client closed
                pending.inbox.buffer += chunk
                if len(pending.inbox.buffer) > MAX_HEAD and not pending.inbox.head_complete():
                    self._answer(pending, TOO_LARGE_ANSWER)
                    return self._drop(fd, pending)
        except ssl.SSLWantReadError:
            return self._wait_for(fd, pending, connections.selectors.EVENT_READ)
        except ssl.SSLWantWriteError:
            return self._wait_for(fd, pending, connections.selectors.EVENT_WRITE)
        except ssl.SSLError as ex:
            if not pending.handshaken and "http request" in str(ex).lower():
                try:
                    socket.socket.send(pending.sock, PLAIN_HTTP_ANSWER)  # no TLS was ever spoken
                except OSError:
                    pass
            return self._drop(fd, pending)
        except OSError:
            return self._drop(fd, pending)
        self._selector.unregister(fd)
        return self._hand_over(pending)

    def _hand_over(self, pending):
        pending.sock.settimeout(self.server.timeout)
        conn = pending.conn
        if conn is None:
            inbox = pending.inbox

            def makefile(sock, mode="r", bufsize=8192):
                return Reader(inbox, bufsize) if "r" in mode else StreamWriter(sock, mode, bufsize)
            conn = self.server.ConnectionClass(self.server, pending.sock, makefile)
            conn.remote_addr, conn.remote_port = pending.addr[0], pending.addr[1]
            conn.ssl_env = self.server.ssl_adapter.get_environ(pending.sock)
        conn.last_used = time.time()
        self.server.process_conn(conn)

    def _wait_for(self, fd, pending, events):
        if pending.events != events:
            self._selector.unregister(fd)
            self._selector.register(fd, events, data=pending)
            pending.events = events

    @staticmethod
    def _answer(pending, data):
        try:
            pending.sock.send(data)
        except OSError:
            pass

    def _drop(self, fd, pending):
        try:
            self._selector.unregister(fd)
        except (KeyError, ValueError):
            pass
        pending.close()

    def _pending(self):
        return [(fd, item) for fd, item in self._selector.connections if isinstance(item, Pending)]

    def _pending_count(self):
        return len(self._pending())

    def _drop_oldest(self):
        pending = self._pending()
        if pending:
            fd, oldest = min(pending, key=lambda entry: entry[1].deadline)
            self._drop(fd, oldest)

    def _expire_all(self):
        """Close heads past their deadline and keep-alive connections idle longer than the server's timeout."""
        now, idle_since = time.monotonic(), time.time() - self.server.timeout
        for fd, item in list(self._selector.connections):
            if item is self.server:
                continue
            if isinstance(item, Pending):
                if item.deadline < now:
                    self._drop(fd, item)
            elif item.last_used < idle_since:
                self._selector.unregister(fd)
                item.close()

    @property
    def can_add_keepalive_connection(self):
        """cheroot's limit on idle keep-alive connections, not counting connections still in their head."""
        limit = self.server.keep_alive_conn_limit
        if limit is None:
            return True
        idle = sum(1 for _, item in self._selector.connections if item is not self.server
                   and not isinstance(item, Pending))
        return idle < limit
