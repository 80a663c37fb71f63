"""The reliability tests (issue 14) reuse the served-cloud helpers of tests/served."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(__file__)), "served"))

import pytest  # noqa: E402

from served_cloud import Served  # noqa: E402


@pytest.fixture
def start_served(tmp_path):
    """Start `azcli local serve` processes; every one still running is stopped at teardown."""
    started = []

    def start(*args, config_dir=None, env=None):
        served = Served(config_dir or tmp_path / ("srv%d" % len(started)), args, env)
        started.append(served)
        return served
    yield start
    for served in started:
        if served.proc.poll() is None or served.proc.stdout is not None and not served.proc.stdout.closed:
            served.stop()
