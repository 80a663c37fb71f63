"""Locks at every scope (and az's `group lock` / `resource lock` aliases), --ids edge cases, patch,
wait, tag on a group id, and --no-wait on generic resources."""
import json

VNET = "Microsoft.Network/virtualNetworks"


def ok(result):
    assert result.exit_code == 0, result
    return result


def _vnet(cli, group, name):
    return ok(cli(["resource", "create", "-g", group, "-n", name, "--resource-type", VNET, "-l", "westus",
                   "-p", '{"addressSpace": {"addressPrefixes": ["10.1.0.0/16"]}}'])).json()


def test_resource_lock_commands_like_az(local_cli):
    cli = local_cli
    ok(cli("group create -n lockrg -l westus -o none"))
    vnet = _vnet(cli, "lockrg", "cli.lock.rsrc")
    target = ["-g", "lockrg", "--resource-type", VNET, "--resource-name", "cli.lock.rsrc"]
    created = ok(cli(["resource", "lock", "create", "-n", "lk", "--lock-type", "CanNotDelete"] + target)).json()
    assert created["id"] == vnet["id"] + "/providers/Microsoft.Authorization/locks/lk"
    assert "//" not in created["id"]
    shown = ok(cli(["resource", "lock", "show", "--name", "lk"] + target)).json()
    assert shown["level"] == "CanNotDelete" and shown["resourceGroup"] == "lockrg"
    assert ok(cli(["resource", "lock", "list", "--query", "[].name", "-o", "json"] + target)).json() == ["lk"]
    # namespaces and lock types are case-insensitive
    updated = ok(cli(["resource", "lock", "update", "-n", "lk", "-g", "lockrg", "--namespace", "microsoft.NETWORK",
                      "--resource-type", "virtualNetworks", "--resource", "cli.lock.rsrc", "--notes", "n1",
                      "--lock-type", "readonly"])).json()
    assert updated["level"] == "ReadOnly" and updated["notes"] == "n1"
    table = ok(cli("lock list -g lockrg -o table")).stdout.splitlines()
    assert table[0].split() == ["Level", "Name", "Notes", "ResourceGroup"]  # az's automatic table, checked with az 2.91
    # a ReadOnly lock refuses writes to the resource: exit 6 with the lock named
    refused = cli(["resource", "tag", "--ids", vnet["id"], "--tags", "x=1"])
    assert refused.exit_code == 6 and "'lk'" in refused.stderr and "azcli lock delete --ids" in refused.stderr
    ok(cli(["resource", "lock", "delete", "--name", "lk"] + target))
    assert ok(cli(["lock", "list", "-g", "lockrg"])).json() == []
    assert cli(["resource", "lock", "show", "--name", "lk"] + target).exit_code == 3

    # subscription scope, and the group lock alias with --ids
    sub_lock = ok(cli("lock create -n sublock -t CanNotDelete --notes everywhere")).json()
    assert sub_lock["id"].endswith("/providers/Microsoft.Authorization/locks/sublock")
    assert "resourceGroup" not in sub_lock
    group_lock = ok(cli("group lock create -n glock -g lockrg -t ReadOnly")).json()
    both = ok(cli(["lock", "show", "--ids", sub_lock["id"], group_lock["id"], "--query", "[].name"])).json()
    assert both == ["sublock", "glock"]
    ok(cli(["group", "lock", "delete", "--ids", json.dumps([sub_lock["id"], group_lock["id"]])]))
    assert ok(cli("lock list")).json() == []
    assert cli("lock create -n bad -t Nope").exit_code == 2
    assert cli("resource lock create -n x -t ReadOnly -g lockrg --resource-type " + VNET).exit_code == 2


def test_ids_edge_cases_patch_wait_and_group_tag(local_cli):
    cli = local_cli
    group = ok(cli("group create -n idsrg -l westus")).json()
    a = _vnet(cli, "idsrg", "a")
    missing_id = a["id"][:-1] + "zz"
    # several ids, one missing: the others still run; the missing one is named and sets the exit code
    mixed = cli(["resource", "show", "--ids", a["id"], missing_id])
    assert mixed.exit_code == 3 and missing_id in mixed.stderr
    # a single missing id behaves like show by name
    assert cli(["resource", "show", "--ids", missing_id]).exit_code == 3
    assert cli(["resource", "show", "--ids", "not-an-id"]).exit_code == 2
    assert cli("resource show -g idsrg -n a").exit_code == 2  # no type: usage error
    assert cli(["resource", "show", "--ids", ""]).exit_code == 2

    patched = ok(cli(["resource", "patch", "--ids", a["id"], "--is-full-object", "-p", '{"tags": {"p": "1"}}']))
    assert patched.json()["tags"] == {"p": "1"}
    ok(cli(["resource", "wait", "--ids", a["id"], "--exists", "--interval", "1", "--timeout", "5"]))
    ok(cli(["resource", "wait", "-g", "idsrg", "-n", "a", "--resource-type", VNET, "--created", "--timeout", "5"]))

    # resource tag on a resource group id uses the group itself
    tagged = ok(cli(["resource", "tag", "--ids", group["id"], "--tags", "cli-test=test"])).json()
    assert tagged["tags"] == {"cli-test": "test"}
    merged = ok(cli(["resource", "tag", "--ids", group["id"], "--tags", "more=1", "-i"])).json()
    assert merged["tags"] == {"cli-test": "test", "more": "1"}

    started = ok(cli(["resource", "delete", "--ids", a["id"], "--no-wait"]))
    assert started.stdout == ""
    ok(cli(["resource", "wait", "--ids", a["id"], "--deleted", "--interval", "1", "--timeout", "20"]))
    assert cli(["resource", "show", "--ids", a["id"]]).exit_code == 3


def test_group_generic_update_and_export(local_cli):
    cli = local_cli
    ok(cli("group create -n gu -l westus --tags a=b"))
    updated = ok(cli("group update -n gu --set tags.n=3 --force-string")).json()
    assert updated["tags"] == {"a": "b", "n": "3"}
    bad = cli("group update -n gu --set properties.provisioningState.deep=1")
    assert bad.exit_code == 2 and "'deep'" in bad.stderr
    _vnet(cli, "gu", "exported")
    template = ok(cli("group export -n gu --include-comments")).json()
    assert template["contentVersion"] == "1.0.0.0"
    assert any(r["type"] == VNET for r in template["resources"])


def test_no_wait_hint_is_a_runnable_wait_command(local_cli):
    import shlex
    cli = local_cli
    assert cli("group create -n hint -l westus -o none").exit_code == 0
    body = '{"addressSpace": {"addressPrefixes": ["10.0.0.0/16"]}}'
    for name, delete in (("v1", "resource delete -g hint -n v1 --resource-type Microsoft.Network/virtualNetworks"),
                         ("v2", "resource delete --ids {id}")):
        created = cli(["resource", "create", "-g", "hint", "-n", name, "--resource-type",
                       "Microsoft.Network/virtualNetworks", "-l", "westus", "-p", body])
        assert created.exit_code == 0, created
        started = cli(delete.format(id=created.json()["id"]) + " --no-wait")
        assert started.exit_code == 0 and started.stdout == "", started
        hint = started.stderr.split("Wait for it with: ", 1)[1].strip()
        assert "False" not in hint and hint.endswith("--deleted"), hint
        waited = cli(shlex.split(hint)[1:] + ["--interval", "1", "--timeout", "30"])
        assert waited.exit_code == 0, (hint, waited)
