"""No token without a credential (issue 13): people's sign-ins (device code, browser) wait for the local
user's `azcli local approve`; ARM takes only access tokens, decoded strictly (no ID or flow tokens, no
padded or non-canonical base64url, integer exp/nbf)."""
import base64
import hashlib
import json
import time
from urllib.parse import parse_qs, urlsplit

import pytest
from werkzeug.test import Client

from azcli import emulator
from azcli.emulator.wire import auth

BASE = "https://local.azcli.invalid"
DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"
MADE_UP_CLIENT = "11111111-2222-3333-4444-555555555555"


class Wire:
    """The local cloud of a state dir over werkzeug's test client."""

    def __init__(self, state_dir):
        self.dir = str(state_dir)
        self.identity = emulator.local_identity(self.dir)
        self.app = emulator.create_app(self.dir)
        self.client = Client(self.app)

    def post(self, path, **form):
        return self.client.post(path, base_url=BASE, data=form)

    def get(self, url_or_path, **query):
        parts = urlsplit(url_or_path)
        return self.client.get(parts.path, base_url=BASE, query_string=parts.query or query)

    def arm(self, token, path="/subscriptions"):
        return self.client.get(path, base_url=BASE, query_string={"api-version": "2022-12-01"},
                               headers={"Authorization": "Bearer " + token})

    def device_flow(self, client_id=MADE_UP_CLIENT, scope=BASE + "/.default openid profile offline_access"):
        r = self.post("/organizations/oauth2/v2.0/devicecode", client_id=client_id, scope=scope)
        assert r.status_code == 200, r.json
        return r.json

    def poll(self, flow, client_id=MADE_UP_CLIENT):
        return self.post("/organizations/oauth2/v2.0/token", grant_type=DEVICE_GRANT, client_id=client_id,
                         device_code=flow["device_code"])

    def app_token(self):
        return self.post("/%s/oauth2/v2.0/token" % self.identity["tenantId"], grant_type="client_credentials",
                         client_id=self.identity["clientId"], client_secret=self.identity["clientSecret"],
                         scope=BASE + "/.default").json["access_token"]


@pytest.fixture
def wire(tmp_path):
    return Wire(tmp_path / "state")


def test_device_code_of_a_made_up_client_waits_for_approval(wire):
    flow = wire.device_flow()
    for _ in range(2):
        r = wire.poll(flow)
        assert r.status_code == 400 and r.json["error"] == "authorization_pending", r.json
        assert "access_token" not in r.json
    (waiting,) = emulator.pending_sign_ins(wire.dir)
    assert waiting == {"userCode": flow["user_code"], "type": "deviceCode", "clientId": MADE_UP_CLIENT,
                       "tenantId": wire.identity["tenantId"], "scope": BASE + "/.default openid profile offline_access",
                       "status": "pending"}
    approved = emulator.approve_sign_in(wire.dir, flow["user_code"].lower())  # codes are case-insensitive
    assert approved["status"] == "approved" and approved["user"] == "localuser@localcloud.invalid"
    r = wire.poll(flow)
    assert r.status_code == 200 and wire.arm(r.json["access_token"]).status_code == 200
    # One approval, one sign-in: the code is used up, and so is the approval.
    again = wire.poll(flow)
    assert again.status_code == 400 and again.json["error"] == "expired_token"
    with pytest.raises(emulator.NotFoundError):
        emulator.approve_sign_in(wire.dir, flow["user_code"])
    assert emulator.pending_sign_ins(wire.dir) == []


def test_a_declined_device_code_gets_no_token(wire):
    flow = wire.device_flow()
    assert emulator.approve_sign_in(wire.dir, flow["user_code"], approve=False)["status"] == "declined"
    with pytest.raises(emulator.ConflictError):
        emulator.approve_sign_in(wire.dir, flow["user_code"])
    r = wire.poll(flow)
    assert r.status_code == 400 and r.json["error"] == "authorization_declined"


def test_approval_as_another_user_and_only_for_its_client(wire):
    alice = emulator.add_principal(wire.dir, "alice", kind="user")
    flow = wire.device_flow()
    with pytest.raises(emulator.NotFoundError):
        emulator.approve_sign_in(wire.dir, flow["user_code"], user="nobody")
    with pytest.raises(emulator.NotFoundError):  # a service principal is not a person
        emulator.approve_sign_in(wire.dir, flow["user_code"], user=wire.identity["clientId"])
    emulator.approve_sign_in(wire.dir, flow["user_code"], user="alice")
    assert wire.poll(flow, client_id="another-client").json["error"] == "invalid_grant"
    token = wire.poll(flow).json["access_token"]
    payload = token.split(".")[1]
    assert json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))["oid"] == alice["objectId"]


def test_browser_sign_in_waits_on_its_page_until_approved(wire):
    verifier = "v" * 50
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    r = wire.get("/organizations/oauth2/v2.0/authorize", client_id=MADE_UP_CLIENT, response_type="code",
                 redirect_uri="http://localhost:8400/cb", state="s1", scope=BASE + "/.default openid",
                 code_challenge=challenge, code_challenge_method="S256")
    assert r.status_code == 200 and "Location" not in r.headers
    page = r.get_data(as_text=True)
    (waiting,) = emulator.pending_sign_ins(wire.dir)
    assert waiting["type"] == "browser" and "azcli local approve " + waiting["userCode"] in page
    link = page.split('url=')[1].split('"')[0].replace("&amp;", "&")
    assert wire.get(link).status_code == 200  # still waiting
    emulator.approve_sign_in(wire.dir, waiting["userCode"])
    r = wire.get(link)
    assert r.status_code == 302
    location = urlsplit(r.headers["Location"])
    query = parse_qs(location.query)
    assert location.netloc == "localhost:8400" and location.path == "/cb" and query["state"] == ["s1"]
    assert wire.get(link).status_code == 400  # the approval is used up
    token = wire.post("/organizations/oauth2/v2.0/token", grant_type="authorization_code", client_id=MADE_UP_CLIENT,
                      code=query["code"][0], redirect_uri="http://localhost:8400/cb", code_verifier=verifier,
                      scope=BASE + "/.default")
    assert token.status_code == 200 and wire.arm(token.json["access_token"]).status_code == 200


def test_a_declined_browser_sign_in_returns_access_denied(wire):
    r = wire.get("/organizations/oauth2/v2.0/authorize", client_id=MADE_UP_CLIENT, response_type="code",
                 redirect_uri="http://localhost:8400", state="s2", scope=BASE + "/.default")
    (waiting,) = emulator.pending_sign_ins(wire.dir)
    emulator.approve_sign_in(wire.dir, waiting["userCode"], approve=False)
    r = wire.get(r.get_data(as_text=True).split('url=')[1].split('"')[0].replace("&amp;", "&"))
    query = parse_qs(urlsplit(r.headers["Location"]).query)
    assert r.status_code == 302 and query["error"] == ["access_denied"] and "code" not in query


def test_an_id_token_is_no_bearer_token(wire):
    """A client id chosen to equal ARM's audience makes the ID token's aud look right; its type does not."""
    flow = wire.device_flow(client_id=BASE + "/")
    emulator.approve_sign_in(wire.dir, flow["user_code"])
    body = wire.poll(flow, client_id=BASE + "/").json
    claims = json.loads(base64.urlsafe_b64decode(body["id_token"].split(".")[1] + "=="))
    assert claims["aud"] == BASE + "/"
    refused = wire.arm(body["id_token"])
    assert refused.status_code == 401 and refused.json["error"]["code"] == "InvalidAuthenticationToken"
    assert wire.arm(body["refresh_token"]).status_code == 401
    assert wire.arm(body["access_token"]).status_code == 200


def _resign(wire, header, claims):
    key = auth.signing_key(wire.app.store)
    head = auth.b64url_encode(json.dumps(header).encode())
    payload = auth.b64url_encode(json.dumps(claims).encode())
    import hmac
    signature = hmac.new(key, (head + "." + payload).encode(), hashlib.sha256).digest()
    return head + "." + payload + "." + auth.b64url_encode(signature)


def test_tokens_of_another_type_or_with_loose_base64_are_refused(wire):
    token = wire.app_token()
    assert wire.arm(token).status_code == 200
    head, payload, signature = token.split(".")
    claims = json.loads(auth.b64url_decode(payload))
    # An access token's header says so; the same claims as an ID token's or a flow token's type are refused.
    for typ in ("JWT", auth.FLOW_TOKEN_TYPE, None):
        header = {"alg": "HS256"} if typ is None else {"alg": "HS256", "typ": typ}
        assert wire.arm(_resign(wire, header, claims)).status_code == 401, typ
    # The signature's base64url: padded, standard alphabet, stray characters, leftover bits.
    raw = auth.b64url_decode(signature)
    padded = base64.urlsafe_b64encode(raw).decode()
    standard = base64.b64encode(raw).decode().rstrip("=")
    last = signature[-1]
    sibling = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    other = sibling[sibling.index(last) ^ 1]  # the same bytes: only a leftover (unused) bit differs
    assert base64.urlsafe_b64decode(signature[:-1] + other + "=") == raw
    for bad in (padded, signature + "==", signature[:10] + "." + signature[10:], signature[:10] + " " + signature[10:],
                signature[:-1] + other):
        assert wire.arm(head + "." + payload + "." + bad).status_code == 401, bad
    if standard != signature:  # '+' or '/' in place of '-' or '_'
        assert wire.arm(head + "." + payload + "." + standard).status_code == 401


@pytest.mark.parametrize("exp", [time.time() + 3600, float("nan"), float("inf"), True, "9999999999", None])
def test_exp_must_be_an_integer(wire, exp):
    token = wire.app_token()
    claims = json.loads(auth.b64url_decode(token.split(".")[1]))
    claims["exp"] = exp
    refused = wire.arm(auth.encode(claims, auth.signing_key(wire.app.store)))
    assert refused.status_code == 401 and refused.json["error"]["code"] == "InvalidAuthenticationToken"


@pytest.mark.parametrize("nbf", [time.time() - 10, float("nan"), float("-inf"), False, "0"])
def test_nbf_must_be_an_integer(wire, nbf):
    token = wire.app_token()
    claims = json.loads(auth.b64url_decode(token.split(".")[1]))
    claims["nbf"] = nbf
    refused = wire.arm(auth.encode(claims, auth.signing_key(wire.app.store)))
    assert refused.status_code == 401 and refused.json["error"]["code"] == "InvalidAuthenticationToken"
