"""Completion from the shipped index: commands, options, enum values, options already given."""
import io

import pytest

from azcli.framework import index_data
from azcli.framework.completion import FILES, candidates, complete, split_line


def _complete(line, environ=None):
    out = io.StringIO()
    assert complete(line, str(len(line)), out, environ=environ or {"AZCLI_CONFIG_DIR": "/nonexistent"}) == 0
    return out.getvalue().split("\n")[:-1]


def _status(line):
    words, prefix = split_line(line)
    return candidates(words[1:], prefix, index_data.load())[1]


def _args(command):
    return {arg["options"][0]: arg for arg in index_data.load()["commands"][command]["args"]}


def test_completes_groups_and_commands():
    assert "group" in _complete("azcli gr")
    assert _complete("azcli group cr") == ["create"]
    assert "list" in _complete("azcli group ")
    assert _complete("azcli GROUP cr") == ["create"]


def test_completes_options_of_a_command():
    options = _complete("azcli group create --")
    assert "--location" in options and "--name" in options and "--output" in options


def test_completes_output_formats():
    assert _complete("azcli group list -o j") == ["json", "jsonc", "jsonl"]
    assert _complete("azcli group list --output=") == []


def test_completes_enum_values_from_the_index():
    assert _complete("azcli lock create --lock-type ") == ["CanNotDelete", "ReadOnly"]
    assert _complete("azcli lock create -n x -t r") == ["ReadOnly"]  # case-insensitive, canonical spelling
    assert _complete("azcli rest --method p") == ["patch", "post", "put"]
    assert _complete("azcli tag update --operation ") == ["merge", "replace", "delete"]
    assert "Complete" in _complete("azcli deployment group create --mode ")


def test_a_multi_value_enum_offers_the_values_not_yet_given():
    values = _complete("azcli deployment group what-if -x Create Delete ")
    assert "Create" not in values and "Delete" not in values and "Modify" in values


def test_an_enum_value_is_never_offered_option_names():
    assert not [c for c in _complete("azcli group delete --force-deletion-types ") if c.startswith("-")]


def test_options_already_given_are_not_offered_again_in_any_spelling():
    options = _complete("azcli group create -n demo -l westus --")
    assert "--name" not in options and "--resource-group" not in options and "--location" not in options
    assert "--tags" in options
    assert "--output" not in _complete("azcli group list -o table --")


def test_repeatable_options_are_offered_again():
    options = _complete("azcli group update -n demo --set tags.a=b --")
    assert "--set" in options and "--add" in options and "--name" not in options


def test_a_flag_takes_no_value():
    options = _complete("azcli group delete -n demo --yes ")
    assert "--no-wait" in options and "--yes" not in options


def test_hidden_arguments_are_never_offered():
    assert not [c for c in _complete("azcli group show --") if "__" in c]


def test_a_free_text_value_leaves_file_names_to_the_shell():
    assert _status("azcli deployment group create -g rg --template-file ") == FILES
    assert _status("azcli group create --tags ") == FILES
    assert _status("azcli group create --") == 0


def test_global_options_before_the_command():
    assert _complete("azcli -o table group cr") == ["create"]
    assert _complete("azcli --debug gr") == ["group"]
    assert "--help" in _complete("azcli --")


def test_quoted_and_escaped_words():
    assert split_line('azcli group show -n "my gr') == (["azcli", "group", "show", "-n"], "my gr")
    assert split_line("azcli group show -n my\\ gr") == (["azcli", "group", "show", "-n"], "my gr")
    assert split_line('azcli group show -n "my group" ') == (["azcli", "group", "show", "-n", "my group"], "")


def test_completion_at_the_cursor_not_the_end_of_the_line():
    out = io.StringIO()
    assert complete("azcli group cr --name x", "14", out, environ={}) == 0
    assert out.getvalue() == "create\n"


def test_live_values_without_a_config_dir_complete_to_nothing():
    assert _complete("azcli group show -n ") == []


@pytest.mark.parametrize("command,option,kind", [
    ("group show", "--name", "group"), ("group delete", "--name", "group"), ("group exists", "--name", "group"),
    ("group update", "--name", "group"), ("resource show", "--resource-group", "group"),
    ("resource show", "--name", "resource"), ("lock show", "--name", "lock"), ("group create", "--location", "location"),
    ("account set", "--name", "subscription"), ("resource move", "--destination-group", "group"),
])
def test_the_index_says_which_live_values_complete_an_argument(command, option, kind):
    assert _args(command)[option]["values"] == kind


def test_the_name_of_a_new_object_has_no_live_values():
    assert "values" not in _args("group create")["--name"]
    assert "values" not in _args("lock create")["--name"]
    assert _args("lock create")["--resource-group"]["values"] == "group"


def test_the_index_marks_choices_flags_and_repeatable_arguments():
    args = _args("lock create")
    assert args["--lock-type"]["choices"] == ["CanNotDelete", "ReadOnly"]
    assert args["--lock-type"]["options"] == ["--lock-type", "-t"]
    update = _args("group update")
    assert update["--set"]["repeatable"] and update["--tags"]["repeatable"] and "repeatable" not in update["--name"]
    assert _args("group delete")["--yes"]["flag"] and "flag" not in _args("group delete")["--name"]
    assert _args("deployment group what-if")["--exclude-change-types"]["nargs"] == "+"


def test_the_json_reader_of_the_completion_path_agrees_with_json(tmp_path):
    from azcli.framework import completion_json
    for text in ('{"a": [1, 2.5, -3e2, true, null, "\\u00e9"], "b": {}}', '[NaN, Infinity]', '\n {"lead": 1}',
                 '{"a": 1} \n'):
        assert repr(completion_json.loads(text)) == repr(__import__("json").loads(text))
    for text in ('{"a": 1} trailing', '{"a": ', ''):
        with pytest.raises(ValueError):
            completion_json.loads(text)
    assert completion_json.load(index_data.COMMAND_INDEX_PATH) == index_data.load()
