"""`azcli local serve|show|reset`: one store for in-process commands and served clients, the TLS files,
the state file, and a quiet shutdown."""
import json
import os
import signal
import stat
import subprocess
import sys

import pytest
from azure.core.exceptions import ResourceNotFoundError

from served_cloud import server_env
from runner import run_cli


def rm_client(served):
    from azure.mgmt.resource.resources import ResourceManagementClient
    return served.client(ResourceManagementClient)


def test_in_process_cli_and_served_clients_share_one_store(start_served):
    served = start_served()
    cfg = served.config_dir
    assert run_cli(["login", "--local"], cfg).exit_code == 0
    created = run_cli(["group", "create", "-n", "from-cli", "-l", "westus", "--tags", "via=cli"], cfg)
    assert created.exit_code == 0, created
    client = rm_client(served)
    group = client.resource_groups.get("from-cli")  # over HTTPS, from the server process
    assert group.id == created.json()["id"] and group.tags == {"via": "cli"}

    client.resource_groups.create_or_update("from-sdk", {"location": "eastus"})
    shown = run_cli(["group", "show", "-n", "from-sdk", "--query", "location", "-o", "tsv"], cfg)
    assert (shown.exit_code, shown.stdout) == (0, "eastus\n"), shown
    assert run_cli(["group", "delete", "-n", "from-cli", "--yes"], cfg).exit_code == 0
    with pytest.raises(ResourceNotFoundError):
        client.resource_groups.get("from-cli")


def test_local_show_follows_the_server(start_served):
    served = start_served()
    shown = run_cli(["local", "show"], served.config_dir)
    assert shown.exit_code == 0, shown
    details = shown.json()
    assert details.pop("pid") == served.proc.pid
    assert details == served.details
    assert served.stop() == 0
    after = run_cli(["local", "show"], served.config_dir).json()
    assert after["port"] is None and after["resourceManager"] is None and after["activeDirectory"] is None
    assert after["clientId"] == served.details["clientId"] and after["caCertPath"] == served.ca


def test_local_reset_empties_arm_state_only(start_served):
    served = start_served()
    client = rm_client(served)
    client.resource_groups.create_or_update("doomed", {"location": "westus"})
    refused = run_cli(["local", "reset"], served.config_dir)  # no TTY to confirm on: nothing happens
    assert refused.exit_code != 0 and client.resource_groups.check_existence("doomed") is True
    done = run_cli(["local", "reset", "--yes"], served.config_dir)
    assert (done.exit_code, done.stdout) == (0, ""), done
    assert client.resource_groups.check_existence("doomed") is False
    assert rm_client(served).resource_groups.check_existence("doomed") is False  # new token: identity kept


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_stops_quietly_on_signals(start_served, sig):
    served = start_served()
    state_file = os.path.join(served.config_dir, "localcloud-serve.json")
    assert json.load(open(state_file))["port"] == served.details["port"]
    assert served.stop(sig) == 0
    assert served.read_stderr() == ""
    assert not os.path.exists(state_file)


def test_tls_files_are_made_once_and_private(start_served, tmp_path):
    cfg = tmp_path / "shared"
    first = start_served(config_dir=cfg)
    tls = os.path.join(first.config_dir, "localcloud-tls")
    ca = open(os.path.join(tls, "ca.pem"), "rb").read()
    server = open(os.path.join(tls, "server.pem"), "rb").read()
    for name in ("ca-key.pem", "server-key.pem"):
        assert stat.S_IMODE(os.stat(os.path.join(tls, name)).st_mode) == 0o600
    first.stop()
    second = start_served(config_dir=cfg)  # restart: same CA, same server certificate
    assert open(os.path.join(tls, "ca.pem"), "rb").read() == ca
    assert open(os.path.join(tls, "server.pem"), "rb").read() == server
    assert second.details["clientSecret"] == first.details["clientSecret"]
    second.stop()
    third = start_served("--host", "localhost", config_dir=cfg)  # already in the SAN: no new certificate
    assert third.details["resourceManager"] == "https://localhost:%d/" % third.details["port"]
    assert open(os.path.join(tls, "server.pem"), "rb").read() == server
    assert rm_client(third).resource_groups.check_existence("nothing") is False  # audience follows the host


def test_port_in_use_is_one_error_line(start_served):
    served = start_served()
    proc = subprocess.run([sys.executable, "-m", "azcli", "local", "serve", "--port", str(served.details["port"])],
                          env=server_env(served.config_dir), capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1 and proc.stdout == ""
    assert proc.stderr.startswith("ERROR: Cannot listen on 127.0.0.1:%d" % served.details["port"])
    assert proc.stderr.count("\n") == 1, proc.stderr
    # the server that holds the port is unharmed
    assert rm_client(served).resource_groups.check_existence("x") is False
