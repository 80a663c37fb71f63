"""Resources_List and Resources_ListByResourceGroup: ``GET /subscriptions/{sub}[/resourceGroups/{rg}]/resources``.

Top-level resources only (children, groups, locks, role assignments and other bookkeeping rows are not
listed), in creation order, paged by ``$skiptoken`` = the last row's seq, so each item is seen exactly once even
while writes happen. ``$filter`` is translated to SQL: ``resourceType eq``, ``name eq``,
``substringof('x', name)``, ``location eq``, ``resourceGroup eq``, ``tagName eq`` [``and tagValue eq``],
joined by ``and`` (keywords case-insensitive). ``$expand`` adds createdTime, changedTime,
provisioningState.
"""
import re

from ..domain import groups
from ..rp import catalog
from ..wire import listing
from ..store import records
from ..domain import resources
from ..common.errors import resource_group_not_found
from ..wire.http import json_response

_Q = r"'((?:[^']|'')*)'"
_CLAUSES = [
    ("type", re.compile(r"resourcetype\s+eq\s+" + _Q, re.I)),
    ("name", re.compile(r"name\s+eq\s+" + _Q, re.I)),
    ("substring", re.compile(r"substringof\(\s*" + _Q + r"\s*,\s*name\s*\)", re.I)),
    ("location", re.compile(r"location\s+eq\s+" + _Q, re.I)),
    ("group", re.compile(r"resourcegroup\s+eq\s+" + _Q, re.I)),
    ("tagname", re.compile(r"tagname\s+eq\s+" + _Q, re.I)),
    ("tagvalue", re.compile(r"tagvalue\s+eq\s+" + _Q, re.I)),
]
_AND = re.compile(r"\s+and\s+", re.I)


def parse_filter(text):
    """{kind: value} from a $filter; 400 for anything else."""
    found = {}
    if text is None or not text.strip():
        return found
    pos, text = 0, text.strip()
    while True:
        for kind, regex in _CLAUSES:
            m = regex.match(text, pos)
            if m is not None and kind not in found:
                found[kind] = m.group(1).replace("''", "'")
                pos = m.end()
                break
        else:
            raise listing.bad_request("Invalid $filter '%s' specified in the query string." % text)
        if pos == len(text):
            break
        m = _AND.match(text, pos)
        if m is None:
            raise listing.bad_request("Invalid $filter '%s' specified in the query string." % text)
        pos = m.end()
    if "tagvalue" in found and "tagname" not in found:
        raise listing.bad_request("The $filter '%s' is invalid: tagValue can only be used together with tagName."
                                  % text)
    return found


def query(sub_lc, group_lc, flt, after, limit):
    """Rows of top-level resources matching flt, after seq ``after``, at most ``limit``."""
    where = ["sub_lc = ?", "group_lc IS NOT NULL", "type_lc NOT IN (?, ?, ?)", "seq > ?",
             "+parent_lc = '/subscriptions/' || sub_lc || '/resourcegroups/' || group_lc"]
    args = [sub_lc] + list(resources.UNLISTED_TYPES) + [after]
    if group_lc is not None:
        where.append("group_lc = ?")
        args.append(group_lc)
    if "type" in flt:
        where.append("type_lc = ?")
        args.append(flt["type"].lower())
    if "name" in flt:
        where.append("lower(name) = ?")
        args.append(flt["name"].lower())
    if "substring" in flt:
        where.append("instr(lower(name), ?) > 0")
        args.append(flt["substring"].lower())
    if "location" in flt:
        where.append("location = ?")
        args.append(catalog.normalize_location(flt["location"]))
    if "group" in flt:
        where.append("group_lc = ?")
        args.append(flt["group"].lower())
    if "tagname" in flt:
        tag = "EXISTS (SELECT 1 FROM json_each(resources.body, '$.tags') WHERE lower(key) = ?"
        args.append(flt["tagname"].lower())
        if "tagvalue" in flt:
            tag += " AND value = ?"
            args.append(flt["tagvalue"])
        where.append(tag + ")")
    if "type" not in flt:
        # Walk the rowid (seq) range from the skip token, so a page costs its own rows, not the whole table
        # (SQLite would otherwise pick the (sub_lc, type_lc, seq) index and sort every row of the subscription).
        where[0] = "+sub_lc = ?"
    sql = "SELECT * FROM resources WHERE %s ORDER BY seq LIMIT ?" % " AND ".join(where)
    return sql, args + [limit]


def _list(ctx, group_lc):
    flt = parse_filter(ctx.args.get("$filter"))
    expand = {e.strip() for e in (ctx.args.get("$expand") or "").split(",") if e.strip()}
    size = listing.page_size(ctx)
    sql, args = query(ctx.subscription["sub_lc"], group_lc, flt, listing.skip_position(ctx), size + 1)
    rows = ctx.store.read().execute(sql, args).fetchall()
    return json_response(listing.page(ctx, rows, lambda row: resources.list_item(row, expand)))


def list_resources(ctx, subscriptionId):
    return _list(ctx, None)


def list_group_resources(ctx, subscriptionId, resourceGroupName):
    db = ctx.store.read()
    if records.get(db, groups.group_id(ctx.subscription["subscription_id"], resourceGroupName)) is None:
        raise resource_group_not_found(resourceGroupName)
    return _list(ctx, resourceGroupName.lower())


def register(router):
    action = "Microsoft.Resources/subscriptions/resourceGroups/resources/read"
    router.add("GET", "/subscriptions/{subscriptionId}/resources", list_resources, action=action)
    router.add("GET", "/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}/resources",
               list_group_resources, action=action)
