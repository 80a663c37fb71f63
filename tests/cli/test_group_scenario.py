"""`azcli group` end to end in-process against the embedded local cloud (real SDK and identity code)."""


def test_create_show_list_exists_delete(local_cli):
    created = local_cli("group create -n demo -l westus --tags env=dev team=")
    assert created.exit_code == 0, created
    group = created.json()
    assert group["properties"]["provisioningState"] == "Succeeded"
    assert group["name"] == "demo" and group["location"] == "westus"
    assert group["tags"] == {"env": "dev", "team": ""}
    assert group["type"] == "Microsoft.Resources/resourceGroups"
    assert created.stderr == ""

    table = local_cli("group list -o table")
    assert table.exit_code == 0
    lines = table.stdout.splitlines()
    assert lines[0].split() == ["Name", "Location", "Status"]
    assert lines[2].split() == ["demo", "westus", "Succeeded"]

    assert local_cli("group show -n demo --query location -o tsv").stdout == "westus\n"
    assert local_cli("group exists -n demo").stdout.strip() == "true"

    deleted = local_cli("group delete -n demo --yes")
    assert deleted.exit_code == 0, deleted
    assert deleted.stdout == ""
    assert local_cli("group exists -n demo").stdout.strip() == "false"


def test_show_missing_group_exits_3_with_one_error_line(local_cli):
    result = local_cli("group show -n missing")
    assert result.exit_code == 3
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("ERROR:") and "ResourceGroupNotFound" in lines[0]


def test_names_are_case_insensitive_and_stored_as_written(local_cli):
    local_cli("group create -n MixedCase -l westus")
    shown = local_cli("group show -n mixedcase").json()
    assert shown["name"] == "MixedCase"


def test_list_filters_by_tag(local_cli):
    local_cli("group create -n a -l westus --tags env=dev")
    local_cli("group create -n b -l westus --tags env=prod")
    local_cli("group create -n c -l westus")
    assert [g["name"] for g in local_cli("group list --tag env=dev").json()] == ["a"]
    assert sorted(g["name"] for g in local_cli("group list --tag env").json()) == ["a", "b"]


def test_update_tags_and_generic_set(local_cli):
    local_cli("group create -n upd -l westus --tags a=1")
    updated = local_cli("group update -n upd --tags b=2")
    assert updated.exit_code == 0, updated
    assert updated.json()["tags"] == {"b": "2"}
    updated = local_cli("group update -n upd --set tags.c=3")
    assert updated.json()["tags"] == {"b": "2", "c": "3"}
    bad = local_cli("group update -n upd --remove properties.nothere")
    assert bad.exit_code == 2 and "'nothere'" in bad.stderr


def test_managed_by(local_cli):
    group = local_cli("group create -n mb -l westus --managed-by /subscriptions/x/resourceGroups/y").json()
    assert group["managedBy"] == "/subscriptions/x/resourceGroups/y"


def test_delete_no_wait_then_wait_deleted(local_cli):
    local_cli("group create -n nw -l westus")
    started = local_cli("group delete -n nw --yes --no-wait", env={"AZCLI_LOCAL_LRO_SECONDS": "1"})
    assert started.exit_code == 0, started
    assert started.stdout == ""
    assert "azcli group wait --name nw --deleted" in started.stderr  # says how to follow it up
    waited = local_cli("group wait -n nw --deleted --interval 1 --timeout 20",
                       env={"AZCLI_LOCAL_LRO_SECONDS": "1"})
    assert waited.exit_code == 0, waited
    assert local_cli("group exists -n nw").stdout.strip() == "false"


def test_wait_times_out_with_exit_7(local_cli):
    local_cli("group create -n wt -l westus")
    result = local_cli("group wait -n wt --deleted --interval 1 --timeout 1")
    assert result.exit_code == 7, result


def test_delete_without_yes_and_without_tty_is_refused(local_cli):
    local_cli("group create -n keep -l westus")
    result = local_cli("group delete -n keep")
    assert result.exit_code != 0
    assert local_cli("group exists -n keep").stdout.strip() == "true"


def test_invalid_location_is_an_arm_error(local_cli):
    result = local_cli("group create -n bad -l atlantis")
    assert result.exit_code == 1, result
    assert result.stderr.startswith("ERROR: (LocationNotAvailableForResourceGroup)")


def test_default_group_from_config(local_cli):
    local_cli("group create -n dflt -l westus")
    assert local_cli("group show --query name -o tsv", env={"AZCLI_DEFAULTS_GROUP": "dflt"}).stdout == "dflt\n"


def test_output_formats(local_cli):
    local_cli("group create -n fmt -l westus --tags k=v")
    assert local_cli("group list -o tsv").stdout.startswith("/subscriptions/")
    yaml_out = local_cli("group show -n fmt -o yaml").stdout
    assert "name: fmt" in yaml_out
    assert local_cli("group list -o csv").stdout.splitlines()[0] == "Name,Location,Status"
    lines = local_cli("group list -o jsonl").stdout.splitlines()
    assert len(lines) == 1 and '"name":"fmt"' in lines[0]
    assert local_cli("group list -o none").stdout == ""


def test_account_show_and_logout(local_cli):
    account = local_cli("account show").json()
    assert account["environmentName"] == "LocalCloud"
    assert account["user"]["type"] == "servicePrincipal"
    assert account["isDefault"] is True
    assert local_cli("logout").exit_code == 0
    assert local_cli("account list").exit_code == 4
    assert local_cli("group list").exit_code == 4


def test_only_show_errors_and_verbose(local_cli):
    local_cli("group create -n quiet -l westus -o none")
    quiet = local_cli("group delete -n quiet --yes --no-wait --only-show-errors")
    assert quiet.exit_code == 0 and quiet.stderr == "" and quiet.stdout == ""
    verbose = local_cli("group list --verbose -o none")
    assert verbose.exit_code == 0 and verbose.stdout == ""
    assert "INFO: Command ran in" in verbose.stderr
    assert local_cli("group list -o none").stderr == ""
