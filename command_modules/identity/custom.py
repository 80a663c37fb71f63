"""Thin custom functions for `azcli identity ...` (one SDK call each)."""
DEFAULT_AUDIENCE = "api://AzureADTokenExchange"


def create_identity(client, cmd, resource_group_name, resource_name, location=None, tags=None):
    """Create a user-assigned identity (in the local cloud it is also a principal that can get tokens)."""
    from azure.mgmt.msi.models import Identity
    if location is None:  # like az: the group's region
        from azcli.session.clients import mgmt_client
        from azure.mgmt.resource.resources import ResourceManagementClient
        location = mgmt_client(cmd.cli_ctx, ResourceManagementClient).resource_groups.get(resource_group_name).location
    return client.create_or_update(resource_group_name, resource_name, Identity(location=location, tags=tags))


def show_identity(client, resource_group_name, resource_name):
    """Show an identity (exit code 3 when it does not exist)."""
    return client.get(resource_group_name, resource_name)


def list_identities(client, resource_group_name=None):
    if resource_group_name:
        return client.list_by_resource_group(resource_group_name)
    return client.list_by_subscription()


def delete_identity(client, resource_group_name, resource_name):
    return client.delete(resource_group_name, resource_name)


def create_federated_credential(client, resource_group_name, identity_name, federated_credential_name, issuer,
                                subject, audiences=None):
    """Create or update a federated identity credential of an identity."""
    from azure.mgmt.msi.models import FederatedIdentityCredential
    credential = FederatedIdentityCredential(issuer=issuer, subject=subject,
                                             audiences=list(audiences or [DEFAULT_AUDIENCE]))
    return client.create_or_update(resource_group_name, identity_name, federated_credential_name, credential)


def show_federated_credential(client, resource_group_name, identity_name, federated_credential_name):
    return client.get(resource_group_name, identity_name, federated_credential_name)


def list_federated_credentials(client, resource_group_name, identity_name):
    return client.list(resource_group_name, identity_name)


def delete_federated_credential(client, resource_group_name, identity_name, federated_credential_name):
    return client.delete(resource_group_name, identity_name, federated_credential_name)
