"""resource create and patch as az: the group's location by default, full objects, merging patches."""
AVSET = "Microsoft.Compute/availabilitySets"


def ok(result):
    assert result.exit_code == 0, result
    return result


def test_create_takes_the_group_location_and_full_objects_name_theirs(local_cli):
    cli = local_cli
    ok(cli("group create -n cp -l eastus -o none"))
    made = ok(cli(["resource", "create", "-g", "cp", "-n", "a", "--resource-type", AVSET, "-p", "{}"])).json()
    assert made["location"] == "eastus"
    full = ok(cli(["resource", "create", "-g", "cp", "-n", "b", "--resource-type", AVSET, "--is-full-object",
                   "-p", '{"location": "westus", "tags": {"t": "1"}, "properties": {"platformFaultDomainCount": 2}}']))
    assert full.json()["location"] == "westus" and full.json()["tags"] == {"t": "1"}
    missing = cli(["resource", "create", "-g", "cp", "-n", "c", "--resource-type", AVSET, "--is-full-object",
                   "-l", "westus", "-p", '{"properties": {}}'])
    assert missing.exit_code == 2 and "location of the resource is required" in missing.stderr
    assert len(missing.stderr.splitlines()) == 1


def test_patch_merges_into_the_existing_properties(local_cli):
    cli = local_cli
    ok(cli("group create -n pm -l westus -o none"))
    ok(cli(["resource", "create", "-g", "pm", "-n", "a", "--resource-type", AVSET, "-p",
            '{"platformFaultDomainCount": 2}']))
    patched = ok(cli(["resource", "patch", "-g", "pm", "-n", "a", "--resource-type", AVSET, "-p",
                      '{"platformUpdateDomainCount": 5}'])).json()
    assert patched["properties"]["platformFaultDomainCount"] == 2
    assert patched["properties"]["platformUpdateDomainCount"] == 5
    tagged = ok(cli(["resource", "patch", "-g", "pm", "-n", "a", "--resource-type", AVSET, "--is-full-object",
                     "-p", '{"tags": {"k": "v"}}'])).json()
    assert tagged["tags"] == {"k": "v"} and tagged["properties"]["platformUpdateDomainCount"] == 5
