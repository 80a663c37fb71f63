"""What the SDK's round trip does to a wire document, as plain data: the members a model declares (null
when absent), nested models alike, timestamps in Python's isoformat, and the `resourceGroup` az adds.

results.py shapes the SDK's models; the knack-free read path (plain_reads.py) shapes the wire's JSON
with a Shape declared for the same model, and the tests hold each Shape to its SDK model.
"""
import datetime


class Shape:
    """A model's members: `fields` (wire names, in the model's order), `models` ({field: Shape} of nested
    models), `datetimes` (fields the model deserializes as datetimes) and `hidden_when_null` (members az
    never shows when the service sent none, e.g. systemData of resource groups)."""

    def __init__(self, fields, models=None, datetimes=(), hidden_when_null=()):
        self.fields = tuple(fields)
        self.models = dict(models or {})
        self.datetimes = tuple(datetimes)
        self.hidden_when_null = tuple(hidden_when_null)

    def apply(self, document):
        if not isinstance(document, dict):
            return document
        data = {}
        for name in self.fields:
            value = document.get(name)
            if value is not None and name in self.models:
                value = self.models[name].apply(value)
            elif isinstance(value, str) and name in self.datetimes:
                value = iso_datetime(value)
            data[name] = value
        for name in self.hidden_when_null:
            if data.get(name, "") is None:
                del data[name]
        for key, value in document.items():
            if key not in data:
                data[key] = value
        return data


def iso_datetime(text):
    """'2022-05-12T19:11:06.3060384Z' -> '2022-05-12T19:11:06.306038+00:00' (unparseable: unchanged)."""
    head, dot, rest = text.partition(".")
    if dot:
        digits = len(rest) - len(rest.lstrip("0123456789"))
        rest = rest[:min(digits, 6)] + rest[digits:]
    try:
        return datetime.datetime.fromisoformat((head + dot + rest).replace("Z", "+00:00")).isoformat()
    except ValueError:
        return text


def add_resource_group(obj):
    """Like az, every object whose `id` lies inside a resource group also carries `resourceGroup`
    (the group's name as the id spells it); nested objects too. Group ids themselves do not."""
    if isinstance(obj, list):
        for item in obj:
            add_resource_group(item)
    elif isinstance(obj, dict):
        resource_id = obj.get("id")
        if "resourceGroup" not in obj and isinstance(resource_id, str):
            parts = resource_id.split("/")
            if len(parts) > 8 and parts[3].lower() == "resourcegroups":
                obj["resourceGroup"] = parts[4]
        for value in obj.values():
            if isinstance(value, (dict, list)):
                add_resource_group(value)
    return obj
