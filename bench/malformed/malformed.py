#!/usr/bin/env python3
"""Malformed storm: generated bad requests, per endpoint family, through the gateway.

For every family (events as JSON, NDJSON and CloudEvents, CSV, each source adapter, Splunk HEC
events and raw, the history import, the writes of governance, alerting and ingestion's quarantine)
it sends BENCH_PER_FAMILY (default 1000) requests, each a valid body broken one way: truncated or
invalid JSON, wrong types, huge strings and arrays, deep nesting, invalid UTF-8, NUL and control
characters, wrong and missing content types, oversize bodies, formula- and SQL-looking strings.
Each request is authenticated as a caller allowed to make it, so the body is what gets judged.

Counts every answer by status; a 5xx, a request without an answer within 30 s (a hang) or a
service not ready at the end is a failure. Writes bench/results/malformed.json.
"""
import json
import os
import random
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from common import E, machine, write  # noqa: E402

GW = E["PILOTAGE_GATEWAY_URL"].rstrip("/")
PER_FAMILY = int(os.environ.get("BENCH_PER_FAMILY", "1000"))
TIMEOUT = 30
PROJECT = "malformed-storm"
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def token(form):
    body = urllib.parse.urlencode(form).encode()
    req = urllib.request.Request(E["PILOTAGE_OIDC_URL"] + "/protocol/openid-connect/token", data=body,
                                 headers={"Content-Type": "application/x-www-form-urlencoded"})
    with OPENER.open(req, timeout=TIMEOUT) as r:
        return json.load(r)["access_token"]


def user(name):
    return token({"grant_type": "password", "client_id": "pilotage-web", "username": name, "password": name + "-pass"})


def ingest():
    return token({"grant_type": "client_credentials", "client_id": "pilotage-ingest-client", "client_secret": "ingest-client-dev-secret"})


def send(method, path, body, headers):
    """(status, seconds of the last try). A 429 (the gateway's or a source's rate) is retried after
    its Retry-After, up to 20 times, so that the body itself is judged, as a client would."""
    for attempt in range(20):
        req = urllib.request.Request(GW + path, data=body, method=method, headers=headers)
        t = time.perf_counter()
        try:
            with OPENER.open(req, timeout=TIMEOUT) as r:
                r.read()
                return r.status, time.perf_counter() - t
        except urllib.error.HTTPError as e:
            e.read()
            if e.code == 429 and attempt < 19:
                time.sleep(min(float(e.headers.get("Retry-After") or 1), 5.0))
                continue
            return e.code, time.perf_counter() - t
        except (TimeoutError, OSError) as e:
            if "timed out" in str(e):
                return "hang", time.perf_counter() - t
            return "reset", time.perf_counter() - t
    raise AssertionError("unreachable")


# ------------------------------------------------------------------------------------------------
# mutations of a valid body: each returns (bytes, content type or None)
# ------------------------------------------------------------------------------------------------
FORMULAS = ["=cmd|' /C calc'!A0", "+SUM(1+1)*cmd|' /C calc'!A0", "@SUM(1)", "-2+3+cmd", "'; DROP TABLE raw_event; --",
            "1 OR 1=1", "\" OR \"\"=\"", "$(reboot)", "<script>alert(1)</script>", "../../etc/passwd", "%00", "{{7*7}}"]


def leaves(node, path=()):
    if isinstance(node, dict):
        for k, v in node.items():
            yield from leaves(v, path + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from leaves(v, path + (i,))
    else:
        yield path


def set_at(node, path, value):
    if not path:
        return value
    cur = node
    for p in path[:-1]:
        cur = cur[p]
    cur[path[-1]] = value
    return node


def replace_leaf(doc, r, value_of):
    d = json.loads(json.dumps(doc))
    paths = list(leaves(d))
    if not paths:
        return value_of(None)
    return set_at(d, r.choice(paths), value_of(r))


def deep(n):
    s = "1"
    for _ in range(n):
        s = '{"a":' + s + "}"
    return s


def mutations(doc, ctype, serialise):
    """The breakages, as functions of a random generator."""
    valid = serialise(doc)
    return [
        ("truncated", lambda r: (valid[:r.randint(0, max(0, len(valid) - 1))], ctype)),
        ("invalid-json", lambda r: (bytes(r.getrandbits(8) for _ in range(r.randint(1, 200))), ctype)),
        ("junk-text", lambda r: (r.choice([b"{", b"}", b"[", b"null", b"nul", b"{,}", b"[1,]", b"{\"a\"}", b"\"\"", b"0x10", b"NaN"]), ctype)),
        ("wrong-type", lambda r: (serialise(replace_leaf(doc, r, lambda rr: rr.choice([[], {}, True, None, 1e308, -1, "x" * 3, [1, [2]], {"$ne": 1}]) if rr else [])), ctype)),
        ("huge-string", lambda r: (serialise(replace_leaf(doc, r, lambda rr: "x" * 200_000)), ctype)),
        ("huge-array", lambda r: (serialise(replace_leaf(doc, r, lambda rr: list(range(50_000)))), ctype)),
        ("deep-nesting", lambda r: (deep(r.choice([50, 500, 5000])).encode(), ctype)),
        ("invalid-utf8", lambda r: (valid.replace(b'"', b'"\xc3\x28', 1) if b'"' in valid else b"\xff\xfe" + valid, ctype)),
        ("nul-control", lambda r: (serialise(replace_leaf(doc, r, lambda rr: "a\u0000b\u0007c\u001b[31m" + chr(rr.randint(0, 31)))), ctype)),
        ("lone-surrogate", lambda r: (valid.replace(b'"', b'"\\ud800', 1), ctype)),
        ("formula-sql", lambda r: (serialise(replace_leaf(doc, r, lambda rr: rr.choice(FORMULAS))), ctype)),
        ("wrong-content-type", lambda r: (valid, r.choice(["text/plain", "application/xml", "multipart/form-data", "image/png", "application/json; charset=latin-1", "*/*", "garbage"]))),
        ("no-content-type", lambda r: (valid, None)),
        ("empty", lambda r: (b"", ctype)),
        ("oversize", lambda r: (b"[" + b",".join([valid] * (11 * 1024 * 1024 // max(1, len(valid)) + 1)) + b"]", ctype)),
    ]


def js(doc):
    return json.dumps(doc, ensure_ascii=False).encode()


def ndj(docs):
    return b"".join(json.dumps(d).encode() + b"\n" for d in (docs if isinstance(docs, list) else [docs]))


# ------------------------------------------------------------------------------------------------
def families(tok):
    now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 60))
    ev = {"id": "storm-1", "source": "storm", "project": PROJECT, "type": "storm.probe", "occurredAt": now,
          "entity": "e/1", "subject": "s1", "value": 1.5, "attributes": {"k": "v", "n": 2, "b": True}}
    ce = {"specversion": "1.0", "id": "storm-ce-1", "source": "storm", "type": "storm.probe", "time": now,
          "datacontenttype": "application/json", "data": {"project": PROJECT, "value": 1}}
    odoo = {"_action": "Send Webhook Notification(#1)", "_id": 1, "_model": "sale.order", "id": 1, "state": "sale",
            "create_date": now[:19].replace("T", " "), "write_date": now[:19].replace("T", " "), "amount_total": 10.0,
            "x_processing_cost": 1200.0, "currency_id": 43}
    ga4 = {"event_date": now[:10].replace("-", ""), "event_timestamp": str(int(time.time() - 60) * 1_000_000),
           "event_name": "session_start", "user_pseudo_id": "abc", "event_params": [{"key": "k", "value": {"int_value": "1"}}]}
    qradar = {"id": 1, "status": "OPEN", "severity": 5, "magnitude": 4, "start_time": int(time.time() - 3600) * 1000,
              "first_persisted_time": int(time.time() - 60) * 1000, "offense_type": 3, "assigned_to": "x"}
    hec = {"time": time.time() - 60, "host": "h", "sourcetype": "vuln:scan", "event": {"action": "vulnerability_opened", "id": "V-1", "vuln_id": "X", "severity": "low"}}
    sub = {"project": PROJECT, "channel": "email", "target": "storm@pilotage.local", "language": "en", "minSeverity": "warning"}
    silence = {"matchers": [{"name": "project", "value": PROJECT}], "endsAt": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 3600)), "comment": "storm"}
    rule = {"kind": "below", "project": PROJECT, "kpi": PROJECT + ".x", "value": 1, "severity": "warning", "forEvaluations": 1}
    kpi = {"key": PROJECT + ".storm", "name": {"fr": "x", "en": "x"}, "unit": "count", "direction": "higher_is_better",
           "target": 1, "frequency": "monthly", "owner": "owner", "measure": {"type": "count", "events": ["storm.probe"]}}
    lesson = {"project": PROJECT, "title": "storm", "category": "technical", "description": "x", "recommendation": "y"}
    committee = {"name": "storm", "members": ["committee"], "projects": [PROJECT]}
    admin = {"Authorization": "Bearer " + tok["admin"]}
    ingest_h = {"Authorization": "Bearer " + tok["ingest"]}
    fam = [
        ("events-json", "POST", "/events", ev, "application/json", js, ingest_h),
        ("events-ndjson", "POST", "/events", [ev, dict(ev, id="storm-2")], "application/x-ndjson", ndj, ingest_h),
        ("events-cloudevents", "POST", "/events", ce, "application/cloudevents+json", js, ingest_h),
        ("events-csv", "POST", "/events/csv?set=project:" + PROJECT, {"id": "c1", "type": "storm.probe", "occurredAt": now},
         "text/csv", lambda d: (",".join(d.keys()) + "\n" + ",".join(str(v) for v in d.values()) + "\n").encode(), ingest_h),
        ("odoo", "POST", "/sources/odoo-prod/odoo/odoo-prod-demo-secret", odoo, "application/json", js, {}),
        ("ga4", "POST", "/sources/ga4-mobile/ga4", ga4, "application/x-ndjson", ndj, {"X-Pilotage-Source-Token": "ga4-mobile-demo-token"}),
        ("qradar", "POST", "/sources/qradar-soc/qradar", qradar, "application/json", js, {"X-Pilotage-Source-Token": "qradar-soc-demo-token"}),
        ("hec-event", "POST", "/services/collector/event", hec, "application/json", js, {"Authorization": "Splunk splunk-soc-demo-token"}),
        ("hec-raw", "POST", "/services/collector/raw?sourcetype=vuln:scan", hec, "text/plain", js, {"Authorization": "Splunk splunk-soc-demo-token"}),
        ("backfill", "POST", "/sources/ga4-mobile/backfill", ga4, "application/x-ndjson", ndj, admin),
        ("subscriptions", "POST", "/subscriptions", sub, "application/json", js, admin),
        ("silences", "POST", "/silences", silence, "application/json", js, admin),
        ("alert-rules", "POST", "/alert-rules", rule, "application/json", js, admin),
        ("kpi-definitions", "POST", f"/projects/{PROJECT}/kpis", kpi, "application/json", js, admin),
        ("lessons", "POST", "/lessons", lesson, "application/json", js, admin),
        ("committees", "POST", "/committees", committee, "application/json", js, admin),
    ]
    # one quarantined event of the storm's project, for the fix route to be tried on
    send("POST", "/events", js(dict(ev, id="storm-quarantined", type="")), dict(ingest_h, **{"Content-Type": "application/json"}))
    quarantined = fetch_json(f"/quarantine?limit=1", admin)
    if isinstance(quarantined, list) and quarantined:
        q = quarantined[0]
        fam.append(("quarantine-fix", "PUT", f"/quarantine/{q['id']}/fix", dict(ev, id="storm-fix"), "application/json", js, admin))
    return fam


def fetch_json(path, headers):
    try:
        with OPENER.open(urllib.request.Request(GW + path, headers=headers), timeout=TIMEOUT) as r:
            return json.load(r)
    except (urllib.error.URLError, ValueError):
        return None


def ensure_project(admin):
    body = js({"key": PROJECT, "name": "Malformed storm", "objective": "bench", "sponsor": "bench", "owners": ["owner"], "status": "active"})
    send("POST", "/projects", body, {"Authorization": "Bearer " + admin, "Content-Type": "application/json"})


def ready(url):
    try:
        with OPENER.open(url + "/q/health/ready", timeout=10) as r:
            return r.status == 200
    except (urllib.error.URLError, OSError):
        return False


def main():
    tok = {"admin": user("admin"), "ingest": ingest()}
    ensure_project(tok["admin"])
    rng = random.Random(int(os.environ.get("BENCH_SEED", "42")))
    result_families = {}
    totals = {}
    failures = []
    t0 = time.time()
    for name, method, path, doc, ctype, serialise, headers in families(tok):
        muts = mutations(doc, ctype, serialise)
        plan = []
        for i in range(PER_FAMILY):
            kind, make = muts[i % len(muts)]
            if kind == "oversize" and i // len(muts) >= 3:   # three oversize bodies per family are enough
                kind, make = muts[0]
            body, ct = make(rng)
            h = dict(headers)
            if ct:
                h["Content-Type"] = ct
            plan.append((kind, body, h))
        counts, slowest = {}, 0.0
        t1 = time.time()
        with ThreadPoolExecutor(max_workers=8) as pool:
            for (kind, _, _), (status, secs) in zip(plan, pool.map(lambda p: send(method, path, p[1], p[2]), plan)):
                key = str(status)
                counts[key] = counts.get(key, 0) + 1
                totals[key] = totals.get(key, 0) + 1
                slowest = max(slowest, secs)
                if not isinstance(status, int) or status >= 500:
                    failures.append({"family": name, "mutation": kind, "status": status})
        result_families[name] = {"requests": len(plan), "by_status": dict(sorted(counts.items())), "slowest_s": round(slowest, 3),
                                 "seconds": round(time.time() - t1, 1)}
        print(f"  {name:20s} {len(plan):5d} requests  {json.dumps(dict(sorted(counts.items())))}  slowest {slowest:.2f} s", file=sys.stderr)
    services = {k[len("PILOTAGE_"):-len("_URL")].lower(): v for k, v in E.items()
                if k.endswith("_URL") and k[len("PILOTAGE_"):-len("_URL")].lower() in
                ("ingestion", "kpi_engine", "alerting", "governance", "console", "gateway")}
    healthy = {svc: ready(url) for svc, url in services.items()}
    total = sum(f["requests"] for f in result_families.values())
    bad = len(failures)
    unhealthy = [s for s, ok in healthy.items() if not ok]
    result = {
        "name": "malformed", "metric": "answers 5xx or no answer, of all malformed requests", "value": bad,
        "baseline": total, "ratio": round(bad / total, 6) if total else None, "target": 0, "unit": "requests",
        "machine": machine(), "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "requests": total, "per_family": PER_FAMILY, "by_status": dict(sorted(totals.items())), "families": result_families,
        "failures": failures[:50], "services_ready_after": healthy, "seconds": round(time.time() - t0, 1),
    }
    write("malformed", result, f"malformed: {total} requests over {len(result_families)} families, {bad} answered 5xx or not at all"
          f" (target 0), by status {json.dumps(dict(sorted(totals.items())))}; services ready after: "
          f"{'all' if not unhealthy else 'NOT ' + ', '.join(unhealthy)}")
    sys.exit(1 if bad or unhealthy else 0)


if __name__ == "__main__":
    main()
