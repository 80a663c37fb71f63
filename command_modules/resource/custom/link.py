"""`azcli resource link ...`: links between resources, by link id ({source id}/providers/Microsoft.Resources/
links/{name}). As in az, create and update print nothing."""
from azcli.errors import InvalidArgumentValueError

_MARKER = "/providers/microsoft.resources/links/"


def _link_id(link_id):
    text = (link_id or "").strip()
    at = text.lower().rfind(_MARKER)
    if not text.lower().startswith("/subscriptions/") or at < 0 or not text[at + len(_MARKER):].strip("/") \
            or "/" in text[at + len(_MARKER):].strip("/"):
        raise InvalidArgumentValueError("--link '{}' is not a link id: {{source resource id}}/providers/"
                                        "Microsoft.Resources/links/{{name}}.".format(link_id))
    return text


def create_resource_link(client, link_id, target_id, notes=None):
    """Create a link from the source resource to the target."""
    client.put(_link_id(link_id), target_id, notes)


def update_resource_link(client, link_id, target_id=None, notes=None):
    """Change a link's target or notes (what is not given stays)."""
    link_id = _link_id(link_id)
    current = client.get(link_id)["properties"]
    client.put(link_id, target_id if target_id is not None else current["targetId"],
               notes if notes is not None else current["notes"])


def show_resource_link(client, link_id):
    """Show a link (exit code 3 when it does not exist)."""
    return client.get(_link_id(link_id))


def delete_resource_link(client, link_id):
    """Delete a link."""
    client.delete(_link_id(link_id))


def list_resource_links(client, scope=None, filter_string=None):
    """The links of the subscription, or of one source resource (--scope)."""
    return client.list(scope, filter_string)
