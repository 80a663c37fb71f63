"""The subscription entries `login` and `account list` print (shared with the knack-free reads)."""


def as_listed(entry):
    """az shows 'cloudName' in login and account list output, 'environmentName' in account show."""
    listed = {k: v for k, v in entry.items() if k != "environmentName"}
    listed["cloudName"] = entry.get("environmentName")
    return listed
