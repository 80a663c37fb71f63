"""An in-memory Host for the engine tests: a dict store keyed by lower-case id, recording every call."""

import copy
import json

from azcli.emulator.templates.context import Scope
from azcli.emulator.templates.host import HostError

TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47"
SUB = "00000000-0000-0000-0000-000000000000"


def subscription_doc(sub=SUB):
    return {"id": f"/subscriptions/{sub}", "subscriptionId": sub, "tenantId": TENANT, "displayName": "Local"}


def group_doc(name, sub=SUB, location="westus"):
    return {"id": f"/subscriptions/{sub}/resourceGroups/{name}", "name": name,
            "type": "Microsoft.Resources/resourceGroups", "location": location,
            "properties": {"provisioningState": "Succeeded"}}


def type_and_name(resource_id):
    """("Microsoft.Web/sites/config", "site/web") from the last provider section of an id."""
    parts = resource_id.strip("/").split("/")
    lowered = [p.lower() for p in parts]
    if "providers" not in lowered:  # /subscriptions/s/resourceGroups/g
        return "Microsoft.Resources/resourceGroups", parts[-1]
    at = len(lowered) - 1 - lowered[::-1].index("providers")
    rest = parts[at + 1:]
    types = [rest[0]] + rest[1::2]
    return "/".join(types), "/".join(rest[2::2])


def _computed(doc):
    """Realistic RP-computed properties for a few types templates read through reference()."""
    kind = doc["type"].lower()
    name = doc["name"]
    props = doc.setdefault("properties", {})
    if kind == "microsoft.storage/storageaccounts":
        props.setdefault("primaryEndpoints", {s: f"https://{name}.{s}.core.windows.net/"
                                              for s in ("blob", "queue", "table", "file", "dfs", "web")})
    elif kind == "microsoft.network/publicipaddresses":
        props.setdefault("ipAddress", "20.1.2.3")
        dns = props.get("dnsSettings")
        if isinstance(dns, dict) and dns.get("domainNameLabel"):
            dns.setdefault("fqdn", f"{dns['domainNameLabel']}.westus.cloudapp.azure.com")
    elif kind == "microsoft.web/sites":
        props.setdefault("defaultHostName", f"{name}.azurewebsites.net")
    elif kind == "microsoft.containerinstance/containergroups":
        address = props.get("ipAddress")
        if isinstance(address, dict):
            address.setdefault("ip", "20.1.2.4")
            if address.get("dnsNameLabel"):
                address.setdefault("fqdn", f"{address['dnsNameLabel']}.westus.azurecontainer.io")
    elif kind == "microsoft.insights/components":
        props.setdefault("InstrumentationKey", "44444444-4444-4444-4444-444444444444")
        props.setdefault("ConnectionString", "InstrumentationKey=44444444-4444-4444-4444-444444444444")
    elif kind == "microsoft.web/hostingenvironments":
        props.setdefault("internalInboundIpAddresses", ["10.0.0.11"])
    elif kind == "microsoft.subscription/aliases":
        props.setdefault("subscriptionId", "55555555-5555-5555-5555-555555555555")
    elif kind == "microsoft.containerservice/managedclusters":
        props.setdefault("fqdn", f"{name}-dns.hcp.westus.azmk8s.io")
    elif kind == "microsoft.managedidentity/userassignedidentities":
        props.setdefault("principalId", "11111111-1111-1111-1111-111111111111")
        props.setdefault("clientId", "22222222-2222-2222-2222-222222222222")
        props.setdefault("tenantId", TENANT)
    if isinstance(doc.get("identity"), dict) and "SystemAssigned" in str(doc["identity"].get("type", "")):
        doc["identity"].setdefault("principalId", "33333333-3333-3333-3333-333333333333")
        doc["identity"].setdefault("tenantId", TENANT)


class FakeHost:
    """A Host over a dict. ``fail_puts`` maps an id (any casing) to the HostError its put raises."""

    def __init__(self, groups=("rg",), subscription=SUB, strict_parents=True):
        self.sub = subscription
        self.store = {}
        self.groups = {g.lower(): group_doc(g, subscription) for g in groups}
        self.fail_puts = {}
        self.calls = []
        self.deployments = {}
        self.documents = {}  # uri -> bytes for fetch()
        self.action_answers = {}  # (id lower, action lower) -> answer
        self.strict_parents = strict_parents

    # --- scopes ----------------------------------------------------------------------------------
    def rg_scope(self, name="rg"):
        return self.scope(self.sub, name)

    def scope(self, subscription_id=None, resource_group=None, management_group=None):
        self.calls.append(("scope", subscription_id, resource_group, management_group))
        if management_group:
            return Scope("managementGroup", TENANT, management_group={
                "id": f"/providers/Microsoft.Management/managementGroups/{management_group}",
                "name": management_group, "type": "Microsoft.Management/managementGroups",
                "properties": {"tenantId": TENANT, "displayName": management_group}})
        if subscription_id is None:
            return Scope("tenant", TENANT)
        sub = subscription_doc(subscription_id)
        if resource_group is None:
            return Scope("subscription", TENANT, subscription=sub)
        group = self.groups.get(resource_group.lower())
        if group is None:
            raise HostError(404, "ResourceGroupNotFound", f"Resource group '{resource_group}' could not be found.")
        return Scope("resourceGroup", TENANT, subscription=sub, resource_group=copy.deepcopy(group))

    # --- resources -------------------------------------------------------------------------------
    def get(self, resource_id, api_version=None):
        self.calls.append(("get", resource_id))
        doc = self.store.get(resource_id.lower()) or self.deployments.get(resource_id.lower())
        if doc is None and resource_id.lower().rstrip("/").count("/") == 4 and "/resourcegroups/" in resource_id.lower():
            doc = self.groups.get(resource_id.rstrip("/").rsplit("/", 1)[1].lower())
        return copy.deepcopy(doc) if doc is not None else None

    def put(self, resource_id, body, api_version):
        self.calls.append(("put", resource_id))
        failure = self.fail_puts.get(resource_id.lower())
        if failure is not None:
            raise failure
        kind, name = type_and_name(resource_id)
        if kind == "Microsoft.Resources/resourceGroups":
            doc = group_doc(name, self.sub, body.get("location", "westus"))
            if body.get("tags"):
                doc["tags"] = body["tags"]
            self.groups[name.lower()] = doc
            return copy.deepcopy(doc)
        self._check_container(resource_id, kind)
        doc = copy.deepcopy(body)
        doc.update({"id": resource_id, "name": name.rsplit("/", 1)[-1], "type": kind})
        doc.setdefault("properties", {})
        doc["properties"]["provisioningState"] = "Succeeded"
        _computed(doc)
        json.dumps(doc)  # the engine must hand the cloud plain JSON
        self.store[resource_id.lower()] = doc
        return copy.deepcopy(doc)

    def _check_container(self, resource_id, kind):
        lowered = resource_id.lower()
        if "/resourcegroups/" in lowered:
            group = lowered.split("/resourcegroups/")[1].split("/")[0]
            if group not in self.groups:
                raise HostError(404, "ResourceGroupNotFound", f"Resource group '{group}' could not be found.")
        if self.strict_parents and kind.count("/") > 1 and "/providers/" in lowered:
            # RPs create singleton children (blobServices/default, ...) with their root, so only the root must exist.
            head, _, tail = resource_id.rpartition("/providers/")
            parent = head + "/providers/" + "/".join(tail.split("/")[:3])
            if parent.lower() not in self.store:
                raise HostError(404, "ParentResourceNotFound",
                                f"Can not perform requested operation on nested resource. Parent resource "
                                f"'{parent}' not found.")

    def delete(self, resource_id, api_version=None):
        self.calls.append(("delete", resource_id))
        failure = self.fail_puts.get(("delete", resource_id.lower()))
        if failure is not None:
            raise failure
        lowered = resource_id.lower()
        for key in [k for k in self.store if k == lowered or k.startswith(lowered + "/")]:
            del self.store[key]

    def action(self, resource_id, action, api_version, body=None):
        self.calls.append(("action", resource_id, action))
        if resource_id.lower() not in self.store:
            raise HostError(404, "ResourceNotFound", f"The Resource '{resource_id}' was not found.")
        answer = self.action_answers.get((resource_id.lower(), action.lower()))
        if answer is not None:
            return copy.deepcopy(answer)
        if action.lower() == "listkeys":
            return {"keys": [{"keyName": "key1", "value": "a2V5MQ==", "permissions": "FULL"},
                             {"keyName": "key2", "value": "a2V5Mg==", "permissions": "FULL"}]}
        return {"value": []}

    def list_resources(self, scope_id):
        self.calls.append(("list_resources", scope_id))
        prefix = scope_id.lower().rstrip("/") + "/providers/"
        found = []
        for key, doc in self.store.items():
            if key.startswith(prefix) and key[len(prefix):].count("/") == 2:
                found.append(copy.deepcopy(doc))
        return found

    def provider(self, namespace):
        self.calls.append(("provider", namespace))
        types = {}
        for doc in self.store.values():
            ns, _, rest = doc["type"].partition("/")
            if ns.lower() == namespace.lower():
                types[rest] = {"resourceType": rest, "locations": ["West US", "East US"],
                               "apiVersions": ["2023-01-01", "2022-09-01"]}
        if not types and namespace.lower() not in ("microsoft.storage", "microsoft.network", "microsoft.web"):
            return None
        return {"id": f"/subscriptions/{self.sub}/providers/{namespace}", "namespace": namespace,
                "registrationState": "Registered", "resourceTypes": list(types.values())}

    def fetch(self, uri):
        self.calls.append(("fetch", uri))
        if uri not in self.documents:
            raise HostError(400, "InvalidContentLink", f"Unable to download deployment content from '{uri}'.")
        return self.documents[uri]

    def save_deployment(self, scope, name, document):
        self.calls.append(("save_deployment", name, document["properties"].get("provisioningState")))
        self.deployments[(document["id"].lower())] = copy.deepcopy(document)

    # --- test helpers ----------------------------------------------------------------------------
    def puts(self):
        return [call[1] for call in self.calls if call[0] == "put"]

    def doc(self, resource_id):
        return self.store.get(resource_id.lower())


SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"


def template(resources, **sections):
    """A minimal template around ``resources`` (a list, or a dict for languageVersion 2.0)."""
    doc = {"$schema": SCHEMA, "contentVersion": "1.0.0.0", "resources": resources}
    if isinstance(resources, dict):
        doc["languageVersion"] = "2.0"
    doc.update(sections)
    return doc


def resource(type_, name, **fields):
    doc = {"type": type_, "apiVersion": "2023-01-01", "name": name}
    doc.update(fields)
    return doc


def rid(kind, name, group="rg", sub=SUB):
    ns, *types = kind.split("/")
    names = name.split("/")
    return f"/subscriptions/{sub}/resourceGroups/{group}/providers/{ns}/" + "/".join(
        f"{t}/{n}" for t, n in zip(types, names))
