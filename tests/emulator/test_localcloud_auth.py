"""Tokens: the identity endpoint and the checks on the ARM side."""
import base64
import json
import time

import pytest

from azcli.emulator.wire import auth
from azcli.emulator.identity import directory
from emulator_helpers import BASE


def forge(cloud, key=None, **overrides):
    """A token like the cloud's, with claims overridden, signed with key (default: the real key)."""
    now = int(time.time())
    claims = {"aud": BASE + "/", "iss": "%s/%s/v2.0" % (BASE, cloud.tenant), "iat": now, "nbf": now,
              "exp": now + 3600, "tid": cloud.tenant, "oid": _builtin_object(cloud), "appid": cloud.identity["clientId"]}
    claims.update(overrides)
    return auth.encode(claims, key or auth.signing_key(cloud.app.store))


def _builtin_object(cloud):
    return directory.principal_by_client(cloud.app.store.read(), cloud.identity["clientId"]).object_id


def token_request(cloud, tenant=None, **form):
    data = {"grant_type": "client_credentials", "client_id": cloud.identity["clientId"],
            "client_secret": cloud.identity["clientSecret"], "scope": BASE + "/.default"}
    data.update(form)
    data = {k: v for k, v in data.items() if v is not None}
    return cloud.client.post("/%s/oauth2/v2.0/token" % (tenant or cloud.tenant), base_url=BASE, data=data)


def test_token_response_and_claims(cloud):
    r = token_request(cloud)
    assert r.status_code == 200
    body = r.json
    assert body["token_type"] == "Bearer" and body["expires_in"] == body["ext_expires_in"] == 3599
    payload = body["access_token"].split(".")[1]
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    assert claims["aud"] == BASE + "/"
    assert claims["iss"] == "%s/%s/v2.0" % (BASE, cloud.tenant)
    assert claims["tid"] == cloud.tenant and claims["appid"] == cloud.identity["clientId"]
    assert claims["exp"] - claims["iat"] == 3600


@pytest.mark.parametrize("form, status, error, code", [
    ({"client_secret": "wrong"}, 401, "invalid_client", 7000215),
    ({"client_id": "00000000-0000-0000-0000-00000000dead"}, 400, "unauthorized_client", 700016),
    ({"grant_type": "password"}, 400, "unsupported_grant_type", 70003),
    ({"scope": "https://management.azure.com/.default"}, 400, "invalid_resource", 500011),
    ({"scope": BASE + "/user_impersonation"}, 400, "invalid_scope", 1002012),
    ({"scope": None}, 400, "invalid_request", 900144),
])
def test_token_errors_look_like_aad(cloud, form, status, error, code):
    r = token_request(cloud, **form)
    assert r.status_code == status
    assert r.json["error"] == error and r.json["error_codes"] == [code]
    assert r.json["error_description"].startswith("AADSTS%d: " % code)
    assert {"timestamp", "trace_id", "correlation_id"} <= set(r.json)


def test_unknown_tenant(cloud):
    r = token_request(cloud, tenant="11111111-1111-1111-1111-111111111111")
    assert r.status_code == 400 and r.json["error"] == "invalid_tenant"
    r = cloud.client.get("/nope/v2.0/.well-known/openid-configuration", base_url=BASE)
    assert r.status_code == 400


def test_openid_configuration(cloud):
    r = cloud.client.get("/%s/v2.0/.well-known/openid-configuration" % cloud.tenant, base_url=BASE)
    assert r.status_code == 200
    assert r.json["issuer"] == "%s/%s/v2.0" % (BASE, cloud.tenant)
    assert r.json["token_endpoint"] == "%s/%s/oauth2/v2.0/token" % (BASE, cloud.tenant)
    assert r.json["authorization_endpoint"] and r.json["device_authorization_endpoint"] and r.json["jwks_uri"]


def test_missing_token(cloud):
    r = cloud.call("GET", "/subscriptions", token=False)
    assert r.status_code == 401
    assert r.json["error"]["code"] == "AuthenticationFailed"
    challenge = r.headers["WWW-Authenticate"]
    assert challenge.startswith('Bearer authorization_uri="%s/%s", error="invalid_token", error_description="'
                                % (BASE, cloud.tenant))


@pytest.mark.parametrize("make, code", [
    (lambda c: forge(c, key=b"k" * 32), "InvalidAuthenticationToken"),
    (lambda c: "not.a.jwt", "InvalidAuthenticationToken"),
    (lambda c: forge(c, exp=int(time.time()) - 10), "ExpiredAuthenticationToken"),
    (lambda c: forge(c, aud="https://management.azure.com/"), "InvalidAuthenticationTokenAudience"),
    (lambda c: forge(c, iss="https://elsewhere.invalid/x/v2.0"), "InvalidAuthenticationTokenTenant"),
    (lambda c: forge(c, oid="00000000-0000-0000-0000-000000000000"), "InvalidAuthenticationToken"),
])
def test_bad_tokens_are_refused(cloud, make, code):
    r = cloud.call("GET", "/subscriptions", token=make(cloud))
    assert r.status_code == 401
    assert r.json["error"]["code"] == code
    assert 'error="invalid_token"' in r.headers["WWW-Authenticate"]


def test_tampered_payload_is_refused(cloud):
    header, payload, signature = cloud.token().split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["exp"] += 100000
    payload = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    r = cloud.call("GET", "/subscriptions", token="%s.%s.%s" % (header, payload, signature))
    assert r.status_code == 401 and r.json["error"]["code"] == "InvalidAuthenticationToken"


def test_principal_without_access(cloud):
    store = cloud.app.store
    with store.write() as db:
        directory.add_principal(db, "22222222-2222-2222-2222-222222222222", cloud.tenant, "ServicePrincipal",
                                "outsider", time.time(), client_id="33333333-3333-3333-3333-333333333333",
                                credentials=[{"type": "secret", "value": "s3cret"}])
    r = token_request(cloud, client_id="33333333-3333-3333-3333-333333333333", client_secret="s3cret")
    token = r.json["access_token"]
    assert cloud.call("GET", "/subscriptions", token=token).json["value"] == []
    r = cloud.call("GET", cloud.group_path("rg"), token=token)
    assert r.status_code == 403 and r.json["error"]["code"] == "AuthorizationFailed"
    assert "33333333-3333-3333-3333-333333333333" in r.json["error"]["message"]
    assert cloud.call("GET", "/subscriptions/" + cloud.sub, token=token).status_code == 404
