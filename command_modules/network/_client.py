"""The Network RP's requests: one pipeline (the core's: bearer token, retries, user agent, transport),
ARM paths under the command's subscription, the api-version az uses, long-running writes as pollers."""
from urllib.parse import quote

API_VERSION = "2024-07-01"
GROUP_API_VERSION = "2022-09-01"


def network_path(subscription_id, resource_group, *segments):
    """.../resourceGroups/{rg}/providers/Microsoft.Network/{type}/{name}/..., or the subscription's list
    of a type when resource_group is None."""
    base = "/subscriptions/" + quote(subscription_id, safe="")
    if resource_group is not None:
        base += "/resourceGroups/" + quote(resource_group, safe="")
    return base + "/providers/Microsoft.Network/" + "/".join(quote(s, safe="") for s in segments)


class NetworkClient:
    def __init__(self, cli_ctx):
        from azcli.session.clients import get_context, request_pipeline
        context = get_context(cli_ctx)
        self.subscription_id = context.subscription_id
        self.pipeline = request_pipeline(cli_ctx, context.cloud, context.cloud.arm_scope)

    def path(self, resource_group, *segments):
        return network_path(self.subscription_id, resource_group, *segments)

    def resource_id(self, resource_group, *segments):
        return self.path(resource_group, *segments)

    def get(self, path, params=None):
        from azcli.arm.requests import send
        query = {"api-version": API_VERSION}
        query.update(params or {})
        return send(self.pipeline, "GET", path, params=query).json()

    def list(self, path):
        from azcli.arm.requests import items
        return items(self.pipeline, path, params={"api-version": API_VERSION})

    def put(self, path, body):
        from azcli.arm.polling import poll
        from azcli.arm.requests import send
        return poll(self.pipeline, send(self.pipeline, "PUT", path, params={"api-version": API_VERSION}, json=body,
                                        headers=_request_id()))

    def delete(self, path):
        from azcli.arm.polling import poll
        from azcli.arm.requests import send
        response = send(self.pipeline, "DELETE", path, params={"api-version": API_VERSION}, headers=_request_id())
        if response.status_code in (200, 204):
            return None
        return poll(self.pipeline, response, deserialize=lambda _: None)

    def group_location(self, resource_group):
        """The location a resource takes by default: its group's, as az does."""
        from azcli.arm.requests import send
        path = "/subscriptions/%s/resourcegroups/%s" % (quote(self.subscription_id, safe=""),
                                                         quote(resource_group, safe=""))
        return send(self.pipeline, "GET", path, params={"api-version": GROUP_API_VERSION}).json()["location"]

    def reference(self, resource_group, value, *type_segments):
        """{"id": ...} for a resource named by its name (in resource_group) or by its id."""
        if value.lower().startswith("/subscriptions/"):
            return {"id": value}
        return {"id": self.resource_id(resource_group, *(list(type_segments) + [value]))}


def _request_id():
    """The client request id ARM polling carries over to its polls (the SDK clients' RequestIdPolicy sets it)."""
    import uuid
    return {"x-ms-client-request-id": str(uuid.uuid4())}
