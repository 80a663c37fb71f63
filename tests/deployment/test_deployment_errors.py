"""The error trees a failed or refused deployment prints, from recorded and local-cloud-shaped errors."""
import json
from pathlib import Path

import yaml

from azcli.command_modules.deployment import _errors as errors
from azcli.errors import ExitCode

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
CASSETTES = SHARED / "arm-recordings" / "cassettes"


class _Loader(yaml.SafeLoader):
    """The 2017 cassettes tag their strings !!python/unicode."""


_Loader.add_constructor("tag:yaml.org,2002:python/unicode", lambda loader, node: loader.construct_scalar(node))


def recorded_failure():
    path = CASSETTES / "test_lab_environment_mgmt.yaml"
    assert path.is_file(), "the shared ARM recordings are missing: {}".format(path)
    for interaction in yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)["interactions"]:
        body = interaction["response"]["body"]["string"]
        if body and '"Failed"' in body:
            return json.loads(body)["error"]
    raise AssertionError("no failed operation status in the recording")


def test_recorded_failure_expands_the_provider_error_in_the_message():
    error = errors.deployment_failure("lab", {"properties": {"provisioningState": "Failed", "error": recorded_failure()}}, [])
    lines = str(error).splitlines()
    assert lines[0] == "Deployment 'lab' failed."
    assert lines[1].startswith("  (DeploymentFailed) At least one resource deployment operation failed.")
    assert lines[2] == "    (BadRequest) the resource provider answered:"
    assert lines[3] == "      (IncorrectClientCredential) The credentials could not be validated successfully."
    assert error.exit_code == 1


def test_failed_operations_with_their_status_messages():
    operations = [
        {"operationId": "A1", "properties": {"provisioningState": "Succeeded", "provisioningOperation": "Create",
                                             "targetResource": {"resourceType": "T/x", "resourceName": "ok"}}},
        {"operationId": "B2", "properties": {
            "provisioningState": "Failed", "provisioningOperation": "Create", "statusCode": "Conflict",
            "targetResource": {"resourceType": "Microsoft.Web/sites", "resourceName": "app1"},
            "statusMessage": {"status": "Failed", "error": {"code": "Conflict", "message": "Name taken.",
                                                            "details": [{"code": "Inner", "message": "deep"}]}}}},
        {"operationId": "C3", "properties": {"provisioningState": "Failed", "statusMessage": "plain text"}},
    ]
    deployment = {"properties": {"provisioningState": "Failed",
                                 "error": {"code": "DeploymentFailed", "message": "At least one...",
                                           "details": [{"code": "Conflict", "message": "Name taken.",
                                                        "target": "/subscriptions/s/x"}]}}}
    text = str(errors.deployment_failure("d1", deployment, operations))
    assert text.splitlines() == [
        "Deployment 'd1' failed.",
        "  (DeploymentFailed) At least one...",
        "    (Conflict) Name taken. [target: /subscriptions/s/x]",
        "Failed operations:",
        "  Microsoft.Web/sites 'app1' (Create Conflict)",
        "    (Conflict) Name taken.",
        "      (Inner) deep",
        "  operation C3",
        "    plain text",
    ]


def test_canceled_and_validation_errors():
    canceled = errors.deployment_failure("d", {"properties": {"provisioningState": "Canceled"}}, [])
    assert str(canceled).startswith("Deployment 'd' was canceled.")
    invalid = errors.validation_failure({
        "code": "InvalidTemplate", "message": "Deployment template validation failed: 'x'.",
        "additionalInfo": [{"type": "TemplateViolation", "info": {"lineNumber": 12, "linePosition": 9,
                                                                  "path": "properties.template.resources[0]"}}]})
    assert invalid.exit_code == ExitCode.VALIDATION == 8
    assert str(invalid).splitlines() == [
        "The deployment validation failed.",
        "  (InvalidTemplate) Deployment template validation failed: 'x'.",
        "    TemplateViolation: line 12, position 9, path 'properties.template.resources[0]'",
    ]
