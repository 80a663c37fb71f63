"""Every expression of the 40 real quickstart templates parses, and every call names a known function."""

import json
from pathlib import Path

import pytest

from azcli.emulator.templates import expressions, functions

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "templates"


def _templates():
    if not SHARED.is_dir():
        pytest.fail(f"the shared templates are missing: {SHARED}")
    found = sorted(SHARED.glob("*/azuredeploy.json"))
    assert len(found) == 40, found
    return found


def _template_expressions():
    for path in _templates():
        document = json.loads(path.read_text(encoding="utf-8-sig"))
        for text in expressions.expression_strings(document):
            yield path.parent.name, text


def test_shared_templates_are_present():
    assert len(_templates()) == 40


def test_every_expression_in_the_shared_templates_parses():
    failures = []
    count = 0
    for folder, text in _template_expressions():
        count += 1
        try:
            expressions.parse(text)
        except Exception as error:  # collect them all, report at once
            failures.append(f"{folder}: {text}: {error}")
    assert count > 800
    assert not failures, "\n".join(failures)


def test_every_function_called_in_the_shared_templates_exists():
    unknown = set()
    for path in _templates():
        document = json.loads(path.read_text(encoding="utf-8-sig"))
        for name, _ in expressions.function_calls(document):
            if functions.lookup(name) is None:
                unknown.add((path.parent.name, name))
    assert not unknown
