"""schemathesis against the served Key Vault secrets data plane (shared/arm-specs, secrets 2026-04-01): every
operation of the spec, generated requests with a real vault token on an RBAC vault where the caller is Key
Vault Secrets Officer. No 500, and every answer conforms (status, content type, body; errors to the spec's
KeyVaultError). The vault is served on its own host, https://{name}.vault.localhost:{port}/, which this
test resolves to loopback (RFC 6761) as the Key Vault tests do.

CI: 2 examples per operation; AZCLI_LONG_TESTS=1: 25.
"""
import os
import socket
import uuid

import schemathesis

from reliab import LONG, figure
from test_spec_conformance import SPECS_ROOT, _summary

SECRETS = "keyvault/data-plane/Secrets/stable/2026-04-01/secrets.json"
OFFICER = "b86a8fe4-44ce-4948-aee5-eccb2c155cd7"  # Key Vault Secrets Officer
EXAMPLES = 25 if LONG else 2


def _vault(served):
    session = served.session()
    arm = served.base
    group = "/subscriptions/%s/resourceGroups/spec" % served.sub
    assert session.put(arm + group, params={"api-version": "2024-03-01"}, json={"location": "westus"}).ok
    vault = session.put(arm + group + "/providers/Microsoft.KeyVault/vaults/kv-spec1", params={"api-version": "2024-11-01"},
                        json={"location": "westus", "properties": {"tenantId": served.tenant, "enableRbacAuthorization": True,
                                                                   "sku": {"family": "A", "name": "standard"}}})
    assert vault.status_code in (200, 201), vault.text
    api = {"api-version": "2022-04-01"}
    principal = session.get(arm + "/subscriptions/%s/providers/Microsoft.Authorization/roleAssignments" % served.sub,
                            params=api).json()["value"][0]["properties"]["principalId"]
    made = session.put(arm + "%s/providers/Microsoft.Authorization/roleAssignments/%s" % (vault.json()["id"], uuid.uuid4()),
                       params=api, json={"properties": {"principalId": principal, "principalType": "ServicePrincipal",
                                         "roleDefinitionId": "/subscriptions/%s/providers/Microsoft.Authorization/"
                                         "roleDefinitions/%s" % (served.sub, OFFICER)}})
    assert made.status_code == 201, made.text
    return vault.json()["properties"]["vaultUri"].rstrip("/")


def test_the_vault_data_plane_conforms_to_its_spec(start_served, monkeypatch):
    import requests
    from hypothesis import HealthCheck, given, settings
    from schemathesis.checks import not_a_server_error
    from schemathesis.specs.openapi.checks import (content_type_conformance, response_schema_conformance,
                                                   status_code_conformance)
    path = os.path.join(SPECS_ROOT, SECRETS)
    assert os.path.exists(path), "the Key Vault secrets spec is missing: %s" % path
    real = socket.getaddrinfo
    monkeypatch.setattr(socket, "getaddrinfo", lambda host, *a, **k: real(
        "127.0.0.1" if isinstance(host, str) and host.endswith(".localhost") else host, *a, **k))
    served = start_served(env={"AZCLI_LOCAL_LRO_SECONDS": "0"})
    vault_url = _vault(served)
    audience = "https://vault.localhost:%d" % served.details["port"]
    token = served.credential().get_token(audience + "/.default").token
    session = requests.Session()
    session.trust_env = False
    session.verify = served.ca
    session.headers["Authorization"] = "Bearer " + token
    schema = schemathesis.openapi.from_path(path)
    checks = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10, len(operations)
    failures, calls = [], [0]
    for operation in operations:
        @settings(max_examples=EXAMPLES, deadline=None, derandomize=not LONG, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(operation.as_strategy())
        def run(case):
            if case.query is not None and "api-version" in case.query:
                case.query["api-version"] = schema.raw_schema["info"]["version"]
            response = case.call(base_url=vault_url, session=session, timeout=30, verify=served.ca)
            calls[0] += 1
            wanted = checks if response.content else checks[:2]
            try:
                case.validate_response(response, checks=wanted)
            except (Exception, BaseExceptionGroup) as error:  # pylint: disable=broad-except - reported together
                failures.append("%s %s -> %s: %s" % (operation.method.upper(), operation.path, response.status_code,
                                                     _summary(error)))
        run()
    figure("schemathesis (vault)", operations=len(operations), requests=calls[0], failures=len(failures))
    assert not failures, "\n".join(sorted(set(failures))[:40]) + "\nserver log:\n" + served.read_stderr()[-4000:]
