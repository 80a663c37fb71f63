"""Microsoft.Network/networkInterfaces: each IP configuration gets a private address from its subnet
(the lowest free one after the five Azure reserves, or the static one asked for), the subnet lists the
configuration, and a public IP it names is attached (a Dynamic one gets its address then)."""
import json

from . import ASYNC, ResourceType, keep
from . import network_ip as ip
from . import network_links as links
from ..common.errors import ArmError
from ..common.values import new_guid
from ..store import records


def _subnets(doc):
    return [((c.get("properties") or {}).get("subnet") or {}).get("id")
            for c in (doc.get("properties") or {}).get("ipConfigurations") or []]


class NetworkInterface(ResourceType):
    type = "Microsoft.Network/networkInterfaces"
    lro = ASYNC
    creating_state = "Updating"
    etag = True

    def complete(self, doc, old_properties, caller):
        props = doc["properties"]
        keep(props, old_properties, "resourceGuid", new_guid)
        props.setdefault("enableAcceleratedNetworking", False)
        props.setdefault("enableIPForwarding", False)
        props.setdefault("disableTcpStateTracking", False)
        props.setdefault("nicType", "Standard")
        dns = props.setdefault("dnsSettings", {})
        if isinstance(dns, dict):
            dns.setdefault("dnsServers", [])
            dns["appliedDnsServers"] = list(dns.get("dnsServers") or [])

    def prepare_write(self, db, caller, doc, existing):
        configs = doc["properties"].get("ipConfigurations")
        if not isinstance(configs, list) or not configs:
            raise ArmError(400, "NetworkInterfaceMustHaveAtLeastOneIpConfiguration", "Network interface %s must "
                           "have one or more IP configurations." % doc["id"])
        old = {c.get("name", "").lower(): c.get("properties") or {}
               for c in ((json.loads(existing["body"]).get("properties") or {}).get("ipConfigurations") or []
                         if existing is not None else [])}
        if doc["properties"].get("networkSecurityGroup"):
            links.require(db, doc["properties"]["networkSecurityGroup"], doc["id"], "networkSecurityGroup")
        taken = {}
        doc["properties"]["ipConfigurations"] = [self._config(db, doc, c, i, old, taken) for i, c in enumerate(configs)]

    def _config(self, db, doc, config, index, old, taken):
        name = config.get("name") if isinstance(config, dict) else None
        if not isinstance(name, str) or not name:
            raise ArmError(400, "InvalidRequestFormat", "Cannot parse the request: an IP configuration of %s has "
                           "no name." % doc["id"])
        props = dict(config.get("properties") or {})
        props.pop("provisioningState", None)
        config_id = "%s/ipConfigurations/%s" % (doc["id"], name)
        subnet = links.require(db, props.get("subnet"), config_id, "subnet")
        props["subnet"] = {"id": subnet["id"]}
        if props.get("publicIPAddress"):
            props["publicIPAddress"] = {"id": links.require(db, props["publicIPAddress"], config_id,
                                                            "publicIPAddress")["id"]}
        prefixes = ip.subnet_prefixes(links.body(subnet).get("properties") or {})
        used = taken.setdefault(subnet["id_lc"], {a for _, a in links.nic_configurations(db, subnet["id"], doc["id"])
                                                   if a})
        method = props.get("privateIPAllocationMethod") or ("Static" if props.get("privateIPAddress") else "Dynamic")
        props["privateIPAllocationMethod"] = method
        before = old.get(name.lower()) or {}
        same_subnet = str((before.get("subnet") or {}).get("id", "")).lower() == subnet["id_lc"]
        if method.lower() == "static":
            ip.check_static(props.get("privateIPAddress"), prefixes, used, config_id)
        elif same_subnet and before.get("privateIPAddress") and before["privateIPAddress"] not in used:
            props["privateIPAddress"] = before["privateIPAddress"]
        else:
            props["privateIPAddress"] = ip.allocate(prefixes, used)
            if props["privateIPAddress"] is None:
                raise ArmError(400, "SubnetIsFull", "Subnet %s with address prefix %s does not have enough capacity "
                               "for 1 IP addresses." % (subnet["name"], ", ".join(prefixes)))
        used.add(props["privateIPAddress"])
        props.setdefault("privateIPAddressVersion", "IPv4")
        props["primary"] = props.get("primary", index == 0)
        props["provisioningState"] = "Succeeded"
        return {"name": name, "id": config_id, "etag": doc.get("etag"),
                "type": "Microsoft.Network/networkInterfaces/ipConfigurations", "properties": props}

    def stored(self, db, caller, doc):
        links.refresh_subnet_refs(db, _subnets(doc) + self._previous_subnets(db, doc), caller.now)
        for config in doc["properties"]["ipConfigurations"]:
            ref = config["properties"].get("publicIPAddress")
            row = records.get(db, ref["id"]) if ref else None
            if row is not None:
                self._attach(db, row, config["id"], caller.now)

    def _previous_subnets(self, db, doc):
        hidden = records.hidden(records.get(db, doc["id"]))
        subnets = hidden.get("subnets") or []
        records.update_hidden(db, records.get(db, doc["id"]), subnets=[s for s in _subnets(doc) if s])
        return subnets

    def _attach(self, db, row, config_id, now):
        pip = links.body(row)
        props = pip.setdefault("properties", {})
        props["ipConfiguration"] = {"id": config_id}
        props.setdefault("ipAddress", ip.public_address())
        records.update_body(db, row, pip, now)

    def check_delete(self, db, caller, row):
        if (links.body(row).get("properties") or {}).get("virtualMachine"):
            raise ArmError(400, "NicInUse", "Network Interface %s is used by existing resource %s. In order to "
                           "delete the network interface, it must be dissociated from the resource."
                           % (row["id"], links.body(row)["properties"]["virtualMachine"].get("id")))

    def removed(self, db, row):
        doc = links.body(row)
        links.refresh_subnet_refs(db, _subnets(doc), row["changed"], exclude_nic=row["id"])
        for config in (doc.get("properties") or {}).get("ipConfigurations") or []:
            ref = (config.get("properties") or {}).get("publicIPAddress")
            pip = records.get(db, ref["id"]) if isinstance(ref, dict) and ref.get("id") else None
            if pip is not None:
                body = links.body(pip)
                body.get("properties", {}).pop("ipConfiguration", None)
                if (body.get("properties") or {}).get("publicIPAllocationMethod", "").lower() == "dynamic":
                    body["properties"].pop("ipAddress", None)
                records.update_body(db, pip, body, pip["changed"])
