"""The provider catalogue: which namespaces, resource types, api-versions and locations exist.

The data is ``catalog.json`` (ARM's provider document shape, loaded on first use): ``locations`` is a
list of display names or "@<set>" naming a list in ``locationSets`` ("@all" = every region of
locations.REGIONS); ``registered`` says whether a new subscription starts registered to the namespace.
The first entries were distilled from provider documents recorded from ARM; the rest come from the
RPs' published specs (scripts/build_catalog.py).
"""
import functools
import json
import os

_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "catalog.json")


class Catalog:
    def __init__(self, data):
        from . import locations
        sets = dict(data["locationSets"])
        sets["all"] = [r[1] for r in locations.REGIONS]
        self.namespaces = {}  # ns_lc -> provider entry (locations expanded)
        self.types = {}  # (ns_lc, type_lc) -> resource type entry
        for entry in data["namespaces"]:
            entry = dict(entry)
            types = []
            for rt in entry["resourceTypes"]:
                rt = dict(rt)
                if isinstance(rt["locations"], str):
                    rt["locations"] = list(sets[rt["locations"][1:]])
                types.append(rt)
                self.types[(entry["namespace"].lower(), rt["resourceType"].lower())] = rt
            entry["resourceTypes"] = types
            self.namespaces[entry["namespace"].lower()] = entry


@functools.lru_cache(maxsize=None)
def catalog():
    with open(_PATH, encoding="utf-8") as handle:
        return Catalog(json.load(handle))


def namespace(name):
    """The catalogue entry of a namespace (any casing), or None."""
    return catalog().namespaces.get(name.lower())


def resource_type(ns, type_path):
    """The catalogue entry of ns/type_path ("virtualNetworks/subnets"), or None."""
    return catalog().types.get((ns.lower(), type_path.lower()))


def newest_stable(rt):
    stable = sorted(v for v in rt["apiVersions"] if "preview" not in v)
    return stable[-1] if stable else sorted(rt["apiVersions"])[-1]


def normalize_location(location):
    return location.replace(" ", "").lower() if isinstance(location, str) else None
