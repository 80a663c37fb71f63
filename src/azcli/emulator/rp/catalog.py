"""The provider catalogue: which namespaces, resource types, api-versions and locations exist.

The data is ``catalog.json`` (ARM's provider document shape, written by ``dumps`` one namespace per
line, each parsed on first use): ``locations`` is a list of display names or "@<set>" naming a list in
``locationSets`` ("@all" = every region of locations.REGIONS); ``registered`` says whether a new subscription starts registered to the namespace.
The first entries were distilled from provider documents recorded from ARM; the rest come from the
RPs' published specs (scripts/build_catalog.py).
"""
import functools
import json
import os

_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "catalog.json")
SETS_PREFIX = '{"locationSets": '  # the first line
NAMESPACE_PREFIX = '{"namespace": '  # each namespace's line


def dumps(data):
    """catalog.json's text: valid JSON, one namespace per line, so that a command reads only the lines
    of the namespaces it touches (the whole file is 1.7 MB: parsing it cost every resource command ~40 ms)."""
    entries = ",\n".join(json.dumps({"namespace": e["namespace"], **e}, ensure_ascii=False, separators=(", ", ": "))
                          for e in data["namespaces"])
    sets = json.dumps(data["locationSets"], ensure_ascii=False, sort_keys=True)
    return '%s%s,\n"namespaces": [\n%s\n]}\n' % (SETS_PREFIX, sets, entries)


class Catalog:
    """Namespaces parsed on first use from the lines of ``dumps``'s text."""

    def __init__(self, text):
        from . import locations
        lines = text.split("\n")
        sets = json.loads(lines[0][len(SETS_PREFIX):].rstrip(","))
        self._lines = {_line_namespace(line).lower(): line for line in lines[2:] if line.startswith(NAMESPACE_PREFIX)}
        self._sets = dict(sets, all=[r[1] for r in locations.REGIONS])
        self._parsed = {}  # ns_lc -> provider entry (locations expanded)
        self._types = {}  # ns_lc -> {type_lc: resource type entry}

    def namespace(self, name):
        key = name.lower()
        if key not in self._parsed:
            raw = self._lines.get(key)
            if raw is None:
                return None
            self._parse(key, raw)
        return self._parsed[key]

    def _parse(self, key, raw):
        entry = json.loads(raw.rstrip(","))
        for rt in entry["resourceTypes"]:
            if isinstance(rt["locations"], str):
                rt["locations"] = list(self._sets[rt["locations"][1:]])
        self._parsed[key] = entry
        self._types[key] = {rt["resourceType"].lower(): rt for rt in entry["resourceTypes"]}

    @property
    def namespaces(self):
        """{ns_lc: provider entry} of every namespace, in the file's order."""
        return {key: self.namespace(key) for key in self._lines}

    def resource_type(self, ns, type_path):
        if self.namespace(ns) is None:
            return None
        return self._types[ns.lower()].get(type_path.lower())


def _line_namespace(line):
    start = len(NAMESPACE_PREFIX) + 1
    return line[start:line.index('"', start)]


@functools.lru_cache(maxsize=None)
def catalog():
    with open(_PATH, encoding="utf-8") as handle:
        return Catalog(handle.read())


def namespace(name):
    """The catalogue entry of a namespace (any casing), or None."""
    return catalog().namespace(name)


def resource_type(ns, type_path):
    """The catalogue entry of ns/type_path ("virtualNetworks/subnets"), or None."""
    return catalog().resource_type(ns, type_path)


def newest_stable(rt):
    stable = sorted(v for v in rt["apiVersions"] if "preview" not in v)
    return stable[-1] if stable else sorted(rt["apiVersions"])[-1]


def normalize_location(location):
    return location.replace(" ", "").lower() if isinstance(location, str) else None
