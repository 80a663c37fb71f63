"""Errors the local cloud answers with, in ARM's and AAD's wire formats."""


class ArmError(Exception):
    """An ARM error: HTTP status + {"error": {"code", "message"[, "details"]}}.

    ``gateway`` marks errors ARM's front door raises itself (adds ``x-ms-failure-cause: gateway``).
    """

    def __init__(self, status, code, message, *, details=None, headers=None, gateway=True, target=None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details
        self.headers = headers or {}
        self.gateway = gateway
        self.target = target

    def body(self):
        error = {"code": self.code}
        if self.target is not None:
            error["target"] = self.target
        error["message"] = self.message
        if self.details:
            error["details"] = self.details
        return {"error": error}


class AadError(Exception):
    """An identity-endpoint error: {"error", "error_description", "error_codes", ...}."""

    def __init__(self, status, error, code, description):
        super().__init__(description)
        self.status = status
        self.error = error
        self.code = code  # the AADSTS number
        self.description = description


# --- ARM errors shared by several nouns -------------------------------------------------------

def missing_api_version():
    return ArmError(400, "MissingApiVersionParameter",
                    "The api-version query parameter (?api-version=) is required for all requests.")


def invalid_api_version(value, supported):
    return ArmError(400, "InvalidApiVersionParameter",
                    "The api-version '%s' is invalid. The supported versions are '%s'." % (value, ",".join(supported)))


def invalid_request_content(reason):
    return ArmError(400, "InvalidRequestContent",
                    "The request content was invalid and could not be deserialized: '%s'." % reason)


def request_too_large(limit):
    return ArmError(413, "RequestEntityTooLarge", "The request content size exceeds the maximum size of %d bytes "
                    "(%d MiB) the local cloud accepts." % (limit, limit // (1024 * 1024)))


def invalid_request_url(reason):
    return ArmError(400, "BadRequest", "The request URL is invalid: %s" % reason)


def internal_server_error(timestamp, subscription_id, request_id, correlation_id):
    """ARM's answer to a fault of its own: diagnostics to quote, never the fault's text (that goes to the log)."""
    return ArmError(500, "InternalServerError",
                    "Encountered internal server error. Diagnostic information: timestamp '%s', subscription id "
                    "'%s', tracking id '%s', request correlation id '%s'."
                    % (timestamp, subscription_id or "", request_id, correlation_id), gateway=False)


def subscription_not_found(subscription_id):
    return ArmError(404, "SubscriptionNotFound", "The subscription '%s' could not be found." % subscription_id)


def resource_group_not_found(name):
    return ArmError(404, "ResourceGroupNotFound", "Resource group '%s' could not be found." % name)


def resource_group_being_deleted(name):
    return ArmError(409, "ResourceGroupBeingDeleted",
                    "The resource group '%s' is in deprovisioning state and cannot perform this operation." % name)


def authorization_failed(principal, action, scope):
    return ArmError(
        403, "AuthorizationFailed",
        "The client '%s' with object id '%s' does not have authorization to perform action '%s' over scope '%s' "
        "or the scope is invalid. If access was recently granted, please refresh your credentials."
        % (principal.client_id or principal.object_id, principal.object_id, action, scope))


def route_not_found(path, api_version):
    # ARM names the unknown type when the path is provider-shaped, otherwise a plain 404.
    parts = [p for p in path.split("/") if p]
    lowered = [p.lower() for p in parts]
    if "providers" in lowered:
        i = len(lowered) - 1 - lowered[::-1].index("providers")
        if i + 2 < len(parts):
            return ArmError(404, "InvalidResourceType",
                            "The resource type '%s' could not be found in the namespace '%s' for api version '%s'."
                            % (parts[i + 2], parts[i + 1], api_version))
    return ArmError(404, "NotFound", "The requested resource '%s' was not found." % path)


def method_not_allowed(method):
    return ArmError(405, "MethodNotAllowed", "The requested resource does not support http method '%s'." % method)


# --- Generic resources, providers and locks ---------------------------------------------------

def resource_not_found(type_path, group):
    return ArmError(404, "ResourceNotFound",
                    "The Resource '%s' under resource group '%s' was not found. For more details please go to "
                    "https://aka.ms/ARMResourceNotFoundFix" % (type_path, group))


def parent_resource_not_found(parent_name):
    return ArmError(404, "ParentResourceNotFound", "Can not perform requested operation on nested resource. "
                    "Parent resource '%s' not found." % parent_name, gateway=False)


def invalid_resource_namespace(namespace):
    return ArmError(400, "InvalidResourceNamespace", "The resource namespace '%s' is invalid." % namespace)


def invalid_resource_type(resource_type, namespace, api_version):
    return ArmError(404, "InvalidResourceType",
                    "The resource type '%s' could not be found in the namespace '%s' for api version '%s'."
                    % (resource_type, namespace, api_version))


def no_registered_provider_found(location, api_version, resource_type, versions, locations):
    return ArmError(400, "NoRegisteredProviderFound",
                    "No registered resource provider found for location '%s' and API version '%s' for type '%s'. "
                    "The supported api-versions are '%s'. The supported locations are '%s'."
                    % (location, api_version, resource_type, ", ".join(versions), ", ".join(locations)))


def missing_subscription_registration(namespace):
    message = ("The subscription is not registered to use namespace '%s'. See https://aka.ms/rps-not-found for how "
               "to register subscriptions." % namespace)
    return ArmError(409, "MissingSubscriptionRegistration", message,
                    details=[{"code": "MissingSubscriptionRegistration", "target": namespace, "message": message}])


def scope_locked(scope, operation, locked_scopes):
    return ArmError(409, "ScopeLocked",
                    "The scope '%s' cannot perform %s operation because following scope(s) are locked: '%s'. "
                    "Please remove the lock and try again." % (scope, operation, "','".join(locked_scopes)))


def location_required():
    return ArmError(400, "LocationRequired", "The location property is required for this definition.")
