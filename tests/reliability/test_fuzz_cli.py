"""Property-based fuzzing of the whole CLI, in-process (tests/runner.py), from the shipped command index: any
command with any of its arguments, given valid, invalid, unicode and huge values, `@file`s that are missing,
not UTF-8, malformed JSON or YAML, and bad templates and parameter files for `deployment group
create|validate`. Never a traceback; exit code in {0,1,2,3,4,6,8} (README's table: 5 throttled and 7 timeout
cannot happen here, 130 is Ctrl-C); at most one `ERROR:` line; the config dir's files still parse.

CI: a fixed (derandomized) set of examples; AZCLI_LONG_TESTS=1: many more, random.
"""
import json
import os

from hypothesis import HealthCheck, given, settings, strategies as st

from reliab import LONG, figure, no_traceback
from test_crashes import _check_config_dir

INDEX = json.load(open(os.path.join(os.path.dirname(__file__), "..", "..", "src", "azcli", "framework",
                                    "command_index.json"), encoding="utf-8"))["commands"]
# Not fuzzed: serving blocks, sign-in and cloud changes reach beyond this machine (the fuzzer would be
# signed in to a cloud without network), waits wait, and URLs and output files leave the test's directory.
SKIPPED = ("local serve", "login", "logout", "account clear", "cloud set", "cloud register", "cloud update",
           "cloud unregister", "rest")
SKIPPED_OPTIONS = {"--template-uri", "--uri", "--url", "--output-file", "--file-endpoint"}
COMMANDS = sorted(name for name in INDEX if not name.startswith(SKIPPED) and not name.endswith(" wait")
                  and "download" not in name)
ALLOWED = {0, 1, 2, 3, 4, 6, 8}
EXAMPLES = {"commands": 1500 if LONG else 60, "templates": 400 if LONG else 25}
seen = {"commands": 0, "templates": 0, "codes": {}}

FILES = {
    "not-utf8.json": b'{"a": "\xff\xfe\x80"}',
    "truncated.json": b'{"location": "westus", "properties": {',
    "yaml.json": b"location: westus\nproperties: [1, 2\n",
    "empty.json": b"",
    "nul.json": b"\x00\x00\x00",
    "deep.json": b"[" * 5000 + b"]" * 5000,
    "huge.json": json.dumps({"x": "y" * 300000}).encode(),
    "surrogate.json": b'{"name": "\\ud800"}',
    "nan.json": b'{"value": NaN}',
    "object.json": b'{"location": "westus", "tags": {"a": "b"}}',
}


def _values(tmp, spec):
    base = [st.just("fz1"), st.just(""), st.just("-"), st.text(max_size=30),
            st.text(alphabet=st.characters(min_codepoint=0x80, max_codepoint=0x10FFFF, blacklist_categories=("Cs",)),
                    min_size=1, max_size=20),
            st.just("x" * 100000), st.just("@missing-file.json"), st.just("{not json"), st.just('{"a": [1, {"b": null}]}'),
            st.just("a: [1"), st.just("k=v"), st.just("-1"), st.just("99999999999999999999"), st.just("\u202e\u0000")]
    base += [st.just("@" + os.path.join(tmp, name)) for name in FILES]
    if spec.get("choices"):
        base.append(st.sampled_from(spec["choices"]))
    return st.one_of(base)


@st.composite
def argvs(draw, tmp):
    name = draw(st.sampled_from(COMMANDS))
    argv = name.split()
    specs = [a for a in INDEX[name]["args"] if not SKIPPED_OPTIONS & set(a["options"])]
    for spec in draw(st.lists(st.sampled_from(specs), max_size=5)) if specs else []:
        argv.append(draw(st.sampled_from(spec["options"])))
        if not spec.get("flag"):
            argv.append(draw(_values(tmp, spec)))
            if spec.get("nargs") in ("*", "+") and draw(st.booleans()):
                argv.append(draw(_values(tmp, spec)))
    if draw(st.integers(0, 9)) == 0:
        argv.append(draw(st.sampled_from(["--bogus", "--output", "-o", "--query", "[?", "--subscription", "--debug"])))
    return argv


def _check(result, config_dir, argv):
    seen["codes"][result.exit_code] = seen["codes"].get(result.exit_code, 0) + 1
    assert no_traceback(result.stdout), (argv, result)
    assert "--debug" in argv or no_traceback(result.stderr), (argv, result)  # --debug shows the traceback
    assert result.exit_code in ALLOWED, (argv, result)
    errors = sum(line.startswith("ERROR:") for line in result.stderr.splitlines())
    if "--debug" not in argv:  # several --ids report each failing id (framework/ids.py), one line each
        assert errors <= (len(argv) if "--ids" in argv else 1), (argv, result)
    _check_config_dir(str(config_dir))


def _files(tmp_path):
    for name, data in FILES.items():
        (tmp_path / name).write_bytes(data)
    return str(tmp_path)


def _settings(kind):
    return settings(max_examples=EXAMPLES[kind], deadline=None, derandomize=not LONG, database=None,
                    suppress_health_check=list(HealthCheck))


def test_every_command_with_hostile_arguments(local_cli, tmp_path):
    tmp = _files(tmp_path)
    assert local_cli("group create -n fz1 -l westus -o none").exit_code == 0

    @_settings("commands")
    @given(argvs(tmp))
    def run(argv):
        seen["commands"] += 1
        _check(local_cli(argv + (["--yes"] if argv[-1:] == ["delete"] else [])), local_cli.config_dir, argv)
    run()
    figure("fuzz-commands", cases=seen["commands"], commands=len(COMMANDS), exit_codes=seen["codes"])


TEMPLATE_PARTS = {"$schema": st.just("https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"),
                  "contentVersion": st.sampled_from(["1.0.0.0", "x", 1]),
                  "parameters": st.dictionaries(st.text(max_size=8), st.dictionaries(
                      st.sampled_from(["type", "defaultValue", "allowedValues", "minLength"]),
                      st.one_of(st.sampled_from(["string", "int", "securestring", "object", "bogus"]), st.integers(),
                                st.lists(st.integers(), max_size=2))), max_size=3),
                  "variables": st.dictionaries(st.text(max_size=5), st.sampled_from(
                      ["[concat('a', 1)]", "[parameters('nope')]", "[", "[add(1)]", "[div(1, 0)]", "plain"]), max_size=3),
                  "resources": st.lists(st.fixed_dictionaries({
                      "type": st.sampled_from(["Microsoft.Network/networkSecurityGroups", "Bad", "A/b/c/d", ""]),
                      "apiVersion": st.sampled_from(["2024-05-01", "nope"]),
                      "name": st.sampled_from(["n1", "[copyIndex()]", "[parameters('p')]", "", "x" * 300]),
                      "location": st.sampled_from(["westus", "[resourceGroup().location]", 5])}), max_size=3),
                  "outputs": st.dictionaries(st.text(max_size=5), st.fixed_dictionaries(
                      {"type": st.sampled_from(["string", "int"]), "value": st.sampled_from(["[reference('n1')]", 1])}),
                      max_size=2)}


@st.composite
def template_bytes(draw):
    if draw(st.integers(0, 3)) == 0:
        return draw(st.sampled_from(list(FILES.values())))
    parts = draw(st.lists(st.sampled_from(sorted(TEMPLATE_PARTS)), unique=True))
    return json.dumps({key: draw(TEMPLATE_PARTS[key]) for key in parts}).encode()


@st.composite
def parameter_bytes(draw):
    choice = draw(st.integers(0, 3))
    if choice == 0:
        return draw(st.sampled_from(list(FILES.values())))
    if choice == 1:
        return json.dumps({"$schema": "x", "contentVersion": "1.0.0.0", "parameters": draw(st.dictionaries(
            st.text(max_size=5), st.one_of(st.just({"value": 1}), st.just({"reference": {}}), st.just(3)),
            max_size=3))}).encode()
    return json.dumps(draw(st.dictionaries(st.text(max_size=5), st.dictionaries(
        st.just("value"), st.one_of(st.text(max_size=5), st.integers())), max_size=3))).encode()


def test_bad_templates_and_parameter_files(local_cli, tmp_path):
    assert local_cli("group create -n fz -l westus -o none").exit_code == 0
    template, params = tmp_path / "t.json", tmp_path / "p.json"

    @_settings("templates")
    @given(template_bytes(), parameter_bytes(), st.sampled_from(["create", "validate"]), st.booleans())
    def run(body, parameters, verb, at):
        seen["templates"] += 1
        template.write_bytes(body)
        params.write_bytes(parameters)
        argv = ["deployment", "group", verb, "-g", "fz", "-f", str(template), "-p",
                ("@" if at else "") + str(params), "--no-prompt"]
        _check(local_cli(argv), local_cli.config_dir, argv)
    run()
    figure("fuzz-templates", cases=seen["templates"], exit_codes=seen["codes"])
