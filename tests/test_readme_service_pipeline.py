"""The README's CI script for the service commands runs as written against the local cloud."""
import os
import re
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_readme_service_pipeline_runs(tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(r"<!-- service-pipeline -->\s*```sh\n(.*?)```", readme, re.S)
    assert found, "the README's service pipeline block is missing"
    assert shutil.which("azcli"), "azcli is not installed"
    env = dict(os.environ, AZCLI_CONFIG_DIR=str(tmp_path / "config"), NO_COLOR="1", SUFFIX="4711")
    run = subprocess.run(["bash", "-c", found.group(1)], env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    assert run.stdout.splitlines() == ["s3cr3t-4711", "false"]
