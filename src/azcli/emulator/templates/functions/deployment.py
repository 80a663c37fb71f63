"""Deployment functions: deployer, deployment, environment, parameters, variables."""

from .registry import expect, function_error, template_function


def _provided(name, value):
    if value is None:
        raise function_error(name, "the value is not available in this deployment.")
    return value


@template_function("deployer", 0)
def deployer(ctx, args):
    return _provided("deployer", ctx.deployer)


@template_function("deployment", 0)
def deployment(ctx, args):
    return _provided("deployment", ctx.deployment)


@template_function("environment", 0)
def environment(ctx, args):
    return _provided("environment", ctx.environment)


@template_function("parameters", 1)
def parameters(ctx, args):
    return ctx.parameter(expect("parameters", args, 0, "String"))


@template_function("variables", 1)
def variables(ctx, args):
    return ctx.variable(expect("variables", args, 0, "String"))
