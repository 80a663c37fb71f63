"""schemathesis against the served local cloud, with the published OpenAPI specs in shared/arm-specs of the
ARM APIs it implements (resources, deployments, locks, subscriptions, management groups, managed identities,
role assignments and definitions), only the operations its router serves. The subscription is the served
one and the api-version mostly the spec's own (else a random one, which must be refused in ARM's shape);
everything else is generated. No 500, and every answer conforms to the spec: status code, content type,
headers and body schema (error answers to the spec's `default` CloudError).

CI: 2 examples per operation; AZCLI_LONG_TESTS=1: 25.
"""
import os
import re

import schemathesis  # a test extra: when it is missing the suite fails rather than skips

from reliab import LONG, figure

# The specs come with the repository's sibling ../shared; without them this test fails, never skips.
_SHARED = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "..", "shared")
SPECS_ROOT = os.path.normpath(os.environ.get("AZCLI_ARM_SPECS") or os.path.join(_SHARED, "arm-specs", "specification"))
SPECS = [
    "resources/resource-manager/Microsoft.Resources/resources/stable/2025-04-01/resources.json",
    "resources/resource-manager/Microsoft.Resources/deployments/stable/2026-06-01/deployments.json",
    "resources/resource-manager/Microsoft.Authorization/locks/stable/2020-05-01/locks.json",
    "resources/resource-manager/Microsoft.Resources/subscriptions/stable/2022-12-01/subscriptions.json",
    "managementgroups/resource-manager/Microsoft.Management/ManagementGroups/stable/2023-04-01/management.json",
    "msi/resource-manager/Microsoft.ManagedIdentity/ManagedIdentity/stable/2024-11-30/ManagedIdentity.json",
    "authorization/resource-manager/Microsoft.Authorization/stable/2022-04-01/authorization-RoleAssignmentsCalls.json",
    "authorization/resource-manager/Microsoft.Authorization/stable/2022-04-01/authorization-RoleDefinitionsCalls.json",
]
EXAMPLES = 25 if LONG else 2
PLACEHOLDER = re.compile(r"\{([^}]+)\}")


def _router():
    from azcli.emulator.wire.route_table import NOUNS
    from azcli.emulator.wire.router import Router
    import importlib
    router = Router()
    for noun in NOUNS:
        importlib.import_module("azcli.emulator." + noun).register(router)
    return router


def _sample_path(template, sub):
    values = {"subscriptionId": sub, "scope": "subscriptions/" + sub, "resourceProviderNamespace": "Microsoft.Network",
              "resourceType": "virtualNetworks", "parentResourcePath": "", "groupId": "mg1"}
    return re.sub("/+", "/", PLACEHOLDER.sub(lambda m: values.get(m.group(1), "x1"), template))


def implemented_operations(sub):
    router = _router()
    for relative in SPECS:
        schema = schemathesis.openapi.from_path(os.path.join(SPECS_ROOT, relative))
        version = schema.raw_schema["info"]["version"]
        for result in schema.get_all_operations():
            operation = result.ok()
            route, _ = router.match(operation.method.upper(), _sample_path(operation.path, sub), ("arm",))
            if route is not None:
                yield operation, version


def _pinned(case, sub, version, draw_version):
    if "subscriptionId" in (case.path_parameters or {}):
        case.path_parameters["subscriptionId"] = sub
    if case.query is not None and "api-version" in case.query and draw_version:
        case.query["api-version"] = version
    return case


def _summary(error):
    """The failures schemathesis names (its "- ST... title" lines), else the first line."""
    lines = [line.strip()[2:] for line in str(error).splitlines() if line.strip().startswith("- ")]
    return "; ".join(lines)[:300] or str(error).splitlines()[0][:300]


def test_served_answers_conform_to_the_published_specs(start_served):
    from hypothesis import HealthCheck, given, settings, strategies as st
    from schemathesis.checks import not_a_server_error
    from schemathesis.specs.openapi.checks import (content_type_conformance, response_schema_conformance,
                                                   status_code_conformance)
    assert os.path.isdir(SPECS_ROOT), "the ARM specs are not at %s (set AZCLI_ARM_SPECS)" % SPECS_ROOT
    served = start_served(env={"AZCLI_LOCAL_LRO_SECONDS": "0"})
    session = served.session()
    checks = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
    operations = list(implemented_operations(served.sub))
    assert len(operations) >= 40, len(operations)
    failures, calls = [], [0]
    for operation, version in operations:
        @settings(max_examples=EXAMPLES, deadline=None, derandomize=not LONG, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(operation.as_strategy(), st.integers(0, 4))
        def run(case, draw):
            case = _pinned(case, served.sub, version, draw != 0)
            response = case.call(base_url=served.base, session=session, timeout=30, verify=served.ca)
            calls[0] += 1
            wanted = checks if response.content else checks[:2]  # no body (HEAD, 204): no content type to check
            try:
                case.validate_response(response, checks=wanted)
            except (Exception, BaseExceptionGroup) as error:  # pylint: disable=broad-except - reported together
                failures.append("%s %s -> %s: %s" % (operation.method.upper(), operation.path, response.status_code,
                                                     _summary(error)))
        run()
    figure("schemathesis", operations=len(operations), requests=calls[0], failures=len(failures))
    log = served.read_stderr()
    assert not failures, "\n".join(sorted(set(failures))[:40]) + "\nserver log:\n" + log[-4000:]
