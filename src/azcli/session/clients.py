"""The one factory for management clients: cloud endpoints, credential, subscription, transport.

For the embedded local cloud the transport hands each request to the emulator's WSGI app in
this process; everything above the transport is the real SDK and azure-identity code.
"""
from ..logs import get_logger

from . import clouds, profile
from .timeouts import http_timeout
from ..errors import AuthenticationError, AzCliError

logger = get_logger(__name__)


def local_app(cli_ctx):
    """The embedded local cloud's WSGI app over this config dir (one per process)."""
    app = getattr(cli_ctx, "_local_app", None)
    if app is None:
        from ..emulator import create_app
        app = create_app(cli_ctx.config_dir)
        cli_ctx._local_app = app  # pylint: disable=protected-access
    return app


def transport_for(cli_ctx, cloud):
    if not cloud.in_process:
        return None
    from .inprocess import wsgi_transport
    return wsgi_transport(local_app(cli_ctx))


class Context:
    """Who and where a command runs: cloud, subscription entry, credential, transport.

    Signed in (profile.json has subscriptions in the active cloud): the stored credential of the
    subscription's account. Not signed in, with AZURE_CLIENT_ID/AZURE_TENANT_ID and a credential in
    the environment: environment mode, which writes nothing to the config dir.
    """

    def __init__(self, cli_ctx, subscription=None):
        self.cli_ctx = cli_ctx
        self.cloud = clouds.active_cloud(cli_ctx)
        self._transport = None
        self.env_entry = None
        wanted = subscription or _subscription_flag(cli_ctx)
        if not profile.subscriptions_for_cloud(cli_ctx, self.cloud.name):
            from .env_credentials import entry_from_environment
            self.env_entry = entry_from_environment(cli_ctx.environ)
        if self.env_entry is not None:
            self.credential = self._environment_credential()
            self.subscription = self._environment_subscription(wanted or cli_ctx.environ.get("AZURE_SUBSCRIPTION_ID"))
        else:
            self.subscription = profile.current_subscription(cli_ctx, self.cloud, wanted)
            self.credential = credential_for(cli_ctx, self.cloud, self.subscription, lambda: self.transport)

    @property
    def env_mode(self):
        return self.env_entry is not None

    def _environment_credential(self):
        from .auth import ProfileCredential
        from .tokens import MemoryTokenCache
        entry = self.env_entry
        return ProfileCredential(self.cli_ctx, self.cloud, entry["tenant"], entry["clientId"], entry,
                                 lambda: self.transport, cache=MemoryTokenCache())

    def _environment_subscription(self, wanted):
        from .env_credentials import looks_like_guid, subscription_entry
        if wanted and looks_like_guid(wanted):
            return subscription_entry(self.cloud, self.env_entry, wanted)
        visible = self.list_subscriptions()
        if wanted:
            found = profile.match([subscription_entry(self.cloud, self.env_entry, s) for s in visible], wanted)
            if found is None:
                raise AzCliError("Subscription '{}' not found for {}.".format(wanted, self.env_entry["clientId"]))
            return found
        if not visible:
            raise AuthenticationError("No subscriptions found for {} (from the environment). Set "
                                      "AZURE_SUBSCRIPTION_ID or grant it access.".format(self.env_entry["clientId"]))
        return subscription_entry(self.cloud, self.env_entry, visible[0])

    def list_subscriptions(self):
        return list_subscriptions(self.cloud, self.credential, self.transport)

    @property
    def transport(self):
        """Built on first use: a command served from the token cache needs no HTTP stack."""
        if self._transport is None:
            self._transport = transport_for(self.cli_ctx, self.cloud)
        return self._transport

    @property
    def subscription_id(self):
        return self.subscription["id"]

    def client_kwargs(self):
        kwargs = {"credential": self.credential, "base_url": self.cloud.resource_manager,
                  "credential_scopes": [self.cloud.arm_scope], "user_agent": _user_agent()}
        kwargs.update(network_kwargs(self.cli_ctx))
        if self.transport is not None:
            kwargs["transport"] = self.transport
        return kwargs


def list_subscriptions(cloud, credential, transport=None):
    """The subscriptions credential can see in cloud, as the API's dicts (camelCase)."""
    from azure.mgmt.resource.subscriptions import SubscriptionClient
    kwargs = {"base_url": cloud.resource_manager, "credential_scopes": [cloud.arm_scope],
              "user_agent": _user_agent()}
    kwargs.update(network_kwargs(credential.cli_ctx) if hasattr(credential, "cli_ctx") else {})
    if transport is not None:
        kwargs["transport"] = transport
    client = SubscriptionClient(credential, **kwargs)
    return [s.as_dict() for s in client.subscriptions.list()]


def network_kwargs(cli_ctx):
    """Client options every request shares: the global network timeout (connect, each read, and all the
    retries of one call) and a retry policy that names each retry (--verbose)."""
    timeout = http_timeout(cli_ctx)
    return {"connection_timeout": timeout, "read_timeout": timeout,
            "retry_policy": logged_retry_policy(timeout=timeout)}


# azure-core's defaults but for 6 (not 3) retries of each kind, and backoffs of at most 16 s (not 120 s).
RETRY_SETTINGS = {"retry_total": 10, "retry_connect": 6, "retry_read": 6, "retry_status": 6, "retry_backoff_max": 16}


def logged_retry_policy(**kwargs):
    """azure-core's RetryPolicy (Retry-After honoured), logging each retry at INFO (shown by --verbose)."""
    from azure.core.exceptions import AzureError
    from azure.core.pipeline.policies import RetryPolicy

    class LoggedRetryPolicy(RetryPolicy):
        def increment(self, settings, response=None, error=None):
            retrying = super().increment(settings, response=response, error=error)
            if retrying:
                request = getattr(response, "http_request", None)
                http_response = getattr(response, "http_response", None)
                if error is not None:
                    why = " ".join(str(error).split())[:200] or type(error).__name__
                else:
                    why = "status {}".format(getattr(http_response, "status_code", "?"))
                    after = http_response.headers.get("Retry-After") if http_response is not None else None
                    if after:
                        why += ", Retry-After {} s".format(after)
                logger.info("Retrying %s %s (%s); %d retries left.", getattr(request, "method", "?"),
                            getattr(request, "url", "?").split("?")[0], why, settings["total"])
            return retrying

        def _is_method_retryable(self, settings, request, response=None):
            """Also PATCH (ARM's merge patches and tag patches are idempotent) and the read-only POSTs of
            deployments (validate, whatIf) after a dropped connection, like the methods azure-core retries."""
            path = request.url.split("?")[0].rstrip("/").lower()
            if request.method.upper() == "PATCH" or request.method.upper() == "POST" and path.endswith(
                    ("/validate", "/whatif")):
                return True
            return super()._is_method_retryable(settings, request, response=response)

        def send(self, request):
            """Notes on the request (or the error) how often it was retried, for the final error message."""
            try:
                response = super().send(request)
            except AzureError as error:
                error.azcli_retries = (request.context.get("retry_count", 0), request.http_request.method,
                                       request.http_request.url.split("?")[0])
                raise
            retries = request.context.get("retry_count", 0)
            if retries:
                response.http_response.request.azcli_retries = (retries, request.http_request.method,
                                                                request.http_request.url.split("?")[0])
            return response
    return LoggedRetryPolicy(**dict(RETRY_SETTINGS, **kwargs))


def _user_agent():
    from .. import __version__
    return "azcli/{}".format(__version__)


def _subscription_flag(cli_ctx):
    invocation = getattr(cli_ctx, "invocation", None)
    return invocation.data.get("subscription") if invocation else None


def credential_for(cli_ctx, cloud, subscription, transport_factory):
    from .auth import ProfileCredential
    user = subscription.get("user", {})
    tenant = subscription["tenantId"]
    entry = profile.find_credential(cli_ctx, cloud.name, tenant, user.get("name", ""))
    if entry is None:
        raise AuthenticationError("No stored credential for '{}'. Run 'azcli login' again."
                                  .format(user.get("name")))
    return ProfileCredential(cli_ctx, cloud, tenant, user.get("name"), entry, transport_factory,
                             on_entry_changed=lambda changed: profile.save_credential(cli_ctx, changed))


def get_context(cli_ctx):
    ctx = getattr(cli_ctx, "_azcli_context", None)
    if ctx is None:
        ctx = Context(cli_ctx)
        cli_ctx._azcli_context = ctx  # pylint: disable=protected-access
    return ctx


def mgmt_client(cli_ctx, client_cls, subscription_bound=True, **extra):
    """A management client for the active cloud and the command's subscription."""
    ctx = get_context(cli_ctx)
    kwargs = ctx.client_kwargs()
    kwargs.update(extra)
    if subscription_bound:
        return client_cls(subscription_id=ctx.subscription_id, **kwargs)
    return client_cls(**kwargs)


def request_pipeline(cli_ctx, cloud, scope=None):
    """An azure-core pipeline for requests to any URL (`rest`): the user agent, retries, network trace
    logging and transport the management clients have, and a bearer token for scope (none without).

    Signing in is needed only for the token: a request without one goes out as it is.
    """
    from azure.core import PipelineClient
    from azure.core.pipeline.policies import (BearerTokenCredentialPolicy, HeadersPolicy, NetworkTraceLoggingPolicy,
                                              UserAgentPolicy)
    timeout = http_timeout(cli_ctx)
    policies = [HeadersPolicy(), UserAgentPolicy(_user_agent()), logged_retry_policy(timeout=timeout)]
    if scope:
        policies.append(BearerTokenCredentialPolicy(get_context(cli_ctx).credential, scope))
    policies.append(NetworkTraceLoggingPolicy())
    kwargs = {"policies": policies, "connection_timeout": timeout, "read_timeout": timeout}
    transport = transport_for(cli_ctx, cloud)
    if transport is not None:
        kwargs["transport"] = transport
    return PipelineClient(base_url=cloud.resource_manager, **kwargs)
