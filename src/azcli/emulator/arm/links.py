"""Resource links on the wire (api-version 2016-09-01): ``PUT/GET/DELETE {sourceId}/providers/Microsoft.Resources/
links/{name}``, ``GET {sourceId}/providers/Microsoft.Resources/links?$filter=atScope()`` and ``GET /subscriptions/
{sub}/providers/Microsoft.Resources/links[?$filter=targetId eq '...']``. The writes are domain/links.py's."""
import re

from ..domain import links
from ..domain.operations import execute
from ..store import records
from ..wire import listing
from ..wire.http import empty, json_response

_TARGET_FILTER = re.compile(r"^\s*targetid\s+eq\s+'((?:[^']|'')*)'\s*$", re.IGNORECASE)
_AT_SCOPE = re.compile(r"^\s*atscope\(\)\s*$", re.IGNORECASE)


def put_link(ctx, **params):
    source, name = links.split(ctx.request.path)
    done = execute(ctx, links.PutLink(source, name, ctx.json_body()))
    return json_response(done.doc, 201 if done.created else 200)


def get_link(ctx, **params):
    source, name = links.split(ctx.request.path)
    row = records.get(ctx.store.read(), links.link_id(source, name))
    if row is None:
        raise links.not_found(name)
    return json_response(records.render(row))


def delete_link(ctx, **params):
    source, name = links.split(ctx.request.path)
    return empty(execute(ctx, links.DeleteLink(source, name)).status)


def _rows_in(db, sub_lc):
    return db.execute("SELECT * FROM resources WHERE sub_lc = ? AND type_lc = ? ORDER BY seq",
                      (sub_lc, links.TYPE.lower())).fetchall()


def list_at_subscription(ctx, **params):
    text = ctx.args.get("$filter")
    target = None
    if text and text.strip():
        m = _TARGET_FILTER.match(text)
        if m is None:
            raise listing.bad_request("Invalid $filter '%s' specified in the query string: the supported filter "
                                      "is \"targetId eq '{id}'\"." % text)
        target = m.group(1).replace("''", "'").lower()
    rows = _rows_in(ctx.store.read(), ctx.subscription["sub_lc"])
    docs = [records.render(r) for r in rows]
    if target is not None:
        docs = [d for d in docs if d["properties"]["targetId"].lower() == target]
    return json_response({"value": docs})


def list_at_source(ctx, **params):
    source, _ = links.split(ctx.request.path)
    text = ctx.args.get("$filter")
    if text and text.strip() and not _AT_SCOPE.match(text):
        raise listing.bad_request("Invalid $filter '%s' specified in the query string: the supported filter is "
                                  "'atScope()'." % text)
    db = ctx.store.read()
    links.source_row(db, source)
    prefix = source.lower().rstrip("/")
    rows = [r for r in _rows_in(db, ctx.subscription["sub_lc"])
            if r["parent_lc"] == prefix or (not text and r["parent_lc"].startswith(prefix + "/"))]
    return json_response({"value": [records.render(r) for r in rows]})


def register(router):
    router.add("GET", "/subscriptions/{subscriptionId}/providers/Microsoft.Resources/links", list_at_subscription,
               action="Microsoft.Resources/links/read")
    base = "/subscriptions/{subscriptionId}/{scope*}/providers/Microsoft.Resources/links"
    router.add("GET", base, list_at_source, action="Microsoft.Resources/links/read")
    router.add("GET", base + "/{linkName}", get_link, action="Microsoft.Resources/links/read")
    router.add("PUT", base + "/{linkName}", put_link, action="Microsoft.Resources/links/write")
    router.add("DELETE", base + "/{linkName}", delete_link, action="Microsoft.Resources/links/delete")
