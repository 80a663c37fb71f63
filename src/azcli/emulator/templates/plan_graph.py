"""The dependency graph of a plan: dependsOn (every form ARM accepts), implicit dependencies from
reference()/list*() calls, serial copy batches, cycle detection and the waves of independent resources."""

from .errors import TemplateError
from .plan_body import body_source, evaluate_value
from .plan_ids import split_type_name

_HELP = "Please see https://aka.ms/arm-syntax-resources for usage details."
_REFERENCES = ("reference", "references")


def link(plan):
    known = _all_names(plan)
    calls_of = {}
    nodes = plan.active
    for inst in nodes:
        explicit = _explicit(plan, inst, known)
        if any(target is inst for target in explicit):
            raise _cycle([inst])
        seen = {inst.key}
        # A child declared inside its parent waits for it (the provider could not create it before).
        parent = [inst.parent] if inst.parent is not None else []
        for target in parent + explicit + _implicit(plan, inst, calls_of):
            if target.key not in seen and target.active is not False and not target.existing:
                seen.add(target.key)
                inst.depends.append(target)
    _chain_serial_batches(plan)
    plan.waves = _waves(nodes)


def _all_names(plan):
    """Every form a dependsOn entry may use for any declared resource, deployed or not (a dependency on a
    resource whose condition is false is dropped, not refused)."""
    names = set(plan.loops) | set(plan.symbols)
    for inst in plan.instances:
        names.update((inst.key, inst.name.lower(), f"{inst.type}/{inst.name}".lower()))
    return names


def _explicit(plan, inst, known):
    entries = inst.declaration.get("dependsOn") or []
    if isinstance(entries, str):
        entries = evaluate_value(entries, inst.ctx)
    if not isinstance(entries, list):
        raise TemplateError(f"The 'dependsOn' of resource '{inst.id}' must be a JSON array. {_HELP}")
    found = []
    for entry in entries:
        text = evaluate_value(entry, inst.ctx)
        if not isinstance(text, str):
            raise TemplateError(f"The 'dependsOn' entries of resource '{inst.id}' must be strings. {_HELP}")
        targets = plan.find(text)
        if not targets and not _declared(text, known):
            raise TemplateError(f"Deployment template validation failed: 'The resource '{text}' is not defined in "
                                f"the template. {_HELP}'.", target=inst.id)
        found.extend(targets)
    return found


def _declared(text, known):
    lower = text.lower().rstrip("/")
    if lower in known:
        return True
    parsed = split_type_name(text)
    return parsed is not None and f"{parsed[0]}/{parsed[1]}".lower() in known


def _implicit(plan, inst, calls_of):
    """Resources of this template that the instance's reference()/list*() calls read."""
    from .expressions import function_calls

    decl = inst.declaration
    calls = calls_of.get(id(decl))
    if calls is None:
        source = body_source(decl, inner_template=inst.is_deployment)
        calls = [(name, args) for name, args in function_calls(source)
                 if args and (name in _REFERENCES or name.startswith("list"))]
        if "condition" in decl:
            calls += [(n, a) for n, a in function_calls(decl["condition"]) if a and n in _REFERENCES]
        calls_of[id(decl)] = calls
    found = []
    for name, args in calls:
        try:
            target = args[0].evaluate(inst.ctx)
        except Exception:  # noqa: BLE001 - an argument that needs a deployed resource names nothing we can see yet
            continue
        if isinstance(target, str):
            found.extend(plan.find(target))
    return found


def _chain_serial_batches(plan):
    """``mode: serial`` loops deploy ``batchSize`` instances at a time: each batch waits for the one before."""
    for members in {id(m): m for m in plan.loops.values()}.values():
        if not members:
            continue
        spec = members[0].declaration.get("copy") or {}
        mode = evaluate_value(spec.get("mode", "parallel"), members[0].ctx)
        if not isinstance(mode, str) or mode.lower() != "serial":
            continue
        size = evaluate_value(spec.get("batchSize", 1), members[0].ctx)
        if isinstance(size, bool) or not isinstance(size, int) or size < 1:
            raise TemplateError(f"The copy '{spec.get('name')}' has an invalid batchSize '{size}': it must be a "
                                f"positive integer. Please see https://aka.ms/arm-copy for usage details.")
        live = [m for m in members if m.active is not False]
        batches = [live[at:at + size] for at in range(0, len(live), size)]
        for previous, batch in zip(batches, batches[1:]):
            for inst in batch:
                inst.order_after.extend(previous)


def _waves(nodes):
    """Kahn's algorithm by levels: wave n holds what depends only on waves before n."""
    waiting = {}
    dependents = {}
    for inst in nodes:
        before = {t.key: t for t in inst.depends + inst.order_after}
        waiting[inst.key] = len(before)
        for target in before.values():
            dependents.setdefault(target.key, []).append(inst)
    ready = [inst for inst in nodes if waiting[inst.key] == 0]
    waves = []
    placed = 0
    while ready:
        for inst in ready:
            inst.wave = len(waves)
        waves.append(ready)
        placed += len(ready)
        following = []
        for inst in ready:
            for dependent in dependents.get(inst.key, ()):
                waiting[dependent.key] -= 1
                if waiting[dependent.key] == 0:
                    following.append(dependent)
        ready = sorted(following, key=lambda i: i.position)
    if placed != len(nodes):
        raise _cycle([inst for inst in nodes if waiting[inst.key] > 0])
    return waves


def _cycle(stuck):
    """ARM's error for a dependency cycle, naming the resources on it (not those merely waiting for it)."""
    on_cycle = _cycle_members(stuck) or stuck
    names = "', '".join(inst.id for inst in on_cycle)
    return TemplateError(f"Deployment template validation failed: 'Circular dependency detected on resource: "
                         f"'{names}'. {_HELP}'.", target=on_cycle[0].id)


def _cycle_members(stuck):
    """The resources on one cycle among those left waiting (depth-first search for a back edge)."""
    by_key = {inst.key: inst for inst in stuck}
    successors = {inst.key: [t.key for t in inst.depends + inst.order_after if t.key in by_key] for inst in stuck}
    state = {}
    for root in stuck:
        if root.key in state:
            continue
        state[root.key] = "open"
        path, stack = [root.key], [iter(successors[root.key])]
        while stack:
            following = next(stack[-1], None)
            if following is None:
                state[path.pop()] = "done"
                stack.pop()
            elif state.get(following) == "open":
                return sorted((by_key[k] for k in path[path.index(following):]), key=lambda i: i.position)
            elif following not in state:
                state[following] = "open"
                path.append(following)
                stack.append(iter(successors[following]))
    return None
