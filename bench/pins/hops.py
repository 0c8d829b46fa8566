#!/usr/bin/env python3
"""Per-hop breakdown of POST /pins -> pinned from pin-service's traces in a Jaeger (bench/pins/RESULTS.md, run 4).

   PINFOLD_OTLP_ENDPOINT=http://127.0.0.1:<otlp grpc> bench/pins/run ...      # pin-service exports its spans there
   bench/pins/hops.py http://127.0.0.1:<jaeger ui port> START END              # epoch microseconds, e.g. $(date -d … +%s)000000

For each POST /pins trace in the window that has its reconcile span: the POST (server span), POST end -> "reconcile pin"
start (commit, NOTIFY, the reconciler's wake and due read), "reconcile pin" start -> "kubo pin/add" start (the pinning
transaction), the pin add, pin add end -> "reconcile pin" end (the pinned transaction), and POST start -> pinned
committed; plus the POST's wait in its tenant-lock statement and GET /pins (the bench's watcher) durations.
"""
import json
import sys
import urllib.request


def traces(url, operation, start, end):
    q = f"{url}/api/traces?service=pin-service&operation={operation.replace(' ', '%20')}&limit=5000&start={start}&end={end}"
    return json.load(urllib.request.urlopen(q))["data"]


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p))] if values else float("nan")


def main():
    url, start, end = sys.argv[1], sys.argv[2], sys.argv[3]
    hops = {k: [] for k in ("POST /pins", "POST end -> reconcile start", "pinning transaction", "kubo pin/add",
                            "pinned transaction", "POST start -> pinned committed", "tenant-lock statement")}
    for t in traces(url, "POST /pins", start, end):
        spans = t["spans"]
        post = min((s for s in spans if s["operationName"] == "POST /pins"), key=lambda s: s["startTime"])
        for s in spans:
            sql = next((tag["value"] for tag in s["tags"] if tag["key"] in ("db.statement", "db.query.text")), "").lower()
            if (s["operationName"] == "SELECT tenant" and "for " in sql and "update" in sql) or "update tenant as tn" in sql:
                hops["tenant-lock statement"].append(s["duration"] / 1e3)
        rec = [s for s in spans if s["operationName"] == "reconcile pin"]
        add = [s for s in spans if s["operationName"] == "kubo pin/add"]
        if not rec or not add:
            continue
        rec, add = min(rec, key=lambda s: s["startTime"]), min(add, key=lambda s: s["startTime"])
        post_end, rec_end, add_end = post["startTime"] + post["duration"], rec["startTime"] + rec["duration"], add["startTime"] + add["duration"]
        hops["POST /pins"].append(post["duration"] / 1e3)
        hops["POST end -> reconcile start"].append((rec["startTime"] - post_end) / 1e3)
        hops["pinning transaction"].append((add["startTime"] - rec["startTime"]) / 1e3)
        hops["kubo pin/add"].append(add["duration"] / 1e3)
        hops["pinned transaction"].append((rec_end - add_end) / 1e3)
        hops["POST start -> pinned committed"].append((rec_end - post["startTime"]) / 1e3)
    gets = [s["duration"] / 1e3 for t in traces(url, "GET /pins", start, end) for s in t["spans"] if s["operationName"] == "GET /pins"]
    print(f"pins traced: {len(hops['POST /pins'])}")
    for name, values in list(hops.items()) + [("GET /pins (watcher)", gets)]:
        print(f"  {name:32s} p50 {pct(values, 0.5):8.1f} ms   p90 {pct(values, 0.9):8.1f} ms   (n={len(values)})")


if __name__ == "__main__":
    main()
