import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))


class LocalCloud:
    """The local cloud of a signed-in (--local) config dir, managed the way the CLI does it."""

    def __init__(self, cli):
        from azcli.emulator import local_identity
        self.cli = cli
        self.dir = str(cli.config_dir)
        self.identity = local_identity(self.dir)
        self.tenant = self.identity["tenantId"]
        self.sub = self.identity["subscriptionId"]

    def principal(self, args):
        result = self.cli("local principal create " + args)
        assert result.exit_code == 0, result
        return result.json()


@pytest.fixture
def local(local_cli):
    return LocalCloud(local_cli)
