import os
import sys

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "emulator"))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "served"))

from emulator_helpers import Cloud  # noqa: E402


@pytest.fixture
def cloud(tmp_path):
    return Cloud(tmp_path / "state")
