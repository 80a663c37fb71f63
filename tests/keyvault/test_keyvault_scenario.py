"""`azcli keyvault ...` and `azcli keyvault secret ...` against the in-process local cloud: az's arguments,
defaults and output shapes, soft delete of vaults and secrets, global names, access policies and RBAC."""
import json


def ok(result):
    assert result.exit_code == 0, result
    return result


def _vault(cli, name="kv-scn1", *extra):
    ok(cli("group create -n rg1 -l westus -o none"))
    secrets_officer(cli, "rg1")
    return ok(cli(["keyvault", "create", "-g", "rg1", "-n", name, *extra])).json()


def secrets_officer(cli, group):
    """As a pipeline must on an RBAC vault: Owner has no data actions, Key Vault Secrets Officer has them."""
    me = ok(cli("account show --query user.name -o tsv")).stdout.strip()
    ok(cli(["role", "assignment", "create", "--assignee", me, "--role", "Key Vault Secrets Officer",
            "-g", group, "-o", "none"]))


def test_create_show_list_update(local_cli):
    cli = local_cli
    vault = _vault(cli)
    props = vault["properties"]
    assert vault["location"] == "westus" and vault["resourceGroup"] == "rg1"
    assert props["vaultUri"] == "https://kv-scn1.vault.local.azcli.invalid/"
    assert props["enableRbacAuthorization"] is True and props["accessPolicies"] == []
    assert props["enableSoftDelete"] is True and props["softDeleteRetentionInDays"] == 90
    assert props["sku"] == {"family": "A", "name": "standard"}
    assert props["networkAcls"]["defaultAction"] == "Allow" and "enabledForDeployment" in props
    tenant = ok(cli("account show --query tenantId -o tsv")).stdout.strip()
    assert props["tenantId"] == tenant
    again = cli("keyvault create -g rg1 -n kv-scn1")
    assert again.exit_code == 2 and "already exists" in again.stderr
    shown = ok(cli("keyvault show -n kv-scn1")).json()  # the group is found
    assert shown["id"] == vault["id"]
    assert cli("keyvault show -n kv-absent1").exit_code == 3
    listed = ok(cli("keyvault list")).json()
    assert [v["name"] for v in listed] == ["kv-scn1"] and set(listed[0]) >= {"id", "location", "tags", "type"}
    assert ok(cli("keyvault list -g rg1 --resource-type vault")).json()[0]["properties"]["vaultUri"]
    updated = ok(cli("keyvault update -n kv-scn1 --retention-days 30 --enable-purge-protection true "
                     "--set properties.enabledForDeployment=true")).json()["properties"]
    assert updated["softDeleteRetentionInDays"] == 30 and updated["enablePurgeProtection"] is True
    assert updated["enabledForDeployment"] is True
    off = cli("keyvault update -n kv-scn1 --enable-purge-protection false")
    assert off.exit_code != 0 and "irreversible" in off.stderr
    bad = cli("keyvault create -g rg1 -n 1-bad--name")
    assert bad.exit_code != 0 and "VaultNameNotValid" in bad.stderr


def test_names_are_global_and_deleted_vaults_keep_them(local_cli):
    cli = local_cli
    _vault(cli, "kv-soft1")
    ok(cli("group create -n rg2 -l westus -o none"))
    taken = cli("keyvault create -g rg2 -n kv-soft1")
    assert taken.exit_code != 0 and "VaultAlreadyExists" in taken.stderr
    ok(cli("keyvault secret set --vault-name kv-soft1 -n s1 --value kept -o none"))
    assert ok(cli("keyvault delete -n kv-soft1")).stdout == ""
    assert cli("keyvault show -n kv-soft1 -g rg1").exit_code == 3
    deleted = ok(cli("keyvault list-deleted")).json()
    assert [d["name"] for d in deleted] == ["kv-soft1"]
    assert deleted[0]["properties"]["vaultId"].endswith("/resourceGroups/rg1/providers/Microsoft.KeyVault/vaults/"
                                                        "kv-soft1")
    conflict = cli("keyvault create -g rg1 -n kv-soft1")
    assert conflict.exit_code != 0 and "deleted state" in conflict.stderr
    recovered = ok(cli("keyvault recover -n kv-soft1")).json()
    assert recovered["properties"]["vaultUri"] == "https://kv-soft1.vault.local.azcli.invalid/"
    assert ok(cli("keyvault secret show --vault-name kv-soft1 -n s1 --query value -o tsv")).stdout.strip() == "kept"
    ok(cli("keyvault delete -n kv-soft1"))
    ok(cli("keyvault purge -n kv-soft1"))
    assert ok(cli("keyvault list-deleted")).json() == []
    assert cli("keyvault purge -n kv-soft1").exit_code == 3
    secrets_officer(cli, "rg2")
    ok(cli("keyvault create -g rg2 -n kv-soft1 -o none"))  # the name is free again
    assert ok(cli("keyvault secret list --vault-name kv-soft1")).json() == []


def test_deleting_the_group_soft_deletes_its_vaults(local_cli):
    cli = local_cli
    _vault(cli, "kv-gone1")
    ok(cli("keyvault secret set --vault-name kv-gone1 -n s1 --value kept -o none"))
    ok(cli("group delete -n rg1 --yes"))
    assert [d["name"] for d in ok(cli("keyvault list-deleted")).json()] == ["kv-gone1"]
    ok(cli("group create -n rg3 -l westus -o none"))
    conflict = cli("keyvault create -g rg3 -n kv-gone1")
    assert conflict.exit_code != 0 and "deleted state" in conflict.stderr
    assert cli("keyvault recover -n kv-gone1").exit_code == 3  # its group is gone
    ok(cli("group create -n rg1 -l westus -o none"))
    secrets_officer(cli, "rg1")  # the group's role assignments went with it
    ok(cli("keyvault recover -n kv-gone1 -o none"))
    assert ok(cli("keyvault secret show --vault-name kv-gone1 -n s1 --query value -o tsv")).stdout.strip() == "kept"
    ok(cli("group delete -n rg1 --yes"))
    ok(cli("keyvault purge -n kv-gone1"))
    secrets_officer(cli, "rg3")
    ok(cli("keyvault create -g rg3 -n kv-gone1 -o none"))


def test_access_policies_and_set_policy(local_cli):
    cli = local_cli
    vault = _vault(cli, "kv-pol1", "--enable-rbac-authorization", "false")
    policies = vault["properties"]["accessPolicies"]
    assert len(policies) == 1 and policies[0]["permissions"]["secrets"] == ["all"]
    other = "11111111-2222-3333-4444-555555555555"
    done = ok(cli("keyvault set-policy -n kv-pol1 --object-id %s --secret-permissions get list get" % other)).json()
    entry = [p for p in done["properties"]["accessPolicies"] if p["objectId"] == other][0]
    assert entry["permissions"]["secrets"] == ["get", "list"]
    again = ok(cli("keyvault set-policy -n kv-pol1 --object-id %s --key-permissions get" % other)).json()
    entry = [p for p in again["properties"]["accessPolicies"] if p["objectId"] == other][0]
    assert entry["permissions"]["secrets"] == ["get", "list"] and entry["permissions"]["keys"] == ["get"]
    ok(cli("keyvault create -g rg1 -n kv-rbac1 -o none"))
    refused = cli("keyvault set-policy -n kv-rbac1 --object-id %s --secret-permissions get" % other)
    assert refused.exit_code != 0 and "enable-rbac-authorization" in refused.stderr
    # The signed-in principal's own policy, taken away, denies the data plane as Key Vault does.
    me = policies[0]["objectId"]
    ok(cli("keyvault set-policy -n kv-pol1 --object-id %s --secret-permissions list -o none" % me))
    denied = cli("keyvault secret set --vault-name kv-pol1 -n s --value v")
    assert denied.exit_code != 0 and "does not have secrets set permission" in denied.stderr


def test_secret_lifecycle(local_cli, tmp_path):
    cli = local_cli
    _vault(cli, "kv-sec1")
    first = ok(cli("keyvault secret set --vault-name kv-sec1 -n db-pass --value one --description password "
                   "--tags env=test")).json()
    assert first["value"] == "one" and first["contentType"] == "password" and first["name"] == "db-pass"
    assert first["tags"] == {"env": "test", "file-encoding": "utf-8"}
    assert first["attributes"]["enabled"] is True and first["attributes"]["recoveryLevel"] == "Recoverable+Purgeable"
    assert first["id"].startswith("https://kv-sec1.vault.local.azcli.invalid/secrets/db-pass/")
    second = ok(cli("keyvault secret set --vault-name kv-sec1 -n db-pass --value two")).json()
    assert ok(cli("keyvault secret show --vault-name kv-sec1 -n db-pass --query value -o tsv")).stdout.strip() == "two"
    old_version = first["id"].rsplit("/", 1)[1]
    assert ok(cli("keyvault secret show --vault-name kv-sec1 -n db-pass -v " + old_version)).json()["value"] == "one"
    assert ok(cli(["keyvault", "secret", "show", "--id", first["id"]])).json()["value"] == "one"
    versions = ok(cli("keyvault secret list-versions --vault-name kv-sec1 -n db-pass")).json()
    assert sorted(v["id"] for v in versions) == sorted([first["id"], second["id"]])
    for n in range(3):
        ok(cli("keyvault secret set --vault-name kv-sec1 -n s%d --value x -o none" % n))
    listed = ok(cli("keyvault secret list --vault-name kv-sec1")).json()
    assert sorted(s["name"] for s in listed) == ["db-pass", "s0", "s1", "s2"] and "value" not in listed[0]
    assert listed[0]["id"] == "https://kv-sec1.vault.local.azcli.invalid/secrets/db-pass"
    assert len(ok(cli("keyvault secret list --vault-name kv-sec1 --maxresults 2")).json()) == 2
    deleted = ok(cli("keyvault secret delete --vault-name kv-sec1 -n db-pass")).json()
    assert deleted["recoveryId"] == "https://kv-sec1.vault.local.azcli.invalid/deletedsecrets/db-pass"
    assert deleted["value"] is None and deleted["scheduledPurgeDate"] > deleted["deletedDate"]
    assert cli("keyvault secret show --vault-name kv-sec1 -n db-pass").exit_code == 3
    reused = cli("keyvault secret set --vault-name kv-sec1 -n db-pass --value three")
    assert reused.exit_code != 0 and "deleted but recoverable" in reused.stderr
    ok(cli("keyvault secret recover --vault-name kv-sec1 -n db-pass -o none"))
    assert ok(cli("keyvault secret show --vault-name kv-sec1 -n db-pass --query value -o tsv")).stdout.strip() == "two"
    ok(cli("keyvault secret delete --vault-name kv-sec1 -n db-pass -o none"))
    ok(cli("keyvault secret purge --vault-name kv-sec1 -n db-pass"))
    ok(cli("keyvault secret set --vault-name kv-sec1 -n db-pass --value fresh -o none"))
    assert len(ok(cli("keyvault secret list-versions --vault-name kv-sec1 -n db-pass")).json()) == 1


def test_secret_files_and_download(local_cli, tmp_path):
    cli = local_cli
    _vault(cli, "kv-file1")
    data = bytes(range(256))
    source = tmp_path / "blob.bin"
    source.write_bytes(data)
    stored = ok(cli(["keyvault", "secret", "set", "--vault-name", "kv-file1", "-n", "blob", "-f", str(source),
                     "-e", "base64"])).json()
    assert stored["tags"]["file-encoding"] == "base64"
    target = tmp_path / "out.bin"
    ok(cli(["keyvault", "secret", "download", "--vault-name", "kv-file1", "-n", "blob", "-f", str(target)]))
    assert target.read_bytes() == data
    again = cli(["keyvault", "secret", "download", "--vault-name", "kv-file1", "-n", "blob", "-f", str(target)])
    assert again.exit_code != 0 and "already exists" in again.stderr
    text = tmp_path / "t.txt"
    text.write_text("héllo", encoding="utf-16le")
    ok(cli(["keyvault", "secret", "set", "--vault-name", "kv-file1", "-n", "txt", "-f", str(text), "-e", "utf-16le",
            "-o", "none"]))
    assert ok(cli("keyvault secret show --vault-name kv-file1 -n txt --query value -o tsv")).stdout.strip() == "héllo"
    both = cli(["keyvault", "secret", "set", "--vault-name", "kv-file1", "-n", "x", "--value", "a", "-f", str(text)])
    assert both.exit_code != 0


def test_help_has_examples(local_cli):
    for command in ("keyvault create", "keyvault secret set", "keyvault purge", "keyvault secret download"):
        result = ok(local_cli(command + " --help"))
        assert "Examples" in result.stdout, command
    assert json.loads(ok(local_cli("keyvault list-deleted")).stdout) == []


def test_an_rbac_vault_follows_data_actions_not_owner(local_cli):
    cli = local_cli
    ok(cli("group create -n rg9 -l westus -o none"))
    vault = ok(cli("keyvault create -g rg9 -n kv-rbac9")).json()
    refused = cli("keyvault secret set --vault-name kv-rbac9 -n s --value v")  # Owner has no data actions
    assert refused.exit_code == 4 and "not authorized" in refused.stderr, refused
    me = ok(cli("account show --query user.name -o tsv")).stdout.strip()
    ok(cli(["role", "assignment", "create", "--assignee", me, "--role", "Key Vault Secrets User",
            "--scope", vault["id"], "-o", "none"]))
    assert cli("keyvault secret set --vault-name kv-rbac9 -n s --value v").exit_code == 4  # User only reads
    ok(cli(["role", "assignment", "create", "--assignee", me, "--role", "Key Vault Secrets Officer",
            "--scope", vault["id"], "-o", "none"]))
    ok(cli("keyvault secret set --vault-name kv-rbac9 -n s --value v -o none"))
    assert ok(cli("keyvault secret show --vault-name kv-rbac9 -n s --query value -o tsv")).stdout.strip() == "v"


KV_PARAMETER_TEMPLATE = {
    "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
    "contentVersion": "1.0.0.0", "parameters": {"pw": {"type": "securestring"}},
    "resources": [{"type": "Microsoft.ManagedIdentity/userAssignedIdentities", "apiVersion": "2023-01-31",
                   "name": "uses-secret", "location": "westus", "tags": {"pw": "[parameters('pw')]"}}]}


def test_a_deployment_reads_key_vault_reference_parameters(local_cli, tmp_path):
    """As ARM does: the vault must be enabled for template deployment, the deployer needs
    Microsoft.KeyVault/vaults/deploy/action on it (Owner has it; no data-plane role is needed), and the
    deployment records the reference, never the value."""
    cli = local_cli
    vault_id = _vault(cli, "kv-deploy1")["id"]
    ok(cli("keyvault secret set --vault-name kv-deploy1 -n admin-pw --value s3cret-Value -o none"))
    template = tmp_path / "t.json"
    template.write_text(json.dumps(KV_PARAMETER_TEMPLATE), encoding="utf-8")
    reference = json.dumps({"pw": {"reference": {"keyVault": {"id": vault_id}, "secretName": "admin-pw"}}})
    deploy = ["deployment", "group", "create", "-g", "rg1", "-n", "kvref", "-f", str(template), "-p", reference]
    refused = cli(deploy)
    assert refused.exit_code != 0 and "enabled for template deployment" in refused.stderr
    ok(cli("keyvault update -n kv-deploy1 --enabled-for-template-deployment true -o none"))
    done = ok(cli(deploy)).json()
    assert done["properties"]["provisioningState"] == "Succeeded"
    assert "s3cret-Value" not in json.dumps(done)
    assert done["properties"]["parameters"]["pw"]["reference"]["secretName"] == "admin-pw"
    assert ok(cli("identity show -g rg1 -n uses-secret --query tags.pw -o tsv")).stdout.strip() == "s3cret-Value"
    missing = json.dumps({"pw": {"reference": {"keyVault": {"id": vault_id}, "secretName": "absent"}}})
    failed = cli(deploy[:-1] + [missing])
    assert failed.exit_code != 0 and "KeyVaultParameterReferenceSecretRetrieveFailed" in failed.stderr
