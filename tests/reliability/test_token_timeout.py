"""core.http_timeout bounds token requests too: a token endpoint that accepts and never answers is cut
off (exit 7, one ERROR line naming the timeout), not waited on for azure-identity's own minutes."""
import os
import time

from reliab import Client, silent_server


def test_a_silent_token_endpoint_is_cut_off_by_the_http_timeout(start_served, tmp_path):
    served = start_served()
    client = Client(tmp_path / "client", served)
    port = served.details["port"]
    served.stop()
    os.remove(os.path.join(client.config_dir, "tokens.json"))  # the next command must ask for a token
    with silent_server(port):
        started = time.monotonic()
        proc = client.run("group", "list", env={"AZCLI_CORE_HTTP_TIMEOUT": "2"}, timeout=120)
        elapsed = time.monotonic() - started
    assert proc.returncode == 7, proc.stderr
    errors = [line for line in proc.stderr.splitlines() if line.startswith("ERROR:")]
    assert len(errors) == 1 and "core.http_timeout" in errors[0] and "access token" in errors[0], proc.stderr
    assert elapsed < 60, elapsed
