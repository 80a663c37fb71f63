"""Rows Microsoft.Network keeps in step with each other.

A virtual network lists its subnets and a security group its rules inline, and each of those is also a
child resource of its own: a PUT of the parent with ``subnets`` creates, updates and deletes the child
rows; a PUT or DELETE of a child changes the parent's list (and the parent's etag, which ARM shares
between a virtual network and its subnets). A subnet lists the NIC IP configurations in it
(``ipConfigurations``), which is what makes it "in use".
"""
import json

from ..common.errors import ArmError
from ..common.values import new_guid
from ..store import db as store
from ..store import records

NIC_TYPE = "microsoft.network/networkinterfaces"
SERVED_CHILD = ("name", "id", "etag", "type", "properties")


def body(row):
    return json.loads(row["body"])


def embedded(doc):
    """A child as its parent lists it: no systemData, no hidden state."""
    return {k: doc[k] for k in SERVED_CHILD if k in doc}


def expand_inline(db, parent_doc, existing, prop, child_type, segment, complete_child):
    """Turn parent_doc's inline children into full child documents; return the existing child rows that
    the new list leaves out (the write deletes them)."""
    props = parent_doc["properties"]
    items = props.get(prop)
    olds = {}
    if existing is not None:
        olds = {row["name"].lower(): row for row in records.children(db, existing["id"], child_type)}
    children, names = [], set()
    for item in items or []:
        name = item.get("name") if isinstance(item, dict) else None
        if not isinstance(name, str) or not name:
            raise ArmError(400, "InvalidRequestFormat", "Cannot parse the request: a member of '%s' of %s has no "
                           "name." % (prop, parent_doc["id"]))
        if name.lower() in names:
            raise ArmError(400, "InvalidRequestFormat", "Cannot parse the request: '%s' is listed twice in '%s' of "
                           "%s." % (name, prop, parent_doc["id"]))
        names.add(name.lower())
        old = olds.get(name.lower())
        old_props = body(old).get("properties") or {} if old is not None else {}
        child = {"name": name, "id": "%s/%s/%s" % (parent_doc["id"], segment, name), "etag": parent_doc.get("etag"),
                 "type": child_type, "properties": dict(item.get("properties") or {})}
        child["properties"].pop("provisioningState", None)
        complete_child(child, old_props)
        child["properties"]["provisioningState"] = "Succeeded"
        children.append(child)
    props[prop] = children
    return [row for key, row in olds.items() if key not in names]


def write_inline(db, caller, parent_doc, prop, child_type):
    """Store parent_doc's children as rows; delete the child rows it no longer lists."""
    keep = set()
    for child in parent_doc["properties"].get(prop) or []:
        sub, group = child["id"].split("/")[2], child["id"].split("/")[4]
        records.put(db, child["id"], child["type"], sub, group, parent_doc["id"], child["name"], None, child,
                    caller.now)
        keep.add(child["id"].lower())
    for row in list(records.children(db, parent_doc["id"], child_type)):
        if row["id_lc"] not in keep:
            store.delete_under(db, row["id_lc"])


def set_in_parent(db, parent_row, prop, child_doc, now, remove=False):
    """Replace (or remove) child_doc in the parent row's list; the parent takes the child's new etag."""
    doc = body(parent_row)
    props = doc.setdefault("properties", {})
    items = list(props.get(prop) or [])
    at = next((i for i, item in enumerate(items) if str(item.get("name", "")).lower() == child_doc["name"].lower()),
              None)
    if remove:
        if at is not None:
            items.pop(at)
    elif at is None:
        items.append(embedded(child_doc))
    else:
        items[at] = embedded(child_doc)
    props[prop] = items
    if "etag" in doc:
        doc["etag"] = child_doc.get("etag") if not remove and child_doc.get("etag") else 'W/"%s"' % new_guid()
    records.update_body(db, parent_row, doc, now)


def nic_configurations(db, subnet_id, exclude_nic=None):
    """[(ip configuration id, privateIPAddress)] of every NIC IP configuration in subnet_id."""
    out = []
    for row in db.execute("SELECT id_lc, body FROM resources WHERE type_lc = ?", (NIC_TYPE,)):
        if exclude_nic is not None and row["id_lc"] == exclude_nic.lower():
            continue
        for config in (json.loads(row["body"]).get("properties") or {}).get("ipConfigurations") or []:
            props = config.get("properties") or {}
            if str((props.get("subnet") or {}).get("id", "")).lower() == subnet_id.lower():
                out.append((config.get("id"), props.get("privateIPAddress")))
    return out


def refresh_subnet_refs(db, subnet_ids, now, exclude_nic=None):
    """Recompute ``ipConfigurations`` of each subnet (and of its copy in its virtual network)."""
    for subnet_id in {s.lower() for s in subnet_ids if s}:
        row = records.get(db, subnet_id)
        if row is None:
            continue
        doc = body(row)
        refs = [{"id": config_id} for config_id, _ in nic_configurations(db, subnet_id, exclude_nic)]
        if refs:
            doc["properties"]["ipConfigurations"] = refs
        else:
            doc["properties"].pop("ipConfigurations", None)
        records.update_body(db, row, doc, now)
        vnet = records.get(db, row["parent_lc"])
        if vnet is not None:
            set_in_parent(db, vnet, "subnets", dict(doc, etag=body(vnet).get("etag")), now)


def in_use(subnet_row_or_doc):
    """InUseSubnetCannotBeDeleted when NIC IP configurations are in the subnet."""
    doc = subnet_row_or_doc if isinstance(subnet_row_or_doc, dict) else body(subnet_row_or_doc)
    refs = (doc.get("properties") or {}).get("ipConfigurations") or []
    if refs:
        raise ArmError(400, "InUseSubnetCannotBeDeleted", "Subnet %s is in use by %s and cannot be deleted. In "
                       "order to delete the subnet, delete all the resources within the subnet. See "
                       "aka.ms/deletesubnet." % (doc.get("name"), refs[0].get("id")))


def require(db, ref, referrer_id, what):
    """The row a {"id": ...} reference names (400 InvalidResourceReference when it does not exist)."""
    ref_id = ref.get("id") if isinstance(ref, dict) else None
    row = records.get(db, ref_id) if isinstance(ref_id, str) else None
    if row is None or row["state"] == "Deleting":
        raise ArmError(400, "InvalidResourceReference", "Resource %s referenced by resource %s was not found. "
                       "Please make sure that the referenced resource exists, and that both resources are in the "
                       "same region." % (ref_id if ref_id else what, referrer_id))
    return row
