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
