#!/usr/bin/env python3
"""Pilotage demo: fills the three seed projects through the public endpoints of a running instance.

1. Subscriptions of the demo owners (Slack stand-in and e-mail), created once.
2. History import: months of events generated day by day, deterministically (the same day always
   gives the same events, so a second run adds nothing), sent in each source's native payloads to
   the admin-only history-import route of each source (POST /sources/{source}/backfill) and, for
   the canonical events of the uptime probe and the audit tool, to POST /events?backfill=true.
3. Live traffic until --duration ends (or Ctrl-C): the same sources' live routes, with their
   demo secrets, and POST /events with the ingest client's token.

Standard library only. Every request goes to loopback; every loop is bounded in count and time.
See docs/demo.md.
"""
import argparse
import datetime as dt
import hashlib
import json
import math
import os
import random
import signal
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

UTC = dt.timezone.utc
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
MAX_LIVE_SECONDS = 7 * 24 * 3600          # a live run never outlasts a week
MAX_LIVE_TICKS = 2_000_000
OWNER_SUBSCRIPTIONS = [
    # (user, project, channel, target builder, language)
    ("owner", "erp", "slack", lambda env: env["PILOTAGE_SLACK_URL"] + "/services/demo/erp", "fr"),
    ("owner", "erp", "email", lambda env: "owner@pilotage.local", "fr"),
    ("owner", "cybersecurity", "slack", lambda env: env["PILOTAGE_SLACK_URL"] + "/services/demo/cybersecurity", "fr"),
    ("owner", "cybersecurity", "email", lambda env: "owner@pilotage.local", "fr"),
    ("owner-mobile", "mobile-app", "slack", lambda env: env["PILOTAGE_SLACK_URL"] + "/services/demo/mobile-app", "en"),
    ("owner-mobile", "mobile-app", "email", lambda env: "owner-mobile@pilotage.local", "en"),
]
PROJECTS = ["erp", "mobile-app", "cybersecurity"]


def log(msg):
    print(f"[demo] {msg}", flush=True)


# ------------------------------------------------------------------------------------------------
# HTTP, loopback only
# ------------------------------------------------------------------------------------------------
class Http:
    def __init__(self, timeout=60):
        self.timeout = timeout
        self.opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    @staticmethod
    def check(url):
        host = urllib.parse.urlsplit(url).hostname
        if host not in LOOPBACK:
            raise SystemExit(f"refusing to send to {host}: the demo talks to loopback only")

    def call(self, method, url, body=None, headers=None, attempts=6):
        """(status, parsed JSON or text). 429/503 and connection errors are retried a bounded number of times."""
        self.check(url)
        data = body.encode() if isinstance(body, str) else body
        for attempt in range(attempts):
            req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
            try:
                with self.opener.open(req, timeout=self.timeout) as r:
                    return r.status, self._parse(r.read())
            except urllib.error.HTTPError as e:
                payload = self._parse(e.read())
                if e.code in (429, 503) and attempt < attempts - 1:
                    time.sleep(min(float(e.headers.get("Retry-After") or 1), 5.0))
                    continue
                return e.code, payload
            except (urllib.error.URLError, ConnectionError, TimeoutError) as e:
                if attempt < attempts - 1:
                    time.sleep(1 + attempt)
                    continue
                raise SystemExit(f"{method} {url}: {e}")
        raise AssertionError("unreachable")

    @staticmethod
    def _parse(raw):
        text = raw.decode("utf-8", "replace")
        try:
            return json.loads(text) if text else None
        except ValueError:
            return text


class Tokens:
    """Tokens of the demo realm: people by the password grant of pilotage-web (dev realm only), the
    source system by the ingest client's client credentials. Cached until shortly before expiry."""

    def __init__(self, http, oidc_url):
        self.http = http
        self.endpoint = oidc_url + "/protocol/openid-connect/token"
        self.cache = {}

    def _get(self, key, form):
        token, until = self.cache.get(key, (None, 0))
        if token and time.time() < until:
            return token
        status, body = self.http.call("POST", self.endpoint, urllib.parse.urlencode(form),
                                      {"Content-Type": "application/x-www-form-urlencoded"})
        if status != 200:
            raise SystemExit(f"no token for {key}: {status} {body}")
        self.cache[key] = (body["access_token"], time.time() + max(10, body.get("expires_in", 60) - 30))
        return body["access_token"]

    def user(self, name):
        return self._get(name, {"grant_type": "password", "client_id": "pilotage-web",
                                "username": name, "password": name + "-pass"})

    def ingest(self):
        return self._get("ingest-client", {"grant_type": "client_credentials", "client_id": "pilotage-ingest-client",
                                           "client_secret": "ingest-client-dev-secret"})


# ------------------------------------------------------------------------------------------------
# native payloads
# ------------------------------------------------------------------------------------------------
def odoo_time(t):
    return t.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")


def micros(t):
    return str(int(t.timestamp() * 1_000_000))


def ms(t):
    return int(t.timestamp() * 1000)


def iso(t):
    return t.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def ga4_row(t, name, user, params=None, revenue=None):
    """A GA4 BigQuery export row (event_params typed as BigQuery writes them)."""
    typed = []
    for k, v in (params or {}).items():
        if isinstance(v, bool) or isinstance(v, str):
            typed.append({"key": k, "value": {"string_value": str(v)}})
        elif isinstance(v, int):
            typed.append({"key": k, "value": {"int_value": str(v)}})
        else:
            typed.append({"key": k, "value": {"double_value": float(v)}})
    row = {"event_date": t.strftime("%Y%m%d"), "event_timestamp": micros(t), "event_name": name,
           "event_params": typed, "user_pseudo_id": user["pseudo"], "platform": user["platform"],
           "device": {"category": "mobile", "operating_system": user["platform"].title()},
           "geo": {"country": user["country"]}, "app_info": {"id": "ml.pilotage.selfcare", "version": user["version"]}}
    if user.get("phone"):
        row["user_id"] = user["phone"]          # personal: pseudonymised on arrival
    if revenue is not None:
        row["ecommerce"] = {"purchase_revenue": float(revenue), "transaction_id": "T-" + micros(t)}
    return row


def ga4_mp(t, user, events):
    """A Measurement-Protocol body (what the app sends live)."""
    body = {"app_instance_id": user["pseudo"], "timestamp_micros": micros(t),
            "events": [{"name": n, "params": p} for n, p in events]}
    if user.get("phone"):
        body["user_id"] = user["phone"]
    return body


def odoo(model, rec_id, state, created, written, **fields):
    n = {"_action": "Send Webhook Notification(#%d)" % (240 + len(model)), "_id": rec_id, "_model": model,
         "id": rec_id, "state": state, "create_date": odoo_time(created), "write_date": odoo_time(written),
         "currency_id": 43}
    n.update(fields)
    return n


def offense(oid, start, persisted, closed=None, false_positive=False, severity=5, rng=None):
    o = {"id": oid, "description": rng.choice(["Multiple Login Failures for the Same User", "Port scan from a remote host",
                                               "Malware beaconing detected", "Excessive firewall denies",
                                               "Suspicious privileged account use"]),
         "status": "CLOSED" if closed else "OPEN", "offense_type": rng.choice([0, 3, 8]), "severity": severity,
         "magnitude": max(1, min(10, severity + rng.choice([-1, 0, 1]))), "credibility": 5, "relevance": 4,
         "start_time": ms(start), "first_persisted_time": ms(persisted),
         "last_updated_time": ms(closed or persisted), "assigned_to": "soc.analyst%d" % (oid % 4 + 1),
         "event_count": rng.randint(3, 400), "categories": ["Authentication"], "domain_id": 0}
    if closed:
        o["close_time"] = ms(closed)
        o["closing_reason_id"] = 2 if false_positive else 3
        o["closing_user"] = "soc.lead"
    return o


def hec(t, event, host="scanner-01", source="nessus", sourcetype="vuln:scan"):
    return {"time": round(t.timestamp(), 3), "host": host, "source": source, "sourcetype": sourcetype,
            "index": "security", "event": event}


# ------------------------------------------------------------------------------------------------
# history, day by day
# ------------------------------------------------------------------------------------------------
class History:
    """Generates the events of [start, now) per sink: 'odoo', 'ga4', 'qradar', 'splunk', 'events'.
    Each day's events come from a random generator seeded by the day, so they are the same on every
    run; the trend parameters move from the first day (p = 0) to today (p = 1)."""

    def __init__(self, start, now, scale, seed):
        self.start, self.now, self.scale, self.seed = start, now, scale, seed
        self.days = []
        d = start
        while d <= now.date():
            self.days.append(d)
            d += dt.timedelta(days=1)
        self.out = {k: [] for k in ("odoo", "ga4", "qradar", "splunk", "events")}

    def rng(self, name, day):
        return random.Random(f"{self.seed}:{name}:{day.isoformat()}")

    def p(self, day):
        span = max(1, (self.now.date() - self.start).days)
        return min(1.0, max(0.0, (day - self.start).days / span))

    def emit(self, sink, t, payload):
        if t < self.now - dt.timedelta(seconds=30):
            self.out[sink].append((t, payload))

    def count(self, rate, rng):
        """A Poisson-distributed count of mean rate × scale."""
        lam = rate * self.scale
        if lam <= 0:
            return 0
        k, prod, limit = 0, rng.random(), math.exp(-lam)
        while prod > limit and k < 10_000:
            k += 1
            prod *= rng.random()
        return k

    @staticmethod
    def at(day, rng, from_h=7, to_h=21):
        base = dt.datetime.combine(day, dt.time(0, 0), UTC)
        return base + dt.timedelta(seconds=rng.randint(from_h * 3600, to_h * 3600 - 1))

    def generate(self):
        for day in self.days:
            self.mobile(day)
            self.erp(day)
            self.security(day)
        self.probes()
        for sink in self.out:
            self.out[sink].sort(key=lambda e: e[0])
        return self.out

    # -- mobile-app: GA4 export rows ----------------------------------------------------------------
    def mobile(self, day):
        r, p = self.rng("mobile", day), self.p(day)
        weekend = day.weekday() >= 5
        for i in range(self.count(18 * (0.8 + 0.5 * p) * (1.3 if weekend else 1.0), r)):
            h = hashlib.sha1(f"{self.seed}:user:{day}:{i}".encode()).hexdigest()
            user = {"pseudo": h[:32], "platform": r.choice(["ANDROID", "ANDROID", "ANDROID", "IOS"]),
                    "country": r.choice(["Mali", "Mali", "Mali", "Senegal", "Côte d'Ivoire"]),
                    "version": r.choice(["4.1.0", "4.2.0", "4.2.1"])}
            if r.random() < 0.3:
                user["phone"] = "+2237" + str(int(h[32:40], 16) % 10_000_000).zfill(7)
            t0 = self.at(day, r)
            self.emit("ga4", t0, ga4_row(t0, "first_open", user, {"previous_first_open_count": 0}))
            self.session(t0 + dt.timedelta(seconds=2), user, r, p)
            if r.random() < 0.058 - 0.02 * p:       # conversion: 5.8 % at first, 3.8 % now
                ts = t0 + dt.timedelta(hours=r.uniform(0.1, 48))
                self.emit("ga4", ts, ga4_row(ts, "subscription_start", user, {"plan": r.choice(["jeune", "pro"])}))
            retained = r.random() < 0.29 - 0.08 * p   # day-30 retention: 29 % at first, 21 % now
            later = [30] + [k for k in range(1, 76) if k != 30 and r.random() < 0.11] if retained \
                else [k for k in range(1, 21) if r.random() < 0.16]
            for k in later:
                dk = day + dt.timedelta(days=k)
                self.session(self.at(dk, r), user, r, self.p(min(dk, self.now.date())))
        for _ in range(self.count(0.5, r)):          # privacy requests (GDPR / APDP), closed within 30 days or not
            t = self.at(day, r, 8, 18)
            req = "DSR-%s-%03d" % (day.strftime("%Y%m%d"), r.randint(0, 999))
            user = {"pseudo": hashlib.sha1(req.encode()).hexdigest()[:32], "platform": "ANDROID", "country": "Mali",
                    "version": "4.2.0"}
            self.emit("ga4", t, ga4_row(t, "privacy_request", user, {"request_id": req, "kind": r.choice(["access", "erasure"])}))
            late = r.random() > 0.97 - 0.12 * p      # 3 % late at first, 15 % now
            tc = t + dt.timedelta(days=r.uniform(31, 45) if late else r.uniform(1, 27))
            self.emit("ga4", tc, ga4_row(tc, "privacy_request_closed", user, {"request_id": req}))

    def session(self, t, user, r, p):
        self.emit("ga4", t, ga4_row(t, "session_start", user, {"ga_session_id": int(t.timestamp())}))
        for j in range(r.randint(1, 4)):
            ts = t + dt.timedelta(seconds=20 * (j + 1))
            self.emit("ga4", ts, ga4_row(ts, "screen_view", user, {"firebase_screen": r.choice(
                ["home", "balance", "bundles", "bills", "support"])}))
        te = t + dt.timedelta(seconds=110)
        self.emit("ga4", te, ga4_row(te, "user_engagement", user, {"engagement_time_msec": r.randint(5000, 240000)}))
        if r.random() < 0.12:
            tp = t + dt.timedelta(seconds=90)
            price = r.choice([500, 1000, 1500, 2500, 5000, 10000])
            self.emit("ga4", tp, ga4_row(tp, "purchase", user, {"currency": "XOF", "value": float(price)}, revenue=price))
        if r.random() < 0.05:
            tf = t + dt.timedelta(seconds=100)
            mean = 4.35 - 0.6 * p                     # satisfaction drifts from 4.35 to 3.75
            rating = max(1, min(5, round(r.gauss(mean, 0.8))))
            self.emit("ga4", tf, ga4_row(tf, "app_feedback", user, {"rating": rating}))

    # -- erp: Odoo notifications, the audit tool ------------------------------------------------------
    def erp(self, day):
        r, p = self.rng("erp", day), self.p(day)
        work = 0.15 if day.weekday() == 6 else 0.35 if day.weekday() == 5 else 1.0
        base = (day - self.start).days * 1000
        automated = 0.60 + 0.15 * p                  # automation 60 % → 75 %
        cost = 1850 - 420 * p                        # processing cost 1 850 → 1 430 XOF
        slow_weeks = (day - self.start).days // 7 in (9, 10)   # two bad weeks of document processing
        for i in range(self.count(6 * work, r)):     # sales orders: quotation, then confirmed or cancelled
            oid, t0 = 100_000 + base + i, self.at(day, r, 8, 17)
            amount = round(r.uniform(50_000, 3_000_000), -2)
            self.emit("odoo", t0, odoo("sale.order", oid, "draft", t0, t0, name="S%05d" % (oid % 100_000), amount_total=amount))
            t1 = t0 + dt.timedelta(hours=r.uniform(0.5, 30))
            state = "sale" if r.random() < 0.9 else "cancel"
            self.emit("odoo", t1, odoo("sale.order", oid, state, t0, t1, name="S%05d" % (oid % 100_000), amount_total=amount,
                                       x_processing_cost=round(max(300, r.gauss(cost, 350))), x_automated=r.random() < automated))
        for i in range(self.count(3 * work, r)):     # purchase orders
            oid, t0 = 300_000 + base + i, self.at(day, r, 8, 17)
            t1 = t0 + dt.timedelta(hours=r.uniform(2, 48))
            self.emit("odoo", t0, odoo("purchase.order", oid, "draft", t0, t0, amount_total=round(r.uniform(100_000, 9_000_000), -3)))
            self.emit("odoo", t1, odoo("purchase.order", oid, "purchase", t0, t1, amount_total=round(r.uniform(100_000, 9_000_000), -3),
                                       x_processing_cost=round(max(300, r.gauss(cost * 1.2, 400))), x_automated=r.random() < automated))
        for i in range(self.count(4 * work, r)):     # payments, posted when first seen
            pid, t = 500_000 + base + i, self.at(day, r, 8, 18)
            self.emit("odoo", t, odoo("account.payment", pid, "posted", t, t, amount=round(r.uniform(20_000, 2_000_000), -2),
                                      payment_type="inbound", x_processing_cost=round(max(200, r.gauss(cost * 0.7, 250)))))
        for i in range(self.count(8 * work, r)):     # invoices: created, posted after processing, later paid
            mid, t0 = 700_000 + base + i, self.at(day, r, 7, 17)
            hours = r.expovariate(1 / (44 if slow_weeks else 19))
            t1, amount = t0 + dt.timedelta(hours=min(hours, 24 * 20)), round(r.uniform(10_000, 4_000_000), -2)
            fields = {"amount_total": amount, "move_type": "out_invoice", "partner_email": "client%d@example.ml" % (mid % 97)}
            self.emit("odoo", t0, odoo("account.move", mid, "draft", t0, t0, payment_state="not_paid", **fields))
            self.emit("odoo", t1, odoo("account.move", mid, "posted", t0, t1, payment_state="not_paid", **fields))
            if r.random() < 0.7:
                t2 = t1 + dt.timedelta(days=r.uniform(1, 25))
                self.emit("odoo", t2, odoo("account.move", mid, "posted", t0, t2, payment_state="paid", **fields))
        for i in range(self.count(5 * work, r)):     # manufacturing / back-office runs
            rid, t0 = 900_000 + base + i, self.at(day, r, 6, 20)
            auto = r.random() < automated
            self.emit("odoo", t0, odoo("mrp.production", rid, "progress", t0, t0, x_automated=auto))
            t1 = t0 + dt.timedelta(hours=r.uniform(1, 8))
            self.emit("odoo", t1, odoo("mrp.production", rid, "done", t0, t1, x_automated=auto))
        for i in range(self.count(2 * work, r)):     # expense reports
            eid, t0 = 950_000 + base + i, self.at(day, r, 8, 17)
            amount = round(r.uniform(5_000, 250_000), -2)
            t1 = t0 + dt.timedelta(hours=min(r.expovariate(1 / (40 if slow_weeks else 16)), 24 * 20))
            t2 = t1 + dt.timedelta(days=r.uniform(1, 5))
            self.emit("odoo", t0, odoo("hr.expense", eid, "draft", t0, t0, total_amount=amount, x_automated=False))
            self.emit("odoo", t1, odoo("hr.expense", eid, "approved", t0, t1, total_amount=amount, x_automated=False))
            self.emit("odoo", t2, odoo("hr.expense", eid, "done", t0, t2, total_amount=amount, x_automated=r.random() < 0.3))
        for i in range(self.count(0.33, r)):         # errors found by the audit tool
            t = self.at(day, r, 9, 17)
            self.emit("events", t, {"id": f"erp-audit:{day}:{i}", "source": "erp-audit", "project": "erp",
                                    "type": "audit.error", "occurredAt": iso(t), "entity": "control/%s" % r.choice(
                                        ["segregation-of-duties", "invoice-matching", "vat-rate", "approval-limit"]),
                                    "attributes": {"auditor": "internal-audit", "severity": r.choice(["minor", "major"])}})

    def probes(self):
        """The ERP's uptime probe every 15 min, with two outages: ten hours seven weeks ago, five hours
        on the third day of the current month (when it is past)."""
        outages = []
        seven_weeks = dt.datetime.combine(self.now.date() - dt.timedelta(days=49), dt.time(2, 0), UTC)
        outages.append((seven_weeks, seven_weeks + dt.timedelta(hours=10)))
        third = dt.datetime.combine(self.now.date().replace(day=3), dt.time(9, 0), UTC)
        outages.append((third, third + dt.timedelta(hours=5)))
        t = dt.datetime.combine(self.start, dt.time(0, 0), UTC)
        while t < self.now - dt.timedelta(seconds=30):
            down = any(a <= t < b for a, b in outages)
            self.emit("events", t, probe_event(t, down, "h"))
            t += dt.timedelta(minutes=15)

    # -- cybersecurity: QRadar offenses, Splunk HEC ---------------------------------------------------
    def security(self, day):
        r, p = self.rng("security", day), self.p(day)
        base = (day - self.start).days * 100
        for i in range(self.count(1.6, r)):
            oid, start = 50_000 + base + i, self.at(day, r, 0, 24)
            persisted = start + dt.timedelta(hours=min(r.expovariate(1 / (7.0 - 4.2 * p)), 72))   # MTTD 7 h → 2.8 h
            sev = r.choice([3, 4, 5, 6, 7, 8, 9])
            self.emit("qradar", persisted, offense(oid, start, persisted, severity=sev, rng=r))
            closed = persisted + dt.timedelta(hours=min(r.expovariate(1 / (40 - 12 * p)), 24 * 15))  # MTTR 40 h → 28 h
            fp = r.random() < 0.18 + 0.17 * p                                                         # 18 % → 35 %
            self.emit("qradar", closed, offense(oid, start, persisted, closed, fp, sev, r))
        limits = {"critical": 7, "high": 30, "medium": 90, "low": 120}
        for i in range(self.count(2.0, r)):
            sev = r.choices(["critical", "high", "medium", "low"], [1, 3, 4, 2])[0]
            t0 = self.at(day, r, 0, 24)
            vuln = "CVE-%d-%04d/srv-%s-%02d" % (day.year, r.randint(1000, 9999), r.choice(["billing", "crm", "erp", "web"]), r.randint(1, 20))
            vid = f"{day}-{i}"
            self.emit("splunk", t0, hec(t0, {"action": "vulnerability_opened", "id": f"V-{vid}-o", "vuln_id": vuln,
                                             "severity": sev, "score": round(r.uniform(2, 10), 1)}))
            within = r.random() < 0.86 + 0.07 * p                                                    # 86 % → 93 %
            days = r.uniform(0.2, limits[sev]) if within else limits[sev] * r.uniform(1.05, 1.6)
            t1 = t0 + dt.timedelta(days=days)
            self.emit("splunk", t1, hec(t1, {"action": "vulnerability_fixed", "id": f"V-{vid}-f", "vuln_id": vuln, "severity": sev}))
        for i in range(self.count(0.42, r)):
            t = self.at(day, r, 0, 24)
            self.emit("splunk", t, hec(t, {"action": "incident_prevented", "id": f"P-{day}-{i}",
                                           "rule": r.choice(["ips-block", "edr-quarantine", "waf-block"])},
                                       host="edr-01", source="crowdstrike", sourcetype="edr:detection"))
        if day.day == 20 and day.month % 3 == 2:     # the quarter's audit, in its second month
            score = 91 if p < 0.5 else 87
            t = self.at(day, r, 10, 16)
            self.emit("splunk", t, hec(t, {"action": "audit_completed", "id": f"A-{day}", "score": score,
                                           "framework": "ISO 27001"}, host="grc-01", source="grc", sourcetype="audit:result"))


def probe_event(t, down, run):
    return {"id": f"uptime-probe:{run}:{t.strftime('%Y%m%dT%H%M%S')}", "source": "uptime-probe", "project": "erp",
            "type": "probe.down" if down else "probe.up", "occurredAt": iso(t), "entity": "service/odoo-prod",
            "attributes": {"check": "https", "target": "erp.internal"}}


# ------------------------------------------------------------------------------------------------
# the demo
# ------------------------------------------------------------------------------------------------
class Demo:
    def __init__(self, env, args):
        self.env, self.args = env, args
        self.gw = env["PILOTAGE_GATEWAY_URL"].rstrip("/")
        self.http = Http()
        self.tokens = Tokens(self.http, env["PILOTAGE_OIDC_URL"])
        for url in (self.gw, env["PILOTAGE_OIDC_URL"], env.get("PILOTAGE_SLACK_URL", "http://127.0.0.1"),
                    env.get("PILOTAGE_MAIL_API_URL", "http://127.0.0.1")):
            Http.check(url)
        self.stopping = False

    def bearer(self, token, content_type="application/json"):
        return {"Authorization": "Bearer " + token, "Content-Type": content_type}

    # -- subscriptions ------------------------------------------------------------------------------
    def subscribe(self):
        made = 0
        for user, project, channel, target_of, language in OWNER_SUBSCRIPTIONS:
            token = self.tokens.user(user)
            target = target_of(self.env)
            status, existing = self.http.call("GET", f"{self.gw}/subscriptions?project={project}", headers=self.bearer(token))
            items = existing if isinstance(existing, list) else (existing or {}).get("items", []) if status == 200 else []
            if any(s.get("project") == project and s.get("channel") == channel and s.get("target") == target for s in items):
                continue
            status, body = self.http.call("POST", f"{self.gw}/subscriptions", json.dumps(
                {"project": project, "channel": channel, "target": target, "language": language, "minSeverity": "warning"}),
                self.bearer(token))
            if status != 201:
                raise SystemExit(f"subscription {user} {project} {channel}: {status} {body}")
            made += 1
        log(f"subscriptions of the demo owners: {made} created, {len(OWNER_SUBSCRIPTIONS) - made} already there")

    # -- history ------------------------------------------------------------------------------------
    def history(self):
        now = dt.datetime.now(UTC)
        start = now.date() - dt.timedelta(days=self.args.history_days)
        t0 = time.time()
        out = History(start, now, self.args.scale, self.args.seed).generate()
        total = sum(len(v) for v in out.values())
        log(f"history {start} → {now.date()}: {total} native events generated in {time.time() - t0:.1f} s; importing ...")
        routes = {  # sink: (url, batch size, body builder, content type)
            "odoo": (f"{self.gw}/sources/odoo-prod/backfill", 500, lambda b: json.dumps(b), "application/json"),
            "ga4": (f"{self.gw}/sources/ga4-mobile/backfill", 2000, ndjson, "application/x-ndjson"),
            "qradar": (f"{self.gw}/sources/qradar-soc/backfill", 500, lambda b: json.dumps(b), "application/json"),
            "splunk": (f"{self.gw}/sources/splunk-soc/backfill", 1000, lambda b: "".join(json.dumps(e) for e in b), "application/json"),
            "events": (f"{self.gw}/events?backfill=true", 2000, ndjson, "application/x-ndjson"),
        }
        for sink, (url, size, build, ctype) in routes.items():
            items = [payload for _, payload in out[sink]]
            acc = dup = rej = 0
            t1 = time.time()
            for i in range(0, len(items), size):
                status, body = self.http.call("POST", url, build(items[i:i + size]), self.bearer(self.tokens.user("admin"), ctype))
                if status not in (200, 202) and not (status == 400 and isinstance(body, dict) and body.get("items")):
                    raise SystemExit(f"history import to {url}: {status} {str(body)[:600]}")
                a, d, j = report_counts(body)
                acc, dup, rej = acc + a, dup + d, rej + j
                if j and rej == j:
                    log(f"  {sink}: first refusal: {first_error(body)}")
            log(f"  {sink:7s} {len(items):7d} native events → {acc} accepted, {dup} duplicates, {rej} refused ({time.time() - t1:.1f} s)")
        log(f"history imported in {time.time() - t0:.1f} s")

    # -- live ---------------------------------------------------------------------------------------
    def live(self):
        duration = parse_duration(self.args.duration)
        limit = MAX_LIVE_SECONDS if duration == 0 else min(duration, MAX_LIVE_SECONDS)
        interval = max(0.05, 2.0 / self.args.speed)
        run = str(int(time.time()))
        r = random.Random(f"{self.args.seed}:live:{run}")
        users = [{"pseudo": hashlib.sha1(f"live:{run}:{i}".encode()).hexdigest()[:32], "platform": "ANDROID",
                  "country": "Mali", "version": "4.2.1"} for i in range(150)]
        pending_orders, pending_runs, open_offenses, open_vulns = [], [], [], []
        sent = {"ga4": 0, "odoo": 0, "events": 0, "qradar": 0, "splunk": 0}
        deadline = time.time() + limit
        log(f"live traffic every {interval:.2f} s for {'as long as it runs (Ctrl-C stops)' if duration == 0 else self.args.duration}")
        tick, last_report = 0, time.time()
        odoo_url = f"{self.gw}/sources/odoo-prod/odoo/{self.env.get('PILOTAGE_DEMO_ODOO_SECRET', 'odoo-prod-demo-secret')}"
        while not self.stopping and time.time() < deadline and tick < MAX_LIVE_TICKS:
            now = dt.datetime.now(UTC)
            # mobile: a few sessions, sometimes a purchase, a feedback, a newcomer
            for _ in range(r.randint(1, 3)):
                u = r.choice(users)
                events = [("session_start", {"ga_session_id": int(now.timestamp())}), ("screen_view", {"firebase_screen": r.choice(["home", "bundles", "bills"])})]
                if r.random() < 0.1:
                    events.append(("purchase", {"currency": "XOF", "value": float(r.choice([500, 1000, 2500]))}))
                if r.random() < 0.04:
                    events.append(("app_feedback", {"rating": r.choice([2, 3, 4, 4, 5])}))
                self.post("ga4", f"{self.gw}/sources/ga4-mobile/ga4", ga4_mp(now, u, events),
                          {"X-Pilotage-Source-Token": "ga4-mobile-demo-token"}, sent)
            if r.random() < 0.05:
                u = {"pseudo": hashlib.sha1(f"live:{run}:new:{tick}".encode()).hexdigest()[:32], "platform": "IOS", "country": "Mali", "version": "4.2.1"}
                users.append(u)
                self.post("ga4", f"{self.gw}/sources/ga4-mobile/ga4", ga4_mp(now, u, [("first_open", {"previous_first_open_count": 0})]),
                          {"X-Pilotage-Source-Token": "ga4-mobile-demo-token"}, sent)
            # erp: the uptime probe, orders and runs moving through their states
            self.post("events", f"{self.gw}/events", probe_event(now, False, run), None, sent, ingest=True)
            if r.random() < 0.2:
                oid = 10_000_000 + tick
                pending_orders.append((oid, now, tick + r.randint(2, 6)))
                self.post("odoo", odoo_url, odoo("sale.order", oid, "draft", now, now, amount_total=round(r.uniform(50_000, 900_000), -2)), {}, sent)
            for order in [o for o in pending_orders if o[2] <= tick]:
                pending_orders.remove(order)
                self.post("odoo", odoo_url, odoo("sale.order", order[0], "sale", order[1], now, amount_total=500_000.0,
                                                 x_processing_cost=round(r.gauss(1450, 300)), x_automated=r.random() < 0.76), {}, sent)
            if r.random() < 0.15:
                rid = 20_000_000 + tick
                auto = r.random() < 0.76
                pending_runs.append((rid, now, tick + r.randint(1, 4), auto))
                self.post("odoo", odoo_url, odoo("mrp.production", rid, "progress", now, now, x_automated=auto), {}, sent)
            for run_ in [x for x in pending_runs if x[2] <= tick]:
                pending_runs.remove(run_)
                self.post("odoo", odoo_url, odoo("mrp.production", run_[0], "done", run_[1], now, x_automated=run_[3]), {}, sent)
            # cybersecurity: offenses opened then closed, vulnerabilities opened then fixed
            if r.random() < 0.05:
                oid = 5_000_000 + tick
                start = now - dt.timedelta(hours=r.uniform(0.5, 4))
                open_offenses.append((oid, start, now, tick + r.randint(5, 20)))
                self.post("qradar", f"{self.gw}/sources/qradar-soc/qradar", offense(oid, start, now, severity=6, rng=r),
                          {"X-Pilotage-Source-Token": "qradar-soc-demo-token"}, sent)
            for o in [x for x in open_offenses if x[3] <= tick]:
                open_offenses.remove(o)
                self.post("qradar", f"{self.gw}/sources/qradar-soc/qradar", offense(o[0], o[1], o[2], now, r.random() < 0.3, 6, r),
                          {"X-Pilotage-Source-Token": "qradar-soc-demo-token"}, sent)
            if r.random() < 0.05:
                vid = f"live-{run}-{tick}"
                open_vulns.append((vid, tick + r.randint(3, 15)))
                self.post("splunk", f"{self.gw}/services/collector/event", hec(now, {"action": "vulnerability_opened", "id": f"V-{vid}-o",
                          "vuln_id": f"CVE-2026-0001/srv-web-{tick % 20}", "severity": "high", "score": 7.5}),
                          {"Authorization": "Splunk splunk-soc-demo-token"}, sent)
            for v in [x for x in open_vulns if x[1] <= tick]:
                open_vulns.remove(v)
                self.post("splunk", f"{self.gw}/services/collector/event", hec(now, {"action": "vulnerability_fixed", "id": f"V-{v[0]}-f",
                          "vuln_id": f"CVE-2026-0001/srv-web-{int(v[0].rsplit('-', 1)[1]) % 20}", "severity": "high"}),
                          {"Authorization": "Splunk splunk-soc-demo-token"}, sent)
            tick += 1
            if time.time() - last_report >= 30:
                log("live: " + ", ".join(f"{k} {v}" for k, v in sent.items()) + " requests accepted")
                last_report = time.time()
            time.sleep(min(interval, max(0.0, deadline - time.time())))
        log("live traffic stopped: " + ", ".join(f"{k} {v}" for k, v in sent.items()) + " requests accepted")

    def post(self, sink, url, payload, headers, sent, ingest=False):
        h = {"Content-Type": "application/json"}
        h.update(headers or {})
        if ingest:
            h["Authorization"] = "Bearer " + self.tokens.ingest()
        status, body = self.http.call("POST", url, json.dumps(payload), h, attempts=3)
        if status in (200, 202):
            sent[sink] += 1
        else:
            log(f"  {sink}: {status} {str(body)[:300]}")

    # -- what a person sees -------------------------------------------------------------------------
    def summary(self, wait_seconds):
        token = self.tokens.user("committee")
        deadline = time.time() + wait_seconds
        lines = []
        while True:
            lines = []
            for project in PROJECTS:
                status, kpis = self.http.call("GET", f"{self.gw}/kpis?project={project}", headers=self.bearer(token))
                for k in kpis if status == 200 and isinstance(kpis, list) else []:
                    cur = k.get("latest") or {}
                    period = (cur.get("period") or {}).get("start", "")
                    lines.append((project, k.get("key"), k.get("frequency"), period, cur.get("value"), cur.get("status", "NO_DATA")))
            if (lines and all(s not in (None, "NO_DATA") for *_, s in lines)) or time.time() >= deadline:
                break
            time.sleep(3)
        log("every KPI in the current period of its frequency:")
        for project, key, frequency, period, value, status in lines:
            shown = "—" if value is None else (f"{value:,.2f}" if isinstance(value, (int, float)) else str(value))
            print(f"    {project:14s} {str(key):32s} {str(frequency):10s} {period:10s} {shown:>14s}  {status}")
        counts = {}
        for *_, s in lines:
            counts[s] = counts.get(s, 0) + 1
        log("status counts: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items(), key=lambda kv: str(kv[0]))))
        status, alerts = self.http.call("GET", f"{self.gw}/alerts?state=FIRING", headers=self.bearer(token))
        firing = alerts if isinstance(alerts, list) else (alerts or {}).get("items", []) if status == 200 else []
        log(f"alerts firing: {len(firing)}")
        slack = self.env.get("PILOTAGE_SLACK_URL")
        if slack:
            _, reqs = self.http.call("GET", slack + "/__admin/requests")
            n = len(reqs.get("requests", [])) if isinstance(reqs, dict) else 0
            log(f"Slack stand-in: {n} messages received ({slack}/__admin/requests)")
        mail = self.env.get("PILOTAGE_MAIL_API_URL")
        if mail:
            for address in ("owner@pilotage.local", "owner-mobile@pilotage.local"):
                _, msgs = self.http.call("GET", f"{mail}/api/user/{address}/messages/INBOX")
                log(f"e-mail to {address}: {len(msgs) if isinstance(msgs, list) else 0} messages")
        log(f"console: {self.env.get('PILOTAGE_PUBLIC_URL', self.gw)}/console/  (sign in as committee / committee-pass, owner / owner-pass, ...)")


def ndjson(batch):
    return "".join(json.dumps(e) + "\n" for e in batch)


def report_counts(body):
    if not isinstance(body, dict):
        return 0, 0, 0
    if "accepted" in body:
        return body.get("accepted", 0), body.get("duplicates", 0), body.get("rejected", 0)
    if body.get("status") in ("accepted", "duplicate"):
        return (1, 0, 0) if body["status"] == "accepted" else (0, 1, 0)
    items = body.get("items") or []
    return 0, 0, len(items)


def first_error(body):
    for item in (body or {}).get("items", []) if isinstance(body, dict) else []:
        if item.get("errors"):
            return item["errors"][0]
    return str(body)[:300]


def parse_duration(text):
    text = str(text).strip().lower()
    if text in ("0", "", "forever"):
        return 0
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    if text[-1] in units:
        return int(float(text[:-1]) * units[text[-1]])
    return int(float(text))


def read_env(path):
    env = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line.startswith("export "):
                line = line[7:]
            if "=" in line and not line.startswith("#"):
                k, v = line.split("=", 1)
                env[k] = v.strip().strip("'\"")
    return env


def main():
    ap = argparse.ArgumentParser(prog="./pilotage demo", description="Fill the three seed projects: history import, then live traffic.")
    ap.add_argument("--env", required=True, help="the instance's env file")
    ap.add_argument("--history-days", type=int, default=190, help="days of history to import (default 190: over six months)")
    ap.add_argument("--no-history", action="store_true", help="skip the history import")
    ap.add_argument("--duration", default="0", help="how long live traffic runs: 30s, 10m, 2h; 0 (default): until Ctrl-C")
    ap.add_argument("--speed", type=float, default=1.0, help="live traffic rate multiplier (1: a round every 2 s)")
    ap.add_argument("--scale", type=float, default=1.0, help="history volume multiplier (1: about 700 events a day)")
    ap.add_argument("--seed", type=int, default=7, help="seed of the generated history")
    ap.add_argument("--summary-wait", type=int, default=120, help="seconds to wait for every KPI to have a value before the summary")
    args = ap.parse_args()
    if args.speed <= 0 or args.speed > 100 or args.scale <= 0 or args.scale > 20 or not 0 <= args.history_days <= 400:
        ap.error("--speed must be in (0, 100], --scale in (0, 20], --history-days in [0, 400]")
    demo = Demo(read_env(args.env), args)
    signal.signal(signal.SIGTERM, lambda *_: setattr(demo, "stopping", True))
    signal.signal(signal.SIGINT, lambda *_: setattr(demo, "stopping", True))
    demo.subscribe()
    if not args.no_history and args.history_days > 0:
        demo.history()
    demo.live()
    demo.summary(args.summary_wait)


if __name__ == "__main__":
    main()
