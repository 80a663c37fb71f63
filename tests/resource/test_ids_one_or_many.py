"""--ids as az: one id gives the object itself, several a list (every --ids command)."""
import json

NSG = "Microsoft.Network/networkSecurityGroups"


def ok(result):
    assert result.exit_code == 0, result
    return result


def _nsg(cli, group, name):
    return ok(cli(["resource", "create", "-g", group, "-n", name, "--resource-type", NSG, "-l", "westus",
                   "-p", "{}"])).json()


def test_one_id_is_the_object_several_a_list(local_cli):
    cli = local_cli
    ok(cli("group create -n one -l westus -o none"))
    a, b = _nsg(cli, "one", "a"), _nsg(cli, "one", "b")
    assert ok(cli(["resource", "show", "--ids", a["id"], "--query", "name", "-o", "tsv"])).stdout == "a\n"
    assert ok(cli(["resource", "show", "--ids", a["id"], b["id"], "--query", "[].name", "-o", "tsv"])).stdout \
        == "a\nb\n"
    assert ok(cli(["resource", "tag", "--ids", a["id"], "--tags", "x=1"])).json()["tags"] == {"x": "1"}
    assert ok(cli(["resource", "update", "--ids", a["id"], "--set", "tags.y=2"])).json()["tags"] == \
        {"x": "1", "y": "2"}
    both = ok(cli(["resource", "tag", "--ids", json.dumps([a["id"], b["id"]]), "--tags", "z=3"])).json()
    assert [r["tags"] for r in both] == [{"z": "3"}, {"z": "3"}]
    lock = ok(cli("lock create -n keep -g one --lock-type CanNotDelete")).json()
    assert ok(cli(["lock", "show", "--ids", lock["id"], "--query", "level", "-o", "tsv"])).stdout == "CanNotDelete\n"
    updated = ok(cli(["lock", "update", "--ids", lock["id"], "--notes", "n"])).json()
    assert updated["notes"] == "n"
    assert ok(cli(["group", "lock", "show", "--ids", lock["id"]])).json()["name"] == "keep"
    assert ok(cli(["lock", "delete", "--ids", lock["id"]])).stdout == ""
    # one delete prints nothing; two print their results as a list, as az does ([null, null])
    assert ok(cli(["resource", "delete", "--ids", a["id"]])).stdout == ""
    assert ok(cli(["resource", "delete", "--ids", b["id"], _nsg(cli, "one", "c")["id"]])).json() == [None, None]
