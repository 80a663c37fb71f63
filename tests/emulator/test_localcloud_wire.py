"""The ARM surface on the wire: status codes, headers, bodies and errors (werkzeug test client)."""
import pytest

from emulator_helpers import BASE

API_VERSIONS = ["2016-06-01", "2016-09-01", "2020-05-01", "2022-12-01", "2024-11-01", "2025-04-01",
                "2021-04-01-preview"]


def test_every_arm_response_has_request_ids_and_rate_limits(cloud):
    r = cloud.call("GET", "/subscriptions/%s" % cloud.sub)
    assert r.status_code == 200
    assert r.headers["Content-Type"] == "application/json; charset=utf-8"
    assert r.headers["x-ms-request-id"]
    assert r.headers["x-ms-correlation-request-id"]
    assert r.headers["x-ms-ratelimit-remaining-subscription-reads"]
    r = cloud.call("PUT", cloud.group_path("rg"), {"location": "westus"})
    assert r.headers["x-ms-ratelimit-remaining-subscription-writes"]


def test_correlation_id_is_echoed(cloud):
    r = cloud.call("GET", "/subscriptions", headers={"x-ms-correlation-request-id": "abc-123"})
    assert r.headers["x-ms-correlation-request-id"] == "abc-123"
    other = cloud.call("GET", "/subscriptions")
    assert other.headers["x-ms-correlation-request-id"] not in ("abc-123", r.headers["x-ms-correlation-request-id"])


def test_missing_api_version(cloud):
    r = cloud.call("GET", cloud.group_path("rg"), api_version=None)
    assert r.status_code == 400
    assert r.json["error"]["code"] == "MissingApiVersionParameter"
    assert "api-version" in r.json["error"]["message"]


@pytest.mark.parametrize("version", ["2022-13-01", "latest", "2022-1-1", "1999-01-01"])
def test_malformed_api_version(cloud, version):
    r = cloud.call("GET", "/subscriptions", api_version=version)
    assert r.status_code == 400
    assert r.json["error"]["code"] == "InvalidApiVersionParameter"


@pytest.mark.parametrize("version", API_VERSIONS)
def test_well_formed_api_versions_are_accepted(cloud, version):
    assert cloud.call("GET", "/subscriptions", api_version=version).status_code == 200


def test_unknown_routes(cloud):
    r = cloud.call("GET", "/subscriptions/%s/providers/Microsoft.Foo/bars" % cloud.sub)
    assert r.status_code == 404
    assert r.json["error"]["code"] == "InvalidResourceType"
    r = cloud.call("GET", "/nothing/here")
    assert r.status_code == 404 and r.json["error"]["code"] == "NotFound"
    r = cloud.call("POST", cloud.group_path("rg"), {})
    assert r.status_code == 405


def test_subscription_routes(cloud):
    r = cloud.call("GET", "/subscriptions", api_version="2022-12-01")
    assert r.json["count"] == {"type": "Total", "value": 1}
    (sub,) = r.json["value"]
    assert sub["id"] == "/subscriptions/" + cloud.sub
    assert sub["subscriptionId"] == cloud.sub and sub["tenantId"] == cloud.tenant
    assert sub["displayName"] == cloud.identity["subscriptionName"]
    assert sub["state"] == "Enabled" and sub["managedByTenants"] == []
    assert set(sub["subscriptionPolicies"]) == {"locationPlacementId", "quotaId", "spendingLimit"}
    assert cloud.call("GET", "/subscriptions/" + cloud.sub.upper(), api_version="2022-12-01").json == sub
    legacy = cloud.call("GET", "/subscriptions", api_version="2016-06-01").json
    assert "count" not in legacy and "tenantId" not in legacy["value"][0]
    missing = cloud.call("GET", "/subscriptions/00000000-0000-0000-0000-000000000001")
    assert missing.status_code == 404 and missing.json["error"]["code"] == "SubscriptionNotFound"
    assert cloud.call("GET", "/tenants", api_version="2022-12-01").json["value"][0]["tenantId"] == cloud.tenant


def test_locations(cloud):
    r = cloud.call("GET", "/subscriptions/%s/locations" % cloud.sub, api_version="2022-12-01")
    regions = {loc["name"]: loc for loc in r.json["value"]}
    assert len(regions) >= 20
    assert {"westus", "eastus", "westeurope", "northeurope", "southeastasia"} <= set(regions)
    eastus = regions["eastus"]
    assert eastus["displayName"] == "East US" and eastus["regionalDisplayName"] == "(US) East US"
    assert eastus["metadata"]["pairedRegion"][0]["name"] == "westus"
    old = cloud.call("GET", "/subscriptions/%s/locations" % cloud.sub, api_version="2016-06-01").json["value"][0]
    assert set(old) == {"id", "name", "displayName", "longitude", "latitude"}


def test_cloud_metadata_needs_no_token(cloud):
    r = cloud.call("GET", "/metadata/endpoints", api_version="2022-09-01", token=False)
    assert r.status_code == 200
    assert r.json["resourceManager"] == BASE
    assert r.json["authentication"] == {"loginEndpoint": BASE, "audiences": [BASE + "/"], "tenant": "common",
                                        "identityProvider": "AAD"}


def test_base_url_follows_the_host(cloud):
    r = cloud.client.get("/metadata/endpoints", base_url="https://127.0.0.1:8443")
    assert r.json["resourceManager"] == "https://127.0.0.1:8443"


def test_state_survives_a_new_app(cloud):
    from azcli.emulator import create_app, local_identity
    cloud.call("PUT", cloud.group_path("kept"), {"location": "westus"})
    assert local_identity(cloud.state_dir) == cloud.identity
    cloud.app = create_app(cloud.state_dir)
    cloud.client.application = cloud.app
    assert cloud.call("GET", cloud.group_path("kept")).status_code == 200


def test_reset_state_keeps_identities(cloud):
    from azcli.emulator import reset_state
    cloud.call("PUT", cloud.group_path("gone"), {"location": "westus"})
    reset_state(cloud.state_dir)
    assert cloud.call("GET", cloud.group_path("gone")).status_code == 404
    assert cloud.call("GET", "/subscriptions/" + cloud.sub).status_code == 200


def test_injected_faults(tmp_path):
    from emulator_helpers import Cloud
    always = Cloud(tmp_path / "a")
    always.app.settings.faults.__init__("429=1.0")
    r = always.call("GET", "/subscriptions")
    assert r.status_code == 429 and r.headers["Retry-After"] == "1" and r.json["error"]["code"] == "TooManyRequests"
    some = Cloud(tmp_path / "b")
    some.app.settings.faults.__init__("429=0.2,500=0.1,seed=7")
    statuses = [some.call("GET", "/subscriptions").status_code for _ in range(300)]
    assert 30 < statuses.count(429) < 90 and 10 < statuses.count(500) < 60
    assert statuses.count(200) == 300 - statuses.count(429) - statuses.count(500)
    with pytest.raises(ValueError):
        from azcli.emulator import create_app
        create_app(str(tmp_path / "c"), faults="404=1")
