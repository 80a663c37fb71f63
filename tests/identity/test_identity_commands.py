"""`azcli identity ...` against the local cloud: an identity is a principal of the directory; its federated
credentials let a workload trade an OIDC token of the local issuer for the identity's tokens; deleting the
identity (or its group) removes the principal."""
import base64
import json

ISSUER = "https://local.azcli.invalid/federation"


def ok(result):
    assert result.exit_code == 0, result
    return result


def claims(token):
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


def test_identity_lifecycle_federation_and_access(local_cli, tmp_path):
    cli = local_cli
    local = ok(cli("local show")).json()
    sub, tenant = local["subscriptionId"], local["tenantId"]
    ok(cli("group create -n rg -l westus -o none"))
    made = ok(cli("identity create -n app-id -g rg --tags env=ci")).json()
    assert made["location"] == "westus" and made["tenantId"] == tenant and made["tags"] == {"env": "ci"}
    assert made["resourceGroup"] == "rg" and "isolationScope" not in made
    assert made["id"] == "/subscriptions/%s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/" \
                         "userAssignedIdentities/app-id" % sub
    principal = ok(cli("local principal show -n " + made["clientId"])).json()
    assert principal["objectId"] == made["principalId"] and principal["type"] == "ManagedIdentity"
    assert principal["access"] == [] and principal["name"] == "app-id"
    assert ok(cli("identity show -n app-id -g rg")).json() == made
    assert [i["name"] for i in ok(cli("identity list")).json()] == ["app-id"]
    assert cli("identity show -n nope -g rg").exit_code == 3

    fic = ok(cli(["identity", "federated-credential", "create", "-n", "ci-main", "--identity-name", "app-id", "-g", "rg",
                  "--issuer", ISSUER, "--subject", "repo:org/app:ref:refs/heads/main"])).json()
    assert fic["audiences"] == ["api://AzureADTokenExchange"] and fic["issuer"] == ISSUER
    assert ok(cli("identity federated-credential show -n ci-main --identity-name app-id -g rg")).json()["subject"] == \
        "repo:org/app:ref:refs/heads/main"
    trusted = ok(cli("local principal show -n app-id")).json()["credentials"]
    assert trusted == [{"type": "federated", "issuer": ISSUER, "subject": "repo:org/app:ref:refs/heads/main",
                        "audiences": ["api://AzureADTokenExchange"]}]
    ok(cli("role assignment create --assignee-object-id %s --assignee-principal-type ServicePrincipal --role Reader "
           "-g rg" % made["principalId"]))

    token_file = tmp_path / "oidc.jwt"
    ok(cli(["local", "federated-token", "--subject", "repo:org/app:ref:refs/heads/main", "--file", str(token_file)]))
    ok(cli("logout"))
    env = {"AZURE_CLIENT_ID": made["clientId"], "AZURE_TENANT_ID": tenant, "AZURE_SUBSCRIPTION_ID": sub,
           "AZURE_FEDERATED_TOKEN_FILE": str(token_file)}
    token = ok(cli("account get-access-token", env=env)).json()
    assert claims(token["accessToken"])["oid"] == made["principalId"]
    assert claims(token["accessToken"])["appid"] == made["clientId"]
    assert ok(cli("identity show -n app-id -g rg --query name -o tsv", env=env)).stdout.strip() == "app-id"
    refused = cli("identity create -n other -g rg -l westus", env=env)
    assert refused.exit_code == 4 and "Microsoft.ManagedIdentity/userAssignedIdentities/write" in refused.stderr

    # Another subject is not trusted; after the credential is deleted, neither is this one.
    other = tmp_path / "other.jwt"
    ok(cli(["local", "federated-token", "--subject", "repo:org/other:ref:refs/heads/main", "--file", str(other)]))
    bad = cli("account get-access-token", env=dict(env, AZURE_FEDERATED_TOKEN_FILE=str(other)))
    assert bad.exit_code == 4 and "AADSTS70021" in bad.stderr

    admin = {"AZURE_CLIENT_ID": local["clientId"], "AZURE_CLIENT_SECRET": local["clientSecret"],
             "AZURE_TENANT_ID": tenant, "AZURE_SUBSCRIPTION_ID": sub}
    ok(cli("identity federated-credential delete -n ci-main --identity-name app-id -g rg --yes", env=admin))
    assert ok(cli("identity federated-credential list --identity-name app-id -g rg", env=admin)).json() == []
    assert ok(cli("local principal show -n app-id")).json()["credentials"] == []
    ok(cli("identity delete -n app-id -g rg", env=admin))
    assert cli("local principal show -n " + made["clientId"]).exit_code == 3


def test_group_deletion_removes_identity_principals(local_cli):
    cli = local_cli
    ok(cli("group create -n doomed -l westus -o none"))
    client_id = ok(cli("identity create -n gone -g doomed --query clientId -o tsv")).stdout.strip()
    ok(cli("local principal show -n " + client_id))
    ok(cli("group delete -n doomed --yes"))
    assert cli("local principal show -n " + client_id).exit_code == 3
