"""`azcli account management-group ...` against the local cloud: a hierarchy, a subscription moved
through it, show --expand --recurse, update, refused and successful deletes, az's output shapes."""
import json


def ok(result):
    assert result.exit_code == 0, result
    return result


def test_hierarchy_and_subscription_moves(local_cli):
    cli = local_cli
    sub = ok(cli("account show --query id -o tsv")).stdout.strip()
    tenant = ok(cli("account show --query tenantId -o tsv")).stdout.strip()
    corp = ok(cli(["account", "management-group", "create", "-n", "Corp", "-d", "Corp Landing Zones"])).json()
    assert corp["displayName"] == "Corp Landing Zones" and corp["tenantId"] == tenant
    assert corp["details"]["parent"]["name"] == tenant and corp["children"] is None
    assert set(corp) == {"children", "details", "displayName", "id", "name", "tenantId", "type"}
    ok(cli("account management-group create --name Online --parent Corp -o none"))
    ok(cli("account management-group create --name Sandbox -p /providers/Microsoft.Management/managementGroups/Corp"
           " -o none"))
    names = ok(cli("account management-group list --query [].name -o json")).json()
    assert names == [tenant, "Corp", "Online", "Sandbox"]

    added = ok(cli("account management-group subscription add -n Online -s " + sub)).json()
    assert added["parent"] == {"id": "/providers/Microsoft.Management/managementGroups/Online"}
    assert added["name"] == sub and added["state"] == "Active"

    tree = ok(cli("account management-group show -n Corp --expand --recurse")).json()
    children = {c["name"]: c for c in tree["children"]}
    assert set(children) == {"Online", "Sandbox"}
    assert [(c["type"], c["name"]) for c in children["Online"]["children"]] == [("/subscriptions", sub)]
    shallow = ok(cli("account management-group show -n Corp -e")).json()
    assert all(c["children"] is None for c in shallow["children"])
    assert ok(cli("account management-group show -n Corp")).json()["children"] is None

    # move the subscription (by name, through the global --subscription spelling) and a group
    ok(cli(["account", "management-group", "subscription", "add", "-n", "Sandbox", "--subscription",
            "Local Cloud Subscription", "-o", "none"]))
    online = ok(cli("account management-group show -n Online -e")).json()
    assert online["children"] == []
    moved = ok(cli("account management-group update -n Sandbox -p Online -d Sandboxes")).json()
    assert moved["details"]["parent"]["name"] == "Online" and moved["displayName"] == "Sandboxes"
    assert moved["details"]["version"] == 2

    refused = cli("account management-group delete -n Online")
    assert refused.exit_code == 1 and "has children" in refused.stderr
    ok(cli("account management-group subscription remove -n Sandbox -s " + sub))
    root = ok(cli(["account", "management-group", "show", "-n", tenant, "-e"])).json()
    assert ("/subscriptions", sub) in [(c["type"], c["name"]) for c in root["children"]]
    deleted = ok(cli("account management-group delete -n Sandbox")).json()
    assert deleted["status"] == "Succeeded" and deleted["name"] == "Sandbox"
    missing = cli("account management-group show -n Sandbox")
    assert missing.exit_code == 3 and "NotFound" in missing.stderr


def test_errors_and_generic_update(local_cli):
    cli = local_cli
    bad = cli("account management-group create -n Child -p NoSuchParent")
    assert bad.exit_code == 1 and "NoSuchParent" in bad.stderr
    assert cli("account management-group create -n bad. ").exit_code == 1
    ok(cli("account management-group create -n Top --no-register -o none"))
    updated = ok(cli(["account", "management-group", "update", "-n", "Top", "--set", "displayName=Top level"])).json()
    assert updated["displayName"] == "Top level"
    missing_sub = cli("account management-group subscription add -n Top")
    assert missing_sub.exit_code == 2 and "--subscription" in missing_sub.stderr
    table = ok(cli("account management-group list -o table")).stdout
    assert "Top level" in table.splitlines()[-1]
    assert json.loads(ok(cli("account management-group show -n top --query name")).stdout) == "Top"
