"""Minimal WSGI request/response objects (stdlib only: the app is built on every CLI call)."""
import json
import time
from urllib.parse import parse_qsl, urlencode

_STATUS_TEXT = {
    200: "OK", 201: "Created", 202: "Accepted", 204: "No Content", 400: "Bad Request",
    401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
    409: "Conflict", 429: "Too Many Requests", 500: "Internal Server Error", 503: "Service Unavailable",
}
JSON_TYPE = "application/json; charset=utf-8"



def dumps(obj):
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


class Request:
    """The parts of a WSGI environ the app uses. Query keys are matched case-insensitively."""

    def __init__(self, environ):
        self.environ = environ
        self.method = environ.get("REQUEST_METHOD", "GET").upper()
        # PEP 3333: PATH_INFO holds the URL-decoded bytes as latin-1 text; names may be UTF-8.
        raw_path = environ.get("PATH_INFO", "") or "/"
        try:
            self.path = raw_path.encode("latin-1").decode("utf-8")
        except UnicodeError:
            self.path = raw_path
        if self.path.startswith("//"):
            # ARM accepts `//metadata/endpoints` and `//subscriptions/...` (clients join an endpoint
            # that ends in '/' with a path that starts with one).
            self.path = "/" + self.path.lstrip("/")
        self.query_string = environ.get("QUERY_STRING", "")
        self._args = None
        self._body = None

    @property
    def args(self):
        """Query parameters, keyed by lower-cased name (first value wins)."""
        if self._args is None:
            args = {}
            for key, value in parse_qsl(self.query_string, keep_blank_values=True):
                args.setdefault(key.lower(), value)
            self._args = args
        return self._args

    def header(self, name, default=None):
        key = name.upper().replace("-", "_")
        if key in ("CONTENT_TYPE", "CONTENT_LENGTH"):
            return self.environ.get(key, default)
        return self.environ.get("HTTP_" + key, default)

    @property
    def base_url(self):
        """scheme://host[:port] this request was addressed to, no trailing slash."""
        env = self.environ
        scheme = env.get("wsgi.url_scheme", "http")
        host = env.get("HTTP_HOST")
        if not host:
            host = env.get("SERVER_NAME", "localhost")
            port = env.get("SERVER_PORT")
            if port and port != ("443" if scheme == "https" else "80"):
                host += ":" + port
        elif scheme == "https" and host.endswith(":443"):
            host = host[:-4]
        elif scheme == "http" and host.endswith(":80"):
            host = host[:-3]
        return scheme + "://" + host

    def body(self):
        if self._body is None:
            try:
                length = int(self.environ.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            stream = self.environ.get("wsgi.input")
            self._body = stream.read(length) if (stream is not None and length > 0) else b""
        return self._body

    def form(self):
        return dict(parse_qsl(self.body().decode("utf-8", "replace"), keep_blank_values=True))


class Response:
    def __init__(self, status=200, body=b"", headers=None, content_type=None):
        self.status = status
        self.body = body
        self.headers = list(headers.items()) if isinstance(headers, dict) else list(headers or [])
        if body and content_type is None:
            content_type = JSON_TYPE
        if content_type:
            self.headers.append(("Content-Type", content_type))

    def set(self, name, value):
        lowered = name.lower()
        self.headers = [(k, v) for k, v in self.headers if k.lower() != lowered]
        self.headers.append((name, value))

    def get(self, name):
        lowered = name.lower()
        for k, v in self.headers:
            if k.lower() == lowered:
                return v
        return None

    def __call__(self, environ, start_response):
        body = b"" if environ.get("REQUEST_METHOD") == "HEAD" else self.body
        headers = self.headers + [("Content-Length", str(len(self.body)))]
        start_response("%d %s" % (self.status, _STATUS_TEXT.get(self.status, "Unknown")), headers)
        return [body]


def json_response(obj, status=200, headers=None):
    return Response(status, dumps(obj), headers)


def empty(status, headers=None):
    return Response(status, b"", headers)


_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def http_date(seconds=None):
    """RFC 7231 date, independent of the process locale."""
    t = time.gmtime(seconds)
    return "%s, %02d %s %04d %02d:%02d:%02d GMT" % (
        _DAYS[t.tm_wday], t.tm_mday, _MONTHS[t.tm_mon - 1], t.tm_year, t.tm_hour, t.tm_min, t.tm_sec)


def with_query(base, path, args):
    """An absolute URL: base + path + ?args (dict, in order), encoded the way ARM encodes nextLink."""
    return base + path + "?" + urlencode(args)
