"""The provider catalogue (catalog.json, built by scripts/build_catalog.py) covers the public namespaces
and every resource type and api-version the shared templates deploy."""
import glob
import json
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CATALOG = REPO / "src" / "azcli" / "emulator" / "rp" / "catalog.json"
SHARED = REPO.parent / "shared"
API_VERSION = re.compile(r"^\d{4}-\d{2}-\d{2}(-preview)?$")


@pytest.fixture(scope="module")
def catalog():
    with open(CATALOG, encoding="utf-8") as handle:
        return json.load(handle)


@pytest.fixture(scope="module")
def types(catalog):
    """(namespace, type) lower-cased -> api-versions lower-cased."""
    return {(ns["namespace"].lower(), rt["resourceType"].lower()): {v.lower() for v in rt["apiVersions"]}
            for ns in catalog["namespaces"] for rt in ns["resourceTypes"]}


def _lenient_json(text):
    """Template JSON as ARM reads it: comments, trailing commas and raw newlines in strings allowed."""
    out, i, in_str = [], 0, False
    while i < len(text):
        c = text[i]
        if in_str:
            out.append(c)
            if c == "\\":
                out.append(text[i + 1:i + 2])
                i += 1
            elif c == '"':
                in_str = False
        elif c == '"':
            in_str = True
            out.append(c)
        elif text.startswith("//", i):
            while i < len(text) and text[i] not in "\r\n":
                i += 1
            continue
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            i = len(text) if end < 0 else end + 2
            continue
        else:
            out.append(c)
        i += 1
    return json.loads(re.sub(r",(\s*[}\]])", r"\1", "".join(out)), strict=False)


def _template_uses():
    files = sorted(glob.glob(str(SHARED / "templates" / "*" / "azuredeploy.json"))
                   + glob.glob(str(SHARED / "az-test-data" / "*.json")))
    uses = []

    def walk(resources, parent, where):
        if isinstance(resources, dict):
            resources = list(resources.values())
        for res in resources if isinstance(resources, list) else []:
            if not isinstance(res, dict) or not isinstance(res.get("type"), str) or res["type"].startswith("["):
                continue
            full = res["type"]
            if parent is not None and "." not in full.split("/")[0]:
                full = parent + "/" + full
            version = res.get("apiVersion")
            if isinstance(version, str) and not version.startswith("["):
                uses.append((full, version, where))
            walk(res.get("resources"), full, where)
            props = res.get("properties")
            if isinstance(props, dict) and isinstance(props.get("template"), dict):
                walk(props["template"].get("resources"), None, where)

    for path in files:
        try:
            with open(path, encoding="utf-8-sig") as handle:
                doc = _lenient_json(handle.read())
        except ValueError:
            continue  # deliberately malformed test inputs
        if isinstance(doc, dict):
            walk(doc.get("resources"), None, str(Path(path).relative_to(SHARED)))
    return files, uses


def test_cosmos_db_is_catalogued(types):
    assert ("microsoft.documentdb", "databaseaccounts") in types
    assert ("microsoft.documentdb", "databaseaccounts/sqldatabases") in types
    assert ("microsoft.documentdb", "databaseaccounts/sqldatabases/containers") in types


def test_every_template_type_and_api_version_is_catalogued(types):
    assert SHARED.is_dir(), "shared folder missing: %s" % SHARED
    files, uses = _template_uses()
    assert files, "no templates under %s" % SHARED
    assert len(uses) > 100
    missing = sorted({"%s@%s (%s)" % (full, version, where) for full, version, where in uses
                      if version.lower() not in types.get(tuple(full.lower().split("/", 1)), ())})
    assert not missing, "not in catalog.json:\n" + "\n".join(missing)


def test_namespaces_are_unique_case_insensitively(catalog):
    names = [ns["namespace"].lower() for ns in catalog["namespaces"]]
    assert len(names) == len(set(names))
    for ns in catalog["namespaces"]:
        kinds = [rt["resourceType"].lower() for rt in ns["resourceTypes"]]
        assert len(kinds) == len(set(kinds)), ns["namespace"]


def test_api_versions_are_dates(catalog):
    bad = ["%s/%s %s" % (ns["namespace"], rt["resourceType"], v) for ns in catalog["namespaces"]
           for rt in ns["resourceTypes"] for v in rt["apiVersions"] if not API_VERSION.match(v)]
    assert not bad, bad[:20]
    empty = ["%s/%s" % (ns["namespace"], rt["resourceType"]) for ns in catalog["namespaces"]
             for rt in ns["resourceTypes"] if not rt["apiVersions"]]
    assert not empty, empty[:20]


def test_entries_keep_the_catalog_shape(catalog):
    sets = set(catalog["locationSets"]) | {"all"}
    for ns in catalog["namespaces"]:
        assert isinstance(ns["registered"], bool) and ns["registrationPolicy"] in (
            "RegistrationRequired", "RegistrationFree"), ns["namespace"]
        for rt in ns["resourceTypes"]:
            loc = rt["locations"]
            assert isinstance(loc, list) or (isinstance(loc, str) and loc[1:] in sets), (ns["namespace"], rt)
    by_name = {ns["namespace"].lower(): ns for ns in catalog["namespaces"]}
    assert len(by_name) > 250 and sum(len(ns["resourceTypes"]) for ns in by_name.values()) > 3000
    assert by_name["microsoft.resources"]["registered"] and by_name["microsoft.features"]["registered"]
    assert not by_name["microsoft.documentdb"]["registered"]


# The api-versions az 2.91's SDKs send by default for the services azcli covers (az's own profile pins
# resources, subscriptions, locks, links, features and msi; keyvault, storage, network, templatespecs and
# deployments follow their SDK's default). The local cloud refuses an api-version it does not list.
AZ_291_API_VERSIONS = {
    ("Microsoft.KeyVault", "vaults"): "2026-02-01", ("Microsoft.KeyVault", "deletedVaults"): "2026-02-01",
    ("Microsoft.Storage", "storageAccounts"): "2025-08-01",
    ("Microsoft.Storage", "storageAccounts/blobServices/containers"): "2025-08-01",
    ("Microsoft.Network", "virtualNetworks"): "2025-07-01",
    ("Microsoft.Resources", "templateSpecs"): "2021-05-01", ("Microsoft.Resources", "deployments"): "2025-04-01",
    ("Microsoft.ManagedIdentity", "userAssignedIdentities"): "2024-11-30",
}


def test_az_291_api_versions_are_accepted():
    from azcli.emulator.rp import catalog as served
    for (namespace, type_path), version in AZ_291_API_VERSIONS.items():
        entry = served.resource_type(namespace, type_path)
        assert entry is not None and version in entry["apiVersions"], (namespace, type_path, version)


def test_the_catalog_reads_a_namespace_at_a_time_as_the_whole_file_reads(catalog):
    """catalog.json is written one namespace per line (catalog.dumps); the emulator parses only the lines
    it needs, and reads what the whole file holds, location sets expanded."""
    from azcli.emulator.rp import catalog as module
    from azcli.emulator.rp.locations import REGIONS
    text = CATALOG.read_text(encoding="utf-8")
    assert text == module.dumps(catalog)  # the build script's layout
    sets = dict(catalog["locationSets"], all=[region[1] for region in REGIONS])
    expected = {}
    for entry in json.loads(json.dumps(catalog["namespaces"])):
        for rt in entry["resourceTypes"]:
            if isinstance(rt["locations"], str):
                rt["locations"] = sets[rt["locations"][1:]]
        expected[entry["namespace"].lower()] = entry
    lazy = module.Catalog(text)
    assert lazy.namespace("MICROSOFT.NETWORK") == expected["microsoft.network"]
    assert lazy.resource_type("microsoft.network", "VirtualNetworks/Subnets")["resourceType"] == "virtualNetworks/subnets"
    assert lazy.namespace("No.Such") is None and lazy.resource_type("No.Such", "x") is None
    assert lazy.namespaces == expected
