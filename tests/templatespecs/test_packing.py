"""The packing engine without a cloud: az's artifact shapes and order, and its refusals."""
import json
import os

import pytest

from azcli.command_modules.templatespecs import _packing
from azcli.errors import InvalidArgumentValueError

from ts_helpers import template, write_json


def test_pack_orders_artifacts_depth_first_each_file_once(linked_files):
    main, artifacts = _packing.pack(str(linked_files))
    assert main == json.loads(linked_files.read_text())
    # az's order: a linked template's own links come before it; shared.json is packed once
    assert [a["path"] for a in artifacts] == ["art/sub/b.json", "shared.json", "art/a.json"]
    a = next(x for x in artifacts if x["path"] == "art/a.json")["template"]
    assert [r["properties"]["templateLink"]["relativePath"] for r in a["resources"]] == ["sub/b.json", "../shared.json"]


def test_pack_without_links_and_with_jsonc(tmp_path):
    path = tmp_path / "t.json"
    path.write_text('// a comment\n{"contentVersion": "1.0.0.0", /* block */ "variables": {"s": "line1\nline2"},'
                    ' "resources": []}\n', encoding="utf-8")
    main, artifacts = _packing.pack(str(path))
    assert artifacts == [] and main["variables"]["s"] == "line1\nline2"


def test_pack_finds_links_in_symbolic_and_inline_nested_deployments(tmp_path):
    write_json(tmp_path / "x.json", template())
    write_json(tmp_path / "y.json", template())
    inline = {"type": "microsoft.resources/deployments", "name": "inl",
              "properties": {"template": template("y.json")}}
    main = template("x.json", resources=[inline])
    main["resources"] = {"r%d" % n: r for n, r in enumerate(main["resources"])}  # languageVersion 2.0
    write_json(tmp_path / "main.json", main)
    assert [a["path"] for a in _packing.pack(str(tmp_path / "main.json"))[1]] == ["x.json", "y.json"]


@pytest.mark.parametrize("links,files,message", [
    (["nope.json"], {}, "was not found"),
    (["../outside.json"], {"../outside.json": template()}, "outside of the main template's folder"),
    (["[concat('a', '.json')]"], {}, "must be a file path"),
    (["a.json"], {"a.json": template("main.json")}, "cycle"),
    (["bad.json"], {"bad.json": "{not json"}, "Failed to parse"),
])
def test_pack_refuses(tmp_path, links, files, message):
    root = tmp_path / "root"
    for name, content in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    write_json(root / "main.json", template(*links))
    with pytest.raises(InvalidArgumentValueError) as info:
        _packing.pack(str(root / "main.json"))
    assert message in str(info.value)


def test_pack_refuses_a_template_that_is_not_an_object(tmp_path):
    path = write_json(tmp_path / "list.json", [1, 2])
    with pytest.raises(InvalidArgumentValueError, match="not an ARM template"):
        _packing.pack(str(path))


def test_unpack_writes_main_and_linked_templates(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    folder = _packing.unpack({"m": 1}, [{"path": "art/sub/b.json", "template": {"b": 2}},
                                         {"path": "a.json", "template": {"a": 3}}], str(out), "spec1")
    assert folder == str(out)
    assert json.loads((out / "spec1.JSON").read_text()) == {"m": 1}
    assert json.loads((out / "art" / "sub" / "b.json").read_text()) == {"b": 2}
    assert (out / "a.json").read_text() == json.dumps({"a": 3}, indent=2)


def test_unpack_refuses_a_path_outside_the_folder(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(InvalidArgumentValueError, match="outside"):
        _packing.unpack({}, [{"path": "../escape.json", "template": {}}], str(out), "s")
    assert os.listdir(out) == [] and not (tmp_path / "escape.json").exists()
