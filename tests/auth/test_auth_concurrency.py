"""Many azcli processes sharing one config dir: the profile and token cache stay valid."""
import json
import os
import subprocess
import sys

from auth_helpers import read_json

PROCESSES = 16


def _spawn(config_dir, argv):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AZCLI_", "AZURE_"))}
    env["AZCLI_CONFIG_DIR"] = str(config_dir)
    return subprocess.Popen([sys.executable, "-m", "azcli", *argv], env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _run_all(config_dir, count=PROCESSES):
    commands = [["group", "list"] if i % 2 else ["account", "get-access-token"] for i in range(count)]
    procs = [_spawn(config_dir, argv) for argv in commands]
    results = []
    for argv, proc in zip(commands, procs):
        out, err = proc.communicate(timeout=120)
        results.append((argv, proc.returncode, out.decode(), err.decode()))
    return results


def _files_valid(config_dir):
    for name in ("profile.json", "credentials.json", "tokens.json", "config"):
        path = os.path.join(str(config_dir), name)
        assert os.path.exists(path), name
        assert oct(os.stat(path).st_mode & 0o777) == "0o600", name
        if name.endswith(".json"):
            read_json(path)
    assert not [n for n in os.listdir(str(config_dir)) if n.endswith(".tmp")]


def test_sixteen_processes_share_one_config_dir(local_cli):
    config_dir = local_cli.config_dir
    assert local_cli("group create -n shared -l westus").exit_code == 0
    os.remove(os.path.join(str(config_dir), "tokens.json"))  # every process races to fetch and store a token
    results = _run_all(config_dir)
    for argv, code, out, err in results:
        assert code == 0, (argv, code, err)
        data = json.loads(out)
        if argv[0] == "group":
            assert [g["name"] for g in data] == ["shared"]
        else:
            assert data["accessToken"] and isinstance(data["expires_on"], int)
        assert err == "", (argv, err)
    _files_valid(config_dir)
    assert len(read_json(os.path.join(str(config_dir), "tokens.json"))["tokens"]) == 1


def test_corrupt_cache_under_concurrency_is_reported_and_rebuilt(local_cli):
    config_dir = local_cli.config_dir
    with open(os.path.join(str(config_dir), "tokens.json"), "w", encoding="utf-8") as handle:
        handle.write("{not json")
    results = _run_all(config_dir, count=8)
    for argv, code, _, err in results:
        assert code == 0, (argv, code, err)
        assert "Traceback" not in err
        for line in err.strip().splitlines():
            assert line.startswith("WARNING:") and "tokens.json" in line
    assert any("tokens.json" in err for _, _, _, err in results)
    _files_valid(config_dir)
