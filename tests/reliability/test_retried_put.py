"""A PUT whose answer is lost after the cloud applied it (the connection drops on the way back) is retried by
the client's retry policy with the same x-ms-client-request-id. Each create must take effect once and the
command must succeed: for a deployment still running, the retry of that same request is answered like the
first (201, the same document and operation), not 409 DeploymentActive; another request is still refused."""
import pytest

from reliab import two_resource_template, write_json


@pytest.fixture
def lose_first_answer(monkeypatch):
    """The first PUT whose URL contains a marker is applied, then its answer is lost (ServiceResponseError)."""
    from azure.core.exceptions import ServiceResponseError
    from azcli.session import inprocess
    original = inprocess.WSGITransport.send
    lost = []

    def arm(marker):
        def send(self, request, **kwargs):
            response = original(self, request, **kwargs)
            if request.method == "PUT" and marker in request.url and not lost:
                lost.append((request.headers.get("x-ms-client-request-id"), response.status_code))
                raise ServiceResponseError("Connection reset by peer (the answer was lost)")
            return response
        monkeypatch.setattr(inprocess.WSGITransport, "send", send)
        return lost
    return arm


def test_a_retried_deployment_put_runs_the_deployment_once(local_cli, tmp_path, lose_first_answer):
    slow = {"AZCLI_LOCAL_LRO_SECONDS": "2"}
    assert local_cli("group create -n rg -l westus -o none").exit_code == 0
    template = write_json(tmp_path / "two.json", two_resource_template())
    lost = lose_first_answer("/deployments/two")
    done = local_cli(["deployment", "group", "create", "-g", "rg", "-n", "two", "-f", template, "-p", "prefix=p",
                      "--verbose"], env=slow)
    assert lost and lost[0][0] and lost[0][1] == 201, lost  # the first PUT was applied, its answer lost
    assert done.exit_code == 0, done
    assert "Retrying PUT" in done.stderr and "/deployments/two" in done.stderr
    assert done.json()["properties"]["provisioningState"] == "Succeeded"
    operations = local_cli("deployment operation group list -g rg -n two").json()
    assert sorted(o["properties"]["targetResource"]["resourceName"] for o in operations) == ["p-0", "p-1"]
    names = local_cli("resource list -g rg --query [].name").json()
    assert sorted(names) == ["p-0", "p-1"]


def test_another_put_of_a_running_deployment_is_still_refused(local_cli, tmp_path):
    slow = {"AZCLI_LOCAL_LRO_SECONDS": "30"}
    assert local_cli("group create -n rg -l westus -o none").exit_code == 0
    template = write_json(tmp_path / "two.json", two_resource_template())
    args = ["deployment", "group", "create", "-g", "rg", "-n", "busy", "-f", template, "-p", "prefix=b"]
    assert local_cli(args + ["--no-wait"], env=slow).exit_code == 0
    again = local_cli(args, env=slow)  # the same body, but a new request
    assert again.exit_code == 6 and "DeploymentActive" in again.stderr, again


def test_a_retried_group_and_resource_put_take_effect_once(local_cli, lose_first_answer):
    lost = lose_first_answer("/resourcegroups/once")
    created = local_cli("group create -n once -l westus --tags a=1 --verbose")
    assert created.exit_code == 0 and lost, created
    assert "Retrying PUT" in created.stderr
    listed = local_cli("group list --query \"[?name=='once'].tags\"").json()
    assert listed == [{"a": "1"}]
