"""Microsoft.KeyVault: vaults know their URI and tenant."""
from . import ResourceType, keep


class Vault(ResourceType):
    type = "Microsoft.KeyVault/vaults"

    def complete(self, doc, old_properties, caller):
        props = doc["properties"]
        keep(props, old_properties, "vaultUri", "https://%s.vault.azure.net/" % doc["name"])
        keep(props, old_properties, "tenantId", caller.subscription["tenant_lc"])


TYPES = [Vault()]
