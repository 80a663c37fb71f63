"""The differential suite's one fixture: every paired command's outcome (see parity_run.py, parity_cases.py)."""
import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))

from parity_run import AZ, run_all  # noqa: E402


@pytest.fixture(scope="session")
def parity(tmp_path_factory):
    if AZ is None:
        pytest.skip("the official az is not installed (set AZCLI_PARITY_AZ or put az on PATH; .ci/run does)")
    return run_all(tmp_path_factory.mktemp("parity"))
