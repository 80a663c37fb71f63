"""What a request may carry (issue 13), in-process: bodies are strict JSON checked before anything is
stored (no lone surrogates, NaN/Infinity or nesting beyond MAX_JSON_DEPTH), at most MAX_BODY_BYTES
(413 before reading), no shorter than their Content-Length; malformed members are 400s, never 500s;
a 500 quotes ids, not the fault; paths are UTF-8."""
import io
import json

import pytest
from werkzeug.test import EnvironBuilder

from azcli.emulator.common.errors import ArmError
from azcli.emulator.domain import lro
from azcli.emulator.templates.functions.lenient_json import parse_lenient_json
from azcli.emulator.wire.app import Ctx
from azcli.emulator.wire.http import MAX_BODY_BYTES, MAX_JSON_DEPTH, Request
from emulator_helpers import BASE, Cloud

CACHE = "2024-11-01"  # Microsoft.Cache/Redis: a type with the generic behaviour
NETWORK = "2024-05-01"
GROUPS = "2025-04-01"


@pytest.fixture
def cloud(tmp_path):
    cloud = Cloud(tmp_path / "state")
    assert cloud.call("PUT", cloud.group_path("rg"), {"location": "westus"}).status_code == 201
    register = cloud.call("POST", "/subscriptions/%s/providers/Microsoft.Cache/register" % cloud.sub)
    assert register.status_code == 200, register.get_data(as_text=True)
    return cloud


def cache_path(cloud, name="cache1"):
    return cloud.group_path("rg") + "/providers/Microsoft.Cache/Redis/" + name


def tags_path(cloud):
    return cloud.group_path("rg") + "/providers/Microsoft.Resources/tags/default"


def send(cloud, method, path, data, api_version=CACHE, **environ):
    """A request with a raw body (bytes) and environ overrides (CONTENT_LENGTH, wsgi.input, PATH_INFO)."""
    headers = {"Authorization": "Bearer " + cloud.token(), "Content-Type": "application/json"}
    return cloud.client.open(path, method=method, base_url=BASE, query_string={"api-version": api_version},
                             headers=headers, data=data, environ_overrides=environ)


def error_code(response):
    return response.json["error"]["code"]


def assert_readable(cloud):
    """The whole subscription still lists, as valid JSON: nothing poisoned was stored."""
    for path, version in (("/subscriptions/%s/resourcegroups" % cloud.sub, GROUPS),
                          ("/subscriptions/%s/resources" % cloud.sub, GROUPS),
                          (cloud.group_path("rg") + "/resources", GROUPS)):
        response = cloud.call("GET", path, api_version=version)
        assert response.status_code == 200, response.get_data(as_text=True)
        json.loads(response.get_data(as_text=True))
    export = cloud.call("POST", cloud.group_path("rg") + "/exportTemplate", {"resources": ["*"]}, api_version=GROUPS)
    assert export.status_code == 200, export.get_data(as_text=True)


# --- 1. poison that used to be stored -------------------------------------------------------------

def _poisoned(cloud, where):
    """(method, path, api-version, raw body) of each write that used to store a lone surrogate."""
    cache = cache_path(cloud)
    return {
        "resource value": ("PUT", cache, CACHE, b'{"location":"westus","properties":{"note":"\\ud800"}}'),
        "resource key": ("PUT", cache, CACHE, b'{"location":"westus","properties":{"\\udfff":1}}'),
        "resource tag key": ("PUT", cache, CACHE, b'{"location":"westus","tags":{"\\ud800":"x"}}'),
        "group tag key": ("PUT", cloud.group_path("rg2"), GROUPS, b'{"location":"westus","tags":{"\\ud800":"x"}}'),
        "group patch": ("PATCH", cloud.group_path("rg"), GROUPS, b'{"tags":{"k":"a\\udc00b"}}'),
        "resource patch": ("PATCH", cache_path(cloud, "existing"), CACHE, b'{"tags":{"k":"\\ud800"}}'),
        "tags resource": ("PUT", tags_path(cloud), GROUPS, b'{"properties":{"tags":{"\\ud800":"v"}}}'),
        "tags patch": ("PATCH", tags_path(cloud), GROUPS,
                       b'{"operation":"Merge","properties":{"tags":{"k":"\\ud800"}}}'),
    }[where]


@pytest.mark.parametrize("where", ["resource value", "resource key", "resource tag key", "group tag key",
                                   "group patch", "resource patch", "tags resource", "tags patch"])
def test_a_lone_surrogate_is_refused_and_nothing_is_stored(cloud, where):
    existing = cloud.call("PUT", cache_path(cloud, "existing"), {"location": "westus"}, api_version=CACHE)
    assert existing.status_code == 201
    method, path, version, body = _poisoned(cloud, where)
    response = send(cloud, method, path, body, api_version=version)
    assert response.status_code == 400, response.get_data(as_text=True)
    assert error_code(response) == "InvalidRequestContent"
    assert "surrogate" in response.json["error"]["message"]
    assert cloud.call("GET", cache_path(cloud), api_version=CACHE).status_code == 404
    assert cloud.call("GET", cloud.group_path("rg2"), api_version=GROUPS).status_code == 404
    assert cloud.call("GET", cache_path(cloud, "existing"), api_version=CACHE).json.get("tags") in (None, {})
    assert cloud.call("GET", tags_path(cloud), api_version=GROUPS).json["properties"]["tags"] == {}
    assert_readable(cloud)


def test_a_surrogate_pair_is_text_and_is_stored(cloud):
    response = send(cloud, "PUT", cache_path(cloud), b'{"location":"westus","tags":{"smile":"\\ud83d\\ude00"}}')
    assert response.status_code == 201, response.get_data(as_text=True)
    assert cloud.call("GET", cache_path(cloud), api_version=CACHE).json["tags"] == {"smile": "\U0001F600"}


@pytest.mark.parametrize("number", [b"NaN", b"Infinity", b"-Infinity", b"1e400", b"-1e999"])
def test_non_finite_numbers_are_refused(cloud, number):
    response = send(cloud, "PUT", cache_path(cloud), b'{"location":"westus","properties":{"n":%s}}' % number)
    assert response.status_code == 400, response.get_data(as_text=True)
    assert error_code(response) == "InvalidRequestContent"
    assert cloud.call("GET", cache_path(cloud), api_version=CACHE).status_code == 404
    assert_readable(cloud)


def nested(levels):
    """`levels` objects, one inside the other."""
    return b'{"a":' * (levels - 1) + b"{}" + b"}" * (levels - 1)


def test_nesting_up_to_the_limit_is_stored_and_served(cloud):
    body = b'{"location":"westus","properties":%s}' % nested(MAX_JSON_DEPTH - 1)  # the body is one more level
    response = send(cloud, "PUT", cache_path(cloud), body)
    assert response.status_code == 201, response.get_data(as_text=True)
    assert "a" in cloud.call("GET", cache_path(cloud), api_version=CACHE).json["properties"]
    assert_readable(cloud)


@pytest.mark.parametrize("levels", [MAX_JSON_DEPTH, 980, 5000])
def test_nesting_beyond_the_limit_is_refused(cloud, levels):
    for body in (b'{"location":"westus","properties":%s}' % nested(levels),
                 b'{"location":"westus","properties":{"x":%s}}' % (b"[" * levels + b"]" * levels)):
        response = send(cloud, "PUT", cache_path(cloud), body)
        assert response.status_code == 400, response.get_data(as_text=True)[:300]
        assert error_code(response) == "InvalidRequestContent"
        assert "nested more than %d levels" % MAX_JSON_DEPTH in response.json["error"]["message"]
    assert cloud.call("GET", cache_path(cloud), api_version=CACHE).status_code == 404
    assert_readable(cloud)


def test_invalid_utf8_in_a_body_is_refused(cloud):
    response = send(cloud, "PUT", cache_path(cloud), b'{"location":"westus","tags":{"k":"\xff"}}')
    assert response.status_code == 400
    assert error_code(response) == "InvalidRequestContent"


def body_of(cloud, raw, **kwargs):
    """Ctx.json_body of a request carrying raw (the parser every noun's handler calls)."""
    environ = EnvironBuilder(path="/", method="PUT", data=raw, content_type="application/json").get_environ()
    return Ctx(cloud.app, Request(environ)).json_body(**kwargs)


def test_a_dialect_reads_what_strict_json_does_not_and_is_checked_the_same_way(cloud):
    assert body_of(cloud, b'{"a": 1, // comment\n}', dialect=parse_lenient_json) == {"a": 1}
    for raw in (b'{"a": 1,}', b'{"a": "\\ud800",}', b'{"a": 1e400,}', b'{"a": NaN}'):
        with pytest.raises(ArmError) as refused:
            body_of(cloud, raw)
        assert refused.value.status == 400
    for raw, problem in ((b'{"a": "\\ud800",}', "surrogate"), (b'{"a": 1e400,}', "out of range"),
                         (b'{"a":' + nested(MAX_JSON_DEPTH) + b",}", "nested")):
        with pytest.raises(ArmError) as refused:
            body_of(cloud, raw, dialect=parse_lenient_json)
        assert refused.value.code == "InvalidRequestContent" and problem in refused.value.message


# --- 2. sizes and lengths -------------------------------------------------------------------------

class Unread(io.RawIOBase):
    """A request body that must not be read."""

    def readable(self):
        return True

    def readinto(self, buffer):
        raise AssertionError("the body was read")


@pytest.mark.parametrize("announced", [MAX_BODY_BYTES + 1, 200 * 1024 * 1024, 10 ** 15])
def test_a_body_announced_too_large_is_413_before_it_is_read(cloud, announced):
    response = send(cloud, "PUT", cache_path(cloud), None, CONTENT_LENGTH=str(announced), **{"wsgi.input": Unread()})
    assert response.status_code == 413, response.get_data(as_text=True)
    assert error_code(response) == "RequestEntityTooLarge"
    assert str(MAX_BODY_BYTES) in response.json["error"]["message"]
    assert response.headers["x-ms-request-id"]


def test_the_limit_holds_without_a_token_too(cloud):
    response = cloud.client.open(cloud.group_path("rg"), method="PUT", base_url=BASE,
                                 environ_overrides={"CONTENT_LENGTH": str(10 ** 12), "wsgi.input": Unread()})
    assert response.status_code == 413


def test_a_body_at_the_limit_is_accepted_and_one_byte_more_is_not(cloud):
    envelope = b'{"location":"westus","properties":{"blob":"%s"}}'
    padding = MAX_BODY_BYTES - len(envelope) + 2
    response = send(cloud, "PUT", cache_path(cloud), envelope % (b"x" * padding))
    assert response.status_code == 201, response.get_data(as_text=True)[:300]
    response = send(cloud, "PUT", cache_path(cloud, "cache2"), envelope % (b"x" * (padding + 1)))
    assert response.status_code == 413
    assert cloud.call("GET", cache_path(cloud, "cache2"), api_version=CACHE).status_code == 404


def test_a_chunked_body_beyond_the_limit_is_413(cloud):
    body = b'{"location":"westus","properties":{"blob":"%s"}}' % (b"x" * MAX_BODY_BYTES)
    response = send(cloud, "PUT", cache_path(cloud), None, CONTENT_LENGTH="", HTTP_TRANSFER_ENCODING="chunked",
                    **{"wsgi.input": io.BytesIO(body)})
    assert response.status_code == 413
    small = b'{"location":"westus"}'
    response = send(cloud, "PUT", cache_path(cloud), None, CONTENT_LENGTH="", HTTP_TRANSFER_ENCODING="chunked",
                    **{"wsgi.input": io.BytesIO(small)})
    assert response.status_code == 201, response.get_data(as_text=True)


def test_a_body_shorter_than_its_content_length_is_400(cloud):
    body = b'{"location":"westus"}'
    response = send(cloud, "PUT", cloud.group_path("short"), None, api_version=GROUPS,
                    CONTENT_LENGTH=str(len(body) + 100), **{"wsgi.input": io.BytesIO(body)})
    assert response.status_code == 400, response.get_data(as_text=True)
    assert error_code(response) == "InvalidRequestContent"
    assert "ended after %d of the %d bytes" % (len(body), len(body) + 100) in response.json["error"]["message"]
    assert cloud.call("GET", cloud.group_path("short"), api_version=GROUPS).status_code == 404


@pytest.mark.parametrize("length", ["abc", "-5", "1e3"])
def test_a_content_length_that_is_not_a_length_is_400(cloud, length):
    response = send(cloud, "PUT", cloud.group_path("bad"), None, api_version=GROUPS, CONTENT_LENGTH=length,
                    **{"wsgi.input": io.BytesIO(b'{"location":"westus"}')})
    assert response.status_code == 400
    assert error_code(response) == "InvalidRequestContent"


# --- malformed members: 400, never 500 -------------------------------------------------------------

@pytest.mark.parametrize("body", [
    {"location": 5}, {"location": ["westus"]}, {"location": "westus", "sku": "Standard"},
    {"location": "westus", "kind": {}}, {"location": "westus", "managedBy": 5}, {"location": "westus", "zones": 1},
    {"location": "westus", "zones": [1]}, {"location": "westus", "plan": []},
    {"location": "westus", "extendedLocation": "edge"}, {"location": "westus", "properties": [1]},
    {"location": "westus", "tags": [1]},
    {"location": "westus", "identity": {"type": "UserAssigned", "userAssignedIdentities": [1]}},
    {"location": "westus", "identity": {"type": "UserAssigned", "userAssignedIdentities": "abc"}},
])
def test_a_put_with_a_member_of_the_wrong_type_is_400(cloud, body):
    response = cloud.call("PUT", cache_path(cloud), body, api_version=CACHE)
    assert response.status_code == 400, response.get_data(as_text=True)
    assert error_code(response) in ("InvalidRequestContent", "InvalidIdentity")
    assert cloud.call("GET", cache_path(cloud), api_version=CACHE).status_code == 404


@pytest.mark.parametrize("body", [{"properties": [1]}, {"properties": "x"}, {"sku": 5}, {"zones": "1"},
                                  {"tags": "x"}, {"kind": []}])
def test_a_patch_with_a_member_of_the_wrong_type_is_400_and_changes_nothing(cloud, body):
    assert cloud.call("PUT", cache_path(cloud), {"location": "westus", "tags": {"k": "v"}},
                      api_version=CACHE).status_code == 201
    before = cloud.call("GET", cache_path(cloud), api_version=CACHE).json
    response = cloud.call("PATCH", cache_path(cloud), body, api_version=CACHE)
    assert response.status_code == 400, response.get_data(as_text=True)
    assert error_code(response) == "InvalidRequestContent"
    assert cloud.call("GET", cache_path(cloud), api_version=CACHE).json == before


def test_a_property_an_rp_cannot_read_is_400(cloud):
    path = cloud.group_path("rg") + "/providers/Microsoft.Network/publicIPAddresses/ip1"
    response = cloud.call("PUT", path, {"location": "westus", "properties": {"publicIPAllocationMethod": 5}},
                          api_version=NETWORK)
    assert response.status_code == 400, response.get_data(as_text=True)
    assert error_code(response) == "InvalidRequestContent"


# --- 500s quote ids, the traceback goes to the log -------------------------------------------------

def test_an_internal_error_answers_ids_and_logs_the_traceback(cloud, monkeypatch, capsys):
    def broken(store, now):
        raise RuntimeError("secret detail of the fault")

    monkeypatch.setattr(lro, "settle", broken)
    response = cloud.call("GET", "/subscriptions/%s/resourcegroups" % cloud.sub, api_version=GROUPS)
    assert response.status_code == 500
    message = response.json["error"]["message"]
    assert response.json["error"]["code"] == "InternalServerError"
    assert "secret" not in message and "RuntimeError" not in message
    request_id = response.headers["x-ms-request-id"]
    assert "tracking id '%s'" % request_id in message
    logged = capsys.readouterr().err
    assert "RuntimeError: secret detail of the fault" in logged and request_id in logged


# --- 3. paths are UTF-8 ----------------------------------------------------------------------------

def test_a_path_that_is_not_utf8_is_400_and_names_stay_distinct(cloud):
    # A server hands the app the percent-decoded bytes as latin-1 text (PEP 3333): %ff is '\xff' and
    # %C3%BF ('ÿ' in UTF-8) is '\xc3\xbf'.
    base = "/subscriptions/%s/resourcegroups/" % cloud.sub
    created = send(cloud, "PUT", base + "x", b'{"location":"westus"}', api_version=GROUPS,
                   PATH_INFO=base + "a\xc3\xbfb")
    assert created.status_code == 201, created.get_data(as_text=True)
    assert created.json["name"] == "a\u00ffb"
    for method in ("PUT", "GET"):
        response = send(cloud, method, base + "x", b'{"location":"westus"}', api_version=GROUPS,
                        PATH_INFO=base + "a\xffb")
        assert response.status_code == 400, response.get_data(as_text=True)
        assert error_code(response) == "BadRequest"
    names = [g["name"] for g in cloud.call("GET", base.rstrip("/"), api_version=GROUPS).json["value"]]
    assert sorted(names) == ["a\u00ffb", "rg"]
