"""The identity endpoint's flows on the wire: certificate and federated client assertions, device code,
browser (authorization code + PKCE), refresh tokens, managed identity; and what ARM refuses."""
import base64
import hashlib
import json
import time
from urllib.parse import parse_qs, urlsplit

import pytest

from azcli import emulator
from azcli.emulator.identity import federation
from emulator_helpers import BASE

JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
CLIENT = "04b07795-8ddb-461a-bbee-02f9e1bf7b46"


def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def sign_jwt(header, claims, key, alg="RS256"):
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding
    header = dict(header, alg=alg, typ="JWT")
    signing_input = b64(json.dumps(header).encode()) + "." + b64(json.dumps(claims).encode())
    pad = padding.PKCS1v15() if alg == "RS256" else padding.PSS(mgf=padding.MGF1(hashes.SHA256()),
                                                                 salt_length=hashes.SHA256.digest_size)
    return signing_input + "." + b64(key.sign(signing_input.encode(), pad, hashes.SHA256()))


def load_pem(path):
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization
    data = open(path, "rb").read()
    return serialization.load_pem_private_key(data, None), x509.load_pem_x509_certificate(data)


def token_form(cloud, **form):
    return cloud.client.post("/%s/oauth2/v2.0/token" % cloud.tenant, base_url=BASE, data=form)


@pytest.fixture
def cert_sp(cloud, tmp_path):
    made = emulator.add_principal(cloud.state_dir, "cert-sp", certificate="new")
    path = tmp_path / "sp.pem"
    path.write_text(made["certificatePem"])
    key, cert = load_pem(str(path))
    return made, key, cert


def assertion_for(cloud, client_id, key, cert, alg="RS256", **overrides):
    from cryptography.hazmat.primitives import hashes
    now = int(time.time())
    claims = {"aud": "%s/%s/oauth2/v2.0/token" % (BASE, cloud.tenant), "iss": client_id, "sub": client_id,
              "jti": "x", "iat": now, "nbf": now, "exp": now + 600}
    claims.update(overrides)
    if alg == "RS256":
        header = {"x5t": b64(cert.fingerprint(hashes.SHA1()))}
    else:
        header = {"x5t#S256": b64(cert.fingerprint(hashes.SHA256()))}
    return sign_jwt(header, claims, key, alg)


def cert_request(cloud, client_id, assertion):
    return token_form(cloud, grant_type="client_credentials", client_id=client_id, scope=BASE + "/.default",
                      client_assertion_type=JWT_BEARER, client_assertion=assertion)


@pytest.mark.parametrize("alg", ["RS256", "PS256"])
def test_certificate_assertion(cloud, cert_sp, alg):
    made, key, cert = cert_sp
    r = cert_request(cloud, made["clientId"], assertion_for(cloud, made["clientId"], key, cert, alg))
    assert r.status_code == 200, r.json
    assert cloud.call("GET", "/subscriptions", token=r.json["access_token"]).status_code == 200


def test_certificate_assertion_failures(cloud, cert_sp, tmp_path):
    from cryptography.hazmat.primitives.asymmetric import rsa
    made, key, cert = cert_sp
    cid = made["clientId"]
    other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    cases = [
        (assertion_for(cloud, cid, other_key, cert), 700027),                          # not signed by the cert's key
        (assertion_for(cloud, cid, key, cert, exp=int(time.time()) - 10), 700024),     # expired
        (assertion_for(cloud, cid, key, cert, aud=BASE + "/other/oauth2/v2.0/token"), 700016),
        (assertion_for(cloud, cid, key, cert, sub="someone-else"), 700021),
        ("not-a-jwt", 50027),
    ]
    stranger = emulator.add_principal(cloud.state_dir, "stranger", certificate="new")
    (tmp_path / "s.pem").write_text(stranger["certificatePem"])
    s_key, s_cert = load_pem(str(tmp_path / "s.pem"))
    cases.append((assertion_for(cloud, cid, s_key, s_cert), 700027))                   # cert of another app
    for assertion, code in cases:
        r = cert_request(cloud, cid, assertion)
        assert r.status_code in (400, 401) and r.json["error_codes"] == [code], (code, r.json)
        assert r.json["error"] in ("invalid_client", "invalid_request")


def test_federated_assertion(cloud):
    made = emulator.add_principal(cloud.state_dir, "wi", federated=["repo:o/r:ref:refs/heads/main"])
    assert "clientSecret" not in made
    good = emulator.federated_token(cloud.state_dir, "wi")
    r = token_form(cloud, grant_type="client_credentials", client_id=made["clientId"], scope=BASE + "/.default",
                   client_assertion_type=JWT_BEARER, client_assertion=good)
    assert r.status_code == 200, r.json
    header, claims = [json.loads(base64.urlsafe_b64decode(p + "=" * (-len(p) % 4))) for p in good.split(".")[:2]]
    assert header["alg"] == "RS256" and claims["iss"] == federation.ISSUER
    assert claims["aud"] == "api://AzureADTokenExchange" and claims["exp"] - claims["iat"] == 300


def test_federated_assertion_failures(cloud):
    from cryptography.hazmat.primitives.asymmetric import rsa
    made = emulator.add_principal(cloud.state_dir, "wi", federated=["subject-a"])
    now = int(time.time())
    forged = sign_jwt({}, {"iss": federation.ISSUER, "sub": "subject-a", "aud": "api://AzureADTokenExchange",
                           "iat": now, "exp": now + 300},
                      rsa.generate_private_key(public_exponent=65537, key_size=2048))
    cases = [
        (emulator.federated_token(cloud.state_dir, subject="subject-b"), 70021),
        (emulator.federated_token(cloud.state_dir, subject="subject-a", audience="api://other"), 70021),
        (federation.issue(cloud.app.store, "subject-a", now=now - 1000, lifetime=300), 700024),
        (forged, 700213),
    ]
    for assertion, code in cases:
        r = token_form(cloud, grant_type="client_credentials", client_id=made["clientId"], scope=BASE + "/.default",
                       client_assertion_type=JWT_BEARER, client_assertion=assertion)
        assert r.status_code == 400 and r.json["error_codes"] == [code], (code, r.json)


def test_issuer_discovery_and_keys_verify_its_tokens(cloud):
    config = cloud.client.get("/federation/.well-known/openid-configuration", base_url=BASE).json
    assert config["issuer"] == federation.ISSUER and config["jwks_uri"] == BASE + "/federation/keys"
    jwk = cloud.client.get("/federation/keys", base_url=BASE).json["keys"][0]
    from cryptography.hazmat.primitives.asymmetric import rsa
    public = rsa.RSAPublicNumbers(int.from_bytes(base64.urlsafe_b64decode(jwk["e"] + "=="), "big"),
                                  int.from_bytes(base64.urlsafe_b64decode(jwk["n"] + "=="), "big")).public_key()
    token = emulator.federated_token(cloud.state_dir, subject="x")
    head, payload, signature = token.split(".")
    assert json.loads(base64.urlsafe_b64decode(head + "=="))["kid"] == jwk["kid"]
    assert federation.verify_rsa(public, "RS256", (head + "." + payload).encode(),
                                 base64.urlsafe_b64decode(signature + "=" * (-len(signature) % 4)))


def test_device_code_then_refresh_token(cloud):
    r = cloud.client.post("/organizations/oauth2/v2.0/devicecode", base_url=BASE,
                          data={"client_id": CLIENT, "scope": BASE + "/.default openid profile offline_access"})
    assert r.status_code == 200
    flow = r.json
    assert "azcli local approve " + flow["user_code"] in flow["message"]
    assert flow["verification_uri"] == BASE + "/devicelogin" and flow["expires_in"] == 900
    grant = "urn:ietf:params:oauth:grant-type:device_code"
    poll = {"grant_type": grant, "client_id": CLIENT, "device_code": flow["device_code"]}
    r = cloud.client.post("/organizations/oauth2/v2.0/token", base_url=BASE, data=poll)
    assert r.status_code == 400 and r.json["error"] == "authorization_pending"  # until the local user approves
    emulator.approve_sign_in(cloud.state_dir, flow["user_code"])
    r = cloud.client.post("/organizations/oauth2/v2.0/token", base_url=BASE, data=poll)
    assert r.status_code == 200, r.json
    body = r.json
    assert {"access_token", "id_token", "refresh_token", "client_info", "scope"} <= set(body)
    id_claims = json.loads(base64.urlsafe_b64decode(body["id_token"].split(".")[1] + "=="))
    assert id_claims["aud"] == CLIENT and id_claims["preferred_username"] == "localuser@localcloud.invalid"
    assert cloud.call("GET", "/subscriptions", token=body["access_token"]).json["value"][0]["subscriptionId"] == \
        cloud.sub
    r = cloud.client.post("/%s/oauth2/v2.0/token" % cloud.tenant, base_url=BASE,
                          data={"grant_type": "refresh_token", "client_id": CLIENT,
                                "refresh_token": body["refresh_token"], "scope": BASE + "/.default openid"})
    assert r.status_code == 200 and r.json["access_token"] != body["access_token"]
    # Refresh tokens and device codes are bound to their client, and tamper-evident.
    r = cloud.client.post("/%s/oauth2/v2.0/token" % cloud.tenant, base_url=BASE,
                          data={"grant_type": "refresh_token", "client_id": "another-client",
                                "refresh_token": body["refresh_token"], "scope": BASE + "/.default"})
    assert r.status_code == 400 and r.json["error"] == "invalid_grant"
    r = cloud.client.post("/organizations/oauth2/v2.0/token", base_url=BASE,
                          data={"grant_type": grant, "client_id": CLIENT, "device_code": flow["device_code"] + "x"})
    assert r.status_code == 400 and r.json["error"] == "invalid_grant"
    # A refresh token is not an access token.
    assert cloud.call("GET", "/subscriptions", token=body["refresh_token"]).status_code == 401


def test_authorization_code_with_pkce(cloud):
    verifier = "v" * 50
    challenge = b64(hashlib.sha256(verifier.encode()).digest())
    r = cloud.client.get("/organizations/oauth2/v2.0/authorize", base_url=BASE, query_string={
        "client_id": CLIENT, "redirect_uri": "http://localhost:8400", "response_type": "code", "state": "s1",
        "scope": BASE + "/.default openid", "code_challenge": challenge, "code_challenge_method": "S256"})
    assert r.status_code == 200  # a page waiting for `azcli local approve`, which then continues
    (waiting,) = emulator.pending_sign_ins(cloud.state_dir)
    emulator.approve_sign_in(cloud.state_dir, waiting["userCode"])
    cont = urlsplit(r.get_data(as_text=True).split('url=')[1].split('"')[0].replace("&amp;", "&"))
    r = cloud.client.get(cont.path, base_url=BASE, query_string=cont.query)
    assert r.status_code == 302
    location = urlsplit(r.headers["Location"])
    assert location.netloc == "localhost:8400"
    query = parse_qs(location.query)
    assert query["state"] == ["s1"]
    form = {"grant_type": "authorization_code", "client_id": CLIENT, "code": query["code"][0],
            "redirect_uri": "http://localhost:8400", "scope": BASE + "/.default"}
    bad = cloud.client.post("/organizations/oauth2/v2.0/token", base_url=BASE, data=dict(form, code_verifier="w" * 50))
    assert bad.status_code == 400 and bad.json["error"] == "invalid_grant"
    good = cloud.client.post("/organizations/oauth2/v2.0/token", base_url=BASE, data=dict(form, code_verifier=verifier))
    assert good.status_code == 200 and good.json["refresh_token"]
    r = cloud.client.get("/organizations/oauth2/v2.0/authorize", base_url=BASE, query_string={
        "client_id": CLIENT, "redirect_uri": "https://evil.example/cb", "response_type": "code"})
    assert r.status_code == 400


def test_managed_identity_endpoint(cloud):
    mi = emulator.add_principal(cloud.state_dir, "mi", kind="managed-identity")
    query = {"api-version": "2019-08-01", "resource": BASE + "/"}
    assert cloud.client.get("/msi/token", base_url=BASE, query_string=query).status_code == 401
    assert cloud.client.get("/msi/token", base_url=BASE, query_string=query,
                            headers={"X-IDENTITY-HEADER": "wrong"}).status_code == 401
    headers = {"X-IDENTITY-HEADER": mi["identityHeader"]}
    r = cloud.client.get("/msi/token", base_url=BASE, query_string=query, headers=headers)
    assert r.status_code == 200 and r.json["client_id"] == mi["clientId"]
    assert int(r.json["expires_on"]) > time.time() + 3000
    assert cloud.call("GET", cloud.group_path("x"), token=r.json["access_token"]).status_code == 404
    for key, value in (("client_id", mi["clientId"]), ("mi_res_id", mi["resourceId"]), ("object_id", mi["objectId"])):
        r = cloud.client.get("/msi/token", base_url=BASE, query_string=dict(query, **{key: value}), headers=headers)
        assert r.status_code == 200, (key, r.json)
    r = cloud.client.get("/msi/token", base_url=BASE, query_string=dict(query, client_id="nope"), headers=headers)
    assert r.status_code == 400
    r = cloud.client.get("/msi/token", base_url=BASE, query_string=dict(query, resource="https://elsewhere/"),
                         headers=headers)
    assert r.status_code == 400


def test_arm_refuses_other_tenant_and_other_audience(cloud):
    other = emulator.add_tenant(cloud.state_dir, "Other Directory")["tenantId"]
    guest = emulator.add_principal(cloud.state_dir, "guest", tenant_id=other, access=[cloud.sub])
    r = cloud.client.post("/%s/oauth2/v2.0/token" % other, base_url=BASE, data={
        "grant_type": "client_credentials", "client_id": guest["clientId"], "client_secret": guest["clientSecret"],
        "scope": BASE + "/.default"})
    assert r.status_code == 200
    refused = cloud.call("GET", cloud.group_path("x"), token=r.json["access_token"])
    assert refused.status_code == 401 and refused.json["error"]["code"] == "InvalidAuthenticationTokenTenant"
    # The guest cannot get a token from the subscription's tenant: it is not an app there.
    r = cloud.client.post("/%s/oauth2/v2.0/token" % cloud.tenant, base_url=BASE, data={
        "grant_type": "client_credentials", "client_id": guest["clientId"], "client_secret": guest["clientSecret"],
        "scope": BASE + "/.default"})
    assert r.status_code == 400 and r.json["error"] == "unauthorized_client"
    vault = cloud.client.post("/%s/oauth2/v2.0/token" % cloud.tenant, base_url=BASE, data={
        "grant_type": "client_credentials", "client_id": cloud.identity["clientId"],
        "client_secret": cloud.identity["clientSecret"], "scope": "https://vault.azure.net/.default"})
    assert vault.status_code == 200
    refused = cloud.call("GET", "/subscriptions", token=vault.json["access_token"])
    assert refused.status_code == 401 and refused.json["error"]["code"] == "InvalidAuthenticationTokenAudience"


def test_principals_have_their_own_access(cloud):
    second = emulator.add_subscription(cloud.state_dir, "Second")["subscriptionId"]
    only_second = emulator.add_principal(cloud.state_dir, "only-second", access=[second])
    token = token_form(cloud, grant_type="client_credentials", client_id=only_second["clientId"],
                       client_secret=only_second["clientSecret"], scope=BASE + "/.default").json["access_token"]
    assert [s["subscriptionId"] for s in cloud.call("GET", "/subscriptions", token=token).json["value"]] == [second]
    r = cloud.call("GET", cloud.group_path("rg"), token=token)
    assert r.status_code == 403 and r.json["error"]["code"] == "AuthorizationFailed"
    listed = {p["name"]: p for p in emulator.list_principals(cloud.state_dir)}
    assert listed["only-second"]["access"] == [{"scope": "/subscriptions/" + second, "role": "Owner"}]
    assert "clientSecret" not in listed["only-second"] and listed["azcli-local"]["builtin"] is True
    emulator.delete_principal(cloud.state_dir, "only-second")
    r = token_form(cloud, grant_type="client_credentials", client_id=only_second["clientId"],
                   client_secret=only_second["clientSecret"], scope=BASE + "/.default")
    assert r.status_code == 400 and r.json["error"] == "unauthorized_client"
    with pytest.raises(ValueError):
        emulator.delete_principal(cloud.state_dir, "azcli-local")
