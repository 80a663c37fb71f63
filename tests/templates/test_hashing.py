"""uniqueString() and guid() against the values Azure's own engine publishes."""

import uuid

import pytest
from hypothesis import given, strategies as st

from azcli.emulator.templates import hashing

from .helpers import ev

UNIQUE_STRING_VECTORS = [
    (("test", "value"), "bhxq2thzm5dym"),
    (("test",), "rbgf3xv4ufgzg"),
    (("abc",), "cgtzqvhu4i23s"),
    (("a",), "eveiun73364hy"),
    (("hello", "world"), "a7wkljktk6wne"),
]
GUID_VECTORS = [
    (("test", "value"), "95b33d6a-06a0-5961-9b94-a0f6c648352b"),
    (("test",), "d6a5baf1-8b9b-542a-8525-2982f1f98a0c"),
]


@pytest.mark.parametrize("parts, expected", UNIQUE_STRING_VECTORS)
def test_unique_string_matches_published_values(parts, expected):
    assert hashing.unique_string(*parts) == expected


@pytest.mark.parametrize("parts, expected", GUID_VECTORS)
def test_guid_matches_published_values(parts, expected):
    assert hashing.guid(*parts) == expected


@pytest.mark.parametrize("parts, expected", UNIQUE_STRING_VECTORS)
def test_unique_string_function(parts, expected):
    assert ev(f"uniqueString({', '.join(repr(p) for p in parts)})") == expected


@pytest.mark.parametrize("parts, expected", GUID_VECTORS)
def test_guid_function(parts, expected):
    assert ev(f"guid({', '.join(repr(p) for p in parts)})") == expected


def test_parts_are_joined_with_a_dash():
    assert hashing.unique_string("test", "value") == hashing.unique_string("test-value")
    assert hashing.guid("a", "b") == hashing.guid("a-b")


def test_hashes_are_case_sensitive():
    assert hashing.unique_string("Test") != hashing.unique_string("test")
    assert hashing.guid("Test") != hashing.guid("test")


@given(st.text())
def test_guid_is_a_version_5_uuid_in_arms_namespace(text):
    namespace = uuid.UUID("11fb06fb-712d-4ddd-98c7-e71bbd588830")
    assert hashing.guid(text) == str(uuid.uuid5(namespace, text))


@given(st.text())
def test_unique_string_is_13_base32_characters(text):
    value = hashing.unique_string(text)
    assert len(value) == 13
    assert set(value) <= set("abcdefghijklmnopqrstuvwxyz234567")


@pytest.mark.parametrize("length", range(0, 20))
def test_every_tail_length_is_deterministic(length):
    # 0..19 bytes exercise the 8-byte blocks and every tail size of the hash.
    text = "x" * length
    assert hashing.unique_string(text) == hashing.unique_string(text)
    assert hashing.murmur_hash64(text.encode()) < 2 ** 64


def test_unique_string_requires_strings():
    from azcli.emulator.templates.errors import TemplateError
    with pytest.raises(TemplateError, match="uniqueString"):
        ev("uniqueString(1)")
