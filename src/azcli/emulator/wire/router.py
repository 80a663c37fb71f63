"""A small case-insensitive router.

Each noun module has ``register(router)`` that calls ``router.add(...)``; app.py lists the modules.
Templates are ARM paths with ``{param}`` segments, matched case-insensitively, one segment per
parameter (``{param*}`` takes the rest of the path), an optional trailing slash. Routes match in
registration order, so register specific paths before catch-alls.

Most templates are whole segments, literal or ``{param}``: those match segment by segment, with no
regular expression (compiling ~200 of them cost every command ~20 ms). Only templates with a ``{param*}``
or a parameter inside a segment use a regular expression, compiled on their first match attempt.
"""
import re



class Route:
    __slots__ = ("methods", "template", "_handler", "kind", "action", "api_version", "_segments", "_regex",
                 "_literals")

    def __init__(self, methods, template, handler, kind, action, api_version):
        self.methods = methods
        self.template = template
        self._handler = handler
        self.kind = kind
        self.action = action
        self.api_version = api_version
        self._regex = None
        self._segments = _segments(template)
        self._literals = None

    @property
    def handler(self):
        """The handler function; a "module:function" reference (the shipped route table) is imported on
        first use, so a request imports only the noun modules it reaches."""
        if isinstance(self._handler, str):
            import importlib
            module, _, name = self._handler.partition(":")
            self._handler = getattr(importlib.import_module(module), name)
        return self._handler

    def match(self, path):
        """The template's parameters in path ({name: value}), or None when path does not match."""
        if self._segments is not None:
            return _match_segments(self._segments, path)
        if self._literals is None:
            # What a path must contain for the regex to match: checked first, so that a request compiles
            # only the regular expressions of the routes it could take.
            self._literals = [piece.strip("/").casefold() for piece in re.split(r"\{\w+\*?\}", self.template)
                              if piece.strip("/")]
        lowered = path.casefold()  # as IGNORECASE compares (the long s matches s)
        if any(literal not in lowered for literal in self._literals):
            return None
        if self._regex is None:
            self._regex = _compile(self.template)
        m = self._regex.match(path)
        return None if m is None else m.groupdict()


def _segments(template):
    """[(literal lowercased, None) or (None, param name)] for a template of whole segments; None otherwise."""
    if "*" in template:
        return None
    segments = []
    for part in template.rstrip("/").split("/"):
        name = part[1:-1]
        if part[:1] == "{" and part[-1:] == "}" and name.isidentifier():  # \w+ for the names we use
            segments.append((None, name))
        elif "{" in part or "}" in part:
            return None
        else:
            segments.append((part.lower(), None))
    return segments


def _match_segments(segments, path):
    if path.endswith("/"):
        path = path[:-1]  # one optional trailing slash
    parts = path.split("/")
    if len(parts) != len(segments):
        return None
    params = {}
    for (literal, name), part in zip(segments, parts):
        if name is None:
            if part.lower() != literal:
                return None
        elif not part:
            return None
        else:
            params[name] = part
    return params


def _compile(template):
    pattern, pos = "", 0
    for m in re.finditer(r"\{(\w+)(\*?)\}", template):
        pattern += re.escape(template[pos:m.start()])
        pattern += "(?P<%s>%s)" % (m.group(1), ".+" if m.group(2) else "[^/]+")
        pos = m.end()
    pattern += re.escape(template[pos:].rstrip("/"))
    return re.compile("^" + pattern + "/?$", re.IGNORECASE)


class Router:
    def __init__(self):
        self.routes = []

    def add(self, methods, template, handler, *, kind="arm", action=None, api_version=True):
        """Register handler(ctx, **params) for methods ("GET" or "GET,HEAD") on template; handler may be
        a "module:function" reference, imported when the route is first dispatched to.

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
            params = route.match(path)
            if params is None:
                continue
            if method in route.methods:
                return route, params
            allowed = (allowed or set()) | route.methods
        return None, allowed
