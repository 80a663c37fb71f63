"""The README's offline deployment pipeline runs as written against the local cloud."""
import os
import re
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT.parent / "shared" / "templates"


def test_the_readme_deployment_pipeline_runs(tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(r"<!-- deployment-pipeline -->\s*```sh\n(.*?)```", readme, re.S)
    assert found, "the README's deployment pipeline block is missing"
    assert TEMPLATES.is_dir(), "the shared quickstart templates are missing: %s" % TEMPLATES
    azcli = shutil.which("azcli")
    assert azcli, "azcli is not installed"
    env = dict(os.environ, AZCLI_CONFIG_DIR=str(tmp_path / "config"), NO_COLOR="1",
               RG_TEMPLATE=str(TEMPLATES / "032-storage-advanced-threat-protection-create" / "azuredeploy.json"),
               SUB_TEMPLATE=str(TEMPLATES / "011-blueprints-new-blueprint" / "azuredeploy.json"))
    run = subprocess.run(["bash", "-c", found.group(1)], env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    lines = run.stdout.splitlines()
    assert re.fullmatch(r"store[a-z0-9]{13}", next(l for l in lines if l.startswith("store")))
    assert "Resource changes: 2 to create." in run.stdout and "Resource changes: 2 no change." in run.stdout
    assert lines[-1] == "Succeeded"
