"""azcli login: every way to sign in, through azure-identity, ending in one place (_sign_in).

Never prompts when stdin is not a terminal: without a credential on the command line it fails
with a message naming the non-interactive ways instead.
"""
import os
import sys

from azcli.session import clients, clouds, profile
from azcli.framework.argtypes import read_text_argument
from azcli.errors import AuthenticationError, RequiredArgumentMissingError, UsageError

from .listing import as_listed


def login(cmd, local=False, service_principal=False, username=None, password=None, certificate=None,
          tenant=None, allow_no_subscriptions=False, federated_token=None, federated_token_file=None,
          identity=False, client_id=None, object_id=None, resource_id=None, use_device_code=False):
    """Sign in to Azure (or, with --local, to the built-in local cloud)."""
    cli_ctx = cmd.cli_ctx
    if local:
        from azcli.emulator import local_identity
        found = local_identity(cli_ctx.config_dir)
        cloud = clouds.get_cloud(cli_ctx, clouds.LOCAL_CLOUD_NAME)
        entry = {"type": "secret", "clientId": found["clientId"], "clientSecret": found["clientSecret"]}
        return _sign_in(cmd, cloud, found["tenantId"], entry, allow_no_subscriptions)
    cloud = clouds.active_cloud(cli_ctx)
    if identity:
        return _managed_identity(cmd, cloud, username, client_id, object_id, resource_id, allow_no_subscriptions)
    if service_principal or password or certificate or federated_token or federated_token_file:
        return _service_principal(cmd, cloud, username, password, certificate, tenant, federated_token,
                                  federated_token_file, allow_no_subscriptions)
    return _user(cmd, cloud, tenant, use_device_code, allow_no_subscriptions)


def _service_principal(cmd, cloud, username, password, certificate, tenant, federated_token, federated_token_file,
                       allow_no_subscriptions):
    if not username or not tenant:
        raise RequiredArgumentMissingError("A service principal sign-in needs --username (the client ID) and "
                                           "--tenant.")
    environ = cmd.cli_ctx.environ
    from azcli.framework.redaction import add_secret
    # Each of these may come from stdin ('-'): read once, and mask in every later log line.
    password = read_text_argument(password).strip() if password else password
    federated_token = read_text_argument(federated_token).strip() if federated_token else federated_token
    for value in (password, federated_token):
        add_secret(cmd.cli_ctx, value)
    entry = {"clientId": username}
    if certificate:
        path = os.path.abspath(os.path.expanduser(certificate))
        if not os.path.isfile(path):
            raise UsageError("The certificate file '{}' does not exist.".format(certificate))
        entry.update(type="certificate", certificatePath=path)
        if password:
            entry["certificatePassword"] = password
    elif federated_token_file:
        entry.update(type="federated", tokenFile=os.path.abspath(os.path.expanduser(federated_token_file)))
    elif federated_token:
        token = federated_token
        entry.update(type="federated", assertion=token)
        token_file = environ.get("AZURE_FEDERATED_TOKEN_FILE")
        if token_file and _file_text(token_file) == token:
            # The token came from the CI platform's file: keep reading the file, which it keeps current.
            entry = {"clientId": username, "type": "federated", "tokenFile": os.path.abspath(token_file)}
    elif password:
        entry.update(type="secret", clientSecret=password)
    elif environ.get("AZURE_FEDERATED_TOKEN_FILE"):
        entry.update(type="federated", tokenFile=os.path.abspath(environ["AZURE_FEDERATED_TOKEN_FILE"]))
    else:
        raise RequiredArgumentMissingError("A service principal sign-in needs --password, --certificate, "
                                           "--federated-token or --federated-token-file.")
    return _sign_in(cmd, cloud, tenant, entry, allow_no_subscriptions)


def _file_text(path):
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read().strip()
    except OSError:
        return None


def _managed_identity(cmd, cloud, username, client_id, object_id, resource_id, allow_no_subscriptions):
    if username and not (client_id or object_id or resource_id):
        if username.startswith("/"):
            resource_id = username
        else:
            client_id = username
    given = [v for v in (client_id, object_id, resource_id) if v]
    if len(given) > 1:
        raise UsageError("Use only one of --client-id, --object-id and --resource-id.")
    entry = {"type": "managedIdentity"}
    if client_id:
        entry["clientId"], info = client_id, "MSIClient-" + client_id
    elif object_id:
        entry["objectId"], info = object_id, "MSIObject-" + object_id
    elif resource_id:
        entry["resourceId"], info = resource_id, "MSIResource-" + resource_id
    else:
        info = "MSI"
    entry["account"] = "userAssignedIdentity" if given else "systemAssignedIdentity"
    return _sign_in(cmd, cloud, None, entry, allow_no_subscriptions, assigned_identity_info=info)


def _user(cmd, cloud, tenant, use_device_code, allow_no_subscriptions):
    """A person: browser sign-in where a browser exists, else (or with --use-device-code) device code."""
    if not _stdin_is_terminal():
        raise UsageError(
            "Interactive sign-in needs a terminal, and stdin is not one. Sign in with --service-principal "
            "(-p, --certificate or --federated-token), --identity, or 'azcli login --local'; or set AZURE_CLIENT_ID, "
            "AZURE_TENANT_ID and AZURE_CLIENT_SECRET (or a certificate or federated token file) to run without "
            "signing in.")
    from azcli.session import auth
    flow = "device_code" if use_device_code or not _browser_available(cmd.cli_ctx.environ) else "browser"
    cache = auth.msal_cache({})
    entry = {"type": "user", "flow": flow, "clientId": auth.PUBLIC_CLIENT_ID}
    if flow == "device_code" and not use_device_code:
        print("No web browser is available; signing in with a device code.", file=sys.stderr)
    transport = clients.transport_for(cmd.cli_ctx, cloud)

    def prompt(verification_uri, user_code, expires_on):  # pylint: disable=unused-argument
        # The device-code instructions go to stderr: stdout carries only the command's result.
        print("To sign in, use a web browser to open the page {} and enter the code {} to authenticate."
              .format(verification_uri, user_code), file=sys.stderr)
        sys.stderr.flush()
    credential = auth.user_credential(cloud, tenant, entry, auth.identity_options(cloud, transport), cache,
                                      prompt_callback=prompt, interactive=True)
    from azure.core.exceptions import ClientAuthenticationError  # CredentialUnavailableError too
    try:
        record = credential.authenticate(scopes=[cloud.arm_scope])
    except ClientAuthenticationError as ex:
        raise AuthenticationError("Sign-in failed: {}".format(" ".join(str(ex).split()))) from ex
    entry.update(username=record.username, homeAccountId=record.home_account_id, authorityHost=record.authority,
                 homeTenant=record.tenant_id, account=record.username)
    return _sign_in(cmd, cloud, tenant or record.tenant_id, entry, allow_no_subscriptions, identity=credential,
                    msal_token_cache=cache, user_type="user")


def _stdin_is_terminal():
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def _browser_available(environ):
    """A browser can be opened: BROWSER names one, or a desktop session (or macOS/Windows) exists."""
    if environ.get("BROWSER"):
        return True
    if sys.platform in ("darwin", "win32"):
        return True
    if not (environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY")):
        return False
    import webbrowser
    try:
        webbrowser.get()
        return True
    except webbrowser.Error:
        return False


def _sign_in(cmd, cloud, tenant, entry, allow_no_subscriptions, identity=None, msal_token_cache=None,
             user_type="servicePrincipal", assigned_identity_info=None):
    """Get a token (so wrong credentials fail here), list the subscriptions, save the profile."""
    from azcli.session import tokens
    from azcli.session.auth import ProfileCredential
    cli_ctx = cmd.cli_ctx
    account = entry.get("account") or entry["clientId"]
    entry = dict(entry, account=account)
    transport = clients.transport_for(cli_ctx, cloud)
    credential = ProfileCredential(cli_ctx, cloud, tenant or "", account, entry, lambda: transport,
                                   cache=tokens.MemoryTokenCache(), identity=identity)
    credential.get_token(cloud.arm_scope)
    subscriptions = clients.list_subscriptions(cloud, credential, transport)
    if tenant is None:
        tenant = next((s.get("tenantId") for s in subscriptions if s.get("tenantId")), None) or _token_tenant(
            credential.get_token(cloud.arm_scope).token)
    user = {"name": account, "type": user_type}
    if assigned_identity_info:
        user["assignedIdentityInfo"] = assigned_identity_info
    entries = [{"id": s["subscriptionId"], "name": s.get("displayName"), "state": s.get("state"),
                "tenantId": s.get("tenantId") or tenant, "homeTenantId": s.get("tenantId") or tenant,
                "managedByTenants": s.get("managedByTenants") or [], "environmentName": cloud.name,
                "isDefault": False, "user": dict(user)} for s in subscriptions]
    if not entries:
        if not allow_no_subscriptions:
            raise AuthenticationError("No subscriptions found for {}. Use --allow-no-subscriptions to sign in "
                                      "for tenant-level access.".format(account))
        entries = [{"id": tenant, "name": "N/A(tenant level account)", "state": "Enabled", "tenantId": tenant,
                    "homeTenantId": tenant, "managedByTenants": [], "environmentName": cloud.name,
                    "isDefault": False, "user": dict(user)}]
    if msal_token_cache is not None:
        entry["msalCache"] = msal_token_cache.serialize()
    entry = dict(entry, cloud=cloud.name, tenant=tenant)
    tokens.clear_tokens(cli_ctx, cloud.name, account)
    profile.save_login(cli_ctx, cloud.name, entries, entry)
    clouds.set_active_cloud(cli_ctx, cloud.name)
    token = credential.get_token(cloud.arm_scope)
    tokens.store_token(cli_ctx, cloud.name, tenant, account, cloud.arm_scope, token.token, token.expires_on)
    return [as_listed(e) for e in profile.subscriptions_for_cloud(cli_ctx, cloud.name)
            if e["user"]["name"].lower() == account.lower()]


def _token_tenant(token):
    """The tid claim of a JWT access token (no verification: only to label the sign-in)."""
    import base64
    import json
    try:
        payload = token.split(".")[1]
        return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))).get("tid")
    except (IndexError, ValueError):
        return None
