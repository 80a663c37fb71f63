"""Listings filtered by access, as ARM answers them: a caller that may not read at the scope a GET
lists in, but holds roles below it (a group's Reader listing the subscription's groups or resources),
gets 200 with the items it may read. Any other answer to that GET (one resource, an error, a body
that is not a listing) becomes the 403 the access check gave."""
from .http import dumps, loads
from ..common.errors import ArmError
from ..domain import rbac


def readable_listing(ctx, denial, handler, params):
    try:
        response = handler(ctx, **params)
    except ArmError:
        raise denial from None
    if response.status != 200:
        raise denial
    try:
        body = loads(response.body)
    except ValueError:
        raise denial from None
    items = body.get("value") if isinstance(body, dict) else None
    if not isinstance(items, list) or not all(isinstance(i, dict) and isinstance(i.get("id"), str) for i in items):
        raise denial
    visible = rbac.readable(ctx.store.read(), ctx.principal, [item["id"] for item in items])
    body["value"] = [item for item in items if item["id"] in visible]
    response.body = dumps(body)
    return response
