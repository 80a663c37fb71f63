"""`azcli storage account ...` and `storage container-rm ...` against the in-process local cloud."""
import json


def _ok(result):
    assert result.exit_code == 0, result
    return json.loads(result.stdout) if result.stdout.strip() else None


def test_account_lifecycle_names_keys_and_connection_string(local_cli):
    _ok(local_cli("group create -n rg -l westus"))
    _ok(local_cli("group create -n rg2 -l eastus"))
    assert _ok(local_cli("storage account check-name -n acct1")) == {"message": None, "nameAvailable": True,
                                                                      "reason": None}
    created = _ok(local_cli("storage account create -n acct1 -g rg --sku Standard_LRS"))
    assert created["sku"] == {"name": "Standard_LRS", "tier": "Standard"} and created["kind"] == "StorageV2"
    assert created["primaryEndpoints"]["blob"] == "https://acct1.blob.core.windows.net/"
    assert created["primaryLocation"] == "westus" and created["provisioningState"] == "Succeeded"
    assert created["resourceGroup"] == "rg"
    taken = local_cli("storage account create -n acct1 -g rg2")
    assert taken.exit_code != 0 and "StorageAccountAlreadyTaken" in taken.stderr
    answer = _ok(local_cli("storage account check-name -n acct1"))
    assert answer["nameAvailable"] is False and answer["reason"] == "AlreadyExists"
    assert _ok(local_cli("storage account check-name -n Bad_Name"))["reason"] == "AccountNameInvalid"
    assert _ok(local_cli("storage account show -n acct1"))["id"] == created["id"]  # found without -g
    assert [a["name"] for a in _ok(local_cli("storage account list -g rg"))] == ["acct1"]
    keys = _ok(local_cli("storage account keys list -g rg -n acct1"))
    assert [k["keyName"] for k in keys] == ["key1", "key2"]
    renewed = _ok(local_cli("storage account keys renew -g rg -n acct1 --key secondary"))
    assert renewed[0]["value"] == keys[0]["value"] and renewed[1]["value"] != keys[1]["value"]
    connection = _ok(local_cli("storage account show-connection-string -g rg -n acct1 --protocol http"))
    assert connection == {"connectionString": "DefaultEndpointsProtocol=http;EndpointSuffix=core.windows.net;"
                                              "AccountName=acct1;AccountKey=" + keys[0]["value"]}
    updated = _ok(local_cli("storage account update -g rg -n acct1 --sku Standard_GRS --tags foo=bar"))
    assert updated["sku"]["name"] == "Standard_GRS" and updated["tags"] == {"foo": "bar"}
    assert _ok(local_cli("storage account update -g rg -n acct1 --set tags.test=success"))["tags"] == \
        {"foo": "bar", "test": "success"}
    assert local_cli("storage account delete -g rg -n acct1 --yes").exit_code == 0
    assert local_cli("storage account show -g rg -n acct1").exit_code == 3
    assert _ok(local_cli("storage account check-name -n acct1"))["nameAvailable"] is True


def test_container_rm_lifecycle(local_cli):
    _ok(local_cli("group create -n rg -l westus"))
    _ok(local_cli("storage account create -n blobs1 -g rg"))
    created = _ok(local_cli("storage container-rm create --storage-account blobs1 -n data --public-access blob "
                            "--metadata k=v"))
    assert created["publicAccess"] == "Blob" and created["metadata"] == {"k": "v"}
    assert created["type"] == "Microsoft.Storage/storageAccounts/blobServices/containers"
    assert _ok(local_cli("storage container-rm exists --storage-account blobs1 -n data")) == {"exists": True}
    assert [c["name"] for c in _ok(local_cli("storage container-rm list --storage-account blobs1 -g rg"))] == ["data"]
    updated = _ok(local_cli("storage container-rm update --storage-account blobs1 -n data --public-access container"))
    assert updated["publicAccess"] == "Container"
    shown = _ok(local_cli("storage container-rm show --storage-account blobs1 -n data"))
    assert shown["publicAccess"] == "Container" and shown["defaultEncryptionScope"] == "$account-encryption-key"
    assert local_cli("storage container-rm delete --storage-account blobs1 -n data --yes").exit_code == 0
    assert _ok(local_cli("storage container-rm exists --storage-account blobs1 -n data")) == {"exists": False}
    assert local_cli("storage container-rm show --storage-account blobs1 -n data").exit_code == 3
