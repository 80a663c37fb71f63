import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from ts_helpers import template, write_json  # noqa: E402


@pytest.fixture
def linked_files(tmp_path):
    """main.json -> art/a.json -> sub/b.json (relative to a), and main.json -> shared.json, a.json -> ../shared.json."""
    root = tmp_path / "tpl"
    write_json(root / "art" / "sub" / "b.json", template())
    write_json(root / "shared.json", template())
    write_json(root / "art" / "a.json", template("sub/b.json", "../shared.json"))
    return write_json(root / "main.json", template("art/a.json", "shared.json"))


@pytest.fixture
def ts_cli(local_cli):
    result = local_cli("group create -n rg1 -l westus -o none")
    assert result.exit_code == 0, result
    return local_cli
