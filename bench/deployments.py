"""Deployment benchmark: the local cloud deploying and evaluating large templates, in-process.

Run: python bench/deployments.py [--runs N] [--azcli PATH]
- "deploy 200": `azcli deployment group create` of a template whose one copy loop makes 200 network
  security groups (each a long-running Network write), whole process, on a fresh group each run;
- "validate 1000": `azcli deployment group validate` of a 1,000-resource template (ten copy loops,
  each resource depending on one of the loop before), whole process: parse, plan and evaluate every
  resource, and the CLI reading the answer;
- "evaluate 1000": the same template planned and evaluated by the engine in this process (the local
  cloud's validate, without processes, HTTP or the CLI);
- the reference `python -c pass` runs interleaved in the same loop.
Goals (issue "Template deployments"): deploy 200 under 3 s, evaluate 1,000 under 1 s.

Recorded results are in bench/RESULTS.md.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import tempfile
import time

SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"


def copy_loop_template(count):
    return {"$schema": SCHEMA, "contentVersion": "1.0.0.0",
            "parameters": {"count": {"type": "int", "defaultValue": count}},
            "resources": [{"type": "Microsoft.Network/networkSecurityGroups", "apiVersion": "2024-05-01",
                           "name": "[format('nsg-{0:D4}', copyIndex())]", "location": "[resourceGroup().location]",
                           "copy": {"name": "nsgs", "count": "[parameters('count')]"},
                           "properties": {"securityRules": []}}],
            "outputs": {"made": {"type": "int", "value": "[length(reference('nsg-0000').securityRules)]"}}}


def wide_template(count):
    """count resources in ten copy loops; each resource depends on its counterpart in the loop before."""
    per = count // 10
    resources = []
    for loop in range(10):
        resource = {"type": "Microsoft.ManagedIdentity/userAssignedIdentities", "apiVersion": "2023-01-31",
                    "name": "[concat('id-%d-', copyIndex(), '-', uniqueString(resourceGroup().id))]" % loop,
                    "location": "[resourceGroup().location]", "copy": {"name": "loop%d" % loop, "count": per},
                    "tags": {"index": "[string(copyIndex())]", "loop": str(loop)}}
        if loop:
            resource["dependsOn"] = ["[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', concat('id-%d-', "
                                     "copyIndex(), '-', uniqueString(resourceGroup().id)))]" % (loop - 1)]
        resources.append(resource)
    return {"$schema": SCHEMA, "contentVersion": "1.0.0.0", "resources": resources}


def evaluate_in_process(state_dir, template):
    """Milliseconds for the local cloud to validate template (plan and evaluate it), called as a WSGI app."""
    from werkzeug.test import Client
    from azcli.emulator import create_app, local_identity
    base = "https://bench.invalid"
    identity = local_identity(state_dir)
    client = Client(create_app(state_dir))
    token = client.post("/%s/oauth2/v2.0/token" % identity["tenantId"], base_url=base, data={
        "grant_type": "client_credentials", "client_id": identity["clientId"],
        "client_secret": identity["clientSecret"], "scope": base + "/.default"}).json["access_token"]
    group = "/subscriptions/%s/resourcegroups/bench" % identity["subscriptionId"]
    headers = {"Authorization": "Bearer " + token}
    client.put(group, base_url=base, query_string={"api-version": "2024-03-01"}, headers=headers,
               json={"location": "westus"})
    body = {"properties": {"mode": "Incremental", "template": template}}
    start = time.perf_counter()
    answer = client.post(group + "/providers/Microsoft.Resources/deployments/v/validate", base_url=base,
                         query_string={"api-version": "2024-03-01"}, headers=headers, json=body)
    elapsed = (time.perf_counter() - start) * 1000
    assert answer.status_code == 200, answer.get_data(as_text=True)[:500]
    return elapsed


def timed(cmd, env):
    start = time.perf_counter()
    result = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    if result.returncode != 0:
        raise SystemExit("%s failed: %s" % (" ".join(cmd), result.stderr.decode()[-500:]))
    return (time.perf_counter() - start) * 1000


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--azcli", default=shutil.which("azcli"))
    opts = parser.parse_args()
    with open(opts.azcli, encoding="utf-8") as handle:
        python = handle.readline()[2:].strip()
    work = tempfile.mkdtemp(prefix="azcli-bench-deploy-")
    env = dict(os.environ, AZCLI_CONFIG_DIR=os.path.join(work, "config"))
    subprocess.run([opts.azcli, "login", "--local", "-o", "none"], env=env, check=True)
    files = {}
    for name, template in (("deploy200.json", copy_loop_template(200)), ("wide1000.json", wide_template(1000))):
        files[name] = os.path.join(work, name)
        with open(files[name], "w", encoding="utf-8") as handle:
            json.dump(template, handle)
    subprocess.run([opts.azcli, "group", "create", "-n", "validate", "-l", "westus", "-o", "none"], env=env, check=True)
    samples = {"deploy 200": [], "validate 1000": [], "evaluate 1000": [], "python -c pass": []}
    for run in range(opts.runs):
        group = "deploy%d" % run
        subprocess.run([opts.azcli, "group", "create", "-n", group, "-l", "westus", "-o", "none"], env=env, check=True)
        samples["deploy 200"].append(timed([opts.azcli, "deployment", "group", "create", "-g", group, "-f",
                                            files["deploy200.json"], "-o", "none"], env))
        samples["validate 1000"].append(timed([opts.azcli, "deployment", "group", "validate", "-g", "validate", "-f",
                                               files["wide1000.json"], "-o", "none"], env))
        samples["evaluate 1000"].append(evaluate_in_process(os.path.join(work, "inproc"), wide_template(1000)))
        samples["python -c pass"].append(timed([python, "-c", "pass"], env))
    print("%-16s %10s %10s %10s" % ("case", "median", "min", "max"))
    for name, values in samples.items():
        print("%-16s %8.0f ms %8.0f ms %8.0f ms" % (name, statistics.median(values), min(values), max(values)))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
