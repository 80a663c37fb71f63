#!/usr/bin/env python3
"""Regenerate the emulator's provider catalogue (src/azcli/emulator/rp/catalog.json).

    python scripts/build_catalog.py SPECS SHARED [--bicep-types DIR] [--arm-schemas DIR]
                                   [--providers DIR] [--out FILE]

SPECS   a copy of Azure/azure-rest-api-specs (a work tree, or a bare git mirror read at HEAD); "none"
        skips it. Every specification/*/resource-manager/**/{stable,preview}/<api-version>/*.json is read:
        its `paths` give the resource types (the segments after the last /providers/<Namespace>/,
        type/{name} pairs, plus a lone first segment such as "operations" or "checkNameAvailability")
        and the folder gives the api-version.
SHARED  the steering repo's shared/ folder: every resource "type" (nested `resources` joined to their
        parent) and "apiVersion" in templates/*/azuredeploy.json and az-test-data/*.json is added, so
        each one used there is accepted.

Optional sources, each a work tree or a bare git mirror:
  --bicep-types DIR   Azure/bicep-types-az: generated/**/<api-version>/types.md ("## Resource T@v").
  --arm-schemas DIR   Azure/azure-resource-manager-schemas: schemas/<api-version>/*.json
                      (resourceDefinitions' type and apiVersion enums).
  --providers DIR     microsoft/PSRule.Rules.Azure: data/providers.json, provider documents as ARM
                      lists them ({namespace: {types: {name: {resourceType, apiVersions, locations}}}}).

The committed catalog.json was built (the specs mirror being over the fetch size limit) with
    python scripts/build_catalog.py ../shared/arm-specs ../shared \
        --bicep-types <mirror of Azure/bicep-types-az> --arm-schemas <mirror of
        Azure/azure-resource-manager-schemas> --providers <mirror of microsoft/PSRule.Rules.Azure>
starting from the 15-namespace catalogue; re-running on its own output changes nothing.

Existing namespaces and types are kept as they are; only missing api-versions and types are added
(new api-versions go before the existing list when newer than its head, after it otherwise, newest
first; versions newer than an existing type's newest only with --newer-for-existing). New namespaces get "registrationPolicy": "RegistrationRequired" and "registered": false, except
the ones Azure documents as registered by default on a new subscription (DEFAULT_REGISTERED). A new
top-level type is "@all" regions when a schema says it is tracked (TrackedResource, a required
`location`, or `location` beside `tags`), [] otherwise (proxy, child, extension and global types). Only
api-versions of the form YYYY-MM-DD or YYYY-MM-DD-preview are taken. Standard library only.
"""
import argparse
import collections
import glob
import json
import os
import posixpath
import re
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CATALOG = os.path.join(REPO, "src", "azcli", "emulator", "rp", "catalog.json")

# "Resource providers marked with - registered by default ... are automatically registered for your
# subscription" (learn.microsoft.com, azure-resource-manager/management/azure-services-resource-providers,
# ms.date 02/27/2026). Only namespaces some source lists are added at all.
DEFAULT_REGISTERED = {n.lower() for n in (
    "Microsoft.ADHybridHealthService", "Microsoft.Authorization", "Microsoft.Billing",
    "Microsoft.ChangeSafety", "Microsoft.ClassicSubscription", "Microsoft.Commerce",
    "Microsoft.Consumption", "Microsoft.CostManagement", "Microsoft.Features",
    "Microsoft.MarketplaceOrdering", "Microsoft.Portal", "Microsoft.ResourceGraph",
    "Microsoft.ResourceNotifications", "Microsoft.Resources", "Microsoft.SerialConsole",
    "microsoft.support")}

# Not public Azure: Azure Stack Hub's operator APIs (*.Admin) and the specs' sample providers.
EXCLUDED = re.compile(r"(?i)^(.+\.admin|microsoft\.contoso|microsoft\.widget)$")

API_VERSION = re.compile(r"^\d{4}-\d{2}-\d{2}(-preview)?$")
NAMESPACE = re.compile(r"^[A-Za-z0-9]+(\.[A-Za-z0-9]+)+$")
SEGMENT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")

# Casing preference when sources disagree: what ARM itself lists beats the specs, which beat templates.
PRIO_PROVIDERS, PRIO_SPECS, PRIO_SCHEMAS, PRIO_TEMPLATES = 4, 3, 2, 1


def log(*args):
    print(*args, file=sys.stderr)


# ---------------------------------------------------------------------------------------------- sources
class Tree:
    """A work tree or a bare git repository (read at HEAD), listed and read by relative path."""

    def __init__(self, path):
        self.path = path
        self.bare = not os.path.isdir(os.path.join(path, ".git")) and os.path.isfile(os.path.join(path, "HEAD")) \
            and os.path.isdir(os.path.join(path, "objects"))
        self._batch = None

    def files(self):
        if not self.bare:
            out = []
            for root, dirs, names in os.walk(self.path):
                dirs[:] = [d for d in dirs if d != ".git"]
                rel = os.path.relpath(root, self.path).replace(os.sep, "/")
                out.extend(n if rel == "." else rel + "/" + n for n in names)
            return sorted(out)
        raw = subprocess.run(["git", "--git-dir", self.path, "ls-tree", "-r", "-z", "--name-only", "HEAD"],
                             check=True, stdout=subprocess.PIPE).stdout
        return sorted(p.decode("utf-8", "replace") for p in raw.split(b"\0") if p)

    def read(self, rel):
        """The file's bytes, or None (missing, or a blob the mirror left out)."""
        if not self.bare:
            try:
                with open(os.path.join(self.path, rel), "rb") as handle:
                    return handle.read()
            except OSError:
                return None
        if self._batch is None:
            self._batch = subprocess.Popen(["git", "--git-dir", self.path, "cat-file", "--batch"],
                                           stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self._batch.stdin.write(("HEAD:%s\n" % rel).encode("utf-8"))
        self._batch.stdin.flush()
        header = self._batch.stdout.readline().split()
        if len(header) != 3:
            return None
        size = int(header[2])
        data = self._batch.stdout.read(size)
        self._batch.stdout.read(1)
        return data

    def close(self):
        if self._batch is not None:
            self._batch.stdin.close()
            self._batch.wait()
            self._batch = None


def parse_json(data):
    try:
        return json.loads(data.decode("utf-8-sig"), strict=False)
    except (ValueError, UnicodeDecodeError):
        return None


class Found:
    """Everything the sources say: namespace -> type -> api-versions, casing votes, tracked flags."""

    def __init__(self):
        self.ns_names = collections.defaultdict(dict)  # ns_lc -> {casing: prio}
        self.type_names = collections.defaultdict(dict)  # (ns_lc, type_lc) -> {casing: (prio, votes)}
        self.versions = collections.defaultdict(set)  # (ns_lc, type_lc) -> api-versions
        self.tracked = set()  # (ns_lc, type_lc) some schema calls tracked
        self.rejected = collections.Counter()  # api-version strings left out

    def add(self, namespace, type_path, api_version, prio, tracked=False):
        if not NAMESPACE.match(namespace or "") or EXCLUDED.match(namespace) or not type_path:
            return False
        segments = type_path.split("/")
        if not all(SEGMENT.match(s) for s in segments):
            return False
        version = (api_version or "").lower()
        key = (namespace.lower(), type_path.lower())
        names = self.ns_names[key[0]]
        names[namespace] = max(names.get(namespace, 0), prio)
        votes = self.type_names[key]
        best, count = votes.get(type_path, (0, 0))
        votes[type_path] = (max(best, prio), count + 1)
        if tracked and len(segments) == 1:
            self.tracked.add(key)
        if api_version is None:
            return True
        if API_VERSION.match(version):
            self.versions[key].add(version)
        else:
            self.rejected[api_version] += 1
        return True

    @staticmethod
    def pick(votes):
        return max(votes.items(), key=lambda kv: (kv[1], kv[0]))[0]


# ---- azure-rest-api-specs
SPEC_FILE = re.compile(r"^specification/[^/]+/resource-manager/(?:.+/)?(?:stable|preview)/"
                       r"(\d{4}-\d{2}-\d{2}(?:-[A-Za-z0-9]+)?)/[^/]+\.json$")


def types_of_path(url):
    """(namespace, [type paths]) an ARM url template names, e.g. .../providers/Microsoft.X/a/{a}/b/{b}."""
    parts = url.split("?")[0].strip("/").split("/")
    idx = [i for i, p in enumerate(parts) if p.lower() == "providers"]
    if not idx or idx[-1] + 1 >= len(parts):
        return None, []
    start = idx[-1] + 1
    namespace, rest = parts[start], parts[start + 1:]
    if "{" in namespace:
        return None, []
    types, chain = [], []
    for i in range(0, len(rest), 2):
        segment = rest[i]
        if "{" in segment:
            break
        if i + 1 >= len(rest):  # a trailing literal: a top-level type ("operations"), else an action
            if not chain:
                types.append(segment)
            break
        chain.append(segment)
        types.append("/".join(chain))
    return namespace, types


class SpecRefs:
    """Just enough $ref following to tell a tracked resource's schema."""

    def __init__(self, tree, docs):
        self.tree, self.docs = tree, docs

    def doc(self, rel):
        if rel not in self.docs:
            data = self.tree.read(rel)
            self.docs[rel] = parse_json(data) if data is not None else None
        return self.docs[rel]

    def resolve(self, ref, rel):
        target, _, pointer = ref.partition("#")
        if target:
            rel = posixpath.normpath(posixpath.join(posixpath.dirname(rel), target))
        node = self.doc(rel)
        for part in [p for p in pointer.split("/") if p]:
            if not isinstance(node, dict):
                return None, rel
            node = node.get(part.replace("~1", "/").replace("~0", "~"))
        return node, rel

    def tracked(self, schema, rel, depth=0):
        if not isinstance(schema, dict) or depth > 10:
            return False
        ref = schema.get("$ref")
        if isinstance(ref, str):
            if ref.rsplit("/", 1)[-1] == "TrackedResource":
                return True
            node, where = self.resolve(ref, rel)
            return self.tracked(node, where, depth + 1)
        if "location" in (schema.get("required") or []):
            return True
        return any(self.tracked(s, rel, depth + 1) for s in schema.get("allOf") or [])


def read_specs(tree, found):
    files = [f for f in tree.files() if SPEC_FILE.match(f) and "/examples/" not in f]
    docs, added = {}, 0
    refs = SpecRefs(tree, docs)
    for rel in files:
        version = SPEC_FILE.match(rel).group(1)
        doc = refs.doc(rel)
        if not isinstance(doc, dict) or not isinstance(doc.get("paths"), dict):
            continue
        for url, item in doc["paths"].items():
            namespace, types = types_of_path(url)
            if not types or not isinstance(item, dict):
                continue
            tracked = False
            if len(types) == 1 and url.rstrip("/").endswith("}"):
                op = item.get("put") or item.get("get") or {}
                responses = op.get("responses") or {}
                response = responses.get("200") or responses.get("201") or {}
                tracked = refs.tracked(response.get("schema"), rel)
            for i, type_path in enumerate(types):
                added += found.add(namespace, type_path, version, PRIO_SPECS, tracked and i == len(types) - 1)
        if len(docs) > 2000:  # keep memory bounded; common-types are re-read when needed
            docs.clear()
    log("specs: %d spec files, %d type/version mentions" % (len(files), added))


# ---- bicep-types-az
BICEP_FILE = re.compile(r"^generated/.+/types\.md$")
BICEP_RESOURCE = re.compile(r"^## Resource (\S+?)@(\S+)\s*$")


def read_bicep_types(tree, found):
    files = [f for f in tree.files() if BICEP_FILE.match(f)]
    added = 0
    for rel in files:
        data = tree.read(rel)
        if data is None:
            continue
        current = None  # [namespace, type, version, has location, location required, has tags]
        sections = []
        for line in data.decode("utf-8", "replace").splitlines():
            if line.startswith("## ") or line.startswith("### ") and not line.startswith("### Properties"):
                match = BICEP_RESOURCE.match(line)
                current = None
                if match and "/" in match.group(1):
                    namespace, _, type_path = match.group(1).partition("/")
                    current = [namespace, type_path, match.group(2), False, False, False]
                    sections.append(current)
            elif current is not None and line.startswith("* **location**:"):
                current[3], current[4] = True, current[4] or "(Required" in line
            elif current is not None and line.startswith("* **tags**:"):
                current[5] = True
        for namespace, type_path, version, location, required, tags in sections:
            added += found.add(namespace, type_path, version, PRIO_SPECS, location and (required or tags))
    log("bicep-types: %d files, %d type/version mentions" % (len(files), added))


# ---- azure-resource-manager-schemas
SCHEMA_FILE = re.compile(r"^schemas/\d{4}-\d{2}-\d{2}(?:-[A-Za-z0-9]+)?/[^/]+\.json$")


def _enum(prop):
    if not isinstance(prop, dict):
        return []
    if "enum" in prop and isinstance(prop["enum"], list):
        return [v for v in prop["enum"] if isinstance(v, str)]
    return [prop["const"]] if isinstance(prop.get("const"), str) else []


def read_arm_schemas(tree, found):
    files = [f for f in tree.files() if SCHEMA_FILE.match(f)]
    added = 0
    for rel in files:
        data = tree.read(rel)
        doc = parse_json(data) if data is not None else None
        if not isinstance(doc, dict):
            continue
        for key, defs in doc.items():
            if not key.endswith("resourceDefinitions") or not isinstance(defs, dict):
                continue
            for definition in defs.values():
                props = definition.get("properties") if isinstance(definition, dict) else None
                if not isinstance(props, dict):
                    continue
                tracked = "location" in props and ("location" in (definition.get("required") or [])
                                                   or "tags" in props)
                for full in _enum(props.get("type")):
                    if "/" not in full:
                        continue
                    namespace, _, type_path = full.partition("/")
                    for version in _enum(props.get("apiVersion")):
                        added += found.add(namespace, type_path, version, PRIO_SCHEMAS, tracked)
    log("arm-schemas: %d files, %d type/version mentions" % (len(files), added))


# ---- provider documents as ARM lists them (PSRule.Rules.Azure's data)
def _provider_docs(doc):
    """Yield (namespace, [resource type entries]) from ARM's list shape or PSRule's dict shape."""
    if isinstance(doc, dict) and "value" in doc:
        doc = doc["value"]
    if isinstance(doc, list):
        for entry in doc:
            if isinstance(entry, dict) and "namespace" in entry:
                yield entry["namespace"], entry.get("resourceTypes") or []
    elif isinstance(doc, dict):
        for namespace, entry in doc.items():
            types = entry.get("types") if isinstance(entry, dict) else None
            if isinstance(types, dict):
                yield namespace, list(types.values())


def read_providers(tree, found):
    files = [f for f in tree.files() if f == "data/providers.json"]
    added = 0
    for rel in files:
        data = tree.read(rel)
        doc = parse_json(data) if data is not None else None
        for namespace, types in _provider_docs(doc):
            for rt in types:
                if not isinstance(rt, dict) or not isinstance(rt.get("resourceType"), str):
                    continue
                for version in rt.get("apiVersions") or [None]:
                    added += found.add(namespace, rt["resourceType"], version, PRIO_PROVIDERS)
    log("providers: %d files, %d type/version mentions" % (len(files), added))


# ---- templates
def lenient_json(text):
    """ARM's template JSON (comments, trailing commas, raw newlines in strings): the engine's own reader."""
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "src"))
    from azcli.emulator.templates.functions.lenient_json import parse_json
    return parse_json(text)


def template_types(doc, parent=None):
    """(type, apiVersion) of every resource of a template, child short types joined to their parent."""
    found = []

    def walk(resources, parent):
        if isinstance(resources, dict):  # languageVersion 2.0: symbolic names
            resources = list(resources.values())
        for res in resources if isinstance(resources, list) else []:
            if not isinstance(res, dict) or not isinstance(res.get("type"), str) or res["type"].startswith("["):
                continue
            full = res["type"]
            if parent is not None and "." not in full.split("/")[0]:
                full = parent + "/" + full
            version = res.get("apiVersion")
            found.append((full, version if isinstance(version, str) and not version.startswith("[") else None))
            walk(res.get("resources"), full)
            props = res.get("properties")
            if isinstance(props, dict) and isinstance(props.get("template"), dict):
                walk(props["template"].get("resources"), None)

    if isinstance(doc, dict):
        walk(doc.get("resources"), parent)
    return found


def template_files(shared):
    return sorted(glob.glob(os.path.join(shared, "templates", "*", "azuredeploy.json"))
                  + glob.glob(os.path.join(shared, "az-test-data", "*.json")))


def read_templates(shared, found):
    used, skipped = [], []
    for path in template_files(shared):
        with open(path, encoding="utf-8-sig") as handle:
            text = handle.read()
        try:
            doc = lenient_json(text)
        except ValueError:
            skipped.append(os.path.relpath(path, shared))
            continue
        for full, version in template_types(doc):
            namespace, _, type_path = full.partition("/")
            if found.add(namespace, type_path, version, PRIO_TEMPLATES):
                used.append((full, version))
    log("templates: %d (type, apiVersion) uses; unparsable, skipped: %s" % (len(used), ", ".join(skipped)))
    return used


# ---------------------------------------------------------------------------------------------- merging
def version_key(v):
    return (v[:10], "preview" not in v)


def merge_versions(existing, new, newer=False):
    """Existing order kept; missing versions newest first, before the list if newer than its head.
    Unless `newer`, versions past the existing newest are left out: the newest (stable) version is what
    the emulator picks for an existing type (exported templates, defaults), and that stays put."""
    have = {v.lower() for v in existing}
    extra = sorted((v for v in new if v not in have), key=version_key, reverse=True)
    if existing and not newer:
        newest = max(version_key(v.lower()) for v in existing)
        extra = [v for v in extra if version_key(v) <= newest]
    if not existing:
        return extra
    head = version_key(existing[0].lower())
    return [v for v in extra if version_key(v) > head] + list(existing) + \
        [v for v in extra if version_key(v) <= head]


def new_type_entry(found, key):
    type_path = Found.pick(found.type_names[key])
    tracked = key in found.tracked and "/" not in type_path
    return {"resourceType": type_path, "locations": "@all" if tracked else [],
            "apiVersions": sorted(found.versions[key], key=version_key, reverse=True),
            "capabilities": "SupportsTags, SupportsLocation" if tracked else "None"}


def build(catalog, found, newer=False):
    by_ns = collections.defaultdict(list)
    for ns_lc, type_lc in found.type_names:
        by_ns[ns_lc].append(type_lc)
    namespaces = []
    seen = set()
    for entry in catalog["namespaces"]:
        ns_lc = entry["namespace"].lower()
        seen.add(ns_lc)
        entry = dict(entry)
        types, have = [], set()
        for rt in entry["resourceTypes"]:
            rt = dict(rt)
            key = (ns_lc, rt["resourceType"].lower())
            have.add(key[1])
            if found.versions.get(key):
                rt["apiVersions"] = merge_versions(rt["apiVersions"], found.versions[key], newer)
            types.append(rt)
        for type_lc in sorted(t for t in by_ns.get(ns_lc, ()) if t not in have):
            if found.versions.get((ns_lc, type_lc)):
                types.append(new_type_entry(found, (ns_lc, type_lc)))
        entry["resourceTypes"] = types
        namespaces.append(entry)
    added = []
    for ns_lc in sorted(set(by_ns) - seen):
        types = [new_type_entry(found, (ns_lc, t)) for t in sorted(by_ns[ns_lc]) if found.versions.get((ns_lc, t))]
        if not types:
            continue
        added.append({"namespace": Found.pick(found.ns_names[ns_lc]), "resourceTypes": types,
                      "registrationPolicy": "RegistrationRequired", "registered": ns_lc in DEFAULT_REGISTERED})
    return {"locationSets": catalog["locationSets"], "namespaces": namespaces + added}


def count(catalog):
    return len(catalog["namespaces"]), sum(len(n["resourceTypes"]) for n in catalog["namespaces"])


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("specs", help='azure-rest-api-specs (work tree or bare git mirror), or "none"')
    parser.add_argument("shared", help="the shared/ folder holding templates/ and az-test-data/")
    parser.add_argument("--bicep-types", help="Azure/bicep-types-az (work tree or bare git mirror)")
    parser.add_argument("--arm-schemas", help="Azure/azure-resource-manager-schemas (work tree or bare git mirror)")
    parser.add_argument("--providers", help="microsoft/PSRule.Rules.Azure (work tree or bare git mirror)")
    parser.add_argument("--newer-for-existing", action="store_true",
                        help="also add api-versions newer than an existing type's newest (changes which "
                             "version the emulator picks for it)")
    parser.add_argument("--out", default=CATALOG, help="catalog to update in place (default: the emulator's)")
    args = parser.parse_args(argv)

    with open(args.out, encoding="utf-8") as handle:
        catalog = json.load(handle)
    found = Found()
    readers = [(args.specs if args.specs != "none" else None, read_specs),
               (args.bicep_types, read_bicep_types), (args.arm_schemas, read_arm_schemas),
               (args.providers, read_providers)]
    for path, reader in readers:
        if not path:
            continue
        if not os.path.isdir(path):
            log("%s: %s is not a directory; skipped" % (reader.__name__, path))
            continue
        tree = Tree(path)
        try:
            reader(tree, found)
        finally:
            tree.close()
    read_templates(args.shared, found)
    if found.rejected:
        log("api-versions left out (not YYYY-MM-DD[-preview]): %d distinct" % len(found.rejected))

    result = build(catalog, found, args.newer_for_existing)
    log("namespaces/types: %d/%d -> %d/%d" % (count(catalog) + count(result)))
    sys.path.insert(0, os.path.join(REPO, "src"))
    from azcli.emulator.rp.catalog import dumps  # the layout the emulator reads a namespace at a time
    text = dumps(result)
    with open(args.out, "w", encoding="utf-8") as handle:
        handle.write(text)
    log("wrote %s (%d bytes)" % (args.out, len(text.encode("utf-8"))))


if __name__ == "__main__":
    main()
