"""List responses: ``$filter`` on tags, ``$top`` and ``$skiptoken`` paging with an absolute ``nextLink``.

A page holds up to ``$top`` (else the configured page size) items; ``nextLink`` repeats the
request's query with ``$skiptoken`` set to an opaque token (the position of the last item).
"""
import base64
import re
from urllib.parse import parse_qsl

from ..common.errors import ArmError
from .http import with_query

MAX_PAGE = 1000

_QUOTED = r"'((?:[^']|'')*)'"
_TAG_FILTER = re.compile(
    r"^\s*tagname\s+eq\s+" + _QUOTED + r"(?:\s+and\s+tagvalue\s+eq\s+" + _QUOTED + r")?\s*$", re.IGNORECASE)


def bad_request(message):
    return ArmError(400, "BadRequest", message)


def tag_filter(text):
    """A predicate on a document from a $filter (``tagName eq 'a' [and tagValue eq 'b']``), or None."""
    if text is None or not text.strip():
        return None
    m = _TAG_FILTER.match(text)
    if m is None:
        raise bad_request("Invalid $filter '%s' specified in the query string." % text)
    name = m.group(1).replace("''", "'").lower()
    value = m.group(2).replace("''", "'") if m.group(2) is not None else None

    def predicate(doc):
        # Tag names compare case-insensitively; tag values exactly.
        for key, val in (doc.get("tags") or {}).items():
            if key.lower() == name and (value is None or val == value):
                return True
        return False
    return predicate


def page_size(ctx):
    top = ctx.args.get("$top")
    if top is None or top == "":
        return ctx.settings.page_size
    try:
        size = int(top)
    except ValueError:
        raise bad_request("The value '%s' of query parameter '$top' is not valid." % top)
    if size < 1:
        raise bad_request("The value '%s' of query parameter '$top' is not valid." % top)
    return min(size, MAX_PAGE)


def skip_position(ctx):
    token = ctx.args.get("$skiptoken")
    if not token:
        return 0
    try:
        return int(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode("ascii").split(":", 1)[1])
    except (ValueError, IndexError, UnicodeError):
        raise bad_request("The $skiptoken '%s' is invalid." % token)


def _token(position):
    return base64.urlsafe_b64encode(("seq:%d" % position).encode("ascii")).rstrip(b"=").decode("ascii")


def next_link(ctx, position):
    args = [(k, v) for k, v in parse_qsl(ctx.request.query_string, keep_blank_values=True)
            if k.lower() != "$skiptoken"]
    args.append(("$skiptoken", _token(position)))
    return with_query(ctx.base, ctx.request.path, args)


def page(ctx, rows, render, predicate=None):
    """{"value": [...][, "nextLink"]} from rows (with a ``seq`` column, in seq order) rendered by render."""
    size = page_size(ctx)
    items, last = [], None
    for row in rows:
        doc = render(row)
        if predicate is not None and not predicate(doc):
            continue
        if len(items) == size:
            return {"value": items, "nextLink": next_link(ctx, last)}
        items.append(doc)
        last = row["seq"]
    return {"value": items}
