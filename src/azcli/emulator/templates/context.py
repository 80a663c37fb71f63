"""Where and with what an expression is evaluated: scope, parameters, variables, copy and lambda state."""

from .errors import TemplateError

LEVELS = ("resourceGroup", "subscription", "managementGroup", "tenant")


class Scope:
    """The target of a deployment.

    ``subscription``, ``resource_group`` and ``management_group`` are the dicts that
    ``subscription()``, ``resourceGroup()`` and ``managementGroup()`` return.
    """

    __slots__ = ("level", "tenant_id", "subscription", "resource_group", "management_group")

    def __init__(self, level, tenant_id, subscription=None, resource_group=None, management_group=None):
        if level not in LEVELS:
            raise ValueError(f"unknown scope level {level!r}")
        self.level = level
        self.tenant_id = tenant_id
        self.subscription = subscription
        self.resource_group = resource_group
        self.management_group = management_group

    @property
    def subscription_id(self):
        return self.subscription["subscriptionId"] if self.subscription else None

    @property
    def resource_group_name(self):
        return self.resource_group["name"] if self.resource_group else None

    @property
    def management_group_name(self):
        return self.management_group["name"] if self.management_group else None

    def __repr__(self):
        where = self.resource_group_name or self.subscription_id or self.management_group_name or self.tenant_id
        return f"Scope({self.level}, {where})"


def _lookup(source, name, kind):
    """Case-insensitive lookup in a dict, or a call of the engine's callable."""
    if callable(source):
        return source(name)
    if source is not None:
        if name in source:
            return source[name]
        lower = name.lower()
        for key, value in source.items():
            if key.lower() == lower:
                return value
    word = "parameter" if kind == "parameters" else "variable"
    raise TemplateError(
        f"Unable to evaluate template language function '{kind}': The template {word} '{name}' is not found. "
        "Please see https://aka.ms/arm-functions for usage details."
    )


def _index_functions(sections):
    """The template's ``functions`` section as {"namespace.member" (lower): member definition}."""
    table = {}
    for section in sections or ():
        namespace = section.get("namespace", "")
        for member, definition in (section.get("members") or {}).items():
            table[f"{namespace}.{member}".lower()] = definition
    return table


class EvalContext:
    """Everything an expression can see. Immutable in use: ``with_*`` return derived contexts."""

    __slots__ = (
        "scope", "parameters", "variables", "functions", "user_functions", "deployment", "environment",
        "deployer", "resolver", "now", "copies", "lambdas", "in_user_function",
    )

    def __init__(self, *, scope, parameters=None, variables=None, functions=None, deployment=None,
                 environment=None, deployer=None, resolver=None, now=None):
        self.scope = scope
        self.parameters = parameters
        self.variables = variables
        self.functions = functions
        self.user_functions = _index_functions(functions)
        self.deployment = deployment
        self.environment = environment
        self.deployer = deployer
        self.resolver = resolver
        self.now = now
        self.copies = ()  # ((loop name lower, index), ...), innermost last
        self.lambdas = None  # {name lower: value} inside a lambda body
        self.in_user_function = False

    def _derive(self):
        clone = object.__new__(EvalContext)
        for slot in EvalContext.__slots__:
            setattr(clone, slot, getattr(self, slot))
        return clone

    # --- derived contexts -------------------------------------------------------------------------

    def with_copy(self, loop_name, index):
        """A context inside iteration ``index`` of copy loop ``loop_name`` (nested loops stack)."""
        clone = self._derive()
        clone.copies = self.copies + (((loop_name or "").lower(), index),)
        return clone

    def with_lambda(self, names_values):
        clone = self._derive()
        merged = dict(self.lambdas or {})
        merged.update({name.lower(): value for name, value in names_values.items()})
        clone.lambdas = merged
        return clone

    def for_user_function(self, arguments):
        """The context a user-defined function body runs in: its own parameters, nothing else."""
        clone = EvalContext(scope=self.scope, parameters=arguments, functions=self.functions,
                            deployment=self.deployment, environment=self.environment, now=self.now)
        clone.in_user_function = True
        return clone

    # --- lookups ----------------------------------------------------------------------------------

    def parameter(self, name):
        return _lookup(self.parameters, name, "parameters")

    def variable(self, name):
        if self.in_user_function:
            raise TemplateError("The template function 'variables' is not expected in a user-defined function. "
                                "Please see https://aka.ms/arm-functions for usage details.")
        return _lookup(self.variables, name, "variables")

    def copy_index(self, loop_name=None):
        if not self.copies:
            raise TemplateError("The template function 'copyIndex' is not expected at this location. "
                                "Please see https://aka.ms/arm-copy for usage details.")
        if loop_name is None:
            return self.copies[-1][1]
        wanted = loop_name.lower()
        for name, index in reversed(self.copies):
            if name == wanted:
                return index
        raise TemplateError(f"The template function 'copyIndex' has an invalid copy loop name '{loop_name}'. "
                            "The copy loop name must be the name of an enclosing copy loop. "
                            "Please see https://aka.ms/arm-copy for usage details.")

    def lambda_variable(self, name):
        if self.lambdas is None or name.lower() not in self.lambdas:
            raise TemplateError(f"The template function 'lambdaVariables' has an invalid lambda variable name "
                                f"'{name}'. Please see https://aka.ms/arm-functions for usage details.")
        return self.lambdas[name.lower()]

    def user_function(self, full_name):
        return self.user_functions.get(full_name.lower())

    def require_resolver(self, function):
        if self.resolver is None:
            raise TemplateError(f"The template function '{function}' is not expected at this location. "
                                "Please see https://aka.ms/arm-functions for usage details.")
        return self.resolver

    # --- scope shortcuts --------------------------------------------------------------------------

    @property
    def tenant_id(self):
        return self.scope.tenant_id

    @property
    def subscription_id(self):
        return self.scope.subscription_id

    @property
    def resource_group_name(self):
        return self.scope.resource_group_name
