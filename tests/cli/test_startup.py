"""Structural start-up checks: the fast paths import neither knack nor the Azure SDK."""
import json
import subprocess
import sys

PROBE = """
import io, sys, os
os.environ.update({env})
sys.stdout = io.StringIO()
from azcli.__main__ import main
code = main({argv})
sys.stdout = sys.__stdout__
print(json.dumps({{"code": code, "modules": sorted(m for m in sys.modules if m.split('.')[0] in ('azure', 'knack', 'werkzeug', 'yaml', 'requests', 'msal'))}}))
"""


def _loaded(argv, env=None):
    code = "import json\n" + PROBE.format(argv=argv, env=env or {})
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def test_version_imports_no_azure_or_knack():
    result = _loaded(["--version"])
    assert result["code"] == 0
    assert result["modules"] == []


def test_top_level_help_imports_nothing_heavy():
    result = _loaded(["--help"])
    assert result["code"] == 0
    assert result["modules"] == []


def test_completion_imports_nothing_heavy():
    result = _loaded([], env={"_AZCLI_COMPLETE": "1", "COMP_LINE": "azcli gr", "COMP_POINT": "8"})
    assert result["code"] == 0
    assert result["modules"] == []


def test_group_help_imports_no_azure(tmp_path):
    result = _loaded(["group", "--help"], env={"AZCLI_CONFIG_DIR": str(tmp_path)})
    assert result["code"] == 0
    assert not [m for m in result["modules"] if m.startswith("azure")]


def test_version_output(cli):
    result = cli("--version")
    assert result.exit_code == 0
    assert result.stdout.startswith("azcli ")
