import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))

from runner import CLI  # noqa: E402

LONG_TESTS = os.environ.get("AZCLI_LONG_TESTS") == "1"


def pytest_configure(config):
    config.addinivalue_line("markers", "long: the long versions of the reliability tests (load, faults, crashes, "
                                       "fuzzing); skipped unless AZCLI_LONG_TESTS=1")


def pytest_collection_modifyitems(config, items):
    if LONG_TESTS:
        return
    skip = pytest.mark.skip(reason="a long test: run with AZCLI_LONG_TESTS=1")
    for item in items:
        if "long" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def cli(tmp_path):
    """A CLI with an empty config dir (signed out)."""
    return CLI(tmp_path / "azcli")


@pytest.fixture
def local_cli(tmp_path):
    """A CLI signed in to the embedded local cloud with `azcli login --local`."""
    runner = CLI(tmp_path / "azcli")
    result = runner("login --local")
    assert result.exit_code == 0, result
    return runner
