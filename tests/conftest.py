import os
import shlex
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))

from runner import run_cli  # noqa: E402

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


class CLI:
    """`cli("group show -n x")` or `cli(["group", "show", "-n", "x"])` against one config dir."""

    def __init__(self, config_dir):
        self.config_dir = config_dir

    def __call__(self, args, env=None, stdin=""):
        argv = shlex.split(args) if isinstance(args, str) else list(args)
        return run_cli(argv, self.config_dir, env=env, stdin=stdin)


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
