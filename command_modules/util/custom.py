"""`azcli rest`: any request through the same credential and transport the management clients use."""
import json

from azcli.framework.argtypes import read_text_argument
from azcli.errors import InvalidArgumentValueError

SUBSCRIPTION_PLACEHOLDER = "{subscriptionId}"
MAX_PAGES = 10000


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


def _pipeline_client(cli_ctx, cloud, scope):
    from azure.core import PipelineClient
    from azure.core.pipeline.policies import (BearerTokenCredentialPolicy, HeadersPolicy, NetworkTraceLoggingPolicy,
                                              RetryPolicy, UserAgentPolicy)
    from azcli import __version__
    from azcli.session.clients import get_context, transport_for
    policies = [HeadersPolicy(), UserAgentPolicy("azcli/{}".format(__version__)), RetryPolicy()]
    if scope:
        policies.append(BearerTokenCredentialPolicy(get_context(cli_ctx).credential, scope))
    policies.append(NetworkTraceLoggingPolicy())
    kwargs = {"policies": policies}
    transport = transport_for(cli_ctx, cloud)
    if transport is not None:
        kwargs["transport"] = transport
    return PipelineClient(base_url=cloud.resource_manager, **kwargs)


def _send(client, method, url, headers, params=None, body=None):
    from azure.core.exceptions import HttpResponseError
    from azure.core.rest import HttpRequest
    request = HttpRequest(method.upper(), url, headers=headers, params=params or None, content=body)
    response = client.send_request(request)
    if not 200 <= response.status_code < 300:
        from azure.mgmt.core.exceptions import ARMErrorFormat
        raise HttpResponseError(response=response, error_format=ARMErrorFormat)
    return response


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
    client = _pipeline_client(cli_ctx, cloud, _scope(resource, url, cloud, skip_authorization_header))
    response = _send(client, method, url, request_headers, params, content.encode("utf-8") if content else None)
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
    items = list(first.get("value") or [])
    link = first.get("nextLink")
    pages = 1
    while link and pages < MAX_PAGES:
        page = _json_or_none(_send(client, "get", link, headers)) or {}
        if isinstance(page, _NotJson) or not isinstance(page, dict):
            raise InvalidArgumentValueError("--paginate: page {} is not a JSON object.".format(pages + 1))
        items.extend(page.get("value") or [])
        link = page.get("nextLink")
        pages += 1
    merged = {k: v for k, v in first.items() if k not in ("value", "nextLink")}
    merged["value"] = items
    return merged
