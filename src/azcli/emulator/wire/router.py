"""A small case-insensitive router.

Each noun module has ``register(router)`` that calls ``router.add(...)``; app.py lists the modules.
Templates are ARM paths with ``{param}`` segments, matched case-insensitively, one segment per
parameter (``{param*}`` takes the rest of the path), an optional trailing slash. Routes match in
registration order, so register specific paths before catch-alls.
"""
import re

_PARAM = re.compile(r"\{(\w+)(\*?)\}")


class Route:
    __slots__ = ("methods", "template", "regex", "handler", "kind", "action", "api_version")

    def __init__(self, methods, template, handler, kind, action, api_version):
        self.methods = methods
        self.template = template
        self.handler = handler
        self.kind = kind
        self.action = action
        self.api_version = api_version
        pattern, pos = "", 0
        for m in _PARAM.finditer(template):
            pattern += re.escape(template[pos:m.start()])
            pattern += "(?P<%s>%s)" % (m.group(1), ".+" if m.group(2) else "[^/]+")
            pos = m.end()
        pattern += re.escape(template[pos:].rstrip("/"))
        self.regex = re.compile("^" + pattern + "/?$", re.IGNORECASE)


class Router:
    def __init__(self):
        self.routes = []

    def add(self, methods, template, handler, *, kind="arm", action=None, api_version=True):
        """Register handler(ctx, **params) for methods ("GET" or "GET,HEAD") on template.

        kind: "arm" routes need a bearer token, a subscription check when the template has
        {subscriptionId}, and (if api_version) the api-version parameter; "public" routes need
        nothing (identity endpoint, cloud metadata).
        action: the RBAC action checked against the caller's access, e.g.
        "Microsoft.Resources/subscriptions/resourceGroups/read".
        """
        if isinstance(methods, str):
            methods = methods.split(",")
        self.routes.append(Route(frozenset(m.strip().upper() for m in methods), template, handler,
                                 kind, action, api_version))

    def match(self, method, path, kinds):
        """(route, params) for the first route of one of kinds matching path and method,
        (None, allowed_methods) when the path matches but not the method, (None, None) otherwise."""
        allowed = None
        for route in self.routes:
            if route.kind not in kinds:
                continue
            m = route.regex.match(path)
            if m is None:
                continue
            if method in route.methods:
                return route, m.groupdict()
            allowed = (allowed or set()) | route.methods
        return None, allowed
