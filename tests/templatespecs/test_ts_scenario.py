"""`azcli ts ...` against the in-process local cloud: az 2.91's arguments, defaults, output shapes and exit
codes for template specs and their versions, linked templates packed and exported."""
import json
import os
import stat

import pytest

from ts_helpers import template, write_json

SPEC_TYPE = "Microsoft.Resources/templateSpecs"


def ok(result):
    assert result.exit_code == 0, result
    return result


def spec_id(cli, name="spec1", version=None):
    sub = ok(cli("account show --query id -o tsv")).stdout.strip()
    base = "/subscriptions/{}/resourceGroups/rg1/providers/{}/{}".format(sub, SPEC_TYPE, name)
    return base + ("/versions/" + version if version else "")


def test_create_spec_then_version_show_and_list(ts_cli, tmp_path):
    cli = ts_cli
    spec = ok(cli("ts create -g rg1 -n spec1 -d Disp --description first --tags team=a")).json()
    assert spec["type"] == SPEC_TYPE and spec["name"] == "spec1" and spec["resourceGroup"] == "rg1"
    assert spec["location"] == "westus"  # the group's
    assert spec["displayName"] == "Disp" and spec["description"] == "first" and spec["tags"] == {"team": "a"}
    assert set(spec) >= {"id", "metadata", "systemData", "versions"} and "additionalProperties" not in spec
    main = write_json(tmp_path / "main.json", template())
    version = ok(cli(["ts", "create", "-g", "rg1", "-n", "spec1", "-v", "1.0", "-f", str(main),
                      "--version-description", "v one"])).json()
    assert version["type"] == SPEC_TYPE + "/versions" and version["name"] == "1.0"
    assert version["mainTemplate"] == template() and version["linkedTemplates"] == []
    assert version["description"] == "v one" and version["tags"] == {"team": "a"}  # inherited from the spec
    assert version["location"] == "westus" and version["uiFormDefinition"] is None
    shown = ok(cli("ts show -g rg1 -n spec1 -v 1.0")).json()
    assert shown["id"] == version["id"] == spec_id(cli, version="1.0")
    parent = ok(cli("ts show -g rg1 -n spec1")).json()
    # ARM's spec carries a read-only `versions` map ($expand=versions), shown as its names; a local cloud
    # without the map yet answers without it, and then the list is empty (az 2.91 fails on it).
    assert parent["versions"] in (["1.0"], []) and parent["description"] == "first"
    assert ok(cli(["ts", "show", "-s", spec_id(cli)])).json()["id"] == spec["id"]
    assert ok(cli(["ts", "show", "-s", spec_id(cli, version="1.0"), "--query", "name", "-o", "tsv"])).stdout == "1.0\n"
    assert [s["name"] for s in ok(cli("ts list")).json()] == ["spec1"]
    assert [v["name"] for v in ok(cli("ts list -g rg1 -n spec1")).json()] == ["1.0"]


def test_list_by_group(ts_cli):
    cli = ts_cli
    ok(cli("group create -n rg2 -l westus -o none"))
    ok(cli("ts create -g rg1 -n spec1 -o none"))
    ok(cli("ts create -g rg2 -n spec2 -o none"))
    listed = cli("ts list -g rg1")
    if listed.exit_code == 3 and "InvalidResourceType" in listed.stderr:
        pytest.xfail("the local cloud does not route a group's templateSpecs listing yet: " + listed.stderr)
    assert [s["name"] for s in ok(listed).json()] == ["spec1"]
    assert [s["name"] for s in ok(cli("ts list")).json()] == ["spec1", "spec2"]


def test_create_version_makes_the_spec_in_the_given_location(ts_cli, tmp_path):
    cli = ts_cli
    main = write_json(tmp_path / "main.json", template())
    version = ok(cli(["ts", "create", "-g", "rg1", "-n", "s2", "-v", "v1", "-f", str(main), "-l", "eastus",
                      "-d", "Two", "--tags", "k=v"])).json()
    assert version["location"] == "eastus" and version["tags"] == {"k": "v"}
    spec = ok(cli("ts show -g rg1 -n s2")).json()
    assert spec["location"] == "eastus" and spec["displayName"] == "Two" and spec["tags"] == {"k": "v"}
    # a second version of an existing spec: the spec is left as it is
    ok(cli(["ts", "create", "-g", "rg1", "-n", "s2", "-v", "v2", "-f", str(main), "-d", "ignored", "-o", "none"]))
    assert ok(cli("ts show -g rg1 -n s2 --query displayName -o tsv")).stdout == "Two\n"
    # replacing a version without a terminal goes ahead, as az does
    again = ok(cli(["ts", "create", "-g", "rg1", "-n", "s2", "-v", "v1", "-f", str(main), "--version-description",
                    "again"])).json()
    assert again["description"] == "again"


def test_linked_templates_are_packed_and_exported(ts_cli, linked_files, tmp_path):
    cli = ts_cli
    version = ok(cli(["ts", "create", "-g", "rg1", "-n", "spec1", "-v", "1.0", "-f", str(linked_files),
                      "--yes"])).json()
    assert [a["path"] for a in version["linkedTemplates"]] == ["art/sub/b.json", "shared.json", "art/a.json"]
    assert version["mainTemplate"] == json.loads(linked_files.read_text())
    out = tmp_path / "out"
    out.mkdir()
    exported = ok(cli(["ts", "export", "-s", spec_id(cli, version="1.0"), "--output-folder", str(out)]))
    assert exported.json() == str(out)
    written = sorted(os.path.relpath(os.path.join(d, f), out) for d, _, files in os.walk(out) for f in files)
    assert written == ["art/a.json", "art/sub/b.json", "shared.json", "spec1.JSON"]
    assert json.loads((out / "spec1.JSON").read_text()) == version["mainTemplate"]
    assert json.loads((out / "art" / "a.json").read_text()) == version["linkedTemplates"][2]["template"]
    # by name too
    out2 = tmp_path / "out2"
    out2.mkdir()
    ok(cli(["ts", "export", "-g", "rg1", "-n", "spec1", "-v", "1.0", "--output-folder", str(out2)]))
    assert (out2 / "art" / "sub" / "b.json").is_file()


def test_update_spec_and_version(ts_cli, linked_files, tmp_path):
    cli = ts_cli
    ok(cli(["ts", "create", "-g", "rg1", "-n", "spec1", "-v", "1.0", "-f", str(linked_files), "-d", "D",
            "--description", "d", "--tags", "a=1", "--version-description", "vd", "-o", "none"]))
    refused = cli("ts update -g rg1 -n spec1 --description new")
    assert refused.exit_code == 1 and "Operation cancelled" in refused.stderr
    spec = ok(cli("ts update -g rg1 -n spec1 --description new --yes")).json()
    assert spec["description"] == "new" and spec["displayName"] == "D" and spec["tags"] == {"a": "1"}
    assert ok(cli("ts update -g rg1 -n spec1 --tags --yes")).json()["tags"] == {}  # "--tags" alone clears
    version = ok(cli("ts update -g rg1 -n spec1 -v 1.0 --version-description vd2 --tags b=2 --yes")).json()
    assert version["description"] == "vd2" and version["tags"] == {"b": "2"}
    assert len(version["linkedTemplates"]) == 3  # kept (az 2.91 drops them)
    assert version["mainTemplate"] == json.loads(linked_files.read_text())
    new_main = write_json(tmp_path / "new.json", template())
    form = write_json(tmp_path / "form.json", {"$schema": "x", "view": {"kind": "Form"}})
    updated = ok(cli(["ts", "update", "-s", spec_id(cli, version="1.0"), "-f", str(new_main),
                      "--ui-form-definition", str(form), "--yes"])).json()
    assert updated["mainTemplate"] == template() and updated["linkedTemplates"] == []
    assert updated["uiFormDefinition"] == {"$schema": "x", "view": {"kind": "Form"}}
    assert updated["description"] == "vd2" and updated["tags"] == {"b": "2"}
    wrong = cli(["ts", "update", "-g", "rg1", "-n", "spec1", "-f", str(new_main), "--yes"])
    assert wrong.exit_code == 2 and "--version" in wrong.stderr
    missing = cli("ts update -g rg1 -n nope --description x --yes")
    assert missing.exit_code == 3 and "ResourceNotFound" in missing.stderr


def test_delete_version_spec_and_missing(ts_cli, tmp_path):
    cli = ts_cli
    main = write_json(tmp_path / "main.json", template())
    for v in ("1", "2"):
        ok(cli(["ts", "create", "-g", "rg1", "-n", "spec1", "-v", v, "-f", str(main), "-o", "none"]))
    refused = cli("ts delete -g rg1 -n spec1 -v 1")
    assert refused.exit_code == 1 and "--yes" in refused.stderr
    assert ok(cli("ts delete -g rg1 -n spec1 -v 1 --yes")).stdout == ""
    assert [v["name"] for v in ok(cli("ts list -g rg1 -n spec1")).json()] == ["2"]
    assert cli("ts show -g rg1 -n spec1 -v 1").exit_code == 3
    ok(cli(["ts", "delete", "-s", spec_id(cli), "--yes"]))
    assert cli("ts show -g rg1 -n spec1").exit_code == 3
    assert ok(cli("ts list")).json() == []
    ok(cli("ts delete -g rg1 -n spec1 --yes"))  # already gone: ARM answers 204, as az exits 0
    gone = cli("ts delete -g nope -n spec1 --yes")
    assert gone.exit_code == 3 and "ResourceGroupNotFound" in gone.stderr


def one_error_line(result, code):
    assert result.exit_code == code, result
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("ERROR: ") and "Traceback" not in result.stderr, result
    return lines[0]


def test_bad_input(ts_cli, tmp_path):
    cli = ts_cli
    assert "valid file path" in one_error_line(cli(["ts", "create", "-g", "rg1", "-n", "s", "-v", "1", "-f",
                                                    str(tmp_path / "missing.json")]), 2)
    bad = tmp_path / "bad.json"
    bad.write_text("{ not json", encoding="utf-8")
    assert "Failed to parse" in one_error_line(cli(["ts", "create", "-g", "rg1", "-n", "s", "-v", "1", "-f",
                                                    str(bad)]), 2)
    broken_link = write_json(tmp_path / "l.json", template("absent.json"))
    assert "was not found" in one_error_line(cli(["ts", "create", "-g", "rg1", "-n", "s", "-v", "1", "-f",
                                                  str(broken_link)]), 2)
    assert "--version" in one_error_line(cli(["ts", "create", "-g", "rg1", "-n", "s", "-f", str(bad)]), 2)
    assert "--template-file" in one_error_line(cli(["ts", "create", "-g", "rg1", "-n", "s", "-v", "1"]), 2)
    assert cli("ts list").json() == []  # nothing was made on the way
    ok(cli("ts create -g rg1 -n spec1 -o none"))
    agreeing = ok(cli(["ts", "show", "-s", spec_id(cli), "-g", "RG1", "-n", "spec1"])).json()  # as az accepts
    assert agreeing["name"] == "spec1"
    other = one_error_line(cli(["ts", "show", "-s", spec_id(cli), "-g", "rg2"]), 2)
    assert "another template spec than --resource-group" in other
    assert "another template spec than --name, --version" in one_error_line(
        cli(["ts", "delete", "-s", spec_id(cli), "-n", "x", "-v", "1", "--yes"]), 2)
    assert "not a valid resource ID" in one_error_line(cli("ts show -s /subscriptions/x/resourceGroups/rg1"), 2)
    assert "resource group and resource name" in one_error_line(cli("ts show -n spec1"), 2)
    assert "ResourceNotFound" in one_error_line(cli("ts show -g rg1 -n nope"), 3)
    assert "ResourceNotFound" in one_error_line(cli("ts show -g rg1 -n spec1 -v 9"), 3)
    assert "ResourceGroupNotFound" in one_error_line(cli("ts show -g nope -n spec1"), 3)
    assert "ResourceGroupNotFound" in one_error_line(cli("ts create -g nope -n spec1"), 3)
    assert "version for export" in one_error_line(cli(["ts", "export", "-s", spec_id(cli), "--output-folder",
                                                       str(tmp_path)]), 2)
    assert "valid output folder" in one_error_line(cli(["ts", "export", "-s", spec_id(cli, version="1"),
                                                        "--output-folder", str(tmp_path / "nodir")]), 2)
    assert "ResourceNotFound" in one_error_line(cli(["ts", "export", "-s", spec_id(cli, version="1"),
                                                     "--output-folder", str(tmp_path)]), 3)
    assert "--resource-group" in one_error_line(cli("ts list -n spec1"), 2)


def test_configured_default_group_is_not_an_explicit_group(ts_cli):
    cli = ts_cli
    ok(cli("configure --defaults group=rg1"))
    ok(cli("ts create -n spec1 -o none"))
    assert ok(cli(["ts", "show", "-s", spec_id(cli), "--query", "name", "-o", "tsv"])).stdout == "spec1\n"
    assert ok(cli("ts show -n spec1 --query name -o tsv")).stdout == "spec1\n"


def test_bicep_file_is_built(ts_cli, tmp_path):
    cli = ts_cli
    source = tmp_path / "main.bicep"
    source.write_text("param p string\n", encoding="utf-8")
    none = cli(["ts", "create", "-g", "rg1", "-n", "b", "-v", "1", "-f", str(source)],
               env={"PATH": str(tmp_path / "empty")})
    assert none.exit_code == 1 and "bicep" in none.stderr and "Traceback" not in none.stderr
    bindir = tmp_path / "bin"
    bindir.mkdir()
    fake = bindir / "bicep"
    fake.write_text("#!/bin/sh\necho '%s'\n" % json.dumps(template()), encoding="utf-8")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    version = ok(cli(["ts", "create", "-g", "rg1", "-n", "b", "-v", "1", "-f", str(source)],
                     env={"PATH": str(bindir) + os.pathsep + os.environ.get("PATH", "")})).json()
    assert version["mainTemplate"] == template() and version["linkedTemplates"] == []


def test_help(cli):
    group = cli("ts --help")
    assert group.exit_code == 0
    for verb in ("create", "update", "show", "list", "delete", "export"):
        assert verb in group.stdout
    create = cli("ts create --help")
    assert create.exit_code == 0 and "--template-file -f" in create.stdout and "--yes -y" in create.stdout
    assert "Examples" in create.stdout
    export = cli("ts export -h")
    assert export.exit_code == 0 and "--output-folder" in export.stdout and "--template-spec -s" in export.stdout
