"""Helpers of the template spec tests: template files that link each other."""
import json


def write_json(path, value):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value), encoding="utf-8")
    return path


def template(*links, resources=None):
    """An ARM template whose deployments link the given relative paths."""
    items = [{"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "d%d" % n,
              "properties": {"mode": "Incremental", "templateLink": {"relativePath": link}}}
             for n, link in enumerate(links)]
    return {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
            "contentVersion": "1.0.0.0", "resources": items + list(resources or [])}
