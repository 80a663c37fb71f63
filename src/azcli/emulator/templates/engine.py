"""The deployment engine: ``prepare`` validates a template and plans it, ``deploy`` runs the plan wave by
wave on a Host, ``what_if`` (whatif.py) predicts what a deployment would change."""

import hashlib
import json

from .context import EvalContext
from .engine_outputs import evaluate_outputs
from .engine_records import deployment_failed, operation, utc_now
from .engine_resolver import DEPLOY, PLAN, Resolver
from .errors import TemplateError
from .host import HostError
from .params import Parameters
from .plan import Plan, Variables
from .plan_body import NotDeployed, evaluate_resource, evaluate_value
from .plan_ids import scope_id

_TOP_LEVEL = {k.lower(): k for k in ("$schema", "contentVersion", "apiProfile", "parameters", "variables", "functions",
                                     "resources", "outputs", "metadata", "definitions", "languageVersion", "imports",
                                     "extensions")}
_LANGUAGE_VERSIONS = ("1.0", "1.9-experimental", "2.0", "2.1-experimental")
_MODES = {"incremental": "Incremental", "complete": "Complete"}
_DEFAULT_ENVIRONMENT = {
    "name": "AzureCloud", "gallery": "https://gallery.azure.com/", "graph": "https://graph.windows.net/",
    "portal": "https://portal.azure.com", "graphAudience": "https://graph.windows.net/",
    "activeDirectoryDataLake": "https://datalake.azure.net/", "batch": "https://batch.core.windows.net/",
    "media": "https://rest.media.azure.net", "sqlManagement": "https://management.core.windows.net:8443/",
    "vmImageAliasDoc": "https://raw.githubusercontent.com/Azure/azure-rest-api-specs/main/arm-compute/quickstart-"
                       "templates/aliases.json",
    "resourceManager": "https://management.azure.com/",
    "authentication": {"loginEndpoint": "https://login.microsoftonline.com/",
                       "audiences": ["https://management.core.windows.net/", "https://management.azure.com/"],
                       "tenant": "common", "identityProvider": "AAD"},
    "suffixes": {"acrLoginServer": ".azurecr.io", "azureDatalakeAnalyticsCatalogAndJob": "azuredatalakeanalytics.net",
                 "azureDatalakeStoreFileSystem": "azuredatalakestore.net", "azureFrontDoorEndpointSuffix": "azurefd.net",
                 "keyvaultDns": ".vault.azure.net", "sqlServerHostname": ".database.windows.net",
                 "storage": "core.windows.net"},
}


def _invalid(reason):
    return TemplateError(f"Deployment template validation failed: '{reason}'.")


def validate_shape(template):
    """ARM's checks of a template's outline, before anything is evaluated."""
    if not isinstance(template, dict):
        raise TemplateError("Deployment template parse failed: 'The template must be a JSON object.'.")
    for key in template:
        if key.lower() not in _TOP_LEVEL:
            raise TemplateError(f"Deployment template parse failed: 'Could not find member '{key}' on object of type "
                                f"'Template'. Path '{key}', line 1, position 1.'.")
    for required in ("$schema", "resources"):
        if required not in template:
            raise _invalid(f"Required property '{required}' not found in JSON. Path '', line 1, position 1.")
    version = template.get("languageVersion")
    if version is not None and version not in _LANGUAGE_VERSIONS:
        raise _invalid(f"The template language version '{version}' is not supported. The supported versions are "
                       f"'{', '.join(_LANGUAGE_VERSIONS)}'.")
    for section in ("parameters", "variables", "outputs", "definitions"):
        if template.get(section) is not None and not isinstance(template[section], dict):
            raise _invalid(f"The template '{section}' section must be a JSON object.")
    from .expressions import expression_strings, parse  # syntax errors surface before anything deploys
    for text in expression_strings(template):
        parse(text)
    _check_parameter_only_functions(template)


def _check_parameter_only_functions(template):
    """utcNow() and newGuid() may only appear in parameter defaults (of this template or a nested one)."""
    from .expressions import function_calls

    def outside_defaults(value):
        if isinstance(value, dict):
            for key, item in value.items():
                if key == "template" and isinstance(item, dict) and "resources" in item:
                    yield from outside_defaults({k: v for k, v in item.items() if k != "parameters"})
                else:
                    yield from outside_defaults(item)
        elif isinstance(value, list):
            for item in value:
                yield from outside_defaults(item)
        elif isinstance(value, str) and value[:1] == "[":
            yield value

    sections = {k: v for k, v in template.items() if k in ("variables", "resources", "outputs")}
    for name, _ in function_calls(list(outside_defaults(sections))):
        if name in ("utcnow", "newguid"):
            spelled = "utcNow" if name == "utcnow" else "newGuid"
            raise _invalid(f"The template function '{spelled}' is not expected at this location. The function can only "
                           f"be used with parameter default values. Please see https://aka.ms/arm-template-expressions "
                           f"for usage details.")


def template_hash(template):
    """A stable decimal hash of the template, like ARM's ``templateHash``."""
    canonical = json.dumps(template, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return str(int.from_bytes(hashlib.sha256(canonical.encode("utf-8")).digest()[:8], "big"))


class Prepared:
    """A validated, planned deployment: everything ``deploy`` and ``what_if`` need."""

    def __init__(self, **fields):
        self.__dict__.update(fields)

    @property
    def deployment_id(self):
        return f"{scope_id(self.scope)}/providers/Microsoft.Resources/deployments/{self.name}"


class Result:
    """The outcome of ``deploy``, in ARM's shapes."""

    def __init__(self, provisioning_state, outputs, output_resources, dependencies, operations, error,
                 started, ended, document=None):
        self.provisioning_state = provisioning_state
        self.outputs = outputs
        self.output_resources = output_resources
        self.dependencies = dependencies
        self.operations = operations
        self.error = error
        self.started = started
        self.ended = ended
        self.document = document


def prepare(template, parameters, *, scope, name, mode="Incremental", host, deployer=None, template_link=None,
            now=None, correlation_id=None, location=None, outer=None):
    """Validate and plan a deployment. ``outer`` is the parent Prepared of an outer-scope nested template,
    whose parameters, variables, functions and scope its expressions see."""
    validate_shape(template)
    mode_name = _MODES.get(str(mode).lower())
    if mode_name is None:
        raise TemplateError(f"The deployment mode '{mode}' is not valid. Allowed values are 'Incremental, Complete'.",
                            code="InvalidDeploymentMode")
    if mode_name == "Complete" and scope.level != "resourceGroup":
        raise TemplateError("The deployment mode 'Complete' is only supported for deployments to a resource group.",
                            code="InvalidDeploymentMode")
    now = now or utc_now()
    resolver = Resolver(host, PLAN)
    metadata = {k: template[k] for k in ("$schema", "contentVersion", "metadata") if k in template}
    deployment = {"name": name, "properties": {"template": metadata, "templateHash": template_hash(template),
                                               "parameters": {}, "mode": mode_name, "provisioningState": "Accepted"}}
    if template_link:
        deployment["properties"]["templateLink"] = template_link
    if location:
        deployment["location"] = location
    environment = host.environment() if hasattr(host, "environment") else _DEFAULT_ENVIRONMENT

    inherited = (outer.parameters, outer.variables) if outer is not None else None
    if outer is not None:
        eval_scope, functions, deployment = outer.ctx.scope, outer.template.get("functions"), outer.ctx.deployment
    else:
        eval_scope, functions = scope, template.get("functions")

    def context(parameters_source, variables_source, with_resolver):
        return EvalContext(scope=eval_scope, parameters=parameters_source, variables=variables_source,
                           functions=functions, deployment=deployment, environment=environment, deployer=deployer,
                           resolver=resolver if with_resolver else None, now=now)

    if inherited is None:
        params = Parameters(template.get("parameters"), parameters, definitions=template.get("definitions"),
                            make_context=lambda lookup: context(lookup, None, False), secret_reader=_secret_reader(host))
        deployment["properties"]["parameters"] = params.record
        variables = Variables(template.get("variables"), lambda source: context(params.lookup, source, False))
    else:
        params, variables = inherited
    ctx = context(params.lookup, variables, True)
    try:
        plan = Plan(template, ctx, scope)
    except HostError as error:
        raise _not_valid(name, error.to_arm()) from None
    except TemplateError as error:
        if error.code == "InvalidTemplate" or error.code.startswith("InvalidDeployment"):
            raise
        raise _not_valid(name, error.to_arm()) from None
    resolver.plan = plan
    return Prepared(template=template, scope=scope, name=name, mode=mode_name, location=location,
                    parameters=params, parameters_record=params.record if outer is None else {},
                    variables=variables, plan=plan, resolver=resolver, ctx=ctx,
                    template_hash=deployment["properties"]["templateHash"], template_link=template_link,
                    correlation_id=correlation_id or _guid(), now=now, deployer=deployer, outer=outer,
                    validated_resources=[{"id": inst.id} for inst in plan.active])


def _not_valid(name, detail):
    """ARM's wrapper for a deployment refused in validation for a reason other than the template itself."""
    return TemplateError(f"The template deployment '{name}' is not valid according to the validation procedure. "
                         f"See inner errors for details.", code="InvalidTemplateDeployment", details=[detail])


def _guid():
    from .engine_records import _guid as make
    return make()


def _secret_reader(host):
    reader = getattr(host, "key_vault_secret", None)
    if reader is None:
        return None

    def read(vault_id, secret_name, version):
        try:
            return reader(vault_id, secret_name, version)
        except HostError as error:
            raise TemplateError(error.message, code=error.code, details=error.details) from None
    return read


# --- deploying -------------------------------------------------------------------------------------

def deploy(prepared, host):
    """Deploy every planned resource in dependency order, then outputs (and Complete-mode deletions)."""
    from .engine_nested import deploy_nested

    started = utc_now()
    resolver = prepared.resolver
    resolver.host, resolver.phase = host, DEPLOY
    plan = prepared.plan
    state, operations, failures, produced = {}, [], [], []
    for wave in plan.waves:
        for inst in wave:
            if any(state.get(dep.key) in ("failed", "blocked") for dep in inst.depends + inst.order_after):
                state[inst.key] = "blocked"  # ARM never starts a resource whose dependencies failed
                continue
            began = utc_now()
            try:
                if inst.active is None and not _decide_condition(inst):
                    state[inst.key] = "skipped"
                    continue
                if inst.is_deployment:
                    doc, nested = deploy_nested(prepared, inst, host, prepare, deploy)
                    produced.extend(nested.output_resources)
                    status = 201 if nested.provisioning_state == "Succeeded" else 400
                    if nested.error:
                        raise _NestedFailed(nested.error)
                else:
                    doc, status = _put(inst, host)
                    produced.append({"id": inst.id})
                resolver.deployed[inst.key] = doc
                state[inst.key] = "succeeded"
                operations.append(operation(inst.target(), "Succeeded", began, utc_now(), status))
            except (HostError, TemplateError, _NestedFailed, NotDeployed) as problem:
                state[inst.key] = "failed"
                error, status = _failure(problem, inst)
                failures.append(error)
                operations.append(operation(inst.target(), "Failed", began, utc_now(), status, error))
    if not failures and prepared.mode == "Complete":
        failures.extend(_complete_mode_deletions(prepared, host, produced, operations))
    outputs = {}
    if not failures:
        try:
            outputs = evaluate_outputs(prepared.template.get("outputs"), prepared.ctx,
                                       prepared.template.get("definitions"))
        except TemplateError as error:
            failures.append(error.to_arm())
    from .engine_records import dependencies
    return Result("Failed" if failures else "Succeeded", outputs, produced, dependencies(plan.active), operations,
                  deployment_failed(failures) if failures else None, started, utc_now())


class _NestedFailed(Exception):
    def __init__(self, error):
        super().__init__(error.get("message"))
        self.error = error


def _failure(problem, inst):
    """(the operation's error, its HTTP status) for whatever stopped a resource."""
    if isinstance(problem, HostError):
        return problem.to_arm(target=inst.id), problem.status
    if isinstance(problem, _NestedFailed):
        return dict(problem.error, target=inst.id), 400
    if isinstance(problem, NotDeployed):
        from .engine_resolver import not_found
        return not_found(problem.resource_id).to_arm(), 404
    error = problem.to_arm()
    error.setdefault("target", inst.id)
    return error, 404 if problem.code == "ResourceNotFound" else 400


def _decide_condition(inst):
    value = evaluate_value(inst.declaration["condition"], inst.ctx)
    if not isinstance(value, bool):
        raise TemplateError(f"The template resource '{inst.name}' has a condition that does not evaluate to a boolean.")
    inst.active = value
    return value


def _put(inst, host):
    body = evaluate_resource(inst)
    existed = host.get(inst.id, inst.api_version) is not None
    return host.put(inst.id, body, inst.api_version), 200 if existed else 201


def _complete_mode_deletions(prepared, host, produced, operations):
    """Complete mode: delete what the resource group holds that the template does not declare."""
    keep = {inst.key for inst in prepared.plan.instances} | {entry["id"].lower() for entry in produced}
    for key in list(keep):  # a declared child keeps its parents
        parts = key.split("/providers/", 1)
        if len(parts) == 2:
            segments = parts[1].split("/")
            for end in range(3, len(segments), 2):
                keep.add(parts[0] + "/providers/" + "/".join(segments[:end]))
    failures = []
    for doc in host.list_resources(scope_id(prepared.scope)):
        rid = doc.get("id", "")
        if rid.lower() in keep:
            continue
        began = utc_now()
        target = {"id": rid, "resourceType": doc.get("type"), "resourceName": doc.get("name")}
        try:
            host.delete(rid, None)
            operations.append(operation(target, "Succeeded", began, utc_now(), 200, kind="Delete"))
        except HostError as error:
            failures.append(error.to_arm(target=rid))
            operations.append(operation(target, "Failed", began, utc_now(), error.status, failures[-1], "Delete"))
    return failures
