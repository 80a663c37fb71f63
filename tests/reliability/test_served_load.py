"""The served local cloud under 32 client threads of mixed PUT/GET/DELETE and long-running PUTs (polled to
the end) on keep-alive HTTPS connections. Each thread owns its names, so what its successful answers say is
what must be stored: at the end the listing equals the threads' own record, every request had an answer
(no 5xx, no dropped connection), and p50/p99 latency are reported.

CI: ~5 s; AZCLI_LONG_TESTS=1: 60 s.
"""
import random
import threading
import time

import pytest
import requests

from reliab import figure, percentile

THREADS = 32
API = "2024-03-01"
IDENTITY = "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/"
VNET = "/providers/Microsoft.Network/virtualNetworks/"
VNET_BODY = {"location": "westus", "properties": {"addressSpace": {"addressPrefixes": ["10.0.0.0/16"]}}}


class Worker:
    def __init__(self, served, index, seconds, token):
        self.served, self.index, self.seconds = served, index, seconds
        self.session = requests.Session()
        self.session.trust_env = False
        self.session.verify = served.ca
        self.session.headers["Authorization"] = "Bearer " + token
        self.group = "%s/subscriptions/%s/resourceGroups/load" % (served.base, served.sub)
        self.rng = random.Random(index)
        self.exists = {}  # resource id (lower case) -> True when the last successful answer created it
        self.latencies, self.errors, self.lro_polls = [], [], 0

    def call(self, method, url, **kwargs):
        started = time.monotonic()
        try:
            response = self.session.request(method, url, timeout=30, **kwargs)
        except requests.RequestException as error:  # recorded: the test fails on any
            self.errors.append("%s %s: %s" % (method, url, error))
            return None
        self.latencies.append(time.monotonic() - started)
        if response.status_code >= 500:
            self.errors.append("%s %s: %s %s" % (method, url, response.status_code, response.text[:300]))
        return response

    def step(self, n):
        kind = self.rng.choice(("put", "put", "get", "delete", "lro"))
        if kind == "lro":
            self.put_vnet("%s%s%d-%d" % (self.group, VNET, self.index, n))
            return
        known = [k for k in self.exists]
        url = ("%s%s%d-%d" % (self.group, IDENTITY, self.index, n)) if kind == "put" or not known else \
            self.rng.choice(known)
        api = "2024-05-01" if VNET.lower() in url.lower() else "2023-01-31"
        if kind == "put":
            response = self.call("PUT", url, params={"api-version": api}, json={"location": "westus"})
            if response is not None and response.status_code in (200, 201):
                self.exists[url] = True
        elif kind == "get":
            response = self.call("GET", url, params={"api-version": api})
            if response is not None and response.status_code not in (200, 404):
                self.errors.append("GET %s: %s" % (url, response.status_code))
        else:
            response = self.call("DELETE", url, params={"api-version": api})
            if response is not None and response.status_code in (200, 202, 204):
                self.exists.pop(url, None)
                if response.status_code == 202:
                    self.wait(response)

    def put_vnet(self, url):
        response = self.call("PUT", url, params={"api-version": "2024-05-01"}, json=VNET_BODY)
        if response is None or response.status_code not in (200, 201):
            return
        self.exists[url] = True
        self.wait(response)

    def wait(self, response):
        status_url = response.headers.get("Azure-AsyncOperation") or response.headers.get("Location")
        while status_url:
            self.lro_polls += 1
            polled = self.call("GET", status_url)
            if polled is None or polled.status_code == 200 and polled.json().get("status") in (
                    "Succeeded", "Failed", "Canceled") or polled.status_code in (204, 404):
                return
            time.sleep(0.05)

    def run(self):
        end = time.monotonic() + self.seconds
        n = 0
        while time.monotonic() < end:
            self.step(n)
            n += 1


def run_served_load(served, seconds):
    session = served.session()
    assert session.put(served.base + "/subscriptions/%s/resourceGroups/load" % served.sub,
                       params={"api-version": API}, json={"location": "westus"}).ok
    token = session.headers["Authorization"].split()[1]
    workers = [Worker(served, i, seconds, token) for i in range(THREADS)]
    threads = [threading.Thread(target=w.run) for w in workers]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + 120)
    elapsed = time.monotonic() - started
    errors = [e for w in workers for e in w.errors]
    assert not errors, errors[:5]
    expected = sorted(url.split("/resourceGroups/load")[1].lower() for w in workers for url in w.exists)
    listed = []
    url = served.base + "/subscriptions/%s/resourceGroups/load/resources" % served.sub
    params = {"api-version": API}
    while url:
        page = session.get(url, params=params).json()
        listed += [r["id"].split("/resourceGroups/load")[1].lower() for r in page["value"]]
        url, params = page.get("nextLink"), None
    assert sorted(listed) == expected, "the store disagrees with what the answers said"
    latencies = [l for w in workers for l in w.latencies]
    p50, p99 = percentile(latencies, 0.5) * 1000, percentile(latencies, 0.99) * 1000
    figure("served-load", threads=THREADS, seconds=round(elapsed, 1), requests=len(latencies),
           per_second=round(len(latencies) / elapsed), lro_polls=sum(w.lro_polls for w in workers),
           resources=len(expected), p50_ms=round(p50, 1), p99_ms=round(p99, 1))
    assert len(latencies) > THREADS * 3


def test_served_cloud_under_32_threads(start_served):
    run_served_load(start_served(env={"AZCLI_LOCAL_LRO_SECONDS": "0.2", "AZCLI_LOCAL_PAGE_SIZE": "100"}), 5)


@pytest.mark.long
def test_served_cloud_under_32_threads_long(start_served):
    run_served_load(start_served(env={"AZCLI_LOCAL_LRO_SECONDS": "0.2", "AZCLI_LOCAL_PAGE_SIZE": "100"}), 60)
