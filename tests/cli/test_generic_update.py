import pytest

from azcli.errors import InvalidArgumentValueError
from azcli.framework.generic_update import apply_all


def test_set_add_remove():
    instance = {"tags": {"a": "1"}, "properties": {"list": [1, 2, 3], "nested": {"x": 1}}}
    apply_all(instance, [["tags.b=2", "properties.nested.y={\"k\": true}"]], [["properties.list", "4"]],
              [["properties.list", "0"], ["tags.a"]])
    assert instance == {"tags": {"b": "2"}, "properties": {"list": [2, 3, 4], "nested": {"x": 1, "y": {"k": True}}}}


def test_force_string_keeps_literals():
    instance = {"tags": {}}
    apply_all(instance, [["tags.n=12"]], [], [], force_string=True)
    assert instance["tags"]["n"] == "12"


def test_missing_path_names_the_segment():
    with pytest.raises(InvalidArgumentValueError) as info:
        apply_all({"properties": {"a": 1}}, [], [], [["properties.missing"]])
    assert "'missing'" in str(info.value)


def test_add_to_non_list_is_an_error():
    with pytest.raises(InvalidArgumentValueError):
        apply_all({"tags": {}}, [], [["tags", "x"]], [])


# --- az's semantics ---------------------------------------------------------------------------------

def test_a_null_member_on_the_way_becomes_an_object():
    instance = {"name": "g", "tags": None, "managedBy": None}
    apply_all(instance, [["tags.owner=alice"]], [], [])
    assert instance["tags"] == {"owner": "alice"}
    nested = {"properties": {"a": None}}
    apply_all(nested, [["properties.a.b=1"]], [], [])
    assert nested == {"properties": {"a": {"b": 1}}}
    with pytest.raises(InvalidArgumentValueError, match="Couldn't find 'c' in 'properties.a'"):
        apply_all({"properties": {"a": None}}, [["properties.a.c.d=1"]], [], [])  # only the parent, as az


def test_a_missing_member_on_the_way_is_an_error_listing_the_options():
    with pytest.raises(InvalidArgumentValueError) as info:
        apply_all({"properties": {"x": 1, "a": 2}}, [["properties.nope.deep=1"]], [], [])
    assert str(info.value) == "Couldn't find 'nope' in 'properties'. Available options: ['a', 'x']"


def test_add_makes_a_null_list_and_groups_key_value_pairs():
    instance = {"properties": {"rules": None}}
    apply_all(instance, [], [["properties.rules", "name=a", "port=80", "7", "name=b"]], [])
    assert instance["properties"]["rules"] == [{"name": "a", "port": "80"}, 7, {"name": "b"}]


def test_list_filters_and_indexes():
    instance = {"items": [{"name": "a", "v": 1}, {"name": "b", "v": 2}]}
    apply_all(instance, [["items[name=b].v=3", "items[0].v=0"]], [], [])
    assert instance["items"] == [{"name": "a", "v": 0}, {"name": "b", "v": 3}]
    with pytest.raises(InvalidArgumentValueError, match="index 5 doesn't exist"):
        apply_all(instance, [], [], [["items", "5"]])
    with pytest.raises(InvalidArgumentValueError, match="item with value 'z' doesn't exist for key 'name'"):
        apply_all(instance, [["items[name=z].v=1"]], [], [])


def test_expressions_apply_in_command_line_order(local_cli):
    assert local_cli("group create -n ord -l westus -o none").exit_code == 0
    result = local_cli("group update -n ord --set tags.a=1 --remove tags.a --set tags.a=2")
    assert result.exit_code == 0, result
    assert result.json()["tags"] == {"a": "2"}


def test_update_sets_a_tag_on_a_group_and_a_resource_without_tags(local_cli):
    assert local_cli("group create -n untagged -l westus -o none").exit_code == 0
    group = local_cli("group update -n untagged --set tags.owner=alice")
    assert group.exit_code == 0, group
    assert group.json()["tags"] == {"owner": "alice"} and group.json()["managedBy"] is None
    created = local_cli(["resource", "create", "-g", "untagged", "-n", "as1", "--resource-type",
                         "Microsoft.Compute/availabilitySets", "-l", "westus", "-p", "{}"])
    assert created.exit_code == 0, created
    updated = local_cli(["resource", "update", "--ids", created.json()["id"], "--set", "tags.x=y", "--query", "tags"])
    assert updated.exit_code == 0, updated
    assert updated.json() == {"x": "y"}
    missing = local_cli(["resource", "update", "--ids", created.json()["id"], "--set", "properties.nope.x=1"])
    assert missing.exit_code == 2 and missing.stderr.startswith("ERROR: Couldn't find 'nope' in 'properties'.")
    assert len(missing.stderr.splitlines()) == 1
