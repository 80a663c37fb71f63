"""The one factory for management clients: cloud endpoints, credential, subscription, transport.

For the embedded local cloud the transport hands each request to the emulator's WSGI app in
this process; everything above the transport is the real SDK and azure-identity code.
"""
from . import clouds, profile
from ..errors import AuthenticationError, AzCliError


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
        if self.transport is not None:
            kwargs["transport"] = self.transport
        return kwargs


def list_subscriptions(cloud, credential, transport=None):
    """The subscriptions credential can see in cloud, as the API's dicts (camelCase)."""
    from azure.mgmt.resource.subscriptions import SubscriptionClient
    kwargs = {"base_url": cloud.resource_manager, "credential_scopes": [cloud.arm_scope],
              "user_agent": _user_agent()}
    if transport is not None:
        kwargs["transport"] = transport
    client = SubscriptionClient(credential, **kwargs)
    return [s.as_dict() for s in client.subscriptions.list()]


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
                                              RetryPolicy, UserAgentPolicy)
    policies = [HeadersPolicy(), UserAgentPolicy(_user_agent()), RetryPolicy()]
    if scope:
        policies.append(BearerTokenCredentialPolicy(get_context(cli_ctx).credential, scope))
    policies.append(NetworkTraceLoggingPolicy())
    kwargs = {"policies": policies}
    transport = transport_for(cli_ctx, cloud)
    if transport is not None:
        kwargs["transport"] = transport
    return PipelineClient(base_url=cloud.resource_manager, **kwargs)
