"""--parameters parsing, missing parameters and prompting, template reading and the default name,
against az's own test data files (shared/az-test-data)."""
import io
import stat
from pathlib import Path

import pytest

from azcli.command_modules.deployment import _parameters as params
from azcli.command_modules.deployment import _template as template
from azcli.command_modules.deployment._prompt import Prompter
from azcli.errors import AzCliError, InvalidArgumentValueError, RequiredArgumentMissingError, UsageError

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
AZ_DATA = SHARED / "az-test-data"


def data(name):
    path = AZ_DATA / name
    assert path.is_file(), "the shared az test data is missing: {}".format(path)
    return str(path)


def definitions(name):
    return template.load_template(template_file=data(name)).parameter_definitions


def test_template_with_comments_and_multiline_strings_loads():
    source = template.load_template(template_file=data("simple_deploy.json"))
    assert source.properties()["template"]["outputs"]["NewNSG"]["type"] == "object"
    multiline = template.load_template(template_file=data("simple_deploy_multiline.json")).template
    assert multiline["resources"], multiline
    jp = template.load_template(template_file=data("Japanese-characters-template.json")).template
    assert "resources" in jp


def test_comment_markers_inside_strings_are_kept():
    text = '{"a": "http://x/*y*/", /* gone */ "b": "//z" // gone too\n}'
    assert template.parse_jsonc(text, "t") == {"a": "http://x/*y*/", "b": "//z"}
    assert template.parse_jsonc('{"q": "say \\"hi\\" // not a comment"}', "t") == {"q": 'say "hi" // not a comment'}


def test_invalid_json_files_fail_cleanly_naming_the_file():
    with pytest.raises(InvalidArgumentValueError) as caught:
        template.load_template(template_file=data("simple_deploy_invalid.json"))
    assert "simple_deploy_invalid.json" in str(caught.value)
    with pytest.raises(InvalidArgumentValueError):
        params.parse_parameters({}, [[data("simple_deploy_parameters_invalid.json")]])


def test_exactly_one_template_source(tmp_path):
    with pytest.raises(UsageError):
        template.load_template()
    with pytest.raises(UsageError):
        template.load_template(template_file=data("simple_deploy.json"), template_uri="https://x/t.json")
    with pytest.raises(UsageError) as caught:
        template.load_template(template_spec="/subscriptions/s/resourceGroups/g/providers/"
                                             "Microsoft.Resources/templateSpecs/ts")  # not a version
    assert "templateSpecs/{name}/versions/{version}" in str(caught.value)
    with pytest.raises(UsageError):
        template.load_template(template_file=str(tmp_path / "absent.json"))
    with pytest.raises(UsageError):
        template.load_template(template_file=data("simple_deploy.json"), query_string="sv=1")


def test_template_uri_is_fetched_and_sent_as_a_link(tmp_path):
    path = tmp_path / "linked.json"
    path.write_text('{"parameters": {"p": {"type": "string"}}, "resources": []} // c', encoding="utf-8")
    source = template.load_template(template_uri=path.as_uri())
    assert source.properties() == {"templateLink": {"uri": path.as_uri()}}
    assert list(source.parameter_definitions) == ["p"]
    assert template.with_query_string("https://h/t.json?old=1", "sv=2020&sig=a%2Fb") == \
        "https://h/t.json?sv=2020&sig=a%2Fb"


def test_default_name_is_the_file_base_name(tmp_path):
    assert template.default_deployment_name(template_file=data("simple_deploy.json")) == "simple_deploy"
    assert template.default_deployment_name(template_uri="https://example.com/t/azuredeploy.json?sv=1") == "azuredeploy"
    assert template.default_deployment_name(template_file=str(tmp_path / "missing.json")) == "deployment1"
    assert template.default_deployment_name() == "deployment1"


def test_bicep_without_a_binary_says_how_to_get_one(tmp_path):
    path = tmp_path / "main.bicep"
    path.write_text("resource x 'a/b@1' = {}", encoding="utf-8")
    with pytest.raises(AzCliError) as caught:
        template.load_template(template_file=str(path), environ={"PATH": str(tmp_path / "nothing")})
    assert "bicep" in str(caught.value) and "aka.ms/bicep-install" in caught.value.recommendation


def test_bicep_is_compiled_by_the_binary_on_path(tmp_path):
    bindir = tmp_path / "bin"
    bindir.mkdir()
    fake = bindir / "bicep"
    fake.write_text('#!/bin/sh\n[ "$1" = build ] && [ "$2" = --stdout ] || exit 9\n'
                    'echo \'{"parameters": {"n": {"type": "string"}}, "resources": []}\'\n', encoding="utf-8")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    path = tmp_path / "main.bicep"
    path.write_text("param n string", encoding="utf-8")
    source = template.load_template(template_file=str(path), environ={"PATH": str(bindir)})
    assert source.parameter_definitions == {"n": {"type": "string"}}
    fake.write_text("#!/bin/sh\necho 'main.bicep(1,1) : Error BCP007' >&2\nexit 1\n", encoding="utf-8")
    with pytest.raises(InvalidArgumentValueError) as caught:
        template.load_template(template_file=str(path), environ={"PATH": str(bindir)})
    assert "BCP007" in str(caught.value)


def test_parameter_files_with_and_without_the_envelope():
    defs = definitions("simple_deploy.json")
    # knack replaces @file by its text before the command sees it; a bare path is read here
    with open(data("simple_deploy_parameters.json"), encoding="utf-8") as handle:
        expanded = handle.read()
    for given in ([expanded], [data("simple_deploy_parameters.json")]):
        assert params.parse_parameters(defs, [given]) == {"location": {"value": "westus"},
                                                          "name": {"value": "azure-cli-deploy-test-nsg1"}}
    # $schema/contentVersion envelope, comments everywhere
    with_schema = params.parse_parameters({}, [[data("subscription_level_parameters.json")]])
    assert with_schema == {"nestedRGName": {"value": "cli_test_subscription_level_deployment"}}


def test_mixed_forms_later_values_win(tmp_path):
    defs = {"name": {"type": "string"}, "count": {"type": "int"}, "on": {"type": "bool"},
            "tags": {"type": "object"}, "zones": {"type": "array"}, "secret": {"type": "securestring"}}
    secret = tmp_path / "secret.txt"
    secret.write_text("s3cr3t\n", encoding="utf-8")
    got = params.parse_parameters(defs, [
        ['{"name": {"value": "first"}, "count": {"value": 1}}'],
        ["name=second", "count=7", "on=True", 'tags={"env": "dev"}', "zones=[1, 2]"],
        ["secret=@" + str(secret), '{"on": {"value": false}}'],
    ])
    assert got == {"name": {"value": "second"}, "count": {"value": 7}, "on": {"value": False},
                   "tags": {"value": {"env": "dev"}}, "zones": {"value": [1, 2]}, "secret": {"value": "s3cr3t"}}


def test_key_value_errors_name_the_parameter():
    defs = {"count": {"type": "int"}, "tags": {"type": "object"}}
    with pytest.raises(InvalidArgumentValueError) as caught:
        params.parse_parameters(defs, [["nope=1"]])
    assert "nope" in str(caught.value) and "count, tags" in str(caught.value)
    with pytest.raises(InvalidArgumentValueError) as caught:
        params.parse_parameters(defs, [["count=many"]])
    assert "count" in str(caught.value)
    with pytest.raises(InvalidArgumentValueError):
        params.parse_parameters(defs, [["tags={not json"]])
    with pytest.raises(InvalidArgumentValueError):
        params.parse_parameters(defs, [["just-a-word"]])
    assert params.parse_parameters(defs, [["{}"]]) == {}


def test_az_data_parameter_file_and_an_array_value_from_a_file():
    defs = definitions("test-template.json")
    got = params.parse_parameters(defs, [[data("test-params.json")], ["backendAddressPools=@" + data("test-object.json")]])
    assert got["tags"] == {"value": {"key": "super=value"}}
    assert got["backendAddressPools"] == {"value": [{"name": "bepool1"}, {"name": "bepool2"}]}
    with pytest.raises(InvalidArgumentValueError):
        params.parse_parameters(defs, [[data("test-object.json")]])  # an array is no parameter file


def test_missing_parameters_one_error_naming_all():
    defs = {"a": {"type": "string"}, "b": {"type": "int", "defaultValue": 1}, "c": {"type": "bool"}}
    assert params.missing_parameters(defs, {"A": {"value": "x"}}) == ["c"]
    with pytest.raises(RequiredArgumentMissingError) as caught:
        params.complete_parameters(defs, {}, prompter=Prompter(stdin=io.StringIO("")))
    assert "a, c" in str(caught.value) and caught.value.exit_code == 2


class _Tty(io.StringIO):
    def isatty(self):
        return True


def test_prompting_on_a_terminal_types_the_answers():
    defs = {"name": {"type": "string"}, "count": {"type": "int"}, "on": {"type": "bool"},
            "size": {"type": "string", "allowedValues": ["S", "M", "L"]}, "obj": {"type": "object"},
            "pw": {"type": "securestring"}}
    err = io.StringIO()
    asked = []
    prompter = Prompter(stdin=_Tty("web\n?\nten\n10\nmaybe\nyes\n2\n{\"k\": 1}\n"), stderr=err,
                        getpass=lambda q: asked.append(q) or "hidden")
    got = params.complete_parameters(defs, {}, prompter=prompter)
    assert got == {"name": {"value": "web"}, "count": {"value": 10}, "on": {"value": True},
                   "size": {"value": "M"}, "obj": {"value": {"k": 1}}, "pw": {"value": "hidden"}}
    assert "Please provide int value for 'count'" in err.getvalue() and "An integer is required" in err.getvalue()
    assert asked and "hidden" not in err.getvalue()
    with pytest.raises(RequiredArgumentMissingError):
        params.complete_parameters(defs, {}, no_prompt=True, prompter=prompter)


def test_bicep_lookup_defaults_to_the_process_path(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    path = tmp_path / "x.bicep"
    path.write_text("", encoding="utf-8")
    with pytest.raises(AzCliError) as caught:
        template.compile_bicep(str(path))
    assert "no `bicep` binary" in str(caught.value)


def test_rollback_and_three_state_flags():
    import argparse
    from azcli.command_modules.deployment._params import three_state
    from azcli.command_modules.deployment.custom.core import rollback_setting
    assert rollback_setting(None) is None
    assert rollback_setting("") == {"type": "LastSuccessful"}
    assert rollback_setting("good1") == {"type": "SpecificDeployment", "deploymentName": "good1"}
    assert three_state("True") is True and three_state("false") is False
    with pytest.raises(argparse.ArgumentTypeError):
        three_state("maybe")
