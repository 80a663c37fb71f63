"""`azcli provider ...`: resource providers of the subscription, and their operations."""
import time

from azcli.errors import OperationTimeoutError

PROVIDER_OPERATIONS_PATH = "/providers/Microsoft.Authorization/providerOperations"
PROVIDER_OPERATIONS_PARAMS = {"api-version": "2022-04-01", "$expand": "resourceTypes"}


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


def _start(client, namespace, action, wanted, wait, timeout, properties=None):
    from knack.log import get_logger
    provider = getattr(client, action)(namespace, properties) if properties else getattr(client, action)(namespace)
    if (provider.registration_state or "").lower() == wanted.lower():
        return None
    if wait:
        _wait_for_state(client, namespace, wanted, timeout)
        return None
    get_logger(__name__).warning("%s '%s' is in progress (%s). Follow it with: azcli provider show -n %s "
                                 "--query registrationState, or pass --wait.", action.capitalize(), namespace,
                                 provider.registration_state, namespace)
    return None


def register_provider(client, resource_provider_namespace, wait=False, timeout=600, management_group_id=None,
                      consent_to_permissions=False, accept_terms=False):  # pylint: disable=unused-argument
    """Register the subscription (or, with --management-group-id, a management group) with a provider;
    --wait waits until the subscription's registration is Registered. --accept-terms is accepted as az does:
    the providers whose marketplace terms it accepts (RPaaS) are not part of the local cloud."""
    if management_group_id:
        return client.register_at_management_group_scope(resource_provider_namespace, management_group_id)
    properties = None
    if consent_to_permissions:
        properties = {"thirdPartyProviderConsent": {"consentToAuthorization": True}}
    return _start(client, resource_provider_namespace, "register", "Registered", wait, timeout, properties)


def unregister_provider(client, resource_provider_namespace, wait=False, timeout=600):
    """Unregister the subscription from a provider; --wait waits until it is Unregistered."""
    return _start(client, resource_provider_namespace, "unregister", "Unregistered", wait, timeout)


def _operations_client(cmd):
    from azcli.session.clients import mgmt_client
    from azure.mgmt.resource.resources import ResourceManagementClient
    return mgmt_client(cmd.cli_ctx, ResourceManagementClient)


def list_provider_operations(cmd):
    """List the operations of every provider (Microsoft.Authorization/providerOperations)."""
    from azcli.arm.requests import items
    return list(items(_operations_client(cmd), PROVIDER_OPERATIONS_PATH, params=PROVIDER_OPERATIONS_PARAMS))


def show_provider_operations(cmd, resource_provider_namespace):
    """Show the operations of one provider."""
    from urllib.parse import quote
    from azcli.arm.requests import send
    path = "{}/{}".format(PROVIDER_OPERATIONS_PATH, quote(resource_provider_namespace, safe=""))
    return send(_operations_client(cmd), "GET", path, params=PROVIDER_OPERATIONS_PARAMS).json()
