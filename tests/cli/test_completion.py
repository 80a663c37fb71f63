import io

from azcli.framework.completion import complete


def _complete(line):
    out = io.StringIO()
    assert complete(line, str(len(line)), out) == 0
    return out.getvalue().split()


def test_completes_groups_and_commands():
    assert "group" in _complete("azcli gr")
    assert _complete("azcli group cr") == ["create"]
    assert "list" in _complete("azcli group ")


def test_completes_options_of_a_command():
    options = _complete("azcli group create --")
    assert "--location" in options and "--name" in options and "--output" in options


def test_completes_output_formats():
    assert _complete("azcli group list -o j") == ["json", "jsonc", "jsonl"]
