"""The what-if report as az prints it, from the what-if result's JSON (wire shape or az's flattened one).

Layout (what scripts and eyes are used to): a noise notice, a legend of the symbols used, the changes
grouped by scope and sorted by change type then resource id, property deltas with dotted paths and
arrays by index, then "Resource changes: 1 to create, 1 to modify." and any diagnostics. Colours are
xterm-256 codes, used only when the caller says so (a terminal, no NO_COLOR).
"""
import re

ORANGE, GREEN, PURPLE, BLUE = "\033[38;5;208m", "\033[38;5;77m", "\033[38;5;141m", "\033[38;5;39m"
GRAY, RED, DARK_YELLOW, RESET = "\033[38;5;246m", "\033[38;5;203m", "\033[38;5;136m", "\033[0m"

# change type -> (symbol, colour, order); NoEffect is a property-level type shown in the legend too.
CHANGE_TYPES = {
    "Delete": ("-", ORANGE, 0), "Create": ("+", GREEN, 1), "Deploy": ("!", BLUE, 2), "Modify": ("~", PURPLE, 3),
    "NoChange": ("=", RESET, 4), "Unsupported": ("x", GRAY, 5), "Ignore": ("*", GRAY, 6), "NoEffect": ("x", GRAY, 7),
}
PROPERTY_TYPES = {
    "Delete": ("-", ORANGE, 0), "Create": ("+", GREEN, 1), "Modify": ("~", PURPLE, 2), "Array": ("~", PURPLE, 2),
    "NoEffect": ("x", GRAY, 3),
}
COUNT_WORDS = {"Create": "to create", "Delete": "to delete", "Deploy": "to deploy", "Modify": "to modify",
               "Ignore": "to ignore", "NoChange": "no change", "Unsupported": "unsupported"}
LEVEL_COLOURS = {"error": RED, "warning": DARK_YELLOW, "info": RESET}
NOTICE = ("Note: The result may contain false positive predictions (noise).\n"
          "You can help us improve the accuracy of the result by opening an issue here: https://aka.ms/WhatIfIssues")


def canonical(value, table):
    """'modify' / 'Modify' / ChangeType.MODIFY -> 'Modify' (the table's spelling); unknown: unchanged."""
    text = getattr(value, "value", value) or ""
    return next((key for key in table if key.lower() == str(text).lower()), str(text))


class _Text:
    """A string builder with a colour stack: a span restores the colour around it when it ends."""

    def __init__(self, colour):
        self.parts, self.stack, self.colour = [], [], colour

    def add(self, text, colour=None):
        if colour:
            self.push(colour)
        self.parts.append(str(text))
        if colour:
            self.pop()
        return self

    def line(self, text=""):
        return self.add(str(text) + "\n")

    def push(self, colour):
        if self.colour:
            self.stack.append(colour)
            self.parts.append(colour)

    def pop(self):
        if self.colour:
            self.stack.pop()
            self.parts.append(self.stack[-1] if self.stack else RESET)

    def indent(self, level=1):
        return self.add("  " * level)

    def text(self):
        return "".join(self.parts)


def split_resource_id(resource_id):
    """(scope, id relative to it): '/subscriptions/s/resourceGroups/rg/providers/A/b/c' ->
    ('/subscriptions/s/resourceGroups/rg', 'A/b/c'); a group id's scope is its subscription."""
    rest = resource_id or ""
    mg = re.match(r"^/?providers/Microsoft\.Management/managementGroups/([\w.()-]+)", rest, re.I)
    rest = rest[mg.end():] if mg else rest
    sub = re.match(r"^/?subscriptions/([a-f0-9-]+)", rest, re.I)
    rest = rest[sub.end():] if sub else rest
    group = re.match(r"^/resourceGroups/([-\w.()]+)", rest, re.I)
    rest = rest[group.end():] if group else rest
    relative = re.match(r"^/providers/(.+)$", rest, re.I)
    relative = relative.group(1) if relative else ""
    if mg:
        mg_id = "Microsoft.Management/ManagementGroups/" + mg.group(1)
        return ("/providers/" + mg_id, relative) if relative else ("/", mg_id)
    if sub:
        scope = "/subscriptions/" + sub.group(1).lower()
        if group:
            group_id = "resourceGroups/" + group.group(1)
            return (scope + "/" + group_id, relative) if relative else (scope, group_id)
        return scope, relative
    return "/", relative


def _leaf(value):
    return not isinstance(value, (dict, list)) or not value


def _full(value, kind):
    return isinstance(value, kind) and bool(value)


def _leaf_text(value):
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"{}"'.format(value)
    if isinstance(value, (dict, list)):
        return "{}" if isinstance(value, dict) else "[]"
    return str(value)


def _object_path_width(value):
    """The longest dotted path in an object, not counting paths to non-empty arrays (printed on their own)."""
    width = 0
    for key, child in value.items():
        if _full(child, list):
            continue
        width = max(width, len(key) + 1 + _object_path_width(child) if _full(child, dict) else len(key))
    return width


class _Renderer:
    def __init__(self, colour):
        self.out = _Text(colour)

    # ---- JSON values -------------------------------------------------------------------------
    def label(self, path, padding, level, head=None):
        if not path:
            return
        self.out.indent(level)
        if head:
            head()
        self.out.add(path).add(":", RESET).add(" " * padding)

    def value(self, value, path="", width=0, level=0):
        if _leaf(value):
            self.label(path, width - len(path) + 1, level)
            self.out.add(_leaf_text(value))
        elif isinstance(value, list):
            self.label(path, 1, level)
            self.array(value, level)
        else:
            self.obj(value, path, width, level)

    def array(self, items, level):
        self.out.add("[", RESET).line()
        last_leaf = max([i for i, item in enumerate(items) if _leaf(item)] or [0])
        width = len(str(last_leaf))
        for index, item in enumerate(items):
            if _full(item, dict):
                self.label(str(index), 0, level + 1)
                self.obj(item, level=level + 1)
            else:
                self.value(item, str(index), width, level + 1)
            self.out.line()
        self.out.indent(level).add("]", RESET)

    def obj(self, value, path="", width=0, level=0):
        top = not path
        if top:
            self.out.line().line()
            width, level = _object_path_width(value), level + 1
        for key, child in value.items():
            self.value(child, key if top else path + "." + key, width, level)
            if not _full(child, dict):
                self.out.line()

    def coloured_value(self, value, colour, level):
        self.out.push(colour)
        self.value(value, level=level)
        self.out.pop()

    # ---- property changes ----------------------------------------------------------------------
    def property_changes(self, changes, level=2):
        width = max([len(c.get("path") or "") for c in changes if _counts_for_width(c)] or [0])
        for change in changes:
            self.property_change(change, width, level)
            self.out.line()

    def property_change(self, change, width, level):
        kind = canonical(change.get("propertyChangeType"), PROPERTY_TYPES)
        before, after, children = change.get("before"), change.get("after"), change.get("children") or []
        shown = {"Create": after, "Delete": before, "Modify": before, "Array": children}.get(kind, after)
        path = change.get("path")
        if path:
            padding = width - len(path) + 1
            if _full(shown, list):
                padding = 1
            if _full(shown, dict) or (kind == "Modify" and children):
                padding = 0
            symbol, colour, _ = PROPERTY_TYPES.get(kind, ("?", RESET, 9))
            self.label(path, padding, level, head=lambda: self.out.add(symbol, colour).add(" "))
        if kind == "Modify":
            self.modification(before, after, children, level + 1)
        elif kind == "Array":
            self.array_change(bool(path), children, level + 1)
        else:
            self.coloured_value(shown, PROPERTY_TYPES.get(kind, (None, RESET))[1], level + 1)

    def modification(self, before, after, children, level):
        if children:
            self.out.line().line()
            self.property_changes(_sorted_properties(children), level)
            return
        self.coloured_value(before, ORANGE, level)
        if _full(before, dict):
            self.out.line().indent(level)
        else:
            self.out.add(" ")
        self.out.add("=>")
        if not _full(after, dict):
            self.out.add(" ")
        self.coloured_value(after, GREEN, level)
        if not _leaf(before) and _leaf(after):
            self.out.line()

    def array_change(self, has_path, children, level):
        if not has_path:
            # an array nested directly in an array element: its bracket sits one level out
            level -= 1
            self.out.indent(level)
        if not children:
            self.out.line("[]")
            return
        self.out.add("[").line()
        self.property_changes(sorted(children, key=lambda c: (_index(c.get("path")), _property_order(c))), level)
        self.out.indent(level).add("]")

    # ---- resources ----------------------------------------------------------------------------
    def resource_changes(self, changes, definite):
        if not changes:
            return
        by_scope = {}
        for change in changes:
            by_scope.setdefault(split_resource_id(change.get("resourceId"))[0].upper(), []).append(change)
        self.out.line()
        self.out.add("The deployment will update the following " if definite else
                     "The following change MAY OR MAY NOT be deployed to the following ")
        self.out.line("scope:" if len(by_scope) == 1 else "scopes:")
        for key in sorted(by_scope):
            self.scope(by_scope[key])

    def scope(self, changes):
        self.out.line().line("Scope: {}".format(split_resource_id(changes[0].get("resourceId"))[0]))
        ordered = sorted(changes, key=lambda c: (_change_order(c), split_resource_id(c.get("resourceId"))[1]))
        current = None
        for position, change in enumerate(ordered):
            kind = canonical(change.get("changeType"), CHANGE_TYPES)
            if kind != current:
                if current is not None:
                    self.out.pop()
                self.out.push(CHANGE_TYPES.get(kind, ("?", RESET, 9))[1])
                current = kind
            self.resource_change(change, kind, position == len(ordered) - 1)
        self.out.pop()

    def resource_change(self, change, kind, is_last):
        before, after, delta = change.get("before"), change.get("after"), change.get("delta")
        api_version = (before or {}).get("apiVersion") if before else (after or {}).get("apiVersion")
        self.out.line().indent(1).add(CHANGE_TYPES.get(kind, ("?",))[0]).add(" ")
        self.out.add(split_resource_id(change.get("resourceId"))[1])
        if api_version:
            self.out.push(RESET)
            self.out.add(" [{}]".format(api_version))
            self.out.pop()
        if kind == "Create" and after:
            self.value(after, level=2)
        elif kind == "Delete" and before:
            self.value(before, level=2)
        elif delta:
            self.out.push(RESET)
            self.out.line()
            self.property_changes(_sorted_properties(delta))
            self.out.pop()
        elif is_last:
            self.out.line()


def _counts_for_width(change):
    kind = canonical(change.get("propertyChangeType"), PROPERTY_TYPES)
    if kind == "Create":
        return _leaf(change.get("after"))
    if kind in ("Delete", "Modify"):
        return _leaf(change.get("before"))
    return not change.get("children")


def _property_order(change):
    return PROPERTY_TYPES.get(canonical(change.get("propertyChangeType"), PROPERTY_TYPES), (0, 0, 9))[2]


def _change_order(change):
    return CHANGE_TYPES.get(canonical(change.get("changeType"), CHANGE_TYPES), (0, 0, 9))[2]


def _sorted_properties(changes):
    return sorted(changes, key=lambda c: (_property_order(c), c.get("path") or ""))


def _index(path):
    try:
        return int(path)
    except (TypeError, ValueError):
        return -1


def _legend_types(changes):
    kinds = set()

    def walk(deltas):
        for delta in deltas or []:
            kind = canonical(delta.get("propertyChangeType"), PROPERTY_TYPES)
            kinds.add("Modify" if kind == "Array" else kind)
            walk(delta.get("children"))
    for change in changes:
        kinds.add(canonical(change.get("changeType"), CHANGE_TYPES))
        walk(change.get("delta"))
    return sorted(kinds, key=lambda k: CHANGE_TYPES.get(k, (0, 0, 9))[2])


def _counts(changes):
    kinds = [canonical(c.get("changeType"), CHANGE_TYPES) for c in changes]
    ordered = sorted(set(kinds), key=lambda k: CHANGE_TYPES.get(k, (0, 0, 9))[2])
    return ", ".join("{} {}".format(kinds.count(k), COUNT_WORDS.get(k, k)) for k in ordered) + "."


def result_parts(result):
    """(changes, potential changes, diagnostics) of a what-if result in either shape."""
    props = result.get("properties") or {}
    pick = lambda name: result.get(name) if result.get(name) is not None else props.get(name)  # noqa: E731
    return pick("changes") or [], pick("potentialChanges") or [], pick("diagnostics") or []


def format_what_if(result, colour=False):
    """The what-if report for result (a dict), without a final newline."""
    changes, potential, diagnostics = result_parts(result)
    render = _Renderer(colour)
    out = render.out
    out.line(NOTICE).line()
    legend = _legend_types(changes)
    if legend:
        out.add("Resource and property changes are indicated with ")
        out.line("this symbol:" if len(legend) == 1 else "these symbols:")
        for kind in legend:
            symbol, kind_colour, _ = CHANGE_TYPES.get(kind, ("?", RESET, 9))
            out.indent().add(symbol, kind_colour).add(" ").line(kind.title())
    render.resource_changes(changes, definite=True)
    out.line().add("Resource changes: ").add(_counts(changes) if changes else "no change.")
    if potential:
        render.resource_changes(potential, definite=False)
        out.line().add("Potential changes: ").add(_counts(potential))
    _diagnostics(out, changes + potential, diagnostics)
    return out.text()


def _diagnostics(out, changes, diagnostics):
    unsupported = [c for c in changes if canonical(c.get("changeType"), CHANGE_TYPES) == "Unsupported"]
    if not unsupported and not diagnostics:
        return
    out.line().line().add("Diagnostics ({}): ".format(len(unsupported) + len(diagnostics))).line()
    for change in unsupported:
        out.push(DARK_YELLOW)
        out.add(split_resource_id(change.get("resourceId"))[1]).add(" (Unsupported) ")
        out.add(change.get("unsupportedReason") or "").line()
        out.pop()
    for diagnostic in diagnostics:
        out.push(LEVEL_COLOURS.get(str(diagnostic.get("level") or "").lower(), RESET))
        out.add(diagnostic.get("target") or "").add(" ({}) ".format(diagnostic.get("code") or ""))
        out.add(diagnostic.get("message") or "").line()
        out.pop()
