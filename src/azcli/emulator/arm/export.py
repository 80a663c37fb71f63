"""ResourceGroups_ExportTemplate: ``POST .../resourcegroups/{rg}/exportTemplate`` -> 200 (synchronous,
as ARM answered at 2022-09-01; SDK 26's poller ends on a 200).

Body ``{"resources": ["*"] | [ids], "options": "IncludeParameterDefaultValue,IncludeComments,
SkipResourceNameParameterization,SkipAllParameterization"}``. Each resource becomes a template
resource at its type's newest stable api-version; names are parameterized like ARM's export
(``<type>_<name>_name``, non-alphanumerics replaced by ``_``), children refer to their parent's
parameter and depend on it.
"""
import re

from ..domain import groups
from ..rp import catalog
from ..store import records
from ..domain import resources
from ..common.errors import ArmError, resource_group_not_found
from ..wire.http import json_response

SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"
_READ_ONLY = {"provisioningState", "resourceGuid", "creationTime", "primaryEndpoints", "primaryLocation",
              "statusOfPrimary", "vmId", "principalId", "clientId"}


def _param_name(type_segments, names):
    return re.sub(r"[^A-Za-z0-9_]", "_", "%s_%s_name" % (type_segments[-1], names[-1]))


def export(db, sub_id, group_row, wanted, options):
    options = {o.strip().lower() for o in (options or "").split(",") if o.strip()}
    parameterize = "skipallparameterization" not in options and "skipresourcenameparameterization" not in options
    defaults = "includeparameterdefaultvalue" in options
    rows = db.execute("SELECT * FROM resources WHERE group_lc = ? AND sub_lc = ? AND (id_lc >= ? AND id_lc < ?) "
                      "AND type_lc NOT IN (?, ?, ?) ORDER BY seq",
                      (group_row["name"].lower(), sub_id.lower(), group_row["id_lc"] + "/", group_row["id_lc"] + "0",
                       resources.LOCK_TYPE, "microsoft.resources/resourcegroups", "microsoft.resources/links")).fetchall()
    if wanted is not None:
        wanted_lc = {w.lower() for w in wanted}
        rows = [r for r in rows if r["id_lc"] in wanted_lc or any(r["id_lc"].startswith(w + "/") for w in wanted_lc)]
    parameters, out, param_of = {}, [], {}
    for row in rows:
        doc = resources.render(row)
        segments = doc["type"].split("/")
        names = row["id"].split("/providers/", 1)[1].split("/")[2::2]
        pname = _param_name(segments, names)
        parent = param_of.get(row["parent_lc"])  # (root parameter, names below the root) of the parent
        if parent is None:
            root, suffix = pname, []
            if parameterize:
                parameters[pname] = {"defaultValue": names[-1], "type": "String"} if defaults else {"type": "String"}
        else:
            root, suffix = parent[0], parent[1] + [names[-1]]
        param_of[row["id_lc"]] = (root, suffix)
        if not parameterize:
            name = "/".join(names)
        elif suffix:
            name = "[concat(parameters('%s'), '/%s')]" % (root, "/".join(suffix))
        else:
            name = "[parameters('%s')]" % root
        rt = catalog.resource_type(segments[0], "/".join(segments[1:]))
        entry = {"type": doc["type"], "apiVersion": catalog.newest_stable(rt) if rt else "2021-04-01", "name": name}
        for key in ("location", "tags", "sku", "kind", "identity", "zones", "plan"):
            if key in doc:
                entry[key] = _clean_identity(doc[key]) if key == "identity" else doc[key]
        if parent is not None:
            parent_type = "/".join(segments[:-1])
            first = "parameters('%s')" % root if parameterize else "'%s'" % names[0]
            args = [first] + ["'%s'" % n for n in names[1:-1]]
            entry["dependsOn"] = ["[resourceId('%s', %s)]" % (parent_type, ", ".join(args))]
        entry["properties"] = {k: v for k, v in (doc.get("properties") or {}).items() if k not in _READ_ONLY}
        if "includecomments" in options:
            entry["comments"] = "Generalized from resource: '%s'." % row["id"]
        out.append(entry)
    return {"$schema": SCHEMA, "contentVersion": "1.0.0.0", "parameters": parameters, "variables": {},
            "resources": out}


def _clean_identity(identity):
    clean = {"type": identity.get("type")}
    if identity.get("userAssignedIdentities"):
        clean["userAssignedIdentities"] = {k: {} for k in identity["userAssignedIdentities"]}
    return clean


def export_template(ctx, subscriptionId, resourceGroupName):
    body = ctx.json_body()
    wanted = body.get("resources")
    if not isinstance(wanted, list) or not all(isinstance(w, str) for w in wanted):
        raise ArmError(400, "InvalidRequestContent", "The request content was invalid and could not be "
                       "deserialized: 'resources must be a list of resource ids or [\"*\"]'.")
    sub_id = ctx.subscription["subscription_id"]
    db = ctx.store.read()
    group = records.get(db, groups.group_id(sub_id, resourceGroupName))
    if group is None:
        raise resource_group_not_found(resourceGroupName)
    template = export(db, sub_id, group, None if "*" in wanted else wanted, body.get("options"))
    return json_response({"template": template})


def register(router):
    router.add("POST", "/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}/exportTemplate",
               export_template, action="Microsoft.Resources/subscriptions/resourceGroups/exportTemplate/action")
