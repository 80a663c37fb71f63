"""The project's import graph has no cycles, and the layers keep their boundaries.

Every import statement counts, including the lazy ones inside functions: a cycle that only closes
at run time still ties two modules together. Module names are the installed ones (src/azcli ->
azcli, command_modules -> azcli.command_modules).
"""
import ast
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TREES = ((os.path.join(ROOT, "src", "azcli"), "azcli"),
         (os.path.join(ROOT, "command_modules"), "azcli.command_modules"))


def project_modules():
    """{module name: (path, is_package)} for every .py file of the project."""
    modules = {}
    for top, prefix in TREES:
        for folder, _, files in os.walk(top):
            rel = os.path.relpath(folder, top)
            package = prefix if rel == "." else prefix + "." + rel.replace(os.sep, ".")
            for name in files:
                if not name.endswith(".py"):
                    continue
                path = os.path.join(folder, name)
                if name == "__init__.py":
                    modules[package] = (path, True)
                else:
                    modules[package + "." + name[:-3]] = (path, False)
    return modules


def _resolve(name, modules):
    """The project module an imported dotted name means (the longest existing prefix), or None."""
    while name:
        if name in modules:
            return name
        name = name.rpartition(".")[0]
    return None


def import_edges(modules):
    """{module: {imported project module, ...}} from every import statement in its source."""
    edges = {}
    for module, (path, is_package) in modules.items():
        package = module if is_package else module.rpartition(".")[0]
        with open(path, encoding="utf-8") as f:
            tree = ast.parse(f.read(), path)
        targets = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")
                    anchor = anchor[:len(anchor) - (node.level - 1)]
                    base = ".".join(anchor + ([base] if base else []))
                # `from pkg import name` imports pkg.name when that is a module, else a name of pkg.
                names = [base + "." + alias.name if base + "." + alias.name in modules else base
                         for alias in node.names]
            else:
                continue
            for name in names:
                found = _resolve(name, modules)
                if found is not None and found != module:
                    targets.add(found)
        edges[module] = targets
    return edges


def cycles(edges):
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index, low, on_stack, stack, found, counter = {}, {}, set(), [], [], [0]
    for start in sorted(edges):
        if start in index:
            continue
        work = [(start, iter(sorted(edges[start])))]
        index[start] = low[start] = counter[0]
        counter[0] += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter[0]
                    counter[0] += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_the_graph_sees_lazy_and_relative_imports():
    edges = import_edges(project_modules())
    assert edges, "no project modules found"
    # __main__ imports the CLI lazily, inside a function.
    assert any(target.startswith("azcli.") for target in edges["azcli.__main__"])


def test_no_import_cycles():
    assert cycles(import_edges(project_modules())) == []


def test_the_emulator_never_imports_the_cli():
    edges = import_edges(project_modules())
    for module, targets in edges.items():
        if module.startswith("azcli.emulator"):
            outside = sorted(t for t in targets if not t.startswith("azcli.emulator"))
            assert outside == [], "%s imports %s" % (module, outside)


def test_the_template_engine_is_self_contained():
    edges = import_edges(project_modules())
    for module, targets in edges.items():
        if module.startswith("azcli.emulator.templates"):
            outside = sorted(t for t in targets if not t.startswith("azcli.emulator.templates"))
            assert outside == [], "%s imports %s" % (module, outside)


def test_command_modules_reach_the_local_cloud_only_through_its_facade():
    edges = import_edges(project_modules())
    for module, targets in edges.items():
        if module.startswith("azcli.command_modules"):
            inner = sorted(t for t in targets if t.startswith("azcli.emulator") and t != "azcli.emulator")
            assert inner == [], "%s imports %s" % (module, inner)


# What each inner layer of the local cloud may import (besides itself): the domain and the registry
# work without the wire, so the deployment engine and later RPs can call them directly.
LAYERS = {
    "azcli.emulator.common": (),
    "azcli.emulator.store": ("azcli.emulator.common",),
    "azcli.emulator.rp": ("azcli.emulator.common", "azcli.emulator.store", "azcli.emulator.identity.directory"),
    "azcli.emulator.domain": ("azcli.emulator.common", "azcli.emulator.store", "azcli.emulator.rp",
                              "azcli.emulator.identity.directory", "azcli.emulator.templates"),
}


def _within(module, prefixes):
    return any(module == p or module.startswith(p + ".") for p in prefixes)


def test_the_local_cloud_layers_import_only_what_is_below_them():
    edges = import_edges(project_modules())
    for layer, allowed in LAYERS.items():
        for module, targets in edges.items():
            if _within(module, (layer,)):
                above = sorted(t for t in targets if not _within(t, (layer,) + allowed))
                assert above == [], "%s imports %s" % (module, above)


def test_no_code_file_is_over_400_lines():
    long = []
    for module, (path, _) in project_modules().items():
        with open(path, encoding="utf-8") as f:
            count = sum(1 for _ in f)
        if count > 400:
            long.append("%s (%d lines)" % (module, count))
    assert long == []
