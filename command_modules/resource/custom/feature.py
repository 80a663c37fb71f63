"""`azcli feature ...`: the subscription's preview features (Microsoft.Features)."""
from knack.log import get_logger

logger = get_logger(__name__)


def list_features(client, resource_provider_namespace=None):
    """List the preview features (of one provider namespace)."""
    return client.list(resource_provider_namespace)


def show_feature(client, resource_provider_namespace, feature_name):
    """Show a preview feature and its registration state (exit code 3 when it does not exist)."""
    return client.get(resource_provider_namespace, feature_name)


def register_feature(client, resource_provider_namespace, feature_name):
    """Register the subscription for a preview feature."""
    logger.warning("Once the feature '%s' is registered, invoking 'azcli provider register -n %s' is required to "
                   "get the change propagated", feature_name, resource_provider_namespace)
    return client.post(resource_provider_namespace, feature_name, "register")


def unregister_feature(client, resource_provider_namespace, feature_name):
    """Unregister the subscription from a preview feature."""
    logger.warning("Once the feature '%s' is unregistered, invoking 'azcli provider register -n %s' is required to "
                   "get the change propagated", feature_name, resource_provider_namespace)
    return client.post(resource_provider_namespace, feature_name, "unregister")
