"""Fixtures for the served local cloud (see served_cloud.py); every server started is stopped at teardown."""
import pytest

from served_cloud import Served


@pytest.fixture
def start_served(tmp_path):
    """Start servers with extra arguments or environment; all are stopped at teardown."""
    started = []

    def start(*args, config_dir=None, env=None):
        served = Served(config_dir or tmp_path / ("cfg%d" % len(started)), args, env)
        started.append(served)
        return served
    yield start
    for served in started:
        served.stop()


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """A served local cloud shared by a module's tests (pages of 50, LROs of 0.3 s)."""
    server = Served(tmp_path_factory.mktemp("served") / "azcli",
                    env={"AZCLI_LOCAL_PAGE_SIZE": "50", "AZCLI_LOCAL_LRO_SECONDS": "0.3"})
    yield server
    server.stop()
