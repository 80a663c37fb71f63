"""`azcli cloud ...` (discovery from {arm}/metadata/endpoints is covered against `azcli local serve`)."""


def _ok(result):
    assert result.exit_code == 0, result
    return result


def test_builtin_clouds(cli):
    clouds = _ok(cli("cloud list")).json()
    assert [c["name"] for c in clouds] == ["AzureCloud", "AzureChinaCloud", "AzureUSGovernment", "LocalCloud"]
    assert [c["name"] for c in clouds if c["isActive"]] == ["AzureCloud"]
    china = _ok(cli("cloud show -n azurechinacloud")).json()
    assert china["name"] == "AzureChinaCloud"
    assert china["endpoints"]["resourceManager"] == "https://management.chinacloudapi.cn/"
    assert china["endpoints"]["activeDirectory"] == "https://login.chinacloudapi.cn"
    assert _ok(cli("cloud show")).json()["name"] == "AzureCloud"
    table = _ok(cli("cloud list -o table")).stdout.splitlines()
    assert table[0].split() == ["IsActive", "Name", "Profile"]  # az's automatic table (az 2.91)


def test_register_update_set_unregister(cli):
    args = ["cloud", "register", "-n", "MyStack", "--skip-endpoint-discovery",
            "--endpoint-resource-manager", "https://arm.stack.example/",
            "--endpoint-active-directory", "https://login.stack.example",
            "--endpoint-active-directory-resource-id", "https://arm.stack.example/",
            "--suffix-storage-endpoint", "stack.example"]
    assert _ok(cli(args)).stdout == ""  # like az, register prints nothing
    registered = _ok(cli("cloud show -n MyStack")).json()
    assert registered["name"] == "MyStack" and registered["isActive"] is False
    assert registered["endpoints"]["activeDirectoryResourceId"] == "https://arm.stack.example/"
    assert registered["suffixes"] == {"storageEndpoint": "stack.example"}
    duplicate = cli(["cloud", "register", "-n", "mystack", "--skip-endpoint-discovery",
                     "--endpoint-resource-manager", "https://x.example", "--endpoint-active-directory",
                     "https://y.example"])
    assert duplicate.exit_code == 1 and "already registered" in duplicate.stderr
    _ok(cli("cloud update -n MYSTACK --endpoint-active-directory https://login2.stack.example"))
    updated = _ok(cli("cloud show -n mystack")).json()
    assert updated["name"] == "MyStack" and updated["endpoints"]["activeDirectory"] == "https://login2.stack.example"
    _ok(cli("cloud set -n mystack"))
    assert _ok(cli("cloud show")).json()["name"] == "MyStack"
    signed_out = cli("account show")
    assert signed_out.exit_code == 4 and "MyStack" in signed_out.stderr
    refused = cli("cloud unregister -n MyStack")
    assert refused.exit_code == 1 and "active" in refused.stderr
    _ok(cli("cloud set -n AzureCloud"))
    _ok(cli("cloud unregister -n mystack"))
    assert cli("cloud show -n MyStack").exit_code == 3


def test_register_needs_endpoints(cli):
    assert cli("cloud register -n Nothing").exit_code == 2
    missing_ad = cli("cloud register -n Half --skip-endpoint-discovery --endpoint-resource-manager https://a.example")
    assert missing_ad.exit_code == 2 and "activeDirectory" in missing_ad.stderr
    plain_http = cli("cloud register -n Http --skip-endpoint-discovery --endpoint-resource-manager http://a.example "
                     "--endpoint-active-directory https://b.example")
    assert plain_http.exit_code == 2 and "https" in plain_http.stderr
    assert [c["name"] for c in _ok(cli("cloud list")).json()][-1] == "LocalCloud"


def test_builtin_clouds_cannot_change(cli):
    assert cli("cloud unregister -n AzureCloud").exit_code == 2
    assert cli("cloud update -n azurecloud --endpoint-active-directory https://x.example").exit_code == 2
    assert cli("cloud register -n azureusgovernment --skip-endpoint-discovery --endpoint-resource-manager "
               "https://a.example --endpoint-active-directory https://b.example").exit_code == 2
    assert cli("cloud set -n NoSuchCloud").exit_code == 3


def test_discovery_failure_is_one_clear_error(cli):
    result = cli("cloud register -n Unreachable --endpoint-resource-manager https://127.0.0.1:9")
    assert result.exit_code == 1 and "Cannot discover the endpoints" in result.stderr
    assert "--skip-endpoint-discovery" in result.stderr and "Traceback" not in result.stderr


def test_each_cloud_keeps_its_own_sign_in(local_cli):
    _ok(local_cli("cloud set -n AzureCloud"))
    assert local_cli("account list").exit_code == 4
    _ok(local_cli("cloud set -n localcloud"))
    assert len(_ok(local_cli("account list")).json()) == 1
    assert len(_ok(local_cli("account list --all")).json()) == 1
