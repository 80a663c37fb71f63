"""Microsoft.Network: every write is long-running (Azure-AsyncOperation) and gets a new etag; the common
types carry a resourceGuid, public IPs an address and an FQDN."""
import os

from . import ASYNC, ResourceType, keep
from ..common.values import new_guid


class NetworkResource(ResourceType):
    type = "Microsoft.Network"
    lro = ASYNC
    creating_state = "Updating"  # the Network RP reports Updating for creations too
    etag = True


class GuidResource(NetworkResource):
    def __init__(self, type_):
        self.type = type_

    def complete(self, doc, old_properties, caller):
        keep(doc["properties"], old_properties, "resourceGuid", new_guid)


def _address():
    """A public address from a range Azure allocates from (20.0.0.0/8)."""
    b = os.urandom(3)
    return "20.%d.%d.%d" % (b[0], b[1], max(1, b[2] % 255))


class PublicIPAddress(GuidResource):
    """Static (or Standard SKU) addresses are allocated at creation; Dynamic ones when attached, as in Azure."""

    def __init__(self):
        super().__init__("Microsoft.Network/publicIPAddresses")

    def complete(self, doc, old_properties, caller):
        super().complete(doc, old_properties, caller)
        props = doc["properties"]
        sku = (doc.get("sku") or {}).get("name", "Basic") if isinstance(doc.get("sku"), dict) else "Basic"
        method = props.get("publicIPAllocationMethod") or ("Static" if sku == "Standard" else "Dynamic")
        props["publicIPAllocationMethod"] = method
        props.setdefault("publicIPAddressVersion", "IPv4")
        props.setdefault("idleTimeoutInMinutes", 4)
        if method.lower() == "static":
            keep(props, old_properties, "ipAddress", _address)
        dns = props.get("dnsSettings")
        if isinstance(dns, dict) and isinstance(dns.get("domainNameLabel"), str) and doc.get("location"):
            dns["fqdn"] = "%s.%s.cloudapp.azure.com" % (dns["domainNameLabel"], doc["location"])


TYPES = [NetworkResource(), PublicIPAddress()] + [
    GuidResource("Microsoft.Network/" + t)
    for t in ("virtualNetworks", "networkSecurityGroups", "networkInterfaces")]
