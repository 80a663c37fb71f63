"""Management locks on the wire and through azure-mgmt-resource-locks: CRUD at every scope, lists
with and without atScope(), and enforcement (ScopeLocked) on deletes, writes, actions and moves."""
import pytest

LOCKS = "2020-05-01"
MSI = "2023-01-31"
NET = "2024-05-01"


def lock_path(scope, name):
    return "%s/providers/Microsoft.Authorization/locks/%s" % (scope, name)


def put_lock(cloud, scope, name, level="CanNotDelete", **extra):
    return cloud.call("PUT", lock_path(scope, name), {"properties": dict(level=level, **extra)}, api_version=LOCKS)


@pytest.fixture
def world(cloud):
    cloud.call("PUT", cloud.group_path("rg"), {"location": "westus"})
    group = cloud.group_path("rg")
    vnet = group + "/providers/Microsoft.Network/virtualNetworks/v1"
    cloud.call("PUT", vnet, {"location": "westus"}, api_version=NET)
    cloud.call("PUT", vnet + "/subnets/s1", {}, api_version=NET)
    ident = group + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id1"
    cloud.call("PUT", ident, {"location": "westus"}, api_version=MSI)
    return {"sub": "/subscriptions/" + cloud.sub, "group": group, "vnet": vnet, "subnet": vnet + "/subnets/s1",
            "ident": ident}


def test_crud_at_each_scope(cloud, world):
    for key in ("sub", "group", "vnet", "subnet"):
        r = put_lock(cloud, world[key], "lk", notes="keep")
        assert r.status_code == 201, r.json
        assert r.json == {"properties": {"level": "CanNotDelete", "notes": "keep"},
                          "id": lock_path(world[key], "lk"), "type": "Microsoft.Authorization/locks", "name": "lk"}
        again = put_lock(cloud, world[key], "LK", level="readonly")
        assert again.status_code == 200 and again.json["properties"] == {"level": "ReadOnly"}
        assert again.json["id"] == lock_path(world[key], "lk")  # first-written casing kept
        assert cloud.call("GET", lock_path(world[key], "lk"), api_version=LOCKS).json == again.json
    assert cloud.call("DELETE", lock_path(world["subnet"], "lk"), api_version=LOCKS).status_code == 200
    assert cloud.call("DELETE", lock_path(world["subnet"], "lk"), api_version=LOCKS).status_code == 204
    missing = cloud.call("GET", lock_path(world["subnet"], "lk"), api_version=LOCKS)
    assert missing.status_code == 404 and missing.json["error"]["code"] == "LockNotFound"


def test_validation(cloud, world):
    r = put_lock(cloud, world["group"], "x", level="Sometimes")
    assert r.status_code == 400 and r.json["error"]["code"] == "LockLevelInvalid"
    r = put_lock(cloud, cloud.group_path("nope"), "x")
    assert r.status_code == 404 and r.json["error"]["code"] == "ResourceGroupNotFound"
    r = put_lock(cloud, world["group"] + "/providers/Microsoft.Network/virtualNetworks/nope", "x")
    assert r.status_code == 404 and r.json["error"]["code"] == "ResourceNotFound"


def test_lists(cloud, world):
    put_lock(cloud, world["sub"], "at-sub")
    put_lock(cloud, world["group"], "at-group")
    put_lock(cloud, world["vnet"], "at-vnet")
    put_lock(cloud, world["subnet"], "at-subnet")

    def names(scope, flt=None):
        r = cloud.call("GET", scope + "/providers/Microsoft.Authorization/locks", api_version=LOCKS,
                       query={"$filter": flt} if flt else None)
        assert r.status_code == 200, r.json
        return sorted(x["name"] for x in r.json["value"])

    assert names(world["sub"]) == ["at-group", "at-sub", "at-subnet", "at-vnet"]
    assert names(world["sub"], "atScope()") == ["at-sub"]
    assert names(world["group"]) == ["at-group", "at-sub", "at-subnet", "at-vnet"]
    assert names(world["group"], "atScope()") == ["at-group", "at-sub"]
    assert names(world["vnet"]) == ["at-group", "at-sub", "at-subnet", "at-vnet"]
    assert names(world["ident"]) == ["at-group", "at-sub"]
    assert names(world["subnet"], "atScope() and name eq 'at-vnet'") == ["at-vnet"]
    r = cloud.call("GET", world["sub"] + "/providers/Microsoft.Authorization/locks", api_version=LOCKS,
                   query={"$filter": "level eq 'x'"})
    assert r.status_code == 400


def test_cannot_delete_enforcement(cloud, world):
    put_lock(cloud, world["subnet"], "keep")
    for target, version in ((world["subnet"], NET), (world["vnet"], NET)):
        r = cloud.call("DELETE", target, api_version=version)
        assert r.status_code == 409 and r.json["error"]["code"] == "ScopeLocked"
        assert r.json["error"]["message"] == (
            "The scope '%s' cannot perform delete operation because following scope(s) are locked: '%s'. Please "
            "remove the lock and try again." % (target.replace("resourcegroups", "resourceGroups"), world["subnet"]))
    r = cloud.call("DELETE", world["group"])
    assert r.status_code == 409 and r.json["error"]["code"] == "ScopeLocked"
    # Writes are allowed under CanNotDelete; unrelated resources can be deleted.
    assert cloud.call("PUT", world["vnet"], {"location": "westus", "tags": {"a": "b"}}, api_version=NET).status_code == 200
    assert cloud.call("DELETE", world["ident"], api_version=MSI).status_code == 200
    cloud.call("DELETE", lock_path(world["subnet"], "keep"), api_version=LOCKS)
    assert cloud.call("DELETE", world["group"]).status_code == 202


def test_read_only_enforcement(cloud, world):
    put_lock(cloud, world["group"], "frozen", level="ReadOnly")
    r = cloud.call("PUT", world["ident"], {"location": "westus", "tags": {"x": "y"}}, api_version=MSI)
    assert r.status_code == 409 and r.json["error"]["code"] == "ScopeLocked"
    assert "cannot perform write operation" in r.json["error"]["message"]
    assert cloud.call("PATCH", world["ident"], {"tags": {}}, api_version=MSI).status_code == 409
    assert cloud.call("PATCH", world["group"], {"tags": {"a": "b"}}).status_code == 409
    assert cloud.call("PUT", world["group"] + "/providers/Microsoft.Resources/tags/default",
                      {"properties": {"tags": {"a": "b"}}}).status_code == 409
    sa = world["group"] + "/providers/Microsoft.Storage/storageAccounts/sa1"
    assert cloud.call("PUT", sa, {"location": "westus"}, api_version="2023-05-01").status_code == 409
    assert cloud.call("DELETE", world["ident"], api_version=MSI).status_code == 409
    # Reads and lock management still work.
    assert cloud.call("GET", world["ident"], api_version=MSI).status_code == 200
    assert put_lock(cloud, world["vnet"], "more").status_code == 201
    assert cloud.call("DELETE", lock_path(world["group"], "frozen"), api_version=LOCKS).status_code == 200
    assert cloud.call("PATCH", world["group"], {"tags": {"a": "b"}}).status_code == 200


def test_read_only_blocks_actions(cloud, world):
    sa = world["group"] + "/providers/Microsoft.Storage/storageAccounts/sa1"
    cloud.call("PUT", sa, {"location": "westus"}, api_version="2023-05-01")
    put_lock(cloud, sa, "ro", level="ReadOnly")
    r = cloud.call("POST", sa + "/listKeys", api_version="2023-05-01")
    assert r.status_code == 409 and r.json["error"]["code"] == "ScopeLocked"


def test_locks_go_with_their_scope(cloud, world):
    """A locked scope cannot be deleted, so this checks the storage rule itself: a scope's deletion
    (store.delete_under, used by every delete) takes the locks at and below it along."""
    from azcli.emulator.store import db as store
    put_lock(cloud, world["subnet"], "below")
    put_lock(cloud, world["group"], "at")
    put_lock(cloud, world["sub"], "above")
    with cloud.app.store.write() as db:
        store.delete_under(db, world["group"].lower())
    r = cloud.call("GET", "/subscriptions/%s/providers/Microsoft.Authorization/locks" % cloud.sub, api_version=LOCKS)
    assert [x["name"] for x in r.json["value"]] == ["above"]


def test_sdk_management_lock_client(cloud, world):
    from azure.mgmt.resource.locks import ManagementLockClient
    from emulator_helpers import BASE
    client = ManagementLockClient(cloud.credential(), cloud.sub, base_url=BASE, credential_scopes=[BASE + "/.default"],
                                  transport=cloud.sdk_transport())
    locks = client.management_locks
    made = locks.create_or_update_at_resource_group_level("rg", "sdk-lock", {"level": "CanNotDelete", "notes": "n"})
    assert made.level == "CanNotDelete" and made.notes == "n" and made.name == "sdk-lock"
    assert locks.get_at_resource_group_level("rg", "sdk-lock").id == made.id
    sub_lock = locks.create_or_update_at_subscription_level("sub-lock", {"level": "ReadOnly"})
    assert sub_lock.id == "/subscriptions/%s/providers/Microsoft.Authorization/locks/sub-lock" % cloud.sub
    assert locks.get_at_subscription_level("sub-lock").level == "ReadOnly"
    by_scope = locks.create_or_update_by_scope(world["ident"][1:], "scoped", {"level": "CanNotDelete"})
    assert by_scope.id == lock_path(world["ident"], "scoped")
    res_lock = locks.create_or_update_at_resource_level(
        "rg", "Microsoft.Network", "virtualNetworks/v1", "subnets", "s1", "child", {"level": "CanNotDelete"})
    assert res_lock.id.endswith("/virtualNetworks/v1/subnets/s1/providers/Microsoft.Authorization/locks/child")
    names = {lk.name for lk in locks.list_at_resource_level("rg", "Microsoft.Network", "", "virtualNetworks", "v1")}
    assert names == {"sdk-lock", "sub-lock", "child"}
    assert {lk.name for lk in locks.list_at_resource_group_level("rg", filter="atScope()")} == {"sdk-lock", "sub-lock"}
    assert len(list(locks.list_at_subscription_level())) == 4
    assert {lk.name for lk in locks.list_by_scope(world["ident"][1:])} == {"sdk-lock", "sub-lock", "scoped"}
    locks.delete_at_resource_level("rg", "Microsoft.Network", "virtualNetworks/v1", "subnets", "s1", "child")
    locks.delete_by_scope(world["ident"][1:], "scoped")
    locks.delete_at_subscription_level("sub-lock")
    locks.delete_at_resource_group_level("rg", "sdk-lock")
    assert list(locks.list_at_subscription_level()) == []


def test_subscription_read_only_lock_blocks_group_writes(cloud, world):
    put_lock(cloud, world["sub"], "freeze", level="ReadOnly")
    r = cloud.call("PUT", cloud.group_path("newgroup"), {"location": "westus"})
    assert r.status_code == 409 and r.json["error"]["code"] == "ScopeLocked"
    assert "following scope(s) are locked: '%s'" % world["sub"] in r.json["error"]["message"]
    assert cloud.call("DELETE", world["group"]).status_code == 409
    cloud.call("DELETE", lock_path(world["sub"], "freeze"), api_version=LOCKS)
    assert cloud.call("PUT", cloud.group_path("newgroup"), {"location": "westus"}).status_code == 201
