"""az and azcli, the same command, the same answer: exit code, stdout (JSON compared as data, after dropping
timestamps and etags) and, for a failure, the ARM error code az names. The differences azcli has on purpose
(cases.DIFFERENCES) skip the aspect they concern; each is a row of the README's table of them."""
import pytest

from parity_cases import DIFFERENCES, LATE_SCENARIOS, READ_CASES, SCENARIOS
from parity_run import case_key, normalized

CASES = list(READ_CASES) + [case_key(name, number, step) for scenarios in (SCENARIOS, LATE_SCENARIOS)
                            for name, steps in scenarios.items() for number, step in enumerate(steps)]


def _command(case):
    return case.split(": ", 1)[1] if " #" in case.split(": ", 1)[0] else case


def test_enough_paired_commands():
    assert len(CASES) >= 150


def test_every_listed_difference_is_a_case():
    assert set(DIFFERENCES) <= {_command(case) for case in CASES}


def test_every_difference_is_a_row_of_the_readme_table():
    import os
    with open(os.path.join(os.path.dirname(__file__), os.pardir, os.pardir, "README.md"), encoding="utf-8") as f:
        readme = f.read()
    table = readme[readme.index("### Intended differences from az"):]
    for _, name in DIFFERENCES.values():
        assert "| `%s` |" % name in table, name


@pytest.mark.parametrize("case", CASES)
def test_same_as_az(parity, case):
    az, azcli = parity[("az", case)], parity[("azcli", case)]
    aspects = DIFFERENCES.get(_command(case), ("", None))[0].split(",")
    if "code" not in aspects:
        assert azcli.code == az.code, (az, azcli)
    if "stdout" not in aspects:
        assert normalized(azcli.stdout) == normalized(az.stdout), (az, azcli)
    if az.code != 0 and az.arm_code() and "stderr" not in aspects:
        assert "(%s)" % az.arm_code() in azcli.stderr, (az, azcli)
    if azcli.code != 0:  # one ERROR line (a lock's refusal adds the command that removes the lock)
        lines = azcli.stderr.strip().splitlines()
        assert lines[0].startswith("ERROR: ") and (len(lines) == 1 or "Remove them with" in lines[1]), azcli
