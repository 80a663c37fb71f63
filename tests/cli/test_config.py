import os
import subprocess
import sys


def test_config_set_get_unset(cli):
    assert cli("config set core.output=table defaults.group=demo").exit_code == 0
    got = cli("config get core.output -o json")
    assert got.exit_code == 0, got
    assert got.json()["value"] == "table"
    assert cli("config unset core.output").exit_code == 0
    assert cli("config get core.output -o json").exit_code == 3


def test_environment_overrides_file(cli):
    cli("config set core.output=table")
    result = cli("config get core.output", env={"AZCLI_CORE_OUTPUT": "json"})
    assert result.json()["value"] == "json"


def test_configure_defaults(cli):
    assert cli("configure --defaults group=g1 location=westus").exit_code == 0
    listed = cli("configure --list-defaults -o json").json()
    assert {d["name"]: d["value"] for d in listed} == {"group": "g1", "location": "westus"}
    assert cli("configure --defaults group=").exit_code == 0
    listed = cli("configure --list-defaults -o json").json()
    assert [d["name"] for d in listed] == ["location"]


def test_config_file_is_private(cli):
    cli("config set core.output=table")
    mode = os.stat(os.path.join(cli.config_dir, "config")).st_mode & 0o777
    assert mode == 0o600


def test_parallel_config_writes_keep_every_value(tmp_path):
    config_dir = tmp_path / "cfg"
    env = dict(os.environ, AZCLI_CONFIG_DIR=str(config_dir))
    procs = [subprocess.Popen([sys.executable, "-m", "azcli", "config", "set", "test.key{}=v{}".format(i, i)],
                              env=env) for i in range(12)]
    assert all(p.wait() == 0 for p in procs)
    text = (config_dir / "config").read_text()
    for i in range(12):
        assert "key{} = v{}".format(i, i) in text
