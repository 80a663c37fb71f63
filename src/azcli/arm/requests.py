"""Raw ARM requests through an SDK client's own pipeline, and nextLink paging.

For what no SDK operation models (`rest`, generic resources at any api-version, lock scopes, provider
operations). A request runs through the client's pipeline - its bearer policy, retries, user agent
and transport (the in-process local cloud or a socket) - so it behaves like an SDK operation, and a
status outside 2xx raises the SDK's own exceptions (ARM's error format), which ``azcli.arm.errors``
maps to exit codes like any other.

``client`` is a generated management client (ResourceManagementClient, ManagementLockClient, ...) or
an azure-core PipelineClient (``session.clients.request_pipeline``, for `rest`).
"""
from urllib.parse import urlsplit

MAX_PAGES = 10000


class PageFormatError(ValueError):
    """A page of a list is not a JSON object (so it has no value/nextLink to follow)."""

    def __init__(self, number):
        super().__init__("Page {} of the list is not a JSON object.".format(number))
        self.number = number


def pipeline_of(client):
    """The azure-core PipelineClient a management client sends through (a PipelineClient: itself)."""
    from azure.core import PipelineClient
    if isinstance(client, PipelineClient):
        return client
    return client._client  # pylint: disable=protected-access - where every generated client keeps it


def absolute_url(client, url):
    """url on the client's endpoint when it is a path; an absolute URL (a nextLink) as it is."""
    if urlsplit(url).scheme:
        return url
    # As the generated clients' own send_request: some keep the endpoint in their pipeline's base URL,
    # others a "{endpoint}" template there and the endpoint in their configuration.
    endpoint = getattr(getattr(client, "_config", None), "base_url", None)
    return pipeline_of(client).format_url(url, **({"endpoint": endpoint} if endpoint else {}))


def send(client, method, url, *, params=None, json=None, content=None, headers=None, stream=False):
    """Send one request through the client's pipeline; the azure.core.rest.HttpResponse of a 2xx.

    Anything else raises what the SDK's operations raise: ClientAuthenticationError (401),
    ResourceNotFoundError (404), ResourceExistsError (409), else HttpResponseError.
    """
    from azure.core.rest import HttpRequest
    request = HttpRequest(method.upper(), absolute_url(client, url), params=params or None, headers=headers,
                          json=json, content=content)
    response = pipeline_of(client).send_request(request, stream=stream)
    raise_for_status(response)
    return response


def raise_for_status(response):
    if 200 <= response.status_code < 300:
        return
    from azure.core import exceptions
    from azure.mgmt.core.exceptions import ARMErrorFormat
    error_cls = {401: exceptions.ClientAuthenticationError, 404: exceptions.ResourceNotFoundError,
                 409: exceptions.ResourceExistsError}.get(response.status_code, exceptions.HttpResponseError)
    raise error_cls(response=response, error_format=ARMErrorFormat)


def pages(client, url=None, *, params=None, headers=None, first_page=None, max_pages=MAX_PAGES):
    """Each page of a list (its JSON body), following nextLink until a page has none.

    Starts with a GET of url, or with first_page when the caller has the first body already. nextLinks
    are followed as ARM wrote them (they carry the api-version and any skip token).
    """
    page = first_page if first_page is not None else _page(send(client, "GET", url, params=params,
                                                                headers=headers), 1)
    number = 1
    while True:
        yield page
        link = page.get("nextLink")
        if not link or number >= max_pages:
            return
        number += 1
        page = _page(send(client, "GET", link, headers=headers), number)


def items(client, url, *, params=None, headers=None):
    """Every item (``value``) of every page of a list, as the wire's JSON (a generator)."""
    for page in pages(client, url, params=params, headers=headers):
        yield from page.get("value") or []


def _page(response, number):
    try:
        body = response.json()
    except ValueError:
        body = None
    if not isinstance(body, dict):
        raise PageFormatError(number)
    return body
