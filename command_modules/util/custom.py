"""`azcli rest`: any request through the same credential and transport the management clients use."""
import json

from azcli.framework.argtypes import read_text_argument
from azcli.errors import InvalidArgumentValueError

SUBSCRIPTION_PLACEHOLDER = "{subscriptionId}"


def _pairs(values, name):
    """KEY=VALUE items or one JSON object -> dict."""
    result = {}
    for value in values or []:
        text = value.strip()
        if text.startswith("{"):
            try:
                result.update({k: str(v) for k, v in json.loads(text).items()})
            except (ValueError, AttributeError) as ex:
                raise InvalidArgumentValueError("{}: invalid JSON object ({}).".format(name, ex)) from None
            continue
        key, sep, item = value.partition("=")
        if not sep or not key:
            raise InvalidArgumentValueError("{} expects KEY=VALUE or a JSON object, got '{}'.".format(name, value))
        result[key] = item
    return result


def _scope(resource, url, cloud, skip):
    if skip:
        return None
    if resource:
        return resource if resource.endswith("/.default") else resource + "/.default"
    if url.lower().startswith(cloud.resource_manager.lower() + "/"):
        return cloud.arm_scope
    from knack.log import get_logger
    get_logger(__name__).warning("Can't derive the token audience from --url; no Authorization header is sent. "
                                 "Use --resource to name one.")
    return None


def _json_or_none(response):
    text = response.text()
    if not text.strip():
        return None
    try:
        return json.loads(text)
    except ValueError:
        return _NotJson(text)


class _NotJson(str):
    pass


def rest_call(cmd, url, method="get", headers=None, uri_parameters=None, body=None,
              skip_authorization_header=False, resource=None, output_file=None, paginate=False):
    """Invoke a custom request."""
    from azcli.session.clouds import active_cloud
    cli_ctx = cmd.cli_ctx
    cloud = active_cloud(cli_ctx)
    if url.startswith("/"):
        url = cloud.resource_manager + url
    if SUBSCRIPTION_PLACEHOLDER in url:
        from azcli.session.clients import get_context
        url = url.replace(SUBSCRIPTION_PLACEHOLDER, get_context(cli_ctx).subscription_id)
    request_headers = {"Accept": "application/json"}
    request_headers.update(_pairs(headers, "--headers"))
    content = read_text_argument(body) if body is not None else None
    if content is not None and not any(k.lower() == "content-type" for k in request_headers):
        try:
            json.loads(content)
            request_headers["Content-Type"] = "application/json"
        except ValueError:
            pass
    params = _pairs(uri_parameters, "--uri-parameters")
    from azcli.arm.requests import send
    from azcli.session.clients import request_pipeline
    client = request_pipeline(cli_ctx, cloud, _scope(resource, url, cloud, skip_authorization_header))
    response = send(client, method, url, params=params, headers=request_headers,
                    content=content.encode("utf-8") if content else None)
    if output_file:
        with open(output_file, "wb") as handle:
            handle.write(response.read())
        return None
    result = _json_or_none(response)
    if paginate and isinstance(result, dict) and not isinstance(result, _NotJson):
        result = _follow_pages(client, result, request_headers)
    if isinstance(result, _NotJson):
        # Not JSON: printed as it came (az does the same); suggest --output-file for binary data.
        cli_ctx.out_file.write(str(result))
        return None
    return result


def _follow_pages(client, first, headers):
    """The first page with the value of every page after it, and no nextLink."""
    from azcli.arm.requests import PageFormatError, pages
    items = []
    try:
        for page in pages(client, first_page=first, headers=headers):
            items.extend(page.get("value") or [])
    except PageFormatError as ex:
        raise InvalidArgumentValueError("--paginate: page {} is not a JSON object.".format(ex.number)) from None
    merged = {k: v for k, v in first.items() if k not in ("value", "nextLink")}
    merged["value"] = items
    return merged
