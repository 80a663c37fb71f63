"""List and show commands without knack or the SDK against a served local cloud: over HTTPS, trusting what
azure-core's transport trusts, following nextLinks, with the same bytes as the SDK's path; with a proxy set
(which only the SDK's transport honours) the SDK's path answers."""
import pytest

from runner import CLI, run_fast, run_knack

from azcli.framework.plain_reads import answer


def _ok(result):
    assert result.exit_code == 0, result
    return result


def _both(config_dir, argv, env):
    return run_fast(answer, config_dir, argv, env), run_knack(config_dir, argv, env)


@pytest.fixture(scope="module")
def client(served, tmp_path_factory):
    """azcli signed in to the served cloud with a service principal, 60 groups (pages of 50) and a vnet."""
    from azure.mgmt.resource.resources import ResourceManagementClient
    d = served.details
    env = {"REQUESTS_CA_BUNDLE": d["caCertPath"]}
    cli = CLI(tmp_path_factory.mktemp("plain-served") / "azcli")
    _ok(cli(["cloud", "register", "-n", "Served", "--endpoint-resource-manager", d["resourceManager"]], env=env))
    _ok(cli("cloud set -n Served", env=env))
    _ok(cli(["login", "--service-principal", "-u", d["clientId"], "-p", d["clientSecret"], "-t", d["tenantId"]],
            env=env))
    groups = served.client(ResourceManagementClient).resource_groups
    for number in range(60):
        groups.create_or_update("page-%02d" % number, {"location": "westus", "tags": {"n": str(number)}})
    _ok(cli("network vnet create -g page-00 -n vnet1 --subnet-name s1 -o none", env=env))
    _ok(cli("account get-access-token -o none", env=env))
    return cli, env


@pytest.mark.parametrize("argv", [["group", "list"], ["group", "list", "--query", "length(@)"],
                                  ["group", "show", "-n", "page-07", "-o", "tsv"], ["resource", "list", "-g", "page-00"],
                                  ["group", "exists", "-n", "page-08"], ["group", "exists", "-n", "no-such-group"],
                                  ["network", "vnet", "list", "-g", "page-00"],
                                  ["network", "vnet", "show", "-g", "page-00", "-n", "vnet1"]])
def test_served_answers_are_the_sdk_paths(client, argv):
    cli, env = client
    fast, sdk = _both(cli.config_dir, argv, env)
    assert fast[0] == 0 and fast == sdk


def test_all_pages_are_listed(client):
    cli, env = client
    fast, _ = _both(cli.config_dir, ["group", "list", "--query", "length(@)"], env)
    assert fast == (0, "60\n")


@pytest.mark.parametrize("extra", [{"HTTPS_PROXY": "http://127.0.0.1:9"}, {"all_proxy": "http://127.0.0.1:9"}])
def test_a_proxy_is_the_sdk_paths(client, extra):
    cli, env = client
    assert run_fast(answer, cli.config_dir, ["group", "list"], dict(env, **extra)) == (None, "")


def test_an_untrusted_server_is_the_sdk_paths_to_report(client, tmp_path):
    cli, env = client
    other_ca = tmp_path / "other-ca.pem"
    import certifi
    other_ca.write_text(open(certifi.where()).read())
    assert run_fast(answer, cli.config_dir, ["group", "list"], dict(env, REQUESTS_CA_BUNDLE=str(other_ca))) == (None, "")
    refused = cli("group list", env=dict(env, REQUESTS_CA_BUNDLE=str(other_ca), AZCLI_CORE_HTTP_TIMEOUT="5"))
    assert refused.exit_code != 0 and refused.stdout == ""
