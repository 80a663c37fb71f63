"""uniqueString() and guid(), byte-for-byte what Azure Resource Manager produces.

Both join their arguments with '-' and hash the UTF-8 bytes, so they are case-sensitive.
"""

import hashlib

_MASK32 = 0xFFFFFFFF
_MASK64 = 0xFFFFFFFFFFFFFFFF
_BASE32 = "abcdefghijklmnopqrstuvwxyz234567"
# guid() namespace: the one ARM uses for its name-based (version 5) UUIDs.
_GUID_NAMESPACE = bytes.fromhex("11fb06fb712d4ddd98c7e71bbd588830")


def _rotl32(value, shift):
    return ((value << shift) | (value >> (32 - shift))) & _MASK32


def _fmix32(h):
    h ^= h >> 16
    h = (h * 0x85EBCA6B) & _MASK32
    h ^= h >> 13
    h = (h * 0xC2B2AE35) & _MASK32
    return h ^ (h >> 16)


def _mix_k1(k1):
    return (_rotl32((k1 * 0x239B961B) & _MASK32, 15) * 0xAB0E9789) & _MASK32


def _mix_k2(k2):
    return (_rotl32((k2 * 0xAB0E9789) & _MASK32, 17) * 0x239B961B) & _MASK32


def murmur_hash64(data, seed=0):
    """ARM's "MurmurHash64": two interleaved 32-bit MurmurHash3 lanes over 8-byte blocks.

    It is not MurmurHash3_x64_128 truncated: the lanes are 32-bit and combined into one 64-bit
    value as (h2 << 32) | h1, which is what the published uniqueString() values require.
    """
    length = len(data)
    h1 = h2 = seed & _MASK32
    index = 0
    while index + 8 <= length:
        h1 ^= _mix_k1(int.from_bytes(data[index:index + 4], "little"))
        h1 = (_rotl32(h1, 19) + h2) & _MASK32
        h1 = (h1 * 5 + 0x561CCD1B) & _MASK32
        h2 ^= _mix_k2(int.from_bytes(data[index + 4:index + 8], "little"))
        h2 = (_rotl32(h2, 13) + h1) & _MASK32
        h2 = (h2 * 5 + 0x0BCAA747) & _MASK32
        index += 8
    tail = length - index
    if tail:
        h1 ^= _mix_k1(int.from_bytes(data[index:index + min(tail, 4)], "little"))
        if tail > 4:
            h2 ^= _mix_k2(int.from_bytes(data[index + 4:length], "little"))
    h1 ^= length & _MASK32
    h2 ^= length & _MASK32
    h1 = (h1 + h2) & _MASK32
    h2 = (h2 + h1) & _MASK32
    h1 = _fmix32(h1)
    h2 = _fmix32(h2)
    h1 = (h1 + h2) & _MASK32
    h2 = (h2 + h1) & _MASK32
    return (h2 << 32) | h1


def unique_string(*parts):
    """13 base-32 characters of the hash, most significant 5 bits first (the last char holds 4 bits)."""
    value = murmur_hash64("-".join(parts).encode("utf-8"))
    characters = []
    for _ in range(13):
        characters.append(_BASE32[value >> 59])
        value = (value << 5) & _MASK64
    return "".join(characters)


def guid(*parts):
    """RFC 4122 version-5 UUID (SHA-1, name-based) of the '-'-joined parts, lower-case and hyphenated."""
    digest = bytearray(hashlib.sha1(_GUID_NAMESPACE + "-".join(parts).encode("utf-8")).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # RFC 4122 variant
    text = digest.hex()
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"
