"""A deployment's outputs: evaluated once every resource is in place, typed, secure ones kept out."""

from .errors import TemplateError
from .params_types import SECURE, TYPES, TypeChecker, json_type
from .plan_body import copy_count, evaluate_value

OUTPUT_FAILED = "DeploymentOutputEvaluationFailed"


def evaluate_outputs(section, ctx, definitions=None):
    """{name: {"type": "String", "value": v}}; secure outputs carry only their type, as ARM returns them."""
    if not section:
        return {}
    checker = TypeChecker(definitions)
    outputs = {}
    for name, decl in section.items():
        try:
            if "condition" in decl and evaluate_value(decl["condition"], ctx) is not True:
                continue
            kind = checker.type_of(decl, name)
            if "copy" in decl:
                spec = decl["copy"]
                count = copy_count(spec, ctx, name)
                value = [evaluate_value(spec.get("input"), ctx.with_copy(name, index)) for index in range(count)]
            else:
                value = evaluate_value(decl.get("value"), ctx)
        except TemplateError as error:
            raise TemplateError(f"Unable to evaluate template outputs: '{name}'. Please see error details for more "
                                f"information.", code=OUTPUT_FAILED,
                                details=[dict(error.to_arm(), target=name)]) from error
        display, test = TYPES[kind]
        if not test(value):
            raise TemplateError(f"The template output '{name}' is not valid: Template output JToken type is not valid. "
                                f"Expected '{display}'. Actual '{json_type(value)}'. Please see "
                                f"https://aka.ms/arm-syntax-outputs for usage details.", code=OUTPUT_FAILED, target=name)
        outputs[name] = {"type": display} if kind in SECURE else {"type": display, "value": value}
    return outputs
