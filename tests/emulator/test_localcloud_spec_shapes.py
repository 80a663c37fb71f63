"""Responses validate against the published OpenAPI definitions (shared/arm-specs)."""
import json
import os
import re

import pytest
from jsonschema import Draft4Validator

SPECS = "/work/shared/arm-specs/specification/resources/resource-manager/Microsoft.Resources"
RESOURCES = os.path.join(SPECS, "resources/stable/2025-04-01/resources.json")
SUBSCRIPTIONS = os.path.join(SPECS, "subscriptions/stable/2022-12-01/subscriptions.json")

pytestmark = pytest.mark.skipif(not os.path.exists(RESOURCES), reason="OpenAPI specs not available")


class Definitions:
    """Swagger definitions from several files, with every $ref rewritten to one flat namespace."""

    def __init__(self):
        self.files = {}
        self.definitions = {}

    def _load(self, path):
        if path not in self.files:
            with open(path, encoding="utf-8") as f:
                self.files[path] = json.load(f)
        return self.files[path]

    def key(self, path, name):
        key = re.sub(r"\W", "_", "%s__%s" % (os.path.relpath(path, SPECS), name))  # a JSON-pointer-safe name
        if key not in self.definitions:
            self.definitions[key] = {}  # placeholder: recursive definitions refer to themselves
            self.definitions[key] = self._rewrite(self._load(path)["definitions"][name], path)
        return key

    def _rewrite(self, node, path):
        if isinstance(node, list):
            return [self._rewrite(n, path) for n in node]
        if not isinstance(node, dict):
            return node
        if "$ref" in node:
            target, _, pointer = node["$ref"].partition("#/definitions/")
            target_path = os.path.normpath(os.path.join(os.path.dirname(path), target)) if target else path
            return {"$ref": "#/definitions/" + self.key(target_path, pointer)}
        return {k: self._rewrite(v, path) for k, v in node.items() if not k.startswith("x-ms-")}

    def validator(self, path, name):
        key = self.key(path, name)
        return Draft4Validator({"$ref": "#/definitions/" + key, "definitions": self.definitions})


@pytest.fixture(scope="module")
def spec():
    return Definitions()


def check(spec, path, name, body):
    errors = sorted(spec.validator(path, name).iter_errors(body), key=str)
    assert not errors, "\n".join(str(e) for e in errors[:3])


def test_resource_group_shapes(spec, cloud):
    r = cloud.call("PUT", cloud.group_path("shaped"), {"location": "westus", "tags": {"a": "b"}, "managedBy": "x"})
    check(spec, RESOURCES, "ResourceGroup", r.json)
    r = cloud.call("GET", "/subscriptions/%s/resourcegroups" % cloud.sub, query={"$top": "1"})
    check(spec, RESOURCES, "ResourceGroupListResult", r.json)
    check(spec, RESOURCES, "CloudError", cloud.call("GET", cloud.group_path("absent")).json)


def test_subscription_shapes(spec, cloud):
    v = "2022-12-01"
    check(spec, SUBSCRIPTIONS, "SubscriptionListResult", cloud.call("GET", "/subscriptions", api_version=v).json)
    check(spec, SUBSCRIPTIONS, "Subscription", cloud.call("GET", "/subscriptions/" + cloud.sub, api_version=v).json)
    check(spec, SUBSCRIPTIONS, "TenantListResult", cloud.call("GET", "/tenants", api_version=v).json)
    locations = cloud.call("GET", "/subscriptions/%s/locations" % cloud.sub, api_version=v).json
    check(spec, SUBSCRIPTIONS, "LocationListResult", locations)
    check(spec, SUBSCRIPTIONS, "CloudError", cloud.call("GET", "/subscriptions/nope", api_version=v).json)
