"""The WSGI app: request context, the ARM pipeline (auth, api-version, subscription access,
lazy LRO settlement) and the headers every response carries.

Adding a noun: write a module with ``register(router)`` (see router.py and groups.py for the
pattern), append its name to NOUNS in route_table.py and regenerate the table.
"""
import os
import re
import sys
import time

from . import auth, route_table
from ..common import request_base
from ..identity import directory
from ..domain import lro
from ..common.errors import AadError, ArmError, invalid_api_version, invalid_request_content, method_not_allowed
from ..common.errors import missing_api_version, route_not_found, subscription_not_found
from ..common.errors import internal_server_error
from .http import Request, Response, UnsafeJson, check_tree, dumps, empty, http_date, json_response, loads
from ..common.values import new_guid
from .router import Router

DEFAULT_PAGE_SIZE = 100
_API_VERSION = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(-[A-Za-z]+)?$")
# Named in InvalidApiVersionParameter messages (any well-formed version is accepted).
KNOWN_API_VERSIONS = ("2025-04-01", "2024-11-01", "2024-07-01", "2024-03-01", "2023-07-01", "2022-12-01",
                      "2022-09-01", "2021-04-01", "2021-01-01", "2020-10-01", "2020-06-01", "2020-05-01",
                      "2020-01-01", "2019-11-01", "2019-10-01", "2019-08-01", "2019-07-01", "2019-06-01",
                      "2019-05-10", "2019-05-01", "2019-03-01", "2018-05-01", "2018-02-01", "2017-05-10",
                      "2016-09-01", "2016-07-01", "2016-06-01", "2016-02-01", "2015-11-01")


class Settings:
    def __init__(self, lro_seconds=None, faults=None):
        if lro_seconds is None:
            lro_seconds = float(os.environ.get("AZCLI_LOCAL_LRO_SECONDS") or 0.0)
        self.lro_seconds = max(0.0, float(lro_seconds))
        self.page_size = int(os.environ.get("AZCLI_LOCAL_PAGE_SIZE") or DEFAULT_PAGE_SIZE)
        self.faults = Faults(faults if faults is not None else os.environ.get("AZCLI_LOCAL_FAULTS"))


class Faults:
    """Injected failures: "429=0.2,500=0.05,reset=0.02[,seed=N]" answers that share of ARM requests with a
    throttling (429 + Retry-After) or internal error before doing anything, or drops the connection
    without a response (reset: ConnectionResetError, which a server turns into a closed socket).
    Never on the identity endpoint. Without a seed the draws are random per process; with one they repeat."""

    def __init__(self, spec):
        self.rates = []
        self.rng = None
        if not spec:
            return
        import random
        seed = None
        for part in spec.split(","):
            key, _, value = part.strip().partition("=")
            if key == "seed":
                seed = int(value)
            elif key in ("429", "500", "503", "reset"):
                rate = float(value)
                if not 0.0 <= rate <= 1.0:
                    raise ValueError("fault rate %r in %r is not between 0 and 1" % (value, spec))
                self.rates.append((key if key == "reset" else int(key), rate))
            else:
                raise ValueError("unknown fault %r in %r (use e.g. '429=0.2,500=0.05,seed=1')" % (key, spec))
        self.rng = random.Random(seed)

    def check(self):
        if not self.rates:
            return
        draw = self.rng.random()
        for status, rate in self.rates:
            if draw < rate:
                if status == "reset":
                    import errno
                    raise ConnectionResetError(errno.ECONNRESET, "Connection reset (injected fault).")
                if status == 429:
                    raise ArmError(429, "TooManyRequests", "The request is being throttled as the limit has been "
                                   "reached for operation type - Read_ObservationWindow_00:05:00. Please retry after "
                                   "1 second.", headers={"Retry-After": "1"})
                raise ArmError(status, "InternalServerError" if status == 500 else "ServiceUnavailable",
                               "Encountered internal server error (injected fault).", gateway=False)
            draw -= rate


class Ctx:
    """Everything a handler needs about one request."""

    def __init__(self, app, request):
        self.app = app
        self.store = app.store
        self.settings = app.settings
        self.request = request
        self.base = request.base_url
        self.now = time.time()
        self.request_id = new_guid()
        self.correlation_id = request.header("x-ms-correlation-request-id") or new_guid()
        self.principal = None
        self.api_version = None
        self.route = None
        self.subscription = None  # the subscriptions row when the path names one

    @property
    def args(self):
        return self.request.args

    def json_body(self, required=True, dialect=None):
        """The request body parsed as a JSON object (None when empty and not required): strict JSON
        (http.loads), so that every noun stores only what can be served back. ``dialect``, a parser of
        text, is tried when the body is not strict JSON (deployments: comments, trailing commas); what
        it returns is checked the same way."""
        raw = self.request.body()
        if not raw.strip():
            if required:
                raise invalid_request_content("The request content is empty.")
            return None
        try:
            body = loads(raw)
        except UnsafeJson as exc:
            raise invalid_request_content(str(exc)) from None
        except ValueError as exc:
            body = self._in_dialect(raw, dialect, exc)
        if not isinstance(body, dict):
            raise invalid_request_content("The request content must be a JSON object.")
        return body

    @staticmethod
    def _in_dialect(raw, dialect, strict_error):
        if dialect is None:
            raise invalid_request_content(str(strict_error)) from None
        try:
            body = dialect(raw.decode("utf-8-sig"))
        except (ValueError, RecursionError):
            raise invalid_request_content(str(strict_error)) from None
        try:
            check_tree(body)
        except UnsafeJson as exc:
            raise invalid_request_content(str(exc)) from None
        return body


class App:
    def __init__(self, state_dir, lro_seconds=None, faults=None):
        self.store = directory.open_store(state_dir)
        self.settings = Settings(lro_seconds, faults)
        self.router = Router()
        rows = route_table.load()
        if rows is None:  # a source tree without the generated table
            route_table.register_all(self.router)
        else:
            for row in rows:
                self.router.add(row["methods"], row["template"], row["handler"], kind=row["kind"],
                                action=row["action"], api_version=row["api_version"])

    def __call__(self, environ, start_response):
        ctx = Ctx(self, Request(environ))
        serving = request_base.serving(ctx.base)
        try:
            response = self.dispatch(ctx)
        except ArmError as exc:
            response = arm_error_response(ctx, exc)
        except AadError as exc:
            response = aad_error_response(ctx, exc)
        except ConnectionResetError:  # an injected reset: the server drops the connection
            raise
        except Exception:  # an emulator bug: the traceback goes to the log, the answer quotes only ids
            import traceback
            errors = environ.get("wsgi.errors", sys.stderr)
            errors.write("localcloud: internal error in %s %s (tracking id %s):\n%s" % (
                ctx.request.method, ctx.request.path, ctx.request_id, traceback.format_exc()))
            errors.flush()
            sub = ctx.subscription["subscription_id"] if ctx.subscription is not None else None
            response = arm_error_response(ctx, internal_server_error(
                time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(ctx.now)), sub, ctx.request_id, ctx.correlation_id))
        finally:
            request_base.done(serving)
        self.decorate(ctx, response)
        return response(environ, start_response)

    def dispatch(self, ctx):
        request = ctx.request
        request.validate()  # a path that is not UTF-8, a body too large: refused before anything is read
        route, params = self.router.match(request.method, request.path, ("public",))
        if route is not None:
            ctx.route = route
            return route.handler(ctx, **params)
        if params is not None:
            raise AadError(405, "invalid_request", 900561, "The endpoint only accepts %s requests. Received a %s "
                           "request." % ("/".join(sorted(params)), request.method))
        ctx.principal = auth.authenticate(ctx)
        route, params = self.router.match(request.method, request.path, ("arm",))
        if route is None or route.api_version:
            ctx.api_version = check_api_version(request.args.get("api-version"))
        if route is None:
            if params is not None:
                raise method_not_allowed(request.method)
            raise route_not_found(request.path, ctx.api_version)
        ctx.route = route
        self.settings.faults.check()
        lro.settle(ctx.store, ctx.now)
        if "subscriptionId" in params:
            denial = check_subscription(ctx, params["subscriptionId"])
            if denial is not None:
                from .listings import readable_listing
                return readable_listing(ctx, denial, route.handler, params)
        return route.handler(ctx, **params)

    def decorate(self, ctx, response):
        response.set("x-ms-request-id", ctx.request_id)
        response.set("x-ms-correlation-request-id", ctx.correlation_id)
        response.set("Date", http_date(ctx.now))
        if response.get("Cache-Control") is None:
            response.set("Cache-Control", "no-cache")
        response.set("Pragma", "no-cache")
        response.set("Expires", "-1")
        response.set("X-Content-Type-Options", "nosniff")
        response.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        if ctx.route is not None and ctx.route.kind == "public":
            client_request_id = ctx.request.header("client-request-id")
            if client_request_id:
                response.set("client-request-id", client_request_id)
            return
        response.set("x-ms-routing-request-id", "LOCAL:%s:%s" % (
            time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(ctx.now)), ctx.request_id))
        method = ctx.request.method
        if method in ("GET", "HEAD"):
            response.set("x-ms-ratelimit-remaining-subscription-reads", "11999")
        elif method == "DELETE":
            response.set("x-ms-ratelimit-remaining-subscription-deletes", "14999")
            response.set("x-ms-ratelimit-remaining-subscription-writes", "1199")
        else:
            response.set("x-ms-ratelimit-remaining-subscription-writes", "1199")


def check_api_version(value):
    if value is None or value == "":
        raise missing_api_version()
    m = _API_VERSION.match(value)
    if m is None or not ("2014" <= m.group(1) <= "2099" and "01" <= m.group(2) <= "12" and "01" <= m.group(3) <= "31"):
        raise invalid_api_version(value, KNOWN_API_VERSIONS)
    return value


def check_subscription(ctx, subscription_id):
    """404 if the subscription does not exist, 403 if the caller may not act in it; the 403 to give
    unless the GET turns out to be a listing (rbac.check_request), else None."""
    db = ctx.store.read()
    row = directory.subscription(db, subscription_id)
    if row is None:
        raise subscription_not_found(subscription_id)
    from ..domain import rbac
    params = ctx.route.match(ctx.request.path)
    denial = rbac.check_request(db, ctx.principal, row, ctx.request.method, ctx.request.path, ctx.route.action,
                                params)
    ctx.subscription = row
    return denial


def arm_error_response(ctx, exc):
    headers = dict(exc.headers)
    if exc.gateway:
        headers["x-ms-failure-cause"] = "gateway"
    if ctx.request.method == "HEAD":
        return empty(exc.status, headers)
    return Response(exc.status, dumps(exc.body()), headers)


def aad_error_response(ctx, exc):
    trace_id = ctx.request_id
    correlation_id = ctx.request.header("client-request-id") or ctx.correlation_id
    stamp = time.strftime("%Y-%m-%d %H:%M:%SZ", time.gmtime(ctx.now))
    body = {
        "error": exc.error,
        "error_description": "AADSTS%d: %s Trace ID: %s Correlation ID: %s Timestamp: %s"
                             % (exc.code, exc.description, trace_id, correlation_id, stamp),
        "error_codes": [exc.code],
        "timestamp": stamp,
        "trace_id": trace_id,
        "correlation_id": correlation_id,
        "error_uri": "%s/error?code=%d" % (ctx.base, exc.code),
    }
    return json_response(body, exc.status, {"Cache-Control": "no-store, no-cache"})
