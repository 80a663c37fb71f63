"""The routes the noun modules register, shipped as data (route_table.json) so that creating the app
imports only the modules whose routes a request reaches: importing all ~20 noun modules and their domain
code cost every command ~15 ms.

Regenerate after adding or changing a route: ``python -m azcli.emulator.wire.route_table``; a test
checks that the shipped table equals what the modules register.
"""
import importlib
import json
import os
import sys

# Modules that register routes, in matching order (generic catch-alls go last).
NOUNS = ("identity.endpoints", "arm.metadata", "arm.operations", "arm.deployments", "arm.subscriptions",
         "arm.groups", "arm.providers", "arm.resourcelist", "arm.moves", "arm.export", "arm.tags", "arm.locks",
         "arm.managementgroups", "arm.authorization", "arm.storage_names", "arm.network_ips", "arm.keyvault",
         "arm.vault_secrets", "arm.links", "arm.features", "arm.generic")

PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "route_table.json")
FIELDS = ("methods", "template", "handler", "kind", "action", "api_version")


def register_all(router):
    """Every noun registers its routes on router (imports every noun)."""
    for noun in NOUNS:
        importlib.import_module("azcli.emulator." + noun).register(router)


def build():
    """The table as the noun modules register it today."""
    from .router import Router
    router = Router()
    register_all(router)
    return [{"methods": sorted(r.methods), "template": r.template, "handler": handler_ref(r.handler),
             "kind": r.kind, "action": r.action, "api_version": r.api_version} for r in router.routes]


def handler_ref(handler):
    """"module:qualname" naming a module-level function."""
    module, name = handler.__module__, handler.__qualname__
    if getattr(sys.modules.get(module), name, None) is not handler:
        raise ValueError("route handler %r is not a module-level function" % (handler,))
    return module + ":" + name


def load():
    """The shipped table, or None when it is missing or unreadable (then the app imports every noun)."""
    try:
        with open(PATH, encoding="utf-8") as handle:
            rows = json.load(handle)
    except (OSError, ValueError):
        return None
    if not isinstance(rows, list):
        return None
    return [dict(zip(FIELDS, row)) for row in rows]


def write():
    rows = build()
    text = "[\n" + ",\n".join(json.dumps([row[f] for f in FIELDS]) for row in rows) + "\n]\n"
    with open(PATH, "w", encoding="utf-8") as handle:
        handle.write(text)
    return len(rows)


if __name__ == "__main__":
    print("wrote %d routes to %s" % (write(), PATH))
