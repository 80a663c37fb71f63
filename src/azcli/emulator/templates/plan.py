"""A template expanded into a plan: variables, resource instances (copy loops, conditions, child
resources, ids) and the dependency waves that order them.

Only what the order needs is evaluated here (names, types, conditions, dependsOn, the targets of
reference()/list*() calls); resource bodies stay raw and are evaluated just before each resource is
deployed, so they can read what earlier resources became.
"""

from .errors import TemplateError
from .plan_body import NotDeployed, copy_count, copy_name, evaluate_text, evaluate_value
from .plan_ids import DEPLOYMENTS, join_child, resolve_scope_property, resource_id, scope_id, split_type_name

_HELP = "Please see https://aka.ms/arm-syntax-resources for usage details."


class Variables:
    """The ``variables`` section, evaluated on first use (a variable may use others) and cached."""

    def __init__(self, section, make_context):
        if section is not None and not isinstance(section, dict):
            raise TemplateError("The template 'variables' section must be a JSON object.")
        self.raw = {}
        for name, value in (section or {}).items():
            if name.lower() == "copy" and isinstance(value, list):
                for spec in value:
                    loop = copy_name(spec, "variables")
                    self.raw[loop.lower()] = (loop, spec, True)
            else:
                self.raw[name.lower()] = (name, value, False)
        self.values = {}
        self._busy = set()
        self._make_context = make_context
        self._ctx = None

    def __call__(self, name):
        lower = name.lower()
        if lower in self.values:
            return self.values[lower]
        if lower not in self.raw:
            raise TemplateError(f"Unable to evaluate template language function 'variables': The template variable "
                                f"'{name}' is not found. Please see https://aka.ms/arm-functions for usage details.")
        if lower in self._busy:
            raise TemplateError(f"The template variable '{self.raw[lower][0]}' has a circular reference. Please see "
                                f"https://aka.ms/arm-syntax-variables for usage details.")
        if self._ctx is None:
            self._ctx = self._make_context(self)
        declared, value, is_copy = self.raw[lower]
        self._busy.add(lower)
        try:
            if is_copy:
                count = copy_count(value, self._ctx, declared)
                result = [evaluate_value(value.get("input"), self._ctx.with_copy(declared, i)) for i in range(count)]
            else:
                result = evaluate_value(value, self._ctx)
        finally:
            self._busy.discard(lower)
        self.values[lower] = result
        return result


class Instance:
    """One resource the template declares (one per copy iteration)."""

    __slots__ = ("id", "key", "type", "name", "api_version", "symbol", "declaration", "ctx", "loop", "index",
                 "active", "existing", "depends", "order_after", "parent", "base", "nested", "wave", "position", "location")

    def __init__(self, **fields):
        for slot in Instance.__slots__:
            setattr(self, slot, fields.get(slot))

    @property
    def is_deployment(self):
        return self.type.lower() == DEPLOYMENTS

    def target(self):
        return {"id": self.id, "resourceType": self.type, "resourceName": self.name}

    def __repr__(self):
        return f"Instance({self.id})"


class Plan:
    """Every instance in template order, indexes to find them by, and the waves to deploy them in."""

    def __init__(self, template, ctx, target_scope):
        self.template = template
        self.ctx = ctx
        self.target_scope = target_scope
        self.base = scope_id(target_scope)
        self.symbolic = isinstance(template.get("resources"), dict)
        self.instances = []
        self.by_key = {}
        self.by_name = {}
        self.by_type_name = {}
        self.loops = {}
        self.symbols = {}
        self.waves = []
        self.building = True  # names declared further down are not indexed yet
        if ctx.resolver is not None:
            ctx.resolver.plan = self  # conditions may reference() resources declared before them
        self._expand_all()
        self.building = False
        from .plan_graph import link
        link(self)

    @property
    def active(self):
        return [i for i in self.instances if i.active is not False and not i.existing]

    # --- expansion -------------------------------------------------------------------------------

    def _expand_all(self):
        resources = self.template.get("resources")
        if self.symbolic:
            declarations = [(symbol, decl) for symbol, decl in resources.items()]
        elif isinstance(resources, list):
            declarations = [(None, decl) for decl in resources]
        else:
            raise TemplateError("The template 'resources' section must be a JSON array, or a JSON object with "
                                f"languageVersion 2.0. {_HELP}")
        for symbol, decl in declarations:
            if not isinstance(decl, dict):
                raise TemplateError(f"The template resource '{symbol or decl}' must be a JSON object. {_HELP}")
            self._expand(decl, symbol, None, self.ctx)

    def _expand(self, decl, symbol, parent, ctx):
        spec = decl.get("copy")
        if spec is None:
            self._instance(decl, symbol, parent, ctx, None, None)
            return
        loop = copy_name(spec, symbol or decl.get("name", ""))
        members = self.loops.setdefault(loop.lower(), [])
        if symbol:
            self.symbols[symbol.lower()] = members
        for index in range(copy_count(spec, ctx, loop)):
            members.append(self._instance(decl, symbol, parent, ctx.with_copy(loop, index), loop, index))

    def _instance(self, decl, symbol, parent, ctx, loop, index):
        where = symbol or decl.get("name")
        kind = evaluate_text(decl.get("type"), ctx, "resource type")
        name = evaluate_text(decl.get("name"), ctx, "resource name")
        if parent is not None:
            kind, name = join_child(parent.type, parent.name, kind, name)
        api_version = decl.get("apiVersion")
        if api_version is not None:
            api_version = evaluate_text(api_version, ctx, "api version")
        elif not decl.get("existing"):
            raise TemplateError(f"The template resource '{name}' of type '{kind}' must have an 'apiVersion'. {_HELP}")
        active = self._condition(decl, ctx, parent)
        base = self._base(decl, ctx, kind, where) if active is not False else self.base
        made = Instance(id=resource_id(base, kind, name, where), type=kind, name=name, api_version=api_version,
                        symbol=symbol, declaration=decl, ctx=ctx, loop=loop, index=index, active=active,
                        existing=bool(decl.get("existing")), depends=[], order_after=[], parent=parent, base=base,
                        position=len(self.instances))
        made.key = made.id.lower()
        self.instances.append(made)
        if symbol and loop is None:
            self.symbols[symbol.lower()] = [made]
        if made.active is not False:
            self._index(made)
        for child in decl.get("resources") or ():
            if not isinstance(child, dict):
                raise TemplateError(f"The child resources of '{name}' must be JSON objects. {_HELP}")
            self._expand(child, None, made, ctx)
        return made

    def _condition(self, decl, ctx, parent):
        if parent is not None and parent.active is False:
            return False  # a child of a resource that is not deployed is not deployed either
        if "condition" not in decl:
            return True
        try:
            value = evaluate_value(decl["condition"], ctx)
        except NotDeployed:
            return None  # decided just before deploying, once what it reads exists
        if not isinstance(value, bool):
            raise TemplateError(f"The template resource '{decl.get('name')}' has a condition that does not evaluate "
                                f"to a boolean: '{value}'. {_HELP}")
        return value

    def _base(self, decl, ctx, kind, where):
        """The id prefix of a resource: its ``scope``, ``subscriptionId``/``resourceGroup``, or the deployment's."""
        try:
            if "scope" in decl:
                return resolve_scope_property(self.base, evaluate_value(decl["scope"], ctx), where)
            sub = evaluate_value(decl["subscriptionId"], ctx) if "subscriptionId" in decl else None
            group = evaluate_value(decl["resourceGroup"], ctx) if "resourceGroup" in decl else None
        except NotDeployed:
            return self.base  # the nested deployment's target is settled when it starts
        if sub is None and group is None:
            return self.base
        sub = sub or self.target_scope.subscription_id
        if group is None:
            return f"/subscriptions/{sub}"
        return f"/subscriptions/{sub}/resourceGroups/{group}"

    def _index(self, made):
        if made.key in self.by_key and not made.existing:
            other = self.by_key[made.key]
            if not other.existing:
                raise TemplateError(f"Deployment template validation failed: 'The resource '{made.id}' is defined "
                                    f"multiple times in a template. {_HELP}'.")
        self.by_key[made.key] = made
        self.by_name.setdefault(made.name.lower(), []).append(made)
        self.by_type_name[(made.type.lower(), made.name.lower())] = made

    # --- lookups ---------------------------------------------------------------------------------

    def find(self, text, symbols_only=False):
        """The instances a dependsOn entry or reference() argument names (any of ARM's forms), or []."""
        lower = text.lower()
        if self.symbolic and lower in self.symbols:
            return list(self.symbols[lower])
        if self.symbolic and lower.endswith("]") and "[" in lower:
            symbol, _, index = lower[:-1].partition("[")
            members = self.symbols.get(symbol)
            if members is not None and index.strip().isdigit() and int(index) < len(members):
                return [members[int(index)]]
        if symbols_only:
            return []
        if lower.startswith("/"):
            found = self.by_key.get(lower.rstrip("/"))
            return [found] if found else []
        parsed = split_type_name(text)
        if parsed is not None:
            found = self.by_type_name.get((parsed[0].lower(), parsed[1].lower()))
            if found is not None:
                return [found]
        return list(self.loops.get(lower, ())) + [i for i in self.by_name.get(lower, ()) if i.loop is None
                                                  or i.loop.lower() != lower]
