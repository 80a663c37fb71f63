from knack.util import CommandResultItem

from azcli.framework.output import format_csv, format_jsonl


def test_csv_header_stable_columns_nulls_and_booleans():
    item = CommandResultItem([{"name": "a", "ok": True, "n": None}, {"name": "b", "ok": False, "extra": {"k": 1}}])
    assert format_csv(item) == 'name,ok,n,extra\na,true,,\nb,false,,"{""k"":1}"\n'


def test_csv_uses_table_transformer():
    item = CommandResultItem([{"name": "a", "x": 1}], table_transformer=lambda r: [{"Name": i["name"]} for i in r])
    assert format_csv(item) == "Name\na\n"


def test_jsonl_one_object_per_line():
    item = CommandResultItem([{"b": 1, "a": "x"}, {"a": "y"}])
    assert format_jsonl(item) == '{"a":"x","b":1}\n{"a":"y"}\n'
