"""Tags: the subscription's tag names and values (Tags_List, predefined names/values) and the tags
resource at any scope (``{scope}/providers/Microsoft.Resources/tags/default``).

Counts are computed from the tags of groups and resources in the subscription. Predefined names and
values (PUT tagNames/...) are rows of ``resources`` (type microsoft.resources/tagnames, id
``/subscriptions/{sub}/tagNames/{name}``, body {"values": [...]}).
The tags resource reads and writes the tags of the subscription, group or resource it names; all
its writes are synchronous (200), which ends the SDK's pollers at once.
"""
import json

from ..common.errors import ArmError
from ..domain import groups
from ..domain.operations import execute
from ..domain.tags import SetTags, TagScope
from ..store import records
from ..wire.http import empty, json_response

NAME_TYPE = "Microsoft.Resources/tagNames"
_COUNTED = ("microsoft.authorization/locks", "microsoft.resources/tagnames",
            "microsoft.resources/subscriptions/providers")


def _name_id(sub_id, name):
    return "/subscriptions/%s/tagNames/%s" % (sub_id, name)


def _usage(db, sub_lc):
    """{name_lc: [name as first seen, total, {value: count}]} over groups and resources."""
    usage = {}
    rows = db.execute(
        "SELECT j.key AS k, j.value AS v, count(*) AS n FROM resources r, json_each(r.body, '$.tags') j "
        "WHERE r.sub_lc = ? AND r.type_lc NOT IN (?, ?, ?) GROUP BY j.key, j.value ORDER BY min(r.seq)",
        (sub_lc,) + _COUNTED)
    for row in rows:
        entry = usage.setdefault(row["k"].lower(), [row["k"], 0, {}])
        entry[1] += row["n"]
        value = row["v"] if isinstance(row["v"], str) else json.dumps(row["v"])
        entry[2][value] = entry[2].get(value, 0) + row["n"]
    return usage


def _predefined(db, sub_lc):
    return db.execute("SELECT * FROM resources WHERE sub_lc = ? AND type_lc = ? ORDER BY seq",
                      (sub_lc, NAME_TYPE.lower())).fetchall()


def _value_doc(sub_id, name, value, count):
    return {"id": "%s/tagValues/%s" % (_name_id(sub_id, name), value), "tagValue": value,
            "count": {"type": "Total", "value": count}}


def _name_doc(sub_id, name, total, values):
    return {"id": _name_id(sub_id, name), "tagName": name, "count": {"type": "Total", "value": total},
            "values": [_value_doc(sub_id, name, v, n) for v, n in values.items()]}


def list_tag_names(ctx, subscriptionId):
    db = ctx.store.read()
    sub_id, sub_lc = ctx.subscription["subscription_id"], ctx.subscription["sub_lc"]
    usage = _usage(db, sub_lc)
    for row in _predefined(db, sub_lc):
        entry = usage.setdefault(row["name"].lower(), [row["name"], 0, {}])
        for value in json.loads(row["body"])["values"]:
            entry[2].setdefault(value, 0)
    return json_response({"value": [_name_doc(sub_id, *entry) for entry in usage.values()]})


def put_tag_name(ctx, subscriptionId, tagName):
    _check_name(tagName)
    sub_id = ctx.subscription["subscription_id"]
    with ctx.store.write() as db:
        row = records.get(db, _name_id(sub_id, tagName))
        usage = _usage(db, ctx.subscription["sub_lc"]).get(tagName.lower())
        if row is None:
            records.put(db, _name_id(sub_id, tagName), NAME_TYPE, sub_id, None, "/subscriptions/" + sub_id,
                        tagName, None, {"values": []}, ctx.now)
        name = row["name"] if row is not None else (usage[0] if usage else tagName)
    total = usage[1] if usage else 0
    return json_response({"id": _name_id(sub_id, name), "tagName": name, "count": {"type": "Total", "value": total},
                          "values": []}, 200 if (row is not None or usage) else 201)


def delete_tag_name(ctx, subscriptionId, tagName):
    sub_id = ctx.subscription["subscription_id"]
    with ctx.store.write() as db:
        if _usage(db, ctx.subscription["sub_lc"]).get(tagName.lower()):
            raise ArmError(409, "TagNameInUse", "The tag name '%s' cannot be deleted because it is being referenced "
                           "by other resources." % tagName, gateway=False)
        row = records.get(db, _name_id(sub_id, tagName))
        if row is None:
            return empty(204)
        db.execute("DELETE FROM resources WHERE id_lc = ?", (row["id_lc"],))
    return empty(200)


def put_tag_value(ctx, subscriptionId, tagName, tagValue):
    _check_name(tagName)
    sub_id = ctx.subscription["subscription_id"]
    with ctx.store.write() as db:
        row = records.get(db, _name_id(sub_id, tagName))
        values = json.loads(row["body"])["values"] if row is not None else []
        usage = _usage(db, ctx.subscription["sub_lc"]).get(tagName.lower())
        count = usage[2].get(tagValue, 0) if usage else 0
        existed = tagValue in values or count > 0
        if tagValue not in values:
            name = row["name"] if row is not None else tagName
            records.put(db, _name_id(sub_id, name), NAME_TYPE, sub_id, None, "/subscriptions/" + sub_id, name, None,
                        {"values": values + [tagValue]}, ctx.now)
    return json_response(_value_doc(sub_id, row["name"] if row is not None else tagName, tagValue, count),
                         200 if existed else 201)


def delete_tag_value(ctx, subscriptionId, tagName, tagValue):
    sub_id = ctx.subscription["subscription_id"]
    with ctx.store.write() as db:
        row = records.get(db, _name_id(sub_id, tagName))
        values = json.loads(row["body"])["values"] if row is not None else []
        if tagValue not in values:
            return empty(204)
        records.put(db, row["id"], NAME_TYPE, sub_id, None, "/subscriptions/" + sub_id, row["name"], None,
                    {"values": [v for v in values if v != tagValue]}, ctx.now)
    return empty(200)


def _check_name(name):
    if name.lower().startswith(("microsoft", "azure", "windows")):
        raise ArmError(400, "InvalidTagName", "The tag name '%s' is reserved: tag names cannot start with "
                       "'microsoft', 'azure' or 'windows'." % name)


def _scope_of(ctx):
    path = "/" + "/".join(p for p in ctx.request.path.split("/") if p)
    return path[:path.lower().rindex("/providers/microsoft.resources/tags/default")]


def _tags_doc(scope, tags):
    return {"id": scope + "/providers/Microsoft.Resources/tags/default", "name": "default",
            "type": "Microsoft.Resources/tags", "properties": {"tags": tags}}


def _body_tags(ctx):
    body = ctx.json_body()
    props = body.get("properties")
    tags = props.get("tags") if isinstance(props, dict) else None
    if not isinstance(tags, dict):
        raise ArmError(400, "InvalidRequestContent", "The request content was invalid and could not be "
                       "deserialized: 'properties.tags is required'.")
    return body, groups.validate_tags(tags)


def get_tags(ctx, **params):
    scope = _scope_of(ctx)
    return json_response(_tags_doc(scope, TagScope(ctx, ctx.store.read(), scope, ctx.request.path).tags()))


def put_tags(ctx, **params):
    scope = _scope_of(ctx)
    _, tags = _body_tags(ctx)
    execute(ctx, SetTags(ctx.request.path, scope, lambda current: tags))
    return json_response(_tags_doc(scope, tags))


def patch_tags(ctx, **params):
    scope = _scope_of(ctx)
    body, tags = _body_tags(ctx)
    operation = str(body.get("operation") or "").lower()
    if operation not in ("merge", "replace", "delete"):
        raise ArmError(400, "InvalidRequestContent", "The request content was invalid and could not be "
                       "deserialized: 'operation must be one of Merge, Replace, Delete'.")

    def change(current):
        if operation == "merge":
            return dict(current, **tags)
        if operation == "replace":
            return tags
        return {k: v for k, v in current.items() if not (k in tags and tags[k] in ("", v))}

    done = execute(ctx, SetTags(ctx.request.path, scope, change))
    return json_response(_tags_doc(scope, done.body))


def delete_tags(ctx, **params):
    scope = _scope_of(ctx)
    execute(ctx, SetTags(ctx.request.path, scope, lambda current: {}))
    return empty(200)


def register(router):
    base = "/subscriptions/{subscriptionId}/tagNames"
    router.add("GET", base, list_tag_names, action="Microsoft.Resources/subscriptions/tagNames/read")
    router.add("PUT", base + "/{tagName}", put_tag_name, action="Microsoft.Resources/subscriptions/tagNames/write")
    router.add("DELETE", base + "/{tagName}", delete_tag_name,
               action="Microsoft.Resources/subscriptions/tagNames/delete")
    router.add("PUT", base + "/{tagName}/tagValues/{tagValue}", put_tag_value,
               action="Microsoft.Resources/subscriptions/tagNames/tagValues/write")
    router.add("DELETE", base + "/{tagName}/tagValues/{tagValue}", delete_tag_value,
               action="Microsoft.Resources/subscriptions/tagNames/tagValues/delete")
    for scope in ("/subscriptions/{subscriptionId}", "/subscriptions/{subscriptionId}/{scope*}"):
        path = scope + "/providers/Microsoft.Resources/tags/default"
        router.add("GET", path, get_tags, action="Microsoft.Resources/tags/read")
        router.add("PUT", path, put_tags, action="Microsoft.Resources/tags/write")
        router.add("PATCH", path, patch_tags, action="Microsoft.Resources/tags/write")
        router.add("DELETE", path, delete_tags, action="Microsoft.Resources/tags/delete")
