"""The deployment request (template, parameters, mode, rollback) and the validate and create calls.

The core waits for long-running operations; these calls hand it pollers wrapped so that what a
deployment's result means (a validation `error`, a failed deployment's causes) is worked out where
the result arrives, whether the core waits or the caller does.
"""
from .._errors import arm_error_of, deployment_failure, validation_failure
from .._parameters import complete_parameters, parse_parameters
from .._prompt import Prompter
from .._template import load_template

VALIDATION_STATUSES = (400, 422)


class TemplateArgs:
    """The arguments every template command shares (what to deploy, with which parameters)."""

    def __init__(self, template_file=None, template_uri=None, template_spec=None, query_string=None,
                 parameters=None, no_prompt=None):
        self.template_file = template_file
        self.template_uri = template_uri
        self.template_spec = template_spec
        self.query_string = query_string
        self.parameters = parameters
        self.no_prompt = bool(no_prompt)


class ResultPoller:
    """An azure-core poller whose result and failure are translated: on_result(value) is what result()
    returns; on_error(HttpResponseError) gives the error to raise instead (None: the original)."""

    def __init__(self, poller, on_result=None, on_error=None):
        self._poller = poller
        self._on_result = on_result
        self._on_error = on_error

    def done(self):
        return self._poller.done()

    def polling_method(self):
        return self._poller.polling_method()

    def wait(self, timeout=None):
        self._guard(self._poller.wait, timeout)

    def result(self, timeout=None):
        value = self._guard(self._poller.result, timeout)
        return self._on_result(value) if self._on_result else value

    def _guard(self, call, *args):
        from azure.core.exceptions import HttpResponseError
        try:
            return call(*args)
        except HttpResponseError as ex:
            replacement = self._on_error(ex) if self._on_error else None
            if replacement is None:
                raise
            raise replacement from ex


def rollback_setting(rollback_on_error):
    """--rollback-on-error alone: the last successful deployment; with a name: that deployment."""
    if rollback_on_error is None:
        return None
    if rollback_on_error == "":
        return {"type": "LastSuccessful"}
    return {"type": "SpecificDeployment", "deploymentName": rollback_on_error}


def build_properties(cmd, args, mode="Incremental", rollback_on_error=None, prompter=None):
    """The deployment's `properties`: template (or templateLink), parameters (asked for on a terminal when
    missing), mode, onErrorDeployment."""
    source = load_template(args.template_file, args.template_uri, args.template_spec, args.query_string,
                           environ=cmd.cli_ctx.environ, cli_ctx=cmd.cli_ctx)
    definitions = source.parameter_definitions
    values = parse_parameters(definitions, args.parameters)
    values = complete_parameters(definitions, values, no_prompt=args.no_prompt,
                                 prompter=prompter if prompter is not None else Prompter())
    properties = source.properties()
    properties["parameters"] = values
    properties["mode"] = mode or "Incremental"
    on_error = rollback_setting(rollback_on_error)
    if on_error:
        properties["onErrorDeployment"] = on_error
    return properties


def _as_validation_error(ex, what):
    if getattr(ex, "status_code", None) not in VALIDATION_STATUSES:
        return None  # not found, conflict, auth...: the core's mapping applies
    return validation_failure(arm_error_of(ex) or {"message": str(ex)}, what)


def _validated(result):
    error = getattr(result, "error", None)
    if error:
        from azcli.framework.results import todict
        raise validation_failure(todict(error))
    return result


def begin_validate(client, scope, name, body):
    """POST .../validate, as a poller whose result raises DeploymentValidationError when ARM says no."""
    from azure.core.exceptions import HttpResponseError
    what = "The deployment '{}' at {} failed validation".format(name, scope)
    try:
        poller = scope.call(client.deployments, "begin_validate", name, body)
    except HttpResponseError as ex:
        error = _as_validation_error(ex, what)
        if error is None:
            raise
        raise error from ex
    return ResultPoller(poller, on_result=_validated, on_error=lambda ex: _as_validation_error(ex, what))


def diagnose_failure(client, scope, name, ex):
    """The error for a deployment whose long-running operation ended Failed/Canceled: the deployment's
    error tree and its failed operations. Failures of the polling requests themselves pass through."""
    from azure.core.exceptions import HttpResponseError
    from azcli.framework.results import todict
    if (getattr(ex, "status_code", None) or 200) >= 300:
        return None
    try:
        deployment = todict(scope.call(client.deployments, "get", name))
    except HttpResponseError:
        deployment = None
    try:
        operations = [todict(op) for op in scope.call(client.deployment_operations, "list", name)]
    except HttpResponseError:
        operations = []
    return deployment_failure(name, deployment, operations, fallback=arm_error_of(ex))


def begin_create(client, scope, name, body):
    """Validate, then PUT the deployment; a poller (the core waits, or reports it with --no-wait)."""
    from azure.core.exceptions import HttpResponseError
    begin_validate(client, scope, name, body).result()
    try:
        poller = scope.call(client.deployments, "begin_create_or_update", name, body)
    except HttpResponseError as ex:
        error = _as_validation_error(ex, "The deployment '{}' at {} was refused".format(name, scope))
        if error is None:
            raise
        raise error from ex
    return ResultPoller(poller, on_error=lambda ex: diagnose_failure(client, scope, name, ex))
