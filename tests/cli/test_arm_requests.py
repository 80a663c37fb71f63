"""azcli.arm against the in-process local cloud: raw requests through a management client's own
pipeline (real SDK, real azure-identity, the in-process transport), nextLink paging, LROs polled by
azure-core's ARMPolling, and the one mapping from azure-core errors to exit codes."""
import os
import time

import pytest

from azcli.arm import errors as arm_errors
from azcli.arm.polling import poll
from azcli.arm.requests import items, pages, send
from azcli.errors import ExitCode

GROUPS_API = "2024-11-01"
VNET_API = "2024-05-01"


@pytest.fixture
def arm(local_cli, monkeypatch):
    """connect(**env) -> (cli_ctx, ResourceManagementClient) of the signed-in local_cli's config dir.

    The local cloud reads its settings (page size, LRO duration, faults) from the environment when
    the command's app is built, so env is set before the client exists."""
    def connect(**env):
        from azure.mgmt.resource.resources import ResourceManagementClient
        from azcli.framework.cli import get_default_cli
        from azcli.session.clients import mgmt_client
        for key in [k for k in os.environ if k.startswith("AZCLI_") or k.startswith("AZURE_")]:
            monkeypatch.delenv(key)
        for key, value in env.items():
            monkeypatch.setenv(key, value)
        cli_ctx = get_default_cli(config_dir=str(local_cli.config_dir))
        return cli_ctx, mgmt_client(cli_ctx, ResourceManagementClient)
    return connect


def groups_url(client, name=None):
    url = "/subscriptions/{}/resourcegroups".format(client._config.subscription_id)  # pylint: disable=protected-access
    return url + "/" + name if name else url


def test_send_goes_through_the_clients_pipeline(arm):
    _, client = arm()
    created = send(client, "PUT", groups_url(client, "g1"), params={"api-version": GROUPS_API},
                   json={"location": "westus", "tags": {"k": "v"}})
    assert created.status_code in (200, 201) and created.json()["tags"] == {"k": "v"}
    # The request carried what the client's policies add: a bearer token, azcli's user agent, a request id.
    shown = send(client, "GET", groups_url(client, "g1"), params={"api-version": GROUPS_API})
    headers = shown.request.headers
    assert headers["Authorization"].startswith("Bearer ")
    assert headers["User-Agent"].startswith("azcli/")
    assert headers["x-ms-client-request-id"]
    assert shown.request.url.startswith(client._config.base_url)  # pylint: disable=protected-access
    assert shown.json()["name"] == "g1"


def test_pages_follow_next_link_across_pages(arm, local_cli):
    names = ["p%d" % i for i in range(5)]
    for name in names:
        assert local_cli("group create -n {} -l westus -o none".format(name)).exit_code == 0
    _, client = arm(AZCLI_LOCAL_PAGE_SIZE="2")
    seen = list(pages(client, groups_url(client), params={"api-version": GROUPS_API}))
    assert [len(page["value"]) for page in seen] == [2, 2, 1]
    assert all(page.get("nextLink") for page in seen[:-1]) and not seen[-1].get("nextLink")
    assert sorted(g["name"] for g in items(client, groups_url(client), params={"api-version": GROUPS_API})) == names
    # A caller that has the first page already (rest --paginate) continues from it.
    first = send(client, "GET", groups_url(client), params={"api-version": GROUPS_API}).json()
    assert sum(len(page["value"]) for page in pages(client, first_page=first)) == 5
    # The commands that list through the layer see every page too.
    listed = local_cli("resource list -o json", env={"AZCLI_LOCAL_PAGE_SIZE": "1"})
    assert listed.exit_code == 0 and listed.json() == []
    for name in ("a", "b", "c"):
        assert local_cli("lock create -n {} -g p0 --lock-type ReadOnly -o none".format(name)).exit_code == 0
    locks = local_cli("lock list -g p0 --query [].name", env={"AZCLI_LOCAL_PAGE_SIZE": "1"})
    assert sorted(locks.json()) == ["a", "b", "c"], locks


def test_poll_follows_a_group_delete_to_completion(arm, local_cli):
    assert local_cli("group create -n doomed -l westus -o none").exit_code == 0
    _, client = arm(AZCLI_LOCAL_LRO_SECONDS="0.5")
    started = send(client, "DELETE", groups_url(client, "doomed"), params={"api-version": GROUPS_API})
    assert started.status_code == 202 and started.headers.get("Location")
    poller = poll(client, started)
    from azure.core.polling import LROPoller
    from azure.mgmt.core.polling.arm_polling import ARMPolling
    assert isinstance(poller, LROPoller) and isinstance(poller.polling_method(), ARMPolling)
    assert not poller.done()
    assert poller.result(timeout=30) is None
    assert poller.status() == "Succeeded"
    assert client.resource_groups.check_existence("doomed") is False


def test_poll_returns_the_resource_of_a_long_running_put(arm, local_cli):
    assert local_cli("group create -n net -l westus -o none").exit_code == 0
    _, client = arm(AZCLI_LOCAL_LRO_SECONDS="0.5")
    url = groups_url(client, "net") + "/providers/Microsoft.Network/virtualNetworks/vnet1"
    started = send(client, "PUT", url, params={"api-version": VNET_API},
                   json={"location": "westus", "properties": {"addressSpace": {"addressPrefixes": ["10.0.0.0/16"]}}})
    assert started.headers.get("Azure-AsyncOperation")
    assert started.json()["properties"]["provisioningState"] != "Succeeded"
    vnet = poll(client, started, polling_interval=0).result(timeout=30)
    assert vnet["name"] == "vnet1" and vnet["properties"]["provisioningState"] == "Succeeded"


def test_send_raises_the_sdks_own_errors(arm):
    from azure.core.exceptions import HttpResponseError, ResourceNotFoundError
    _, client = arm()
    with pytest.raises(ResourceNotFoundError) as raised:
        send(client, "GET", groups_url(client, "nope"), params={"api-version": GROUPS_API})
    assert raised.value.status_code == 404 and raised.value.error.code == "ResourceGroupNotFound"
    mapped = arm_errors.from_azure_error(raised.value)
    assert mapped.exit_code == ExitCode.NOT_FOUND and str(mapped).startswith("(ResourceGroupNotFound) ")
    with pytest.raises(HttpResponseError) as raised:
        send(client, "PUT", groups_url(client, "bad"), params={"api-version": GROUPS_API}, json={})
    assert raised.value.status_code == 400
    assert arm_errors.from_azure_error(raised.value).exit_code == ExitCode.ERROR


def test_mapping_of_errors_without_a_response():
    from azure.core.exceptions import ClientAuthenticationError, ServiceRequestError
    assert arm_errors.from_azure_error(ValueError("x")) is None
    unreachable = arm_errors.from_azure_error(ServiceRequestError("Name or service not known"))
    assert unreachable.exit_code == ExitCode.ERROR and str(unreachable) == "Name or service not known"
    refused = arm_errors.from_azure_error(ClientAuthenticationError("AADSTS7000215: Invalid client secret"))
    assert refused.exit_code == ExitCode.AUTH and "AADSTS7000215" in str(refused)


# Every way a command reaches ARM - an SDK operation, a raw request of the layer, `rest`'s own
# pipeline - ends in the same exit code for the same answer.
NOT_FOUND_COMMANDS = [
    "group show -n nope",
    "resource show -g nope -n x --resource-type Microsoft.Network/virtualNetworks",
    "lock show -n x -g nope",
    "rest -u /subscriptions/{subscriptionId}/resourcegroups/nope?api-version=2024-11-01",
]


@pytest.mark.parametrize("command", NOT_FOUND_COMMANDS)
def test_not_found_exits_3(local_cli, command):
    result = local_cli(command)
    assert result.exit_code == ExitCode.NOT_FOUND, result
    assert result.stdout == "" and result.stderr.startswith("ERROR: (") and result.stderr.count("\n") == 1


def test_unauthenticated_exits_4(local_cli):
    result = local_cli("rest -u /subscriptions/{subscriptionId}/resourcegroups?api-version=2024-11-01 "
                       "--skip-authorization-header")
    assert result.exit_code == ExitCode.AUTH, result
    assert "(AuthenticationFailed)" in result.stderr


def test_a_lock_refusal_exits_6_with_the_lock_named_whatever_sent_the_request(local_cli):
    assert local_cli("group create -n kept -l westus -o none").exit_code == 0
    lock = local_cli("group lock create -n keep -g kept --lock-type CanNotDelete").json()
    for command in ("group delete -n kept --yes",
                    "rest -m delete -u /subscriptions/{subscriptionId}/resourcegroups/kept?api-version=2024-11-01"):
        refused = local_cli(command)
        assert refused.exit_code == ExitCode.CONFLICT, refused
        assert "(ScopeLocked)" in refused.stderr and "Blocking lock(s): 'keep' (CanNotDelete)." in refused.stderr
        assert "azcli lock delete --ids " + lock["id"] in refused.stderr


THROTTLED_COMMANDS = ["group show -n any", "resource list", "lock list",
                      "rest -u /subscriptions/{subscriptionId}/resourcegroups?api-version=2024-11-01"]


@pytest.mark.parametrize("command", THROTTLED_COMMANDS)
def test_throttled_after_retries_exits_5(local_cli, monkeypatch, command):
    # Every ARM request answers 429 + Retry-After: 1. The pipeline's retry policy honours it (the
    # sleeps are recorded, not slept) and gives up; what is left is exit 5.
    slept = []
    monkeypatch.setattr(time, "sleep", slept.append)
    result = local_cli(command, env={"AZCLI_LOCAL_FAULTS": "429=1,seed=1"})
    assert result.exit_code == ExitCode.THROTTLED, result
    assert result.stdout == ""
    assert result.stderr.startswith("ERROR: (TooManyRequests) The request is being throttled")
    assert len(slept) >= 3 and all(delay >= 1 for delay in slept), slept
