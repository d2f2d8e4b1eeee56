#!/usr/bin/env python3
"""console-pages: the console's pages against the API calls they make, timed in the same run.

With a month of BENCH_EVENTS (default 5 M) mobile events of BENCH_USERS users in the engine's
retained raw events and their day states built (as bench/month-read does), signed in as `committee`
through Keycloak's own login page, it times, straight on the console's port (server time, no
gateway):
  - the portfolio of October 2026, the bench project's page and its MAU KPI page: BENCH_SAMPLES
    (default 40) views each, warm, p50 and p95;
  - the same API calls each page makes, with the same person's token and the same concurrency
    (the console calls them side by side, in two rounds for the portfolio and the project page),
    BENCH_SAMPLES times: the baseline;
  - cold: the first view of each page after the console and the engine were restarted.
Targets: p95 <= 150 ms warm, <= 1 s cold; the console adds <= 25 % to its API calls (p50).
Writes bench/results/console-pages.json.
"""
import concurrent.futures
from http import cookiejar
import json
import os
import re
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import datetime, timezone

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import common  # noqa: E402
from common import E, ROOT, http, machine, psql, write  # noqa: E402
import mobile_month  # noqa: E402

SAMPLES = int(os.environ.get("BENCH_SAMPLES", "40"))
PERIOD = "2026-10"
POOL = concurrent.futures.ThreadPoolExecutor(max_workers=32)


class LoopbackPolicy(cookiejar.DefaultCookiePolicy):
    """Browsers send http://localhost's Secure cookies (Keycloak's login cookies): so does this."""

    def return_ok_secure(self, cookie, request):
        return True

    def set_ok(self, cookie, request):
        cookie.secure = False
        return super().set_ok(cookie, request)


def signed_in(user):
    """A browser's cookies after signing in on Keycloak's own page, through the gateway (the realm
    knows only its redirect URI): curl does the login as a browser would, the cookie jar it writes
    is loaded here, and the session cookie then goes to the console's own port too (cookies do not
    tell ports apart)."""
    jar_file = os.path.join(ROOT, ".pilotage", os.environ.get("PILOTAGE_INSTANCE", "dev"), "console-pages.cookies")
    if os.path.exists(jar_file):
        os.remove(jar_file)

    def curl(*args):
        return subprocess.run(["curl", "-s", "-c", jar_file, "-b", jar_file, *args], check=True, capture_output=True,
                              text=True).stdout
    login = curl("-L", E["PILOTAGE_PUBLIC_URL"] + "/console/")
    action = re.search(r'id="kc-form-login"[^>]*action="([^"]+)"', login) or re.search(r'action="([^"]+)"', login)
    landed = curl("-L", "-o", "/dev/null", "-w", "%{url_effective}", "--data-urlencode", "username=" + user,
                  "--data-urlencode", "password=" + user + "-pass", action.group(1).replace("&amp;", "&"))
    if "/console/" not in landed:
        sys.exit("sign-in did not come back to the console: " + landed)
    jar = cookiejar.MozillaCookieJar(jar_file, policy=LoopbackPolicy())
    jar.load(ignore_discard=True, ignore_expires=True)
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))


def user_token(user):
    body = urllib.parse.urlencode({"grant_type": "password", "client_id": "pilotage-web", "username": user,
                                   "password": user + "-pass"}).encode()
    return json.loads(http("POST", E["PILOTAGE_OIDC_URL"] + "/protocol/openid-connect/token", data=body)[2])["access_token"]


def view(opener, url):
    t = time.perf_counter()
    with opener.open(url, timeout=60) as r:
        r.read()
        status = r.status
    d = time.perf_counter() - t
    if status != 200:
        sys.exit(f"{url} answered {status}")
    return d


def get(url, tok):
    """One API call; a refusal (404: governance knows nothing of the bench project) counts like an answer,
    as the console takes it."""
    try:
        return http("GET", url, tok)[2]
    except urllib.error.HTTPError as e:
        e.read()
        return b""


def rounds(calls):
    """Runs each round's calls side by side, the rounds one after the other; the elapsed time."""
    t = time.perf_counter()
    for r in calls:
        list(POOL.map(lambda u: get(u, TOKEN), r))
    return time.perf_counter() - t


def months_back(period, n):
    y, m = map(int, period.split("-"))
    o = y * 12 + m - 1 - n
    return f"{o // 12:04d}-{o % 12 + 1:02d}"


def last_day(period):
    y, m = map(int, period.split("-"))
    return (datetime(y + (m // 12), m % 12 + 1, 1) - datetime(y, m, 1)).days


def api_calls(keys_all, project, keys_project, kpi):
    engine, gov, alr = E["PILOTAGE_KPI_ENGINE_URL"], E["PILOTAGE_GOVERNANCE_URL"], E["PILOTAGE_ALERTING_URL"]
    end = f"{PERIOD}-{last_day(PERIOD):02d}"
    spark_from = months_back(PERIOD, 11) + "-01"
    chart_from = months_back(PERIOD, 23) + "-01"
    portfolio = [[f"{engine}/portfolio/scorecard?period={PERIOD}", f"{engine}/kpis", f"{gov}/projects?size=500",
                  f"{gov}/reviews?size=1"],
                 [f"{engine}/kpis/{k}/values?granularity=month&from={spark_from}&to={end}" for k in keys_all]]
    project_page = [[f"{engine}/kpis?project={project}"],
                    [f"{engine}/projects/{project}/scorecard?period={PERIOD}", f"{alr}/alerts?project={project}&limit=500",
                     f"{gov}/reviews?size=50"]
                    + [f"{engine}/kpis/{k}/values?granularity=month&from={chart_from}&to={end}" for k in keys_project]
                    + [f"{gov}/projects/{project}/kpis/{k}/history?size=50" for k in keys_project]]
    kpi_page = [[f"{engine}/kpis"],
                [f"{engine}/kpis/{kpi}/values?granularity=month&from={chart_from}&to={end}",
                 f"{alr}/alerts?project={project}&kpi={kpi}&limit=50", f"{gov}/projects/{project}/kpis/{kpi}/history?size=50",
                 f"{gov}/projects?size=500", f"{gov}/reviews?size=50"]]
    explanation = [[f"{engine}/kpis"], [f"{engine}/kpis/{kpi}/explain?period={PERIOD}"]]
    return {"portfolio": portfolio, "project": project_page, "kpi": kpi_page, "explanation": explanation}


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def restart(*apps):
    subprocess.run([os.path.join(ROOT, "pilotage"), "apps-down", *apps], check=True, capture_output=True)
    subprocess.run([os.path.join(ROOT, "pilotage"), "apps-up", *apps], check=True, capture_output=True)


TOKEN = None


def main():
    global TOKEN
    project = "bench" + os.urandom(3).hex()
    console = E["PILOTAGE_CONSOLE_URL"]
    print(f"[console-pages] project {project}: {mobile_month.N} events of {mobile_month.USERS} users ...", file=sys.stderr)
    t = time.perf_counter()
    mobile_month.generate(project)
    print(f"[console-pages] generated in {time.perf_counter() - t:.0f} s", file=sys.stderr)
    admin = common.token()
    base = E["PILOTAGE_KPI_ENGINE_URL"]
    mobile_month.publish_definitions(project)
    for _ in range(240):
        if len(json.loads(get(f"{base}/kpis?project={project}", admin))) == 3:
            break
        time.sleep(0.5)
    mobile_month.await_jobs(base, admin, project)
    mobile_month.replay(base, admin, project)
    print("[console-pages] day states built", file=sys.stderr)
    try:
        TOKEN = user_token("committee")
        keys_all = sorted(k["key"] for k in json.loads(get(f"{base}/kpis", TOKEN)))
        keys_project = sorted(k["key"] for k in json.loads(get(f"{base}/kpis?project={project}", TOKEN)))
        kpi = project + ".mau"
        pages = {"portfolio": f"{console}/console/?period={PERIOD}",
                 "project": f"{console}/console/projects/{project}?period={PERIOD}",
                 "kpi": f"{console}/console/kpis/{kpi}?period={PERIOD}",
                 # loaded by the KPI page after it is shown: timed apart, not one of the three pages of the target
                 "explanation": f"{console}/console/kpis/{kpi}/explain?period={PERIOD}"}
        calls = api_calls(keys_all, project, keys_project, kpi)
        load = os.getloadavg()[0]

        # cold: the first view of each page after a restart of the console and the engine
        restart("console", "kpi-engine")
        opener = signed_in("committee")
        cold = {name: view(opener, url) for name, url in pages.items()}
        TOKEN = user_token("committee")
        restart("kpi-engine")
        cold_api = {name: rounds(calls[name]) for name in pages}

        # warm: pages and their API calls interleaved, so that both see the same machine
        for name, url in pages.items():
            for _ in range(5):
                view(opener, url)
                rounds(calls[name])
        warm, api = {n: [] for n in pages}, {n: [] for n in pages}
        for _ in range(SAMPLES):
            for name, url in pages.items():
                warm[name].append(view(opener, url))
                api[name].append(rounds(calls[name]))
        result_pages = {}
        for name in pages:
            result_pages[name] = {
                "url": pages[name].replace(console, ""),
                "apiCalls": sum(len(r) for r in calls[name]), "apiRounds": len(calls[name]),
                "warmP50Ms": round(1000 * statistics.median(warm[name]), 1), "warmP95Ms": round(1000 * pct(warm[name], 95), 1),
                "apiP50Ms": round(1000 * statistics.median(api[name]), 1), "apiP95Ms": round(1000 * pct(api[name], 95), 1),
                "coldMs": round(1000 * cold[name], 1), "coldApiMs": round(1000 * cold_api[name], 1),
                "addedP50": round(statistics.median(warm[name]) / statistics.median(api[name]) - 1, 3),
            }
        targeted = {n: p for n, p in result_pages.items() if n != "explanation"}
        worst95 = max(p["warmP95Ms"] for p in targeted.values())
        worst_cold = max(p["coldMs"] for p in targeted.values())
        worst_added = max(p["addedP50"] for p in targeted.values())
        value = max(p["warmP50Ms"] for p in targeted.values())
        baseline = max(p["apiP50Ms"] for p in targeted.values())
        result = {
            "name": "console-pages",
            "metric": "server time of the portfolio, a project page and a KPI page (p50 of the slowest page, warm) against the "
                      "API calls each page makes with the same concurrency (p50), same run",
            "value": value, "baseline": baseline, "ratio": round(value / baseline, 3),
            "target": "p95 <= 150 ms warm, <= 1 s cold; the console adds <= 25 % to its API calls",
            "unit": "ms", "machine": f"{machine()} (load {load:.1f} before the timed views)",
            "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "events": mobile_month.N, "samples": SAMPLES, "period": PERIOD, "pages": result_pages,
            "worstWarmP95Ms": worst95, "worstColdMs": worst_cold, "worstAddedP50": worst_added,
            "met": worst95 <= 150 and worst_cold <= 1000 and worst_added <= 0.25,
        }
        warm_txt = ", ".join("%s %s ms" % (n, p["warmP95Ms"]) for n, p in result_pages.items())
        cold_txt = ", ".join("%s %s ms" % (n, p["coldMs"]) for n, p in result_pages.items())
        added_txt = ", ".join("%s %+.0f %%" % (n, 100 * p["addedP50"]) for n, p in result_pages.items())
        summary = ("console-pages: warm p95 " + warm_txt + "; cold " + cold_txt + "; added to the API calls (p50) " + added_txt
                   + " — " + ("met" if result["met"] else "NOT met"))
        write("console-pages", result, summary)
    finally:
        psql(f"delete from kpi_day_state where kpi like '{project}.%'; delete from raw_event where project = '{project}'")


if __name__ == "__main__":
    main()
