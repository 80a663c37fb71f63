"""The local cloud refuses what ARM refuses: tag limits (groups and resources), ARM's generic resource-name
rule, and ids compared case-insensitively but served as written."""
import pytest

AVSET = "Microsoft.Compute/availabilitySets"


def ok(result):
    assert result.exit_code == 0, result
    return result


@pytest.mark.parametrize("tags, code", [
    (["n" * 513 + "=v"], "InvalidTagNameLength"),
    (["n=" + "v" * 257], "InvalidTagValueLength"),
    (["t%d=v" % i for i in range(51)], "InvalidTagsCount"),
    (["a?b=v"], "InvalidTagNameCharacters"),
])
def test_tag_limits_for_groups_and_resources(local_cli, tags, code):
    cli = local_cli
    refused = cli(["group", "create", "-n", "tg", "-l", "westus", "--tags"] + tags)
    assert refused.exit_code == 1 and code in refused.stderr, refused
    ok(cli("group create -n tg -l westus -o none"))
    made = ok(cli(["resource", "create", "-g", "tg", "-n", "a", "--resource-type", AVSET, "-p", "{}"])).json()
    refused = cli(["resource", "tag", "--ids", made["id"], "--tags"] + tags)
    assert refused.exit_code == 1 and code in refused.stderr, refused
    refused = cli(["resource", "create", "-g", "tg", "-n", "b", "--resource-type", AVSET, "--is-full-object",
                   "-p", '{"location": "westus", "tags": {%s}}' % ", ".join(
                       '"%s": "%s"' % tuple(t.split("=", 1)) for t in tags)])
    assert refused.exit_code == 1 and code in refused.stderr, refused


def test_the_limits_themselves_are_allowed(local_cli):
    cli = local_cli
    tags = ["n" * 512 + "=" + "v" * 256] + ["t%d=v" % i for i in range(49)]
    assert len(ok(cli(["group", "create", "-n", "lim", "-l", "westus", "--tags"] + tags)).json()["tags"]) == 50


@pytest.mark.parametrize("name", ["a" * 261, "ends.", "ends ", "a<b", "a%25b", "a&b"])
def test_generic_resource_name_rule(local_cli, name):
    cli = local_cli
    ok(cli("group create -n nr -l westus -o none"))
    refused = cli(["resource", "create", "-g", "nr", "-n", name, "--resource-type", AVSET, "-p", "{}"])
    assert refused.exit_code == 1 and "InvalidResourceName" in refused.stderr, refused


def test_ids_are_case_insensitive_and_served_as_written(local_cli):
    cli = local_cli
    ok(cli("group create -n MixedCase -l westus -o none"))
    made = ok(cli(["resource", "create", "-g", "mixedcase", "-n", "MyAvSet", "--resource-type", AVSET, "-p", "{}"]))
    assert "/resourceGroups/MixedCase/providers/Microsoft.Compute/availabilitySets/MyAvSet" in made.json()["id"]
    shown = ok(cli(["resource", "show", "--ids", made.json()["id"].upper(), "--query", "name", "-o", "tsv"]))
    assert shown.stdout == "MyAvSet\n"
    assert ok(cli("group show -n MIXEDCASE --query name -o tsv")).stdout == "MixedCase\n"
