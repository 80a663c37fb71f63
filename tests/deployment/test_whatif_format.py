"""The what-if report, from the what-if results ARM returned in az's recordings and from built ones."""
import json
from pathlib import Path

import yaml

from azcli.command_modules.deployment._whatif_format import (GREEN, ORANGE, PURPLE, RESET, format_what_if,
                                                             split_resource_id)

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
CASSETTES = SHARED / "arm-recordings" / "cassettes"
SUB = "/subscriptions/00000000-0000-0000-0000-000000000001"


def recorded_what_if_results(name):
    path = CASSETTES / name
    assert path.is_file(), "the shared ARM recordings are missing: {}".format(path)
    bodies = [i["response"]["body"]["string"] for i in yaml.safe_load(path.read_text(encoding="utf-8"))["interactions"]]
    return [json.loads(b) for b in bodies if b and '"changes"' in b]


def body_of(report):
    """The report without the noise notice (two lines and a blank one)."""
    return report.split("\n", 3)[3]


def test_recorded_group_what_if_shows_the_sku_modification():
    result = recorded_what_if_results("test_resource_group_level_what_if.yaml")[0]
    report = format_what_if(result)
    assert report.startswith("Note: The result may contain false positive predictions (noise).\n")
    assert body_of(report) == (
        "Resource and property changes are indicated with this symbol:\n"
        "  ~ Modify\n"
        "\n"
        "The deployment will update the following scope:\n"
        "\n"
        "Scope: /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/cli_test_deployment_what_if000001\n"
        "\n"
        "  ~ Microsoft.Storage/storageAccounts/store3ltwqnrsvfhvk [2019-04-01]\n"
        '    ~ sku.name: "Standard_LRS" => "Standard_GRS"\n'
        "\n"
        "Resource changes: 1 to modify.")
    assert "\033" not in report


def test_recorded_subscription_what_if_nested_path():
    results = recorded_what_if_results("test_subscription_level_what_if.yaml")
    assert len(results) == 2
    report = format_what_if(results[0])
    assert "Scope: /subscriptions/00000000-0000-0000-0000-000000000000\n" in report
    assert "  ~ Microsoft.Authorization/policyDefinitions/policy-for-what-if-test [2018-05-01]\n" in report
    assert '    ~ properties.policyRule.if.equals: "northeurope" => "westeurope"\n' in report


def test_colour_only_when_asked():
    result = recorded_what_if_results("test_resource_group_level_what_if.yaml")[0]
    coloured = format_what_if(result, colour=True)
    assert PURPLE + "~" + RESET + " Modify" in coloured
    assert (ORANGE + '"Standard_LRS"') in coloured and (GREEN + '"Standard_GRS"') in coloured
    assert coloured.replace(PURPLE, "").replace(ORANGE, "").replace(GREEN, "").replace(RESET, "") == \
        format_what_if(result)


def test_create_and_delete_show_payloads_aligned_and_changes_sorted():
    changes = [
        {"resourceId": SUB + "/resourceGroups/rg/providers/Microsoft.Web/sites/zeta", "changeType": "Create",
         "after": {"apiVersion": "2022-03-01", "name": "zeta", "tags": {"env": "dev"}, "kinds": ["a", "b"]}},
        {"resourceId": SUB + "/resourceGroups/rg/providers/Microsoft.Web/sites/alpha", "changeType": "Delete",
         "before": {"apiVersion": "2022-03-01", "name": "alpha", "enabled": True, "count": 3, "none": None}},
        {"resourceId": SUB + "/resourceGroups/rg/providers/Microsoft.Web/sites/beta", "changeType": "NoChange"},
    ]
    body = body_of(format_what_if({"properties": {"changes": changes}}))
    assert body.startswith("Resource and property changes are indicated with these symbols:\n"
                           "  - Delete\n  + Create\n  = Nochange\n")
    assert (
        "  - Microsoft.Web/sites/alpha [2022-03-01]\n\n"
        '      apiVersion: "2022-03-01"\n'
        '      name:       "alpha"\n'
        "      enabled:    true\n"
        "      count:      3\n"
        "      none:       null\n\n"
        "  + Microsoft.Web/sites/zeta [2022-03-01]\n\n"
        '      apiVersion: "2022-03-01"\n'
        '      name:       "zeta"\n'
        '      tags.env:   "dev"\n'
        "      kinds: [\n"
        '        0: "a"\n'
        '        1: "b"\n'
        "      ]\n\n"
        "  = Microsoft.Web/sites/beta\n\n"
        "Resource changes: 1 to delete, 1 to create, 1 no change.") in body


def test_property_deltas_nested_objects_and_arrays():
    delta = [
        {"path": "properties.siteConfig", "propertyChangeType": "Modify", "children": [
            {"path": "alwaysOn", "propertyChangeType": "Modify", "before": False, "after": True}]},
        {"path": "tags", "propertyChangeType": "Delete", "before": {"owner": "bob"}},
        {"path": "properties.ipRules", "propertyChangeType": "Array", "children": [
            {"path": "1", "propertyChangeType": "Create", "after": {"value": "10.0.0.0/24"}},
            {"path": "0", "propertyChangeType": "Delete", "before": "1.2.3.4"}]},
        {"path": "kind", "propertyChangeType": "NoEffect", "after": "app"},
    ]
    change = {"resourceId": SUB + "/resourceGroups/rg/providers/Microsoft.Web/sites/s1", "changeType": "Modify",
              "delta": delta}
    body = body_of(format_what_if({"changes": [change]}))
    assert "  x Noeffect\n" in body and "  - Delete\n" in body and "  + Create\n" in body
    assert (
        "  ~ Microsoft.Web/sites/s1\n"
        "    - tags:\n\n"
        '        owner: "bob"\n\n'
        "    ~ properties.ipRules: [\n"
        '      - 0: "1.2.3.4"\n'
        "      + 1:\n\n"
        '          value: "10.0.0.0/24"\n\n'
        "      ]\n"
        "    ~ properties.siteConfig:\n\n"
        "      ~ alwaysOn: false => true\n\n"
        # a modification with children counts for the width (its `before` is empty), as in az
        '    x kind:                  "app"\n') in body


def test_scopes_potential_changes_and_diagnostics():
    changes = [
        {"resourceId": SUB + "/resourceGroups/RG2/providers/p/a", "changeType": "Ignore"},
        {"resourceId": SUB + "/resourceGroups/rg1/providers/p/b", "changeType": "Deploy"},
        {"resourceId": "/providers/Microsoft.Management/managementGroups/mg1/providers/p/c",
         "changeType": "Unsupported", "unsupportedReason": "Cannot be analyzed."},
    ]
    result = {"changes": changes, "potentialChanges": [{"resourceId": SUB + "/providers/p/d", "changeType": "Create"}],
              "diagnostics": [{"level": "Warning", "code": "NestedDeploymentShortCircuited", "target": "/x",
                               "message": "Could not be expanded."}]}
    report = format_what_if(result)
    assert "The deployment will update the following scopes:\n" in report
    scopes = [line for line in report.splitlines() if line.startswith("Scope: ")]
    # sorted case-insensitively; the potential change's scope comes in its own section
    assert scopes == ["Scope: /providers/Microsoft.Management/ManagementGroups/mg1",
                      "Scope: " + SUB + "/resourceGroups/rg1", "Scope: " + SUB + "/resourceGroups/RG2",
                      "Scope: " + SUB]
    assert "Resource changes: 1 to deploy, 1 unsupported, 1 to ignore." in report
    assert "The following change MAY OR MAY NOT be deployed to the following scope:" in report
    assert "Potential changes: 1 to create." in report
    assert report.endswith("Diagnostics (2): \n"
                           "p/c (Unsupported) Cannot be analyzed.\n"
                           "/x (NestedDeploymentShortCircuited) Could not be expanded.\n")


def test_no_changes_at_all():
    report = format_what_if({"status": "Succeeded", "properties": {"changes": []}})
    assert body_of(report) == "\nResource changes: no change."


def test_split_resource_id():
    assert split_resource_id(SUB.upper() + "/resourceGroups/rg/providers/A.B/c/d") == \
        (SUB + "/resourceGroups/rg", "A.B/c/d")
    assert split_resource_id(SUB + "/resourceGroups/rg") == (SUB, "resourceGroups/rg")
    assert split_resource_id("/providers/Microsoft.Management/managementGroups/m") == \
        ("/", "Microsoft.Management/ManagementGroups/m")
    assert split_resource_id("/providers/Microsoft.Authorization/policyDefinitions/p") == \
        ("/", "Microsoft.Authorization/policyDefinitions/p")
