"""`azcli role ...` against the local cloud, and access enforced there: a Reader reads but cannot write
(AuthorizationFailed, exit 4) until it is given Contributor; a Contributor cannot assign roles."""
import json

import pytest

READER = "acdd72a7-3385-48ef-bd42-f606fba81ae7"
CONTRIBUTOR = "b24988ac-6180-42a0-ab88-20f7382dd24c"


def ok(result):
    assert result.exit_code == 0, result
    return result


class Actors:
    """After `logout`, each command runs as a principal from the environment: the built-in one (admin,
    Owner of the subscription) or a new service principal without access (worker)."""

    def __init__(self, cli):
        self.cli = cli
        local = ok(cli("local show")).json()
        self.sub, tenant = local["subscriptionId"], local["tenantId"]
        self.worker = ok(cli("local principal create -n worker --subscription-access none")).json()
        ok(cli("logout"))
        self.env = {"AZURE_TENANT_ID": tenant, "AZURE_SUBSCRIPTION_ID": self.sub}
        self.admin_env = dict(self.env, AZURE_CLIENT_ID=local["clientId"], AZURE_CLIENT_SECRET=local["clientSecret"])
        self.worker_env = dict(self.env, AZURE_CLIENT_ID=self.worker["clientId"],
                               AZURE_CLIENT_SECRET=self.worker["clientSecret"])
        ok(self.admin("group create -n rg -l westus -o none"))

    def admin(self, args):
        return self.cli(args, env=self.admin_env)

    def as_worker(self, args):
        return self.cli(args, env=self.worker_env)


@pytest.fixture
def world(local_cli):
    actors = Actors(local_cli)
    return actors.admin, actors.sub, actors.worker, actors


def denied(result, action, scope):
    assert result.exit_code == 4, result
    assert "AuthorizationFailed" in result.stderr and "perform action '%s' over scope '%s'" % (action, scope) \
        in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_reader_reads_and_cannot_write_until_contributor(world):
    cli, sub, worker, actors = world
    created = ok(cli("role assignment create --assignee worker --role reader -g rg")).json()
    assert created["roleDefinitionId"].endswith(READER) and created["principalId"] == worker["objectId"]
    assert created["scope"] == "/subscriptions/%s/resourceGroups/rg" % sub
    assert created["principalType"] == "ServicePrincipal" and created["resourceGroup"] == "rg"
    assert ok(actors.as_worker("group show -n rg")).json()["name"] == "rg"
    vnet = "/subscriptions/%s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v1" % sub
    write = ["resource", "create", "-g", "rg", "-n", "v1", "--resource-type", "Microsoft.Network/virtualNetworks",
             "-l", "westus", "-p", json.dumps({"addressSpace": {"addressPrefixes": ["10.0.0.0/16"]}})]
    denied(actors.as_worker(write), "Microsoft.Network/virtualNetworks/write", vnet)
    denied(actors.as_worker("group update -n rg --tags a=b"), "Microsoft.Resources/subscriptions/resourceGroups/write",
           "/subscriptions/%s/resourcegroups/rg" % sub)
    # Nothing at the subscription: listing its groups shows the one the worker may read (ARM filters
    # listings by access); another group cannot be read.
    ok(cli("group create -n other -l westus -o none"))
    assert [g["name"] for g in ok(actors.as_worker("group list")).json()] == ["rg"]
    assert sorted(g["name"] for g in ok(cli("group list")).json()) == ["other", "rg"]
    assert actors.as_worker("group show -n other").exit_code == 4
    ok(cli("role assignment create --assignee-object-id %s --assignee-principal-type ServicePrincipal "
           "--role Contributor --scope /subscriptions/%s/resourceGroups/rg" % (worker["objectId"], sub)))
    made = ok(actors.as_worker(write)).json()
    assert made["id"] == vnet
    ok(actors.as_worker("resource delete --ids " + vnet))
    # Contributor may not assign roles (Microsoft.Authorization/*/Write is among its notActions).
    refused = actors.as_worker("role assignment create --assignee-object-id %s --role Reader -g rg" % worker["objectId"])
    assert refused.exit_code == 4 and "Microsoft.Authorization/roleAssignments/write" in refused.stderr
    # Removing Contributor takes the write away again.
    ok(cli("role assignment delete --assignee worker --role Contributor -g rg"))
    assert actors.as_worker(write).exit_code == 4


def test_user_access_administrator_assigns_roles_and_lists(world):
    cli, sub, worker, actors = world
    ok(cli("role assignment create --assignee %s --role 18d7d88d-d35e-4fb5-a5c3-7773c20a72d9 --scope /subscriptions/%s"
           % (worker["clientId"], sub)))
    ok(actors.as_worker("role assignment create --assignee-object-id %s --role Reader -g rg" % worker["objectId"]))
    mine = ok(cli("role assignment list --assignee worker --all")).json()
    assert sorted(a["roleDefinitionName"] for a in mine) == ["Reader", "User Access Administrator"]
    assert all(a["principalName"] == worker["clientId"] for a in mine)
    at_group = ok(cli("role assignment list -g rg")).json()
    assert [a["roleDefinitionName"] for a in at_group] == ["Reader"]
    inherited = ok(cli("role assignment list -g rg --include-inherited --query [].roleDefinitionName")).json()
    assert sorted(inherited) == ["Owner", "Reader", "User Access Administrator"]
    # The built-in principal's Owner (a directory access row) is an assignment too, and stays.
    owner = [a for a in ok(cli("role assignment list")).json() if a["roleDefinitionName"] == "Owner"]
    assert len(owner) == 1 and owner[0]["scope"] == "/subscriptions/" + sub
    refused = cli("role assignment delete --ids " + owner[0]["id"])
    assert refused.exit_code == 6 and "RoleAssignmentNotDeletable" in refused.stderr
    ok(cli("role assignment delete --assignee worker -g rg"))
    assert ok(cli("role assignment list -g rg")).json() == []
    duplicate = cli("role assignment create --assignee worker --role 18d7d88d-d35e-4fb5-a5c3-7773c20a72d9")
    assert duplicate.exit_code == 6 and "RoleAssignmentExists" in duplicate.stderr


def test_role_definitions(local_cli):
    cli = local_cli
    sub = ok(cli("account show --query id -o tsv")).stdout.strip()
    names = ok(cli("role definition list --query [].roleName")).json()
    assert {"Owner", "Contributor", "Reader", "User Access Administrator", "Key Vault Secrets Officer",
            "Key Vault Secrets User", "Storage Blob Data Contributor"} <= set(names)
    reader = ok(cli("role definition show -n reader")).json()
    assert reader["id"] == "/subscriptions/%s/providers/Microsoft.Authorization/roleDefinitions/%s" % (sub, READER)
    assert reader["permissions"] == [{"actions": ["*/read"], "dataActions": [], "notActions": [], "notDataActions": []}]
    assert reader["roleType"] == "BuiltInRole" and reader["assignableScopes"] == ["/"]
    by_id = ok(cli("role definition show -n " + CONTRIBUTOR)).json()
    assert by_id["roleName"] == "Contributor" and "Microsoft.Authorization/*/Write" in by_id["permissions"][0][
        "notActions"]
    assert ok(cli("role definition list -n Owner --query [].name -o tsv")).stdout.strip() == \
        "8e3af657-a8ff-443c-a75c-2fe8c4bcb635"
    assert ok(cli("role definition list --custom-role-only")).json() == []
    missing = cli("role definition show -n NoSuchRole")
    assert missing.exit_code == 3
    assert cli("role assignment create --assignee nobody-here --role Reader").exit_code == 3
