"""`azcli provider ...`: resource providers of the subscription, and their operations."""
import time

from azcli.errors import OperationTimeoutError

PROVIDER_OPERATIONS_API = "2022-04-01"


def list_providers(client, expand=None):
    """List the resource providers of the subscription."""
    return client.list(expand=expand)


def show_provider(client, resource_provider_namespace, expand=None):
    """Show a resource provider (exit code 3 when the namespace does not exist)."""
    return client.get(resource_provider_namespace, expand=expand)


def _wait_for_state(client, namespace, wanted, timeout, interval=1.0, sleep=time.sleep, clock=time.monotonic):
    deadline = clock() + timeout
    while True:
        provider = client.get(namespace)
        if (provider.registration_state or "").lower() == wanted.lower():
            return provider
        if clock() + interval > deadline:
            raise OperationTimeoutError("'{}' is still '{}' after {} seconds.".format(
                namespace, provider.registration_state, timeout))
        sleep(interval)


def _start(client, namespace, action, wanted, wait, timeout):
    from knack.log import get_logger
    provider = getattr(client, action)(namespace)
    if (provider.registration_state or "").lower() == wanted.lower():
        return None
    if wait:
        _wait_for_state(client, namespace, wanted, timeout)
        return None
    get_logger(__name__).warning("%s '%s' is in progress (%s). Follow it with: azcli provider show -n %s "
                                 "--query registrationState, or pass --wait.", action.capitalize(), namespace,
                                 provider.registration_state, namespace)
    return None


def register_provider(client, resource_provider_namespace, wait=False, timeout=600):
    """Register the subscription with a provider; --wait waits until it is Registered."""
    return _start(client, resource_provider_namespace, "register", "Registered", wait, timeout)


def unregister_provider(client, resource_provider_namespace, wait=False, timeout=600):
    """Unregister the subscription from a provider; --wait waits until it is Unregistered."""
    return _start(client, resource_provider_namespace, "unregister", "Unregistered", wait, timeout)


def _provider_operations(cmd, path):
    """GET the provider-operations metadata (Microsoft.Authorization) and follow nextLink."""
    import json
    from azure.core.exceptions import HttpResponseError
    from azure.core.rest import HttpRequest
    from azure.mgmt.core.exceptions import ARMErrorFormat
    from azcli.session.clients import mgmt_client
    from azure.mgmt.resource.resources import ResourceManagementClient
    client = mgmt_client(cmd.cli_ctx, ResourceManagementClient)
    request = HttpRequest("GET", path, params={"api-version": PROVIDER_OPERATIONS_API, "$expand": "resourceTypes"})
    while True:
        response = client.send_request(request)
        if response.status_code != 200:
            raise HttpResponseError(response=response, error_format=ARMErrorFormat)
        body = json.loads(response.text() or "{}")
        if "value" not in body:
            yield body
            return
        yield from body["value"]
        if not body.get("nextLink"):
            return
        request = HttpRequest("GET", body["nextLink"])


def list_provider_operations(cmd):
    """List the operations of every provider (Microsoft.Authorization/providerOperations)."""
    return list(_provider_operations(cmd, "/providers/Microsoft.Authorization/providerOperations"))


def show_provider_operations(cmd, resource_provider_namespace):
    """Show the operations of one provider."""
    path = "/providers/Microsoft.Authorization/providerOperations/{}".format(resource_provider_namespace)
    return next(iter(_provider_operations(cmd, path)))
