"""`azcli rest` in-process against the local cloud: URL resolution, bodies, errors, --paginate."""
import json


def test_rest_relative_url_subscription_placeholder_body_and_errors(local_cli, tmp_path):
    created = local_cli(["rest", "-m", "put", "-u",
                         "/subscriptions/{subscriptionId}/resourcegroups/r1?api-version=2024-11-01",
                         "--body", '{"location": "westus", "tags": {"k": "v"}}'])
    assert created.exit_code == 0, created
    assert created.json()["tags"] == {"k": "v"}

    body = tmp_path / "body.json"
    body.write_text('{"location": "eastus"}')
    from_file = local_cli(["rest", "--method", "PUT", "--url",
                           "/subscriptions/{subscriptionId}/resourcegroups/r2?api-version=2024-11-01",
                           "--body", "@" + str(body), "--query", "location", "-o", "tsv"])
    assert from_file.stdout == "eastus\n", from_file
    from_stdin = local_cli(["rest", "-m", "put", "-u",
                            "/subscriptions/{subscriptionId}/resourcegroups/r3?api-version=2024-11-01",
                            "--body", "-"], stdin='{"location": "westus"}')
    assert from_stdin.exit_code == 0, from_stdin

    subscription = local_cli("account show --query id -o tsv").stdout.strip()
    shown = local_cli(["rest", "-u", "/subscriptions/{}/resourcegroups/r1".format(subscription),
                       "--uri-parameters", "api-version=2024-11-01"])
    assert shown.json()["name"] == "r1"

    missing = local_cli(["rest", "-u", "/subscriptions/{subscriptionId}/resourcegroups/nope?api-version=2024-11-01"])
    assert missing.exit_code == 3 and missing.stdout == ""
    assert "ResourceGroupNotFound" in missing.stderr

    deleted = local_cli(["rest", "-m", "delete", "-u",
                         "/subscriptions/{subscriptionId}/resourcegroups/r3?api-version=2024-11-01"])
    assert deleted.exit_code == 0 and deleted.stdout == ""

    out = tmp_path / "out.json"
    saved = local_cli(["rest", "-u", "/subscriptions/{subscriptionId}/resourcegroups/r1?api-version=2024-11-01",
                       "--output-file", str(out)])
    assert saved.exit_code == 0 and saved.stdout == ""
    assert json.loads(out.read_text())["name"] == "r1"


def test_rest_paginate_follows_next_link(local_cli):
    for name in ("p1", "p2", "p3", "p4", "p5"):
        assert local_cli("group create -n {} -l westus -o none".format(name)).exit_code == 0
    url = "/subscriptions/{subscriptionId}/resourcegroups?api-version=2024-11-01"
    env = {"AZCLI_LOCAL_PAGE_SIZE": "2"}
    first = local_cli(["rest", "-u", url], env=env).json()
    assert len(first["value"]) == 2 and first["nextLink"]
    merged = local_cli(["rest", "-u", url, "--paginate"], env=env)
    assert merged.exit_code == 0, merged
    data = merged.json()
    assert "nextLink" not in data
    assert sorted(g["name"] for g in data["value"]) == ["p1", "p2", "p3", "p4", "p5"]


def test_rest_usage_errors(local_cli):
    bad = local_cli(["rest", "-u", "/subscriptions", "--headers", "novalue"])
    assert bad.exit_code == 2 and "KEY=VALUE" in bad.stderr
    assert local_cli(["rest", "-m", "fly", "-u", "/x"]).exit_code == 2
