"""Microsoft.Network: every write is long-running (Azure-AsyncOperation) and gets a new etag; the common
types carry a resourceGuid, public IPs an address and an FQDN.

Virtual networks and their subnets, security groups and their rules are kept in step both ways
(rp/network_links.py); address spaces, subnet ranges and NIC addresses follow Azure's rules
(rp/network_ip.py): ARM's NetcfgInvalidSubnet, NetcfgSubnetRangesOverlap, InUseSubnetCannotBeDeleted.
"""
from . import ASYNC, ResourceType, keep
from . import network_ip as ip
from . import network_links as links
from .network_nic import NetworkInterface
from ..common.errors import ArmError
from ..common.values import new_guid
from ..store import records

SUBNET_TYPE = "Microsoft.Network/virtualNetworks/subnets"
RULE_TYPE = "Microsoft.Network/networkSecurityGroups/securityRules"
_DEFAULT_RULES = (
    ("AllowVnetInBound", "Allow inbound traffic from all VMs in VNET", "VirtualNetwork", "VirtualNetwork",
     "Allow", 65000, "Inbound"),
    ("AllowAzureLoadBalancerInBound", "Allow inbound traffic from azure load balancer", "AzureLoadBalancer", "*",
     "Allow", 65001, "Inbound"),
    ("DenyAllInBound", "Deny all inbound traffic", "*", "*", "Deny", 65500, "Inbound"),
    ("AllowVnetOutBound", "Allow outbound traffic from all VMs to all VMs in VNET", "VirtualNetwork",
     "VirtualNetwork", "Allow", 65000, "Outbound"),
    ("AllowInternetOutBound", "Allow outbound traffic from all VMs to Internet", "*", "Internet", "Allow", 65001,
     "Outbound"),
    ("DenyAllOutBound", "Deny all outbound traffic", "*", "*", "Deny", 65500, "Outbound"),
)


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
        props.setdefault("ipTags", [])
        if old_properties.get("ipConfiguration") and "ipConfiguration" not in props:
            props["ipConfiguration"] = old_properties["ipConfiguration"]
        if method.lower() == "static" or props.get("ipConfiguration"):
            keep(props, old_properties, "ipAddress", ip.public_address)
        dns = props.get("dnsSettings")
        if isinstance(dns, dict) and isinstance(dns.get("domainNameLabel"), str) and doc.get("location"):
            dns["fqdn"] = "%s.%s.cloudapp.azure.com" % (dns["domainNameLabel"], doc["location"])


def _subnet_defaults(child, old_props):
    props = child["properties"]
    props.setdefault("privateEndpointNetworkPolicies", "Disabled")
    props.setdefault("privateLinkServiceNetworkPolicies", "Enabled")
    props.setdefault("delegations", [])
    props.pop("ipConfigurations", None)  # the RP's own list: the NICs in the subnet
    if old_props.get("ipConfigurations"):
        props["ipConfigurations"] = old_props["ipConfigurations"]


def _rule_defaults(child, old_props):
    props = child["properties"]
    for key in ("sourcePortRanges", "destinationPortRanges", "sourceAddressPrefixes", "destinationAddressPrefixes"):
        props.setdefault(key, [])


def _check_rules(nsg_id, rules):
    """rules: [(name, id, properties)]; priorities in range, unique per direction."""
    seen = {}
    for name, rule_id, props in rules:
        priority = props.get("priority")
        if not isinstance(priority, int) or isinstance(priority, bool) or not 100 <= priority <= 4096:
            raise ArmError(400, "SecurityRuleInvalidPriority", "Security rule has invalid Priority. Value provided: "
                           "%s Allowed range 100-4096." % priority)
        for key in ("protocol", "access", "direction"):
            if not isinstance(props.get(key), str):
                raise ArmError(400, "SecurityRuleParameterMissing", "Security rule %s is missing the required "
                               "property '%s'." % (rule_id, key))
        slot = (props["direction"].lower(), priority)
        if slot in seen and seen[slot].lower() != name.lower():
            raise ArmError(400, "SecurityRuleConflict", "Security rule %s conflicts with rule %s. Rules cannot have "
                           "the same Priority and Direction. To learn more, see aka.ms/nsgrules."
                           % (name, seen[slot]))
        seen[slot] = name


class VirtualNetwork(GuidResource):
    def __init__(self):
        super().__init__("Microsoft.Network/virtualNetworks")

    def complete(self, doc, old_properties, caller):
        super().complete(doc, old_properties, caller)
        props = doc["properties"]
        props.setdefault("enableDdosProtection", False)
        props.setdefault("virtualNetworkPeerings", [])

    def prepare_write(self, db, caller, doc, existing):
        props = doc["properties"]
        space = ip.address_space((props.get("addressSpace") or {}).get("addressPrefixes"), doc["id"])
        dropped = links.expand_inline(db, doc, existing, "subnets", SUBNET_TYPE, "subnets", _subnet_defaults)
        for child in props["subnets"]:
            if child["properties"].get("networkSecurityGroup"):
                links.require(db, child["properties"]["networkSecurityGroup"], child["id"], "networkSecurityGroup")
        ip.check_subnets(doc["name"], space, [(c["name"], c["id"], ip.subnet_prefixes(c["properties"]))
                                              for c in props["subnets"]])
        for row in dropped:
            links.in_use(row)

    def stored(self, db, caller, doc):
        links.write_inline(db, caller, doc, "subnets", SUBNET_TYPE)

    def check_delete(self, db, caller, row):
        for child in records.children(db, row["id"], SUBNET_TYPE):
            links.in_use(child)


class Subnet(NetworkResource):
    type = SUBNET_TYPE

    def complete(self, doc, old_properties, caller):
        _subnet_defaults(doc, old_properties)

    def prepare_write(self, db, caller, doc, existing):
        vnet_id = doc["id"].rsplit("/subnets/", 1)[0]
        vnet = records.get(db, vnet_id)
        vnet_doc = links.body(vnet)
        space = ip.address_space(((vnet_doc.get("properties") or {}).get("addressSpace") or {}).get("addressPrefixes"),
                                 vnet["id"])
        if doc["properties"].get("networkSecurityGroup"):
            links.require(db, doc["properties"]["networkSecurityGroup"], doc["id"], "networkSecurityGroup")
        siblings = [(s["name"], s["id"], ip.subnet_prefixes(links.body(s).get("properties") or {}))
                    for s in records.children(db, vnet_id, SUBNET_TYPE) if s["id_lc"] != doc["id"].lower()]
        ip.check_subnets(vnet_doc["name"], space, siblings + [(doc["name"], doc["id"],
                                                             ip.subnet_prefixes(doc["properties"]))])

    def stored(self, db, caller, doc):
        links.set_in_parent(db, records.get(db, doc["id"].rsplit("/subnets/", 1)[0]), "subnets", doc, caller.now)

    def check_delete(self, db, caller, row):
        links.in_use(row)

    def removed(self, db, row):
        vnet = records.get(db, row["parent_lc"])
        if vnet is not None and vnet["state"] != "Deleting":
            links.set_in_parent(db, vnet, "subnets", links.body(row), vnet["changed"], remove=True)


class NetworkSecurityGroup(GuidResource):
    def __init__(self):
        super().__init__("Microsoft.Network/networkSecurityGroups")

    def complete(self, doc, old_properties, caller):
        super().complete(doc, old_properties, caller)
        props = doc["properties"]
        props["defaultSecurityRules"] = [
            {"name": name, "id": "%s/defaultSecurityRules/%s" % (doc["id"], name), "etag": doc.get("etag"),
             "type": "Microsoft.Network/networkSecurityGroups/defaultSecurityRules",
             "properties": {"provisioningState": "Succeeded", "description": text, "protocol": "*",
                            "sourcePortRange": "*", "destinationPortRange": "*", "sourceAddressPrefix": source,
                            "destinationAddressPrefix": destination, "access": access, "priority": priority,
                            "direction": direction, "sourcePortRanges": [], "destinationPortRanges": [],
                            "sourceAddressPrefixes": [], "destinationAddressPrefixes": []}}
            for name, text, source, destination, access, priority, direction in _DEFAULT_RULES]

    def prepare_write(self, db, caller, doc, existing):
        doc["properties"].setdefault("securityRules", [])
        links.expand_inline(db, doc, existing, "securityRules", RULE_TYPE, "securityRules", _rule_defaults)
        _check_rules(doc["id"], [(r["name"], r["id"], r["properties"]) for r in doc["properties"]["securityRules"]])

    def stored(self, db, caller, doc):
        links.write_inline(db, caller, doc, "securityRules", RULE_TYPE)


class SecurityRule(NetworkResource):
    type = RULE_TYPE

    def complete(self, doc, old_properties, caller):
        _rule_defaults(doc, old_properties)

    def prepare_write(self, db, caller, doc, existing):
        nsg_id = doc["id"].rsplit("/securityRules/", 1)[0]
        rules = [(r["name"], r["id"], links.body(r).get("properties") or {})
                 for r in records.children(db, nsg_id, RULE_TYPE) if r["id_lc"] != doc["id"].lower()]
        _check_rules(nsg_id, rules + [(doc["name"], doc["id"], doc["properties"])])

    def stored(self, db, caller, doc):
        links.set_in_parent(db, records.get(db, doc["id"].rsplit("/securityRules/", 1)[0]), "securityRules", doc,
                            caller.now)

    def removed(self, db, row):
        nsg = records.get(db, row["parent_lc"])
        if nsg is not None and nsg["state"] != "Deleting":
            links.set_in_parent(db, nsg, "securityRules", links.body(row), nsg["changed"], remove=True)


TYPES = [NetworkResource(), PublicIPAddress(), VirtualNetwork(), Subnet(), NetworkSecurityGroup(), SecurityRule(),
         NetworkInterface()]
