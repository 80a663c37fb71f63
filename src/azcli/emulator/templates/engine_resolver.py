"""The resolver a deployment hands its expressions: reference(), references(), list*(), providers()
and resourceInfo(), reading what this deployment has put so far and, beyond that, the host."""

from .errors import TemplateError
from .host import HostError
from .plan_body import NotDeployed
from .plan_ids import parse_id, resource_id, scope_of_id, split_type_name

PLAN, DEPLOY, WHAT_IF = "plan", "deploy", "whatif"
_REFERENCE_HELP = "Please see https://aka.ms/arm-function-reference for usage details."


class Resolver:
    """One per deployment. ``phase`` says what a reference to a not-yet-deployed template resource means:
    while planning it is not known yet (NotDeployed), while deploying it reads the host, in what-if it is
    evaluated against the resource as it is today when that exists."""

    def __init__(self, host, phase=PLAN):
        self.host = host
        self.phase = phase
        self.plan = None
        self.deployed = {}  # id lower -> the document this deployment produced (resources and nested deployments)

    # --- finding the target ----------------------------------------------------------------------

    def _target(self, ref, function="reference"):
        """(full id, the plan instance or None) a reference names: an id, a symbolic name, a template
        resource name, or ``Type/name`` relative to the deployment's scope."""
        plan = self.plan
        if ref.startswith("/"):
            return ref, plan.by_key.get(ref.lower().rstrip("/")) if plan else None
        if plan is not None:
            found = [i for i in plan.find(ref) if i.active is not False]
            if plan.symbolic:
                symbolic = plan.find(ref, symbols_only=True)
                found = symbolic or found
            named = [i for i in found if i.name.lower() == ref.lower() or plan.symbolic
                     or f"{i.type}/{i.name}".lower() == ref.lower()]
            if len(named) == 1:
                return named[0].id, named[0]
            if len(named) > 1:
                raise TemplateError(f"The template reference '{ref}' is ambiguous: it names more than one template "
                                    f"resource. {_REFERENCE_HELP}")
        parsed = split_type_name(ref)
        if parsed is not None:
            rid = resource_id(plan.base if plan else "", parsed[0], parsed[1])
            return rid, plan.by_key.get(rid.lower()) if plan else None
        if plan is not None and plan.building:
            raise NotDeployed(ref)  # may be declared further down; decided when the resource deploys
        raise TemplateError(f"The template {function} '{ref}' is not valid: could not find template resource or "
                            f"resource copy with this name. {_REFERENCE_HELP}")

    def _template_resource(self, inst):
        return inst is not None and not inst.existing

    def _document(self, rid, inst, api_version):
        doc = self.deployed.get(rid.lower())
        if doc is not None:
            return doc
        if self._template_resource(inst) and self.phase == PLAN:
            raise NotDeployed(rid)
        doc = self.host.get(rid, api_version or (inst.api_version if inst else None))
        if doc is None and self._template_resource(inst) and self.phase == WHAT_IF:
            raise NotDeployed(rid)
        return doc

    # --- the resolver interface ------------------------------------------------------------------

    def reference(self, ref, api_version=None, full=False):
        rid, inst = self._target(ref)
        doc = self._document(rid, inst, api_version)
        if doc is None:
            raise not_found(rid)
        if full:
            shaped = dict(doc)
            shaped.setdefault("apiVersion", api_version or (inst.api_version if inst else None))
            shaped.setdefault("resourceId", rid)
            return shaped
        return doc.get("properties") if isinstance(doc.get("properties"), dict) else {}

    def references(self, name, mode="properties"):
        members = self.plan.find(name) if self.plan else []
        if not members:
            raise TemplateError(f"The template function 'references' has an invalid name '{name}': it must name a "
                                f"resource collection of this template. {_REFERENCE_HELP}")
        return [self.reference(m.id, m.api_version, full=(mode or "").lower() == "full")
                for m in members if m.active is not False]

    def list_action(self, resource_id, action, api_version, body=None):
        rid, inst = self._target(resource_id, action)
        if rid.lower() not in self.deployed and self._template_resource(inst):
            if self.phase == PLAN or (self.phase == WHAT_IF and self.host.get(rid, api_version) is None):
                raise NotDeployed(rid)
        try:
            return self.host.action(rid, action, api_version, body)
        except HostError as error:
            raise TemplateError(error.message, code=error.code, target=rid, details=error.details) from None

    def providers(self, namespace, resource_type=None):
        doc = self.host.provider(namespace)
        if doc is None:
            raise TemplateError(f"The resource namespace '{namespace}' is invalid.", code="InvalidResourceNamespace")
        types = [{"resourceType": t.get("resourceType"), "locations": t.get("locations", []),
                  "apiVersions": t.get("apiVersions", [])} for t in doc.get("resourceTypes", [])]
        if resource_type is None:
            return {"namespace": doc.get("namespace", namespace), "resourceTypes": types}
        for entry in types:
            if (entry["resourceType"] or "").lower() == resource_type.lower():
                return entry
        raise TemplateError(f"The resource type '{resource_type}' could not be found in the namespace '{namespace}'.",
                            code="InvalidResourceType")

    def resource_info(self, symbolic_name):
        found = self.plan.find(symbolic_name, symbols_only=True) if self.plan else []
        if len(found) != 1:
            raise TemplateError(f"The template function 'resourceInfo' has an invalid symbolic name '{symbolic_name}'. "
                                f"{_REFERENCE_HELP}")
        inst = found[0]
        return {"id": inst.id, "name": inst.name, "type": inst.type, "apiVersion": inst.api_version}


def not_found(rid):
    kind, name = parse_id(rid)
    group = scope_of_id(rid)[1]
    where = f" under resource group '{group}'" if group else ""
    return TemplateError(f"The Resource '{kind}/{name}'{where} was not found. For more details please go to "
                         f"https://aka.ms/ARMResourceNotFoundFix", code="ResourceNotFound", target=rid)
