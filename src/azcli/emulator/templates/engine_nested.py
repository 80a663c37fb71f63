"""Nested deployments (``Microsoft.Resources/deployments`` resources): their template (inline or
linked), parameters, target scope and expression scope, deployed as a deployment of their own."""

import json

from .errors import TemplateError
from .host import HostError
from .plan_ids import scope_of_id

_HELP = "Please see https://aka.ms/arm-nested-templates for usage details."


def _parse(data, uri):
    from .functions.lenient_json import parse_lenient_json  # ARM's parser accepts comments and trailing commas

    text = data.decode("utf-8-sig") if isinstance(data, (bytes, bytearray)) else data
    try:
        return json.loads(text)
    except ValueError:
        try:
            return parse_lenient_json(text)
        except ValueError as error:
            raise TemplateError(f"Unable to parse the content of '{uri}' as JSON: {error}.",
                                code="InvalidContentLink") from None


def _fetch(host, uri):
    try:
        return _parse(host.fetch(uri), uri)
    except HostError as error:
        raise TemplateError(error.message, code=error.code or "InvalidContentLink", target=uri) from None


def _link_uri(link, parent):
    uri = link.get("uri")
    if uri:
        return uri
    relative = link.get("relativePath")
    base = (parent.template_link or {}).get("uri")
    if relative and base:
        return base.rsplit("/", 1)[0] + "/" + relative.lstrip("./")
    raise TemplateError(f"The 'templateLink' must have a 'uri' (or a 'relativePath' inside a linked template). {_HELP}")


def _from_template_spec(link, parent, host):
    """(templateLink to record, template) when the link names a template spec version (``id``), or a
    relativePath inside a deployment of one (the version's linkedTemplates); else None."""
    spec = (parent.template_link or {}).get("id")
    if link.get("id"):
        version_id, path, relative = link["id"], "", None
    elif link.get("relativePath") and spec:
        version_id, path, relative = spec, (parent.template_link or {}).get("relativePath", ""), link["relativePath"]
    else:
        return None
    if not hasattr(host, "template_spec"):
        raise TemplateError("Template specs ('templateLink.id') are not available here.", code="TemplateSpecNotFound")
    try:
        version_id, path, template = host.template_spec(version_id, path, relative)
    except HostError as error:
        raise TemplateError(error.message, code=error.code, target=version_id) from None
    recorded = {"id": version_id}
    if path:
        recorded["relativePath"] = path
    if isinstance(template.get("contentVersion"), str):
        recorded["contentVersion"] = template["contentVersion"]
    return recorded, template


def target_scope(parent, inst, host):
    """The Scope a nested deployment targets (its resourceGroup/subscriptionId/scope, settled now)."""
    base = parent.plan._base(inst.declaration, inst.ctx, inst.type, inst.name)
    if base.lower() == parent.plan.base.lower():
        return parent.scope
    sub, group, mg = scope_of_id(base)
    if base == "" or (sub is None and mg is None):
        return host.scope()
    try:
        return host.scope(subscription_id=sub, resource_group=group, management_group=mg)
    except HostError as error:
        raise TemplateError(error.message, code=error.code, target=inst.id) from None


def prepare_nested(parent, inst, host, prepare):
    """(child Prepared, evaluated deployment body) for a nested deployment instance. ``prepare`` (and
    ``deploy`` below) are engine's, passed in so this module does not import the engine back."""
    from .plan_body import evaluate_resource

    body = evaluate_resource(inst)
    properties = body.get("properties") if isinstance(body.get("properties"), dict) else {}
    raw = inst.declaration.get("properties") or {}
    options = properties.get("expressionEvaluationOptions") or {}
    # Only an inline template may see the outer scope; a linked one is always a deployment of its own.
    outer = isinstance(raw.get("template"), dict) and str(options.get("scope", "outer")).lower() != "inner"
    link = properties.get("templateLink")
    if isinstance(raw.get("template"), dict):
        template, link = raw["template"], None
    elif isinstance(link, dict):
        from_spec = _from_template_spec(link, parent, host)
        if from_spec is not None:
            link, template = from_spec
        else:
            link = dict(link, uri=_link_uri(link, parent))
            template = _fetch(host, link["uri"])
    else:
        raise TemplateError(f"The nested deployment '{inst.name}' must have a 'template' or a 'templateLink'. {_HELP}",
                            target=inst.id)
    parameters = properties.get("parameters")
    if isinstance(properties.get("parametersLink"), dict):
        parameters = _fetch(host, properties["parametersLink"].get("uri"))
    if outer and parameters:
        raise TemplateError(f"The nested deployment '{inst.name}' evaluates its template in the outer scope, where "
                            f"'parameters' cannot be passed; set 'expressionEvaluationOptions.scope' to 'inner'. "
                            f"{_HELP}", target=inst.id)
    scope = target_scope(parent, inst, host)
    child = prepare(template, parameters or {}, scope=scope, name=inst.name, mode=properties.get("mode", "Incremental"),
                    host=host, deployer=parent.deployer, template_link=link, now=parent.now,
                    correlation_id=parent.correlation_id, location=body.get("location"),
                    outer=parent if outer else None)
    return child, body


def deploy_nested(parent, inst, host, prepare, deploy):
    """Deploy a nested deployment; (its document, its Result). Recorded on the host as it starts and ends."""
    from .engine_records import deployment_document, utc_now

    child, _ = prepare_nested(parent, inst, host, prepare)
    started = utc_now()
    host.save_deployment(child.scope, child.name, deployment_document(child, "Running", started=started))
    result = deploy(child, host)
    document = deployment_document(child, result.provisioning_state, result, started, result.ended)
    result.document = document
    host.save_deployment(child.scope, child.name, document)
    save_operations = getattr(host, "save_operations", None)
    if save_operations is not None:
        save_operations(child.scope, child.name, result.operations)
    parent.resolver.deployed[child.deployment_id.lower()] = document
    return document, result
