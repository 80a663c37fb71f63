"""resource link, account lock, provider register's extra arguments, resource lock --resource ID, and
unambiguous prefixes of long options (argparse's abbreviations, as az accepts them)."""
AVSET = "Microsoft.Compute/availabilitySets"


def ok(result):
    assert result.exit_code == 0, result
    return result


def _avset(cli, group, name):
    return ok(cli(["resource", "create", "-g", group, "-n", name, "--resource-type", AVSET, "-p", "{}"])).json()


def test_resource_link_lifecycle(local_cli):
    cli = local_cli
    ok(cli("group create -n lk -l westus -o none"))
    a, b = _avset(cli, "lk", "a"), _avset(cli, "lk", "b")
    link = a["id"] + "/providers/Microsoft.Resources/links/l1"
    created = ok(cli(["resource", "link", "create", "--link", link, "--target", b["id"], "--notes", "hi"]))
    assert created.stdout == ""  # az prints nothing
    shown = ok(cli(["resource", "link", "show", "--link", link])).json()
    assert shown["properties"] == {"notes": "hi", "sourceId": a["id"], "targetId": b["id"]}
    assert shown["type"] == "Microsoft.Resources/links" and shown["name"] == "l1"
    ok(cli(["resource", "link", "update", "--link", link, "--notes", "new"]))
    assert ok(cli(["resource", "link", "list", "--scope", a["id"], "--query", "[].properties.notes"])).json() == ["new"]
    by_target = cli(["resource", "link", "list", "--filter", "targetId eq '{}'".format(b["id"]), "--query", "[].name"])
    assert ok(by_target).json() == ["l1"]
    assert ok(cli("resource list -g lk --query length(@)")).json() == 2  # a link is no resource of the group
    missing_source = cli(["resource", "link", "create", "--link", a["id"] + "x/providers/Microsoft.Resources/links/l",
                          "--target", b["id"]])
    assert missing_source.exit_code == 3 and "ResourceNotFound" in missing_source.stderr
    assert cli(["resource", "link", "create", "--link", a["id"], "--target", b["id"]]).exit_code == 2
    ok(cli(["resource", "link", "delete", "--link", link]))
    gone = cli(["resource", "link", "show", "--link", link])
    assert gone.exit_code == 3 and "LinkNotFound" in gone.stderr
    # deleting the source deletes its links
    ok(cli(["resource", "link", "create", "--link", link, "--target", b["id"]]))
    ok(cli(["resource", "delete", "--ids", a["id"]]))
    assert ok(cli("resource link list")).json() == []


def test_account_lock_is_the_subscription_lock(local_cli):
    cli = local_cli
    lock = ok(cli("account lock create -n sub -t CanNotDelete --notes n")).json()
    assert lock["id"].endswith("/providers/Microsoft.Authorization/locks/sub") and "/resourceGroups/" not in lock["id"]
    assert ok(cli("account lock list --query [].name")).json() == ["sub"]
    assert ok(cli("account lock update -n sub -t ReadOnly")).json()["level"] == "ReadOnly"
    assert ok(cli("account lock show -n sub --query notes -o tsv")).stdout == "n\n"
    assert cli("account lock create -n x -t ReadOnly -g somegroup").exit_code == 2  # no group, as az
    ok(cli("account lock delete -n sub"))
    assert cli("account lock show -n sub").exit_code == 3


def test_resource_lock_takes_a_resource_id_without_a_group(local_cli):
    cli = local_cli
    ok(cli("group create -n rl -l westus -o none"))
    a = _avset(cli, "rl", "a")
    lock = ok(cli(["resource", "lock", "create", "-n", "keep", "-t", "CanNotDelete", "--resource", a["id"]])).json()
    assert lock["id"] == a["id"] + "/providers/Microsoft.Authorization/locks/keep"
    assert ok(cli(["lock", "list", "--resource", a["id"], "--query", "[].name"])).json() == ["keep"]
    ok(cli(["lock", "delete", "-n", "keep", "--resource", a["id"]]))


def test_provider_register_arguments_and_extended_locations(local_cli):
    cli = local_cli
    ok(cli("provider register -n Microsoft.Storage --consent-to-permissions --accept-terms --wait"))
    ok(cli("account management-group create -n mg1 -o none"))
    ok(cli("provider register -n Microsoft.Storage --management-group-id mg1"))
    ok(cli("provider register -n Microsoft.Storage --m mg1"))  # an unambiguous prefix, as az's argparse takes it
    missing = cli("provider register -n Microsoft.Storage -m nope")
    assert missing.exit_code == 3
    regions = ok(cli("account list-locations --include-extended-locations --query length(@)")).json()
    assert regions == ok(cli("account list-locations --include-extended-locations false --query length(@)")).json()
    assert cli("account list-locations --include-extended-locations maybe").exit_code == 2


def test_long_option_prefixes(local_cli):
    cli = local_cli
    group = ok(cli("group create --n pre --l westus")).json()
    assert ok(cli(["resource", "show", "--id", group["id"], "--query", "name", "-o", "tsv"])).stdout == "pre\n"
    assert cli("group show --na pre --query name -o tsv").stdout == "pre\n"


def test_feature_list_show_register_unregister(local_cli):
    cli = local_cli
    names = ok(cli("feature list --namespace Microsoft.Compute --query [].name")).json()
    assert names == ["Microsoft.Compute/EncryptionAtHost"]
    table = ok(cli("feature list -o table")).stdout.splitlines()
    assert table[0].split() == ["Name", "RegistrationState"] and len(table) > 2
    registered = ok(cli("feature register --namespace microsoft.compute -n encryptionathost")).json()
    assert registered["name"] == "Microsoft.Compute/EncryptionAtHost" and registered["properties"]["state"] == \
        "Registered"
    assert registered["id"].endswith("/providers/Microsoft.Features/providers/Microsoft.Compute/features/"
                                     "EncryptionAtHost")
    assert ok(cli("feature show --namespace Microsoft.Compute -n EncryptionAtHost --query properties.state -o tsv"))\
        .stdout == "Registered\n"
    assert ok(cli("feature unregister --namespace Microsoft.Compute -n EncryptionAtHost")).json()["properties"][
        "state"] == "Unregistered"
    missing = cli("feature show --namespace Microsoft.Compute -n Nope")
    assert missing.exit_code == 3 and "FeatureNotFound" in missing.stderr
    assert cli("feature list --namespace Microsoft.Nope").exit_code == 3
    assert cli("feature show -n EncryptionAtHost").exit_code == 2  # --namespace is required
