"""Microsoft.Storage in the local cloud: names unique across the cloud, checkNameAvailability, keys,
blob containers as children of blobServices/default."""
from emulator_helpers import BASE  # noqa: F401 (the helpers module sets up the path)

STORAGE = "2025-01-01"


def _account(cloud, group, name):
    assert cloud.call("PUT", cloud.group_path(group), {"location": "westus"}).status_code in (200, 201)
    path = cloud.group_path(group) + "/providers/Microsoft.Storage/storageAccounts/" + name
    return path, cloud.call("PUT", path, {"location": "westus", "sku": {"name": "Standard_LRS"}, "kind": "StorageV2"},
                            api_version=STORAGE)


def _check(cloud, name):
    return cloud.call("POST", "/subscriptions/%s/providers/Microsoft.Storage/checkNameAvailability" % cloud.sub,
                      {"name": name, "type": "Microsoft.Storage/storageAccounts"}, api_version=STORAGE)


def test_names_are_unique_across_groups_and_check_name_says_why(cloud):
    assert _check(cloud, "acct1").json == {"nameAvailable": True}
    path, created = _account(cloud, "rg1", "acct1")
    assert created.status_code == 202
    answer = _check(cloud, "acct1").json
    assert answer["nameAvailable"] is False and answer["reason"] == "AlreadyExists"
    assert answer["message"] == "The storage account named acct1 is already taken."
    invalid = _check(cloud, "Bad_Name").json
    assert invalid["nameAvailable"] is False and invalid["reason"] == "AccountNameInvalid"
    _, taken = _account(cloud, "rg2", "acct1")
    assert taken.status_code == 409 and taken.json["error"]["code"] == "StorageAccountAlreadyTaken"
    # The same account again is an update, not a conflict.
    assert cloud.call("PUT", path, {"location": "westus", "sku": {"name": "Standard_LRS"}},
                      api_version=STORAGE).status_code in (200, 202)
    props = cloud.call("GET", path, api_version=STORAGE).json["properties"]
    assert props["primaryEndpoints"]["blob"] == "https://acct1.blob.core.windows.net/"
    assert props["primaryLocation"] == "westus" and set(props["keyCreationTime"]) == {"key1", "key2"}
    assert cloud.call("DELETE", path, api_version=STORAGE).status_code == 200
    assert _check(cloud, "acct1").json == {"nameAvailable": True}


def test_keys_list_and_regenerate(cloud):
    path, _ = _account(cloud, "rg", "keys1")
    keys = cloud.call("POST", path + "/listKeys", api_version=STORAGE).json["keys"]
    assert [k["keyName"] for k in keys] == ["key1", "key2"]
    renewed = cloud.call("POST", path + "/regenerateKey", {"keyName": "key2"}, api_version=STORAGE).json["keys"]
    assert renewed[0]["value"] == keys[0]["value"] and renewed[1]["value"] != keys[1]["value"]
    assert cloud.call("POST", path + "/listKeys", api_version=STORAGE).json["keys"] == renewed


def test_blob_containers_are_children_of_the_default_blob_service(cloud):
    path, _ = _account(cloud, "rg", "blobs1")
    container = path + "/blobServices/default/containers/data"
    created = cloud.call("PUT", container, {"properties": {"publicAccess": "blob", "metadata": {"k": "v"}}},
                         api_version=STORAGE)
    assert created.status_code == 201
    assert created.json["type"] == "Microsoft.Storage/storageAccounts/blobServices/containers"
    assert created.json["properties"]["publicAccess"] == "Blob"
    assert created.json["properties"]["defaultEncryptionScope"] == "$account-encryption-key"
    listed = cloud.call("GET", path + "/blobServices/default/containers", api_version=STORAGE).json["value"]
    assert [c["name"] for c in listed] == ["data"]
    bad = cloud.call("PUT", path + "/blobServices/default/containers/Bad--Name", {}, api_version=STORAGE)
    assert bad.status_code == 400
    missing = cloud.call("PUT", cloud.group_path("rg") + "/providers/Microsoft.Storage/storageAccounts/none/"
                         "blobServices/default/containers/data", {}, api_version=STORAGE)
    assert missing.status_code == 404
    assert cloud.call("DELETE", container, api_version=STORAGE).status_code == 200
    assert cloud.call("GET", container, api_version=STORAGE).status_code == 404
