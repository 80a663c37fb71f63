"""Resource providers: catalogue documents, registration state transitions (lazy, time-based),
tenant-level documents, operations, and the SDK's providers operations."""


def test_provider_document(cloud):
    r = cloud.call("GET", "/subscriptions/%s/providers/microsoft.network" % cloud.sub)
    assert r.status_code == 200
    doc = r.json
    assert doc["id"] == "/subscriptions/%s/providers/Microsoft.Network" % cloud.sub
    assert doc["namespace"] == "Microsoft.Network" and doc["registrationState"] == "Registered"
    assert doc["registrationPolicy"] == "RegistrationRequired" and doc["authorizations"]
    types = {t["resourceType"]: t for t in doc["resourceTypes"]}
    vnet = types["virtualNetworks"]
    assert "West US" in vnet["locations"] and "SupportsTags" in vnet["capabilities"]
    assert vnet["apiVersions"] != sorted(vnet["apiVersions"], reverse=True)  # ARM's lists are not sorted
    assert "2024-05-01" in vnet["apiVersions"] and vnet["defaultApiVersion"] < max(vnet["apiVersions"])
    assert "virtualNetworks/subnets" in types
    storage = cloud.call("GET", "/subscriptions/%s/providers/Microsoft.Storage" % cloud.sub).json
    assert "storageAccounts/blobServices" in {t["resourceType"] for t in storage["resourceTypes"]}
    missing = cloud.call("GET", "/subscriptions/%s/providers/Microsoft.Nope" % cloud.sub)
    assert missing.status_code == 404 and missing.json["error"]["code"] == "InvalidResourceNamespace"
    types_only = cloud.call("GET", "/subscriptions/%s/providers/Microsoft.Storage/resourceTypes" % cloud.sub).json
    assert types_only["value"] == storage["resourceTypes"]


def test_list_and_paging(cloud):
    r = cloud.call("GET", "/subscriptions/%s/providers" % cloud.sub, query={"$top": "4", "$expand": "metadata"})
    seen = [p["namespace"] for p in r.json["value"]]
    while "nextLink" in r.json:
        r = cloud.get_url(r.json["nextLink"])
        seen += [p["namespace"] for p in r.json["value"]]
    assert len(seen) == len(set(seen)) >= 15
    expected = {"Microsoft.Storage", "Microsoft.Network", "Microsoft.Compute", "Microsoft.Web", "Microsoft.KeyVault",
                "Microsoft.Sql", "Microsoft.ManagedIdentity", "Microsoft.Insights", "Microsoft.ContainerRegistry",
                "Microsoft.ContainerInstance", "Microsoft.Resources", "Microsoft.Authorization", "Microsoft.Confluent",
                "Microsoft.ClassicInfrastructureMigrate"}
    assert expected <= set(seen)


def test_register_and_unregister_transitions(slow_cloud):
    cloud = slow_cloud
    path = "/subscriptions/%s/providers/Microsoft.ClassicInfrastructureMigrate" % cloud.sub
    assert cloud.call("GET", path).json["registrationState"] == "NotRegistered"
    r = cloud.call("POST", path + "/register")
    assert r.status_code == 200 and r.json["registrationState"] == "Registering"
    assert r.json["authorization"]["applicationId"]
    assert cloud.call("GET", path).json["registrationState"] == "Registering"
    cloud.app.store.read().execute("UPDATE resources SET body = json_set(body, '$.since', 0) WHERE name = ?",
                                   ("Microsoft.ClassicInfrastructureMigrate",))
    assert cloud.call("GET", path).json["registrationState"] == "Registered"
    assert cloud.call("POST", path + "/register").json["registrationState"] == "Registered"
    assert cloud.call("POST", path + "/unregister").json["registrationState"] == "Unregistering"
    cloud.app.store.read().execute("UPDATE resources SET body = json_set(body, '$.since', 0) WHERE name = ?",
                                   ("Microsoft.ClassicInfrastructureMigrate",))
    assert cloud.call("GET", path).json["registrationState"] == "Unregistered"


def test_registration_gates_resource_writes(cloud):
    cloud.call("PUT", cloud.group_path("rg"), {"location": "westus"})
    org = cloud.group_path("rg") + "/providers/Microsoft.Confluent/organizations/o1"
    r = cloud.call("PUT", org, {"location": "westus2"}, api_version="2021-12-01")
    assert r.status_code == 409 and r.json["error"]["code"] == "MissingSubscriptionRegistration"
    cloud.call("POST", "/subscriptions/%s/providers/Microsoft.Confluent/register" % cloud.sub)
    assert cloud.call("PUT", org, {"location": "westus2"}, api_version="2021-12-01").status_code == 201


def test_tenant_level_and_operations(cloud):
    r = cloud.call("GET", "/providers/Microsoft.Compute")
    assert r.status_code == 200 and r.json["id"] == "/providers/Microsoft.Compute"
    assert "registrationState" not in r.json
    assert len(cloud.call("GET", "/providers").json["value"]) >= 15
    ops = cloud.call("GET", "/providers/Microsoft.Resources/operations").json["value"]
    assert {"name": "Microsoft.Resources/deployments/write", "display": {
        "provider": "Microsoft.Resources", "resource": "deployments", "operation": "Create or update deployments",
        "description": "Create or update a deployments."}} in ops


def test_provider_operations_metadata(cloud):
    listed = cloud.call("GET", "/providers/Microsoft.Authorization/providerOperations", api_version="2022-04-01",
                        query={"$expand": "resourceTypes"}).json["value"]
    assert "Microsoft.Network" in {p["name"] for p in listed}
    one = cloud.call("GET", "/providers/Microsoft.Authorization/providerOperations/microsoft.network",
                     api_version="2022-04-01").json
    assert one["id"] == "/providers/Microsoft.Authorization/providerOperations/Microsoft.Network"
    vnet = [t for t in one["resourceTypes"] if t["name"] == "virtualNetworks"][0]
    assert vnet["operations"][0]["name"] == "Microsoft.Network/virtualNetworks/read"


def test_sdk_providers(cloud):
    providers = cloud.resource_client().providers
    assert providers.get("Microsoft.KeyVault").registration_state == "Registered"
    assert {p.namespace for p in providers.list()} >= {"Microsoft.Storage", "Microsoft.Confluent"}
    assert providers.register("Microsoft.Confluent").registration_state in ("Registering", "Registered")
    assert providers.get("Microsoft.Confluent").registration_state == "Registered"  # LRO duration 0
    assert providers.unregister("Microsoft.Confluent").registration_state == "Unregistering"
    assert providers.get("Microsoft.Confluent").registration_state == "Unregistered"
    vm = [t for t in providers.get("Microsoft.Compute").resource_types if t.resource_type == "virtualMachines"][0]
    assert "2024-07-01" in vm.api_versions
