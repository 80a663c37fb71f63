"""CIDR functions: documented examples and errors."""

import pytest

from azcli.emulator.templates.errors import TemplateError

from .helpers import ev


def test_parse_cidr_ipv4_and_ipv6():
    assert ev("parseCidr('10.144.0.0/20')") == {
        "network": "10.144.0.0", "netmask": "255.255.240.0", "broadcast": "10.144.15.255",
        "firstUsable": "10.144.0.1", "lastUsable": "10.144.15.254", "cidr": 20}
    assert ev("parseCidr('fdad:3236:5555::/48')") == {
        "network": "fdad:3236:5555::", "netmask": "ffff:ffff:ffff::", "firstUsable": "fdad:3236:5555::",
        "lastUsable": "fdad:3236:5555:ffff:ffff:ffff:ffff:ffff", "cidr": 48}


def test_cidr_subnet_over_a_range():
    assert ev("map(range(0, 10), lambda('i', cidrSubnet('10.144.0.0/20', 24, lambdaVariables('i'))))") == \
        [f"10.144.{i}.0/24" for i in range(10)]
    assert ev("cidrSubnet('fdad:3236:5555::/48', 52, 1)") == "fdad:3236:5555:1000::/52"


def test_cidr_host_counts_from_the_first_usable_address():
    assert ev("map(range(0, 10), lambda('i', cidrHost('10.144.3.0/24', lambdaVariables('i'))))") == \
        [f"10.144.3.{i + 1}" for i in range(10)]
    assert ev("cidrHost('fdad:3236:5555::/48', 0)") == "fdad:3236:5555::1"


@pytest.mark.parametrize("expression, fragment", [
    ("parseCidr('10.144.0.0/33')", "not a valid CIDR notation"),
    ("cidrSubnet('10.144.0.0/20', 16, 0)", "must be between 20 and 32"),
    ("cidrSubnet('10.144.0.0/20', 24, 16)", "the subnet index 16 is out of range"),
    ("cidrHost('10.144.3.0/24', 254)", "the host index 254 is out of range"),
    ("cidrHost('10.144.3.0/24', -1)", "out of range"),
])
def test_errors(expression, fragment):
    with pytest.raises(TemplateError) as caught:
        ev(expression)
    assert fragment in caught.value.message
