"""`azcli tag` (names/values and the tags resource at any scope) and `azcli provider`, in-process."""


def ok(result):
    assert result.exit_code == 0, result
    return result


def test_tags_at_group_and_subscription_scope(local_cli):
    cli = local_cli
    rg = ok(cli("group create -n tagged -l westus")).json()["id"]
    created = ok(cli(["tag", "create", "--resource-id", rg, "--tags", "cliName1=cliValue1", "cliName2="])).json()
    assert created["properties"]["tags"] == {"cliName1": "cliValue1", "cliName2": ""}
    merged = ok(cli(["tag", "update", "--resource-id", rg, "--operation", "merge", "--tags", "cliName3=v3"])).json()
    assert merged["properties"]["tags"] == {"cliName1": "cliValue1", "cliName2": "", "cliName3": "v3"}
    replaced = ok(cli(["tag", "update", "--resource-id", rg, "--operation", "Replace", "--tags", "only=1"])).json()
    assert replaced["properties"]["tags"] == {"only": "1"}
    ok(cli(["tag", "update", "--resource-id", rg, "--operation", "delete", "--tags", "only=1"]))
    assert ok(cli(["tag", "list", "--resource-id", rg])).json()["properties"].get("tags", {}) == {}
    table = ok(cli(["tag", "create", "--resource-id", rg, "--tags", "b=2", "a=1", "-o", "table"])).stdout
    assert table.splitlines()[0].split() == ["Name", "ResourceGroup"]  # az 2.91 shows the tags resource itself
    assert ok(cli(["group", "show", "-n", "tagged", "--query", "tags"])).json() == {"a": "1", "b": "2"}
    ok(cli(["tag", "delete", "--resource-id", rg, "--yes"]))
    assert ok(cli(["group", "show", "-n", "tagged", "--query", "tags"])).stdout.strip() in ("", "null", "{}")
    assert cli(["tag", "create", "--resource-id", rg, "--tags", ""]).exit_code == 2

    subscription = "/subscriptions/" + ok(cli("account show --query id -o tsv")).stdout.strip()
    ok(cli(["tag", "create", "--resource-id", subscription, "--tags", "sub=1"]))
    assert ok(cli(["tag", "list", "--resource-id", subscription])).json()["properties"]["tags"] == {"sub": "1"}
    ok(cli(["tag", "delete", "--resource-id", subscription, "-y"]))


def test_tag_names_and_values(local_cli):
    cli = local_cli
    query = "[?tagName=='cli_test_tag'].values[].tagValue"
    ok(cli("tag create -n cli_test_tag"))
    ok(cli("tag add-value -n cli_test_tag --value test"))
    ok(cli("tag add-value -n cli_test_tag --value test2"))
    assert sorted(ok(cli(["tag", "list", "--query", query])).json()) == ["test", "test2"]
    assert ok(cli("tag list -o table")).stdout.splitlines()[0].split() == ["TagName"]
    ok(cli("tag remove-value -n cli_test_tag --value test"))
    assert ok(cli(["tag", "list", "--query", query])).json() == ["test2"]
    ok(cli("tag delete -n cli_test_tag -y"))
    assert ok(cli(["tag", "list", "--query", "[?tagName=='cli_test_tag']"])).json() == []
    refused = cli("tag delete -n whatever")
    assert refused.exit_code != 0 and "--yes" in refused.stderr


def test_providers(local_cli):
    cli = local_cli
    providers = ok(cli("provider list")).json()
    assert any(p["namespace"] == "Microsoft.Network" for p in providers)
    header = ok(cli("provider list -o table")).stdout.splitlines()[0].split()
    assert header == ["Namespace", "RegistrationPolicy", "RegistrationState"]
    shown = ok(cli("provider show -n microsoft.storage")).json()
    assert shown["namespace"] == "Microsoft.Storage"
    assert any(t["resourceType"] == "storageAccounts" for t in shown["resourceTypes"])
    assert cli("provider show -n Microsoft.DoesNotExist").exit_code == 3

    ok(cli("provider unregister -n Microsoft.Storage --wait"))
    assert ok(cli("provider show -n Microsoft.Storage --query registrationState -o tsv")).stdout == "Unregistered\n"
    ok(cli("provider register -n Microsoft.Storage --wait"))
    assert ok(cli("provider show -n Microsoft.Storage --query registrationState -o tsv")).stdout == "Registered\n"


def test_provider_operations(local_cli):
    operations = local_cli("provider operation list").json()
    assert any(p["name"].lower() == "microsoft.network" for p in operations)
    one = local_cli("provider operation show --namespace Microsoft.Network").json()
    assert one["name"].lower() == "microsoft.network" and one["resourceTypes"]
