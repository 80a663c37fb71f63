"""Fault injection in served mode: 429 (Retry-After), 500 and dropped connections on ARM requests only,
reproducible with a seed, and ridden through by the SDK's retry policy."""
import requests

from runner import run_cli

SPEC = "429=0.2,500=0.1,reset=0.1,seed=11"


def outcomes(served, count=60):
    """Status code (or 'reset') of `count` plain GETs on one keep-alive session, without retries."""
    session = served.session()
    url = "%s/subscriptions/%s/resourcegroups?api-version=2022-09-01" % (served.base, served.sub)
    seen = []
    for _ in range(count):
        try:
            response = session.get(url, timeout=30)
        except requests.ConnectionError:
            seen.append("reset")
            continue
        seen.append(response.status_code)
        if response.status_code == 429:
            assert int(response.headers["Retry-After"]) >= 1
            assert response.json()["error"]["code"] == "TooManyRequests"
        elif response.status_code == 500:
            assert response.json()["error"]["code"] == "InternalServerError"
        else:
            assert response.status_code == 200, response.text
    return seen


def test_faults_hit_arm_only_and_repeat_with_a_seed(start_served):
    first = start_served("--faults", SPEC)
    # The identity endpoint is never faulted: every token request succeeds.
    for _ in range(15):
        assert first.credential().get_token(first.details["activeDirectoryResourceId"] + ".default").token
    seen = outcomes(first)
    assert {"reset", 429, 500, 200} <= set(seen), seen
    assert seen.count(200) > len(seen) // 2
    second = start_served("--faults", SPEC)  # a new process, a new store: the same draws
    assert outcomes(second) == seen


def test_faults_from_the_environment(start_served):
    served = start_served(env={"AZCLI_LOCAL_FAULTS": "500=1"})
    assert set(outcomes(served, 3)) == {500}


def test_sdk_retry_policy_rides_through_faults(start_served):
    from azure.mgmt.resource.resources import ResourceManagementClient
    served = start_served("--faults", "429=0.08,500=0.12,reset=0.1,seed=5")
    sent, answered = [], []
    client = served.client(
        ResourceManagementClient, retry_total=12, retry_backoff_factor=0.01, retry_backoff_max=0.05,
        raw_request_hook=lambda request: sent.append(request.http_request.method),
        raw_response_hook=lambda response: answered.append(response.http_response.status_code))
    client.resource_groups.create_or_update("flaky", {"location": "westus"})
    names = ["id%d" % i for i in range(6)]
    for name in names:
        client.resources.begin_create_or_update(
            "flaky", "Microsoft.ManagedIdentity", "", "userAssignedIdentities", name, {"location": "westus"},
            api_version="2023-01-31").result()
    assert sorted(r.name for r in client.resources.list_by_resource_group("flaky")) == names
    assert client.resource_groups.get("flaky").name == "flaky"
    client.resource_groups.begin_delete("flaky", polling_interval=0.05).result()
    assert client.resource_groups.check_existence("flaky") is False
    # The faults happened, and every one was retried away.
    assert 429 in answered and 500 in answered, answered
    assert len(sent) > len(answered), "no connection was dropped"


def test_invalid_fault_spec_is_a_usage_error(tmp_path):
    result = run_cli(["local", "serve", "--port", "0", "--faults", "429=lots"], tmp_path / "cfg")
    assert result.exit_code == 2, result
    assert result.stderr.startswith("ERROR: --faults:") and result.stderr.count("\n") == 1, result
    assert result.stdout == ""
    result = run_cli(["local", "serve", "--port", "0", "--faults", "teapot=0.5"], tmp_path / "cfg")
    assert result.exit_code == 2 and "unknown fault 'teapot'" in result.stderr, result
