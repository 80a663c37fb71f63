"""Served-mode throughput: GET of one resource group over HTTPS with keep-alive, at 1 and 8 client threads.

Run: python bench/served.py [--threads 1 8] [--runs 5] [--seconds 3]
Starts `python -m azcli local serve --port 0` on a throwaway config dir, creates a group, then for each
thread count runs `--runs` timed rounds of `--seconds` each. Every client thread has its own
requests.Session (keep-alive, verifying the server with the generated CA) and warms it up before the
round starts. Reported: median requests/s over the rounds, and p50/p99 latency over all timed requests.
The clients run in this process (the GIL included), the server in its own.

Recorded (AMD EPYC, 2 CPUs, Linux 6.18, Python 3.11.7, cheroot 11.1.2, OpenSSL 3.0; 5 runs x 3 s;
three invocations on a machine shared with other jobs, load average ~2):

    threads    req/s          p50 ms       p99 ms
    1          815-1031       0.93-1.13    1.3-5.2
    8          1076-1168      5.96-6.54    18.5-21.4

For scale: the app itself answers this GET in ~0.1 ms in-process, and cheroot serving a trivial WSGI
app over the same TLS setup does ~1,300 req/s with one client: the rest is HTTP, TLS and the
Python client. Eight threads do not double the rate because two cores are shared by the client
process and the server process, each bound by its own GIL.
"""
import argparse
import json
import os
import ssl
import statistics
import subprocess
import sys
import tempfile
import threading
import time

WARMUP = 50


def start_server(config_dir):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AZCLI_", "AZURE_"))}
    env["AZCLI_CONFIG_DIR"] = config_dir
    proc = subprocess.Popen([sys.executable, "-m", "azcli", "local", "serve", "--port", "0"], env=env,
                            stdout=subprocess.PIPE, stdin=subprocess.DEVNULL)
    line = proc.stdout.readline()
    if not line:
        proc.wait()
        sys.exit("azcli local serve failed (exit %s)" % proc.returncode)
    return proc, json.loads(line)


def session(details, token):
    import requests
    s = requests.Session()
    s.trust_env = False  # REQUESTS_CA_BUNDLE would override verify; no proxies for loopback
    s.verify = details["caCertPath"]
    s.headers["Authorization"] = "Bearer " + token
    return s


def get_token(details):
    import requests
    url = "%s/%s/oauth2/v2.0/token" % (details["activeDirectory"], details["tenantId"])
    response = requests.post(url, verify=details["caCertPath"], data={
        "grant_type": "client_credentials", "client_id": details["clientId"],
        "client_secret": details["clientSecret"], "scope": details["activeDirectoryResourceId"] + ".default"})
    response.raise_for_status()
    return response.json()["access_token"]


def one_round(details, token, url, threads, seconds):
    """(requests/s, latencies in ms) of one timed round."""
    sessions = [session(details, token) for _ in range(threads)]
    for s in sessions:  # connect, handshake and warm up before the clock starts
        for _ in range(WARMUP):
            s.get(url).raise_for_status()
    barrier = threading.Barrier(threads + 1)
    latencies = [[] for _ in range(threads)]
    counts = [0] * threads
    stop_at = [0.0]

    def worker(index):
        s, mine = sessions[index], latencies[index]
        barrier.wait()
        deadline = stop_at[0]
        n = 0
        while True:
            start = time.perf_counter()
            if start >= deadline:
                break
            response = s.get(url)
            mine.append((time.perf_counter() - start) * 1000)
            if response.status_code != 200:
                raise SystemExit("GET answered %d: %s" % (response.status_code, response.text[:200]))
            n += 1
        counts[index] = n

    workers = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    for w in workers:
        w.start()
    begin = time.perf_counter()
    stop_at[0] = begin + seconds
    barrier.wait()
    for w in workers:
        w.join()
    elapsed = time.perf_counter() - begin
    for s in sessions:
        s.close()
    return sum(counts) / elapsed, [x for per in latencies for x in per]


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100.0 * (len(ordered) - 1))))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 8])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=3.0)
    opts = parser.parse_args()

    import cheroot
    config_dir = tempfile.mkdtemp(prefix="azcli-bench-served-")
    proc, details = start_server(config_dir)
    try:
        token = get_token(details)
        base = details["resourceManager"].rstrip("/")
        group_url = "%s/subscriptions/%s/resourcegroups/bench?api-version=2022-09-01" % (base, details["subscriptionId"])
        s = session(details, token)
        s.put(group_url, json={"location": "westus"}).raise_for_status()
        s.close()
        print("machine: {} cores, python {}, cheroot {}, {}".format(
            os.cpu_count(), sys.version.split()[0], cheroot.__version__, ssl.OPENSSL_VERSION))
        print("GET {} over HTTPS, keep-alive; {} runs x {:.0f} s, medians".format(
            "/subscriptions/{sub}/resourcegroups/bench", opts.runs, opts.seconds))
        print("{:>8}{:>12}{:>10}{:>10}{:>10}".format("threads", "req/s", "p50 ms", "p99 ms", "runs"))
        for threads in opts.threads:
            rates, latencies = [], []
            for _ in range(opts.runs):
                rate, lat = one_round(details, token, group_url, threads, opts.seconds)
                rates.append(rate)
                latencies.extend(lat)
            print("{:>8}{:>12.0f}{:>10.2f}{:>10.2f}   {}".format(
                threads, statistics.median(rates), percentile(latencies, 50), percentile(latencies, 99),
                " ".join("%.0f" % r for r in rates)))
    finally:
        proc.terminate()
        proc.wait(30)


if __name__ == "__main__":
    main()
