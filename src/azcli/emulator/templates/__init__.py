"""ARM template engine of the local cloud (pure Python, stdlib only, nothing heavy at import).

Expression language and functions (this engineer's half):

- ``errors.TemplateError(message, code="InvalidTemplate", target=None, details=None, line=None, column=None)``
  with ``code``, ``message``, ``target``, ``details``, ``line``, ``column`` and ``to_arm() -> dict``.
- ``context.Scope(level, tenant_id, subscription=None, resource_group=None, management_group=None)``;
  ``level`` is "resourceGroup" | "subscription" | "managementGroup" | "tenant".
- ``context.EvalContext(*, scope, parameters=None, variables=None, functions=None, deployment=None,
  environment=None, deployer=None, resolver=None, now=None)`` with ``with_copy(loop_name, index)``
  and ``with_lambda({name: value})``. ``parameters``/``variables`` are dicts or callables
  (case-insensitive); ``resolver`` is the engine's duck-typed object for reference()/list*()/
  providers()/resourceInfo()/references()/pickZones().
- ``expressions.is_expression(s)``, ``evaluate(value, ctx)`` (deep, keys too), ``evaluate_string(s, ctx)``,
  ``parse(s)`` (cached), ``function_calls(value)`` -> iterator of (name_lower, arg nodes).
- ``hashing.unique_string(*parts)`` and ``hashing.guid(*parts)``: byte-for-byte Azure's.
- ``functions/``: the template functions, one module per category of ARM's function reference.

The deployment engine (engine*, plan*, whatif*, host, params*) builds on these.
"""
