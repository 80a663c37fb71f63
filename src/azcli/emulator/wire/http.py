"""Minimal WSGI request/response objects (stdlib only: the app is built on every CLI call).

What a request may carry, checked before anything is read or stored:
- a body of at most MAX_BODY_BYTES, refused with 413 from its Content-Length, before it is read;
  a body that ends before its Content-Length (or stops arriving) is a 400;
- a path that is UTF-8 once percent-decoded (PEP 3333 hands it over as latin-1 text);
- JSON that is strict (``loads``): no NaN or Infinity, no lone surrogates (``"\\ud800"``) in keys or
  values, at most MAX_JSON_DEPTH nested objects and arrays — so that what is stored can always be
  served back as valid UTF-8 JSON.
"""
import json
import math
import re
import time
from urllib.parse import parse_qsl, urlencode

from ..common.errors import invalid_request_content, invalid_request_url, request_too_large

_STATUS_TEXT = {
    200: "OK", 201: "Created", 202: "Accepted", 204: "No Content", 400: "Bad Request",
    401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
    409: "Conflict", 413: "Payload Too Large", 429: "Too Many Requests", 500: "Internal Server Error",
    503: "Service Unavailable",
}
JSON_TYPE = "application/json; charset=utf-8"

# ARM caps a template at 4 MB and a parameters file at 4 MB; a deployment carries both, plus its envelope.
MAX_BODY_BYTES = 10 * 1024 * 1024
# What .NET's JSON readers (System.Text.Json, Json.NET) allow by default; a nested deployment takes ~4 levels.
MAX_JSON_DEPTH = 64
_SURROGATE = re.compile("[\ud800-\udfff]")


def dumps(obj):
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode("utf-8")


class UnsafeJson(ValueError):
    """Well-formed JSON that must not be stored: too deep, a lone surrogate, a number that is not finite."""


def loads(raw):
    """Strict JSON from bytes or text; ValueError names what is wrong (UnsafeJson: see the module docstring)."""
    try:
        value = json.loads(raw, parse_constant=_not_a_number)
    except RecursionError:
        raise UnsafeJson("The JSON is nested more than %d levels deep." % MAX_JSON_DEPTH) from None
    check_tree(value)
    return value


def _not_a_number(name):
    raise UnsafeJson("%s is not a JSON number." % name)


def check_tree(value):
    """UnsafeJson for a parsed value too deep, with a lone surrogate or a non-finite number (1e400 reads as
    inf); iterative, so any depth a parser returned is safe to check."""
    stack = [(value, 0, "")]
    while stack:
        node, depth, path = stack.pop()
        if isinstance(node, (dict, list)):
            if depth >= MAX_JSON_DEPTH:
                raise UnsafeJson("The JSON is nested more than %d levels deep. Path '%s'." % (MAX_JSON_DEPTH, path))
            if isinstance(node, dict):
                for key, item in node.items():
                    child = "%s.%s" % (path, key) if path else key
                    if _SURROGATE.search(key):
                        raise UnsafeJson("A property name contains a lone surrogate (not Unicode text). "
                                         "Path '%s'." % _printable(child))
                    stack.append((item, depth + 1, child))
            else:
                stack.extend((item, depth + 1, "%s[%d]" % (path, i)) for i, item in enumerate(node))
        elif isinstance(node, str) and _SURROGATE.search(node):
            raise UnsafeJson("A string contains a lone surrogate (not Unicode text). Path '%s'." % _printable(path))
        elif isinstance(node, float) and not math.isfinite(node):
            raise UnsafeJson("A number is out of range. Path '%s'." % _printable(path))


def _printable(path):
    path = path if len(path) <= 200 else "..." + path[-197:]
    return path.encode("utf-8", "backslashreplace").decode("utf-8")


class Request:
    """The parts of a WSGI environ the app uses. Query keys are matched case-insensitively."""

    def __init__(self, environ):
        self.environ = environ
        self.method = environ.get("REQUEST_METHOD", "GET").upper()
        # PEP 3333: PATH_INFO holds the URL-decoded bytes as latin-1 text; names may be UTF-8.
        raw_path = environ.get("PATH_INFO", "") or "/"
        self.path_is_utf8 = True
        try:
            self.path = raw_path.encode("latin-1").decode("utf-8")
        except UnicodeError:  # answered 400 by validate(); kept as given for messages until then
            self.path, self.path_is_utf8 = raw_path, False
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

    def validate(self):
        """ARM's 400 for a path that is not UTF-8 and 413 for a body announced larger than MAX_BODY_BYTES,
        before anything is read."""
        if not self.path_is_utf8:
            raise invalid_request_url("the path is not UTF-8 once percent-decoded.")
        length = self.content_length()
        if length is not None and length > MAX_BODY_BYTES:
            raise request_too_large(MAX_BODY_BYTES)

    def content_length(self):
        """The body size the Content-Length header announces (None without one)."""
        value = self.environ.get("CONTENT_LENGTH")
        if value is None or value.strip() == "":
            return None
        if not value.strip().isdigit():
            raise invalid_request_content("The Content-Length header '%s' is not a length." % value)
        return int(value)

    def body(self):
        """The body's bytes: Content-Length of them (400 when fewer arrive), or a chunked body of at most
        MAX_BODY_BYTES (413 beyond)."""
        if self._body is None:
            self.validate()
            length = self.content_length()
            stream = self.environ.get("wsgi.input")
            if stream is None or length == 0:
                data = b""
            elif length is None:
                chunked = "chunked" in (self.header("Transfer-Encoding") or "").lower()
                data = _read(stream, MAX_BODY_BYTES + 1, None) if chunked else b""
                if len(data) > MAX_BODY_BYTES:
                    raise request_too_large(MAX_BODY_BYTES)
            else:
                data = _read(stream, length, length)
            self._body = data
        return self._body

    def form(self):
        return dict(parse_qsl(self.body().decode("utf-8", "replace"), keep_blank_values=True))


def _read(stream, size, announced):
    try:
        data = stream.read(size)
    except OSError:  # the server's read timed out: the client stopped sending (see serve/server.py)
        raise invalid_request_content("The request body stopped arriving before it was complete.") from None
    if announced is not None and len(data) < announced:
        raise invalid_request_content("The request body ended after %d of the %d bytes its Content-Length "
                                      "announced." % (len(data), announced))
    return data


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
