"""local principal, local federated-token and local approve: thin functions over azcli.emulator's directory surface,
on the local cloud of this config dir (the one `azcli local serve` serves from the same dir)."""
import os

from azcli.session import clouds
from azcli.errors import AzCliError, InvalidArgumentValueError, ResourceNotFoundError, UsageError


def _call(func, *args, **kwargs):
    from azcli.emulator import LocalCloudError, NotFoundError
    try:
        return func(*args, **kwargs)
    except NotFoundError as ex:
        raise ResourceNotFoundError(str(ex)) from None
    except LocalCloudError as ex:
        raise AzCliError(str(ex)) from None


def create_principal(cmd, name, principal_type="service-principal", subscription_access=None, no_secret=False,
                     create_certificate=None, certificate=None, federated_subjects=None):
    """Create a principal in the local cloud; its secrets are shown only now."""
    from azcli import emulator
    if create_certificate and certificate:
        raise UsageError("Use --create-certificate or --certificate, not both.")
    if create_certificate and os.path.exists(create_certificate):
        raise UsageError("'{}' exists; --create-certificate writes a new file.".format(create_certificate))
    cert = None
    if certificate:
        try:
            with open(certificate, encoding="ascii") as handle:
                cert = handle.read()
        except (OSError, UnicodeError) as ex:
            raise InvalidArgumentValueError("Cannot read the certificate '{}': {}".format(certificate, ex)) from None
    elif create_certificate:
        cert = "new"
    access = _access(subscription_access)
    result = _call(emulator.add_principal, cmd.cli_ctx.config_dir, name, kind=principal_type, access=access,
                   secret=False if no_secret else None, certificate=cert, federated=federated_subjects or ())
    pem = result.pop("certificatePem", None)
    if pem is not None:
        from azcli.fileio import atomic_write
        atomic_write(create_certificate, pem, mode=0o600)
        result["certificatePath"] = os.path.abspath(create_certificate)
    if result.get("identityHeader"):
        result["identityEndpoint"] = _base(cmd.cli_ctx) + "/msi/token"
    return result


def _access(values):
    if not values:
        return "default"
    if len(values) == 1 and values[0].lower() in ("default", "none", "all"):
        return values[0].lower()
    return list(values)


def _base(cli_ctx):
    """Where the local cloud is reached from here: the active cloud when it is a local one."""
    cloud = clouds.active_cloud(cli_ctx)
    if cloud.builtin and not cloud.in_process:
        return clouds.LOCAL_ENDPOINT
    return cloud.resource_manager


def list_principals(cmd):
    """List the local cloud's principals (no secrets)."""
    from azcli import emulator
    return emulator.list_principals(cmd.cli_ctx.config_dir)


def show_principal(cmd, name):
    """Show a principal by name, client ID, object ID or user name."""
    from azcli import emulator
    return _call(emulator.show_principal, cmd.cli_ctx.config_dir, name)


def delete_principal(cmd, name):
    """Delete a principal and its access."""
    from azcli import emulator
    _call(emulator.delete_principal, cmd.cli_ctx.config_dir, name)


def grant_principal(cmd, name, subscription_access):
    """Give a principal access (Owner) to more subscriptions."""
    from azcli import emulator
    return _call(emulator.grant_access, cmd.cli_ctx.config_dir, name, _access(subscription_access))


def federated_token(cmd, name=None, subject=None, audience=None, lifetime=300, file=None):
    """Mint an OIDC token of the local issuer, as a CI platform gives its jobs."""
    from azcli import emulator
    if not (name or subject):
        raise UsageError("Give --name (a principal with a federated credential) or --subject.")
    if int(lifetime) <= 0:
        raise InvalidArgumentValueError("--lifetime must be a positive number of seconds.")
    token = _call(emulator.federated_token, cmd.cli_ctx.config_dir, name, subject, audience, int(lifetime))
    if file:
        from azcli.fileio import atomic_write
        atomic_write(file, token + "\n", mode=0o600)
        return None
    return {"token": token}


def approve_sign_in(cmd, user_code=None, user=None, deny=False):
    """Approve (or deny) a device-code or browser sign-in waiting for its user code; without a code, list them."""
    from azcli import emulator
    if user_code is None:
        if user or deny:
            raise UsageError("Give the user code of the sign-in to approve or deny.")
        return emulator.pending_sign_ins(cmd.cli_ctx.config_dir)
    if deny and user:
        raise UsageError("Use --user or --deny, not both.")
    return _call(emulator.approve_sign_in, cmd.cli_ctx.config_dir, user_code, user=user, approve=not deny)
