import pytest

from emulator_helpers import Cloud


@pytest.fixture
def cloud(tmp_path):
    return Cloud(tmp_path / "state")


@pytest.fixture
def slow_cloud(tmp_path):
    """Long-running operations take one second."""
    return Cloud(tmp_path / "state", lro_seconds=1.0)
