"""Central result handling: pollers are waited (or not), pagers become lists, models dicts.

Modules return whatever the SDK gives them; this is the only place that knows the SDK's
result types. Output keys are the wire's camelCase, as az prints them.
"""
import datetime
import enum
import sys

from knack.log import get_logger

from .plain_shapes import add_resource_group, iso_datetime

logger = get_logger(__name__)


def plain_value(value):
    """knack hands defaults over as DefaultStr/DefaultInt; results must carry plain values."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, str) and type(value) is not str:
        return str(value)
    if isinstance(value, int) and type(value) is not int:
        return int(value)
    if isinstance(value, list):
        return [plain_value(v) for v in value]
    return value


def todict(obj):
    """SDK models (new-style mappings and msrest models) and containers -> plain JSON data."""
    if isinstance(obj, enum.Enum):
        return obj.value
    if obj is None or isinstance(obj, (bool, int, float)):
        return obj
    if isinstance(obj, str):
        return plain_value(obj)
    if isinstance(obj, dict):
        return {k: todict(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple, set)):
        return [todict(v) for v in obj]
    if isinstance(obj, enum.Enum):
        return obj.value
    if isinstance(obj, (datetime.datetime, datetime.date, datetime.time)):
        return obj.isoformat()
    if isinstance(obj, datetime.timedelta):
        return str(obj)
    if hasattr(obj, "as_dict") and hasattr(obj, "keys"):
        return _model_to_dict(obj)
    if hasattr(obj, "_attribute_map"):
        # msrest models (locks): az prints the attributes in camelCase, flattened.
        from knack.util import to_camel_case
        data = {to_camel_case(k): todict(v) for k, v in vars(obj).items()
                if not k.startswith("_") and not callable(v) and k != "additional_properties"
                and not (k == "system_data" and v is None)}
        return data
    if hasattr(obj, "__dict__"):
        return {k: todict(v) for k, v in vars(obj).items() if not k.startswith("_") and not callable(v)}
    return obj


def model_fields(model_cls):
    """{attribute: wire name} of a new-style SDK model class (empty for anything else)."""
    # The class's own table: a subclass inherits its parent's until its own first instance builds it.
    fields = vars(model_cls).get("_attr_to_rest_field")
    if fields is None and hasattr(model_cls, "as_dict"):
        try:
            model_cls()  # the field table is built when the first instance is made
        except TypeError:
            return {}
        fields = vars(model_cls).get("_attr_to_rest_field")
    return {attr: field._rest_name for attr, field in (fields or {}).items()}  # pylint: disable=protected-access


def with_model_fields(item, model_cls, datetime_fields=()):
    """A wire JSON item with every top-level member the model declares (null when absent), and its
    timestamps in the form a deserialized model prints (Python's isoformat), as az shows them."""
    for name in model_fields(model_cls).values():
        item.setdefault(name, None)
    for name in datetime_fields:
        if isinstance(item.get(name), str):
            item[name] = iso_datetime(item[name])
    return item


def _model_to_dict(model):
    """azure-mgmt-* new-style models: every declared member, null when unset (az prints them all), in
    the wire's names, plus any member the service sent that the model does not declare."""
    data = {}
    for attr, name in model_fields(type(model)).items():
        data[name] = todict(getattr(model, attr, None))
    if data.get("systemData", "") is None:
        # Newer api-versions declare systemData on models (resource groups) whose az output never
        # shows it; when the service sent none, leave it out as az does.
        del data["systemData"]
    for key, value in model.items():
        if key not in data:
            data[key] = todict(value)
    return data


def is_poller(obj):
    return hasattr(obj, "result") and hasattr(obj, "done") and hasattr(obj, "polling_method")


def is_pager(obj):
    return hasattr(obj, "by_page") or (hasattr(obj, "__next__") and not isinstance(obj, (str, bytes)))


def finalize(cli_ctx, result, no_wait=False, follow_up=None):
    if is_poller(result):
        if no_wait:
            _report_started(result, follow_up)
            return None
        result = wait_with_progress(result, stream=sys.stderr)
    if is_pager(result):
        if _streaming(cli_ctx):
            return (add_resource_group(todict(item)) for item in result)
        return [add_resource_group(todict(item)) for item in result]
    return add_resource_group(todict(result))


def _streaming(cli_ctx):
    data = cli_ctx.invocation.data if cli_ctx.invocation else {}
    return data.get("output") == "jsonl" and not data.get("query_active")


def _report_started(poller, follow_up=None):
    """--no-wait still says how to follow the operation up (az prints nothing)."""
    if follow_up:
        logger.warning("Started; the operation continues in the background. Wait for it with: %s", follow_up)
        return
    url = None
    try:
        method = poller.polling_method()
        url = getattr(method, "_operation", None) and method._operation.get_polling_url()  # pylint: disable=protected-access
    except Exception:  # pylint: disable=broad-except
        url = None
    if url:
        logger.warning("Started; the operation continues in the background. Follow it with: "
                       "azcli rest --method get --url '%s'", url)
    else:
        logger.warning("Started; the operation continues in the background.")


def wait_with_progress(poller, stream):
    """Wait for a poller; a spinner on stderr only when stderr is a terminal."""
    show = hasattr(stream, "isatty") and stream.isatty()
    if not show:
        return poller.result()
    frames = "|/-\\"
    tick = 0
    try:
        while not poller.done():
            stream.write("\r{} Running ..".format(frames[tick % len(frames)]))
            stream.flush()
            tick += 1
            poller.wait(0.25)
    finally:
        stream.write("\r" + " " * 14 + "\r")
        stream.flush()
    return poller.result()
