#!/usr/bin/env python3
"""A month of mobile events for the KPI engine's benchmarks (month-read, replay-month).

Generates N events of U users (skewed: user u is drawn with density ~ 1/sqrt(u)) over October
2026 straight into the engine's retained raw events (kpi_engine.raw_event, the same rows the
consumer writes), starts the engine (services/kpi-engine/target/quarkus-app) on the instance
given by PILOTAGE_INSTANCE (default dev, started with `./pilotage infra-up`), publishes three KPI
definitions of a project of its own (MAU rolling 30 days, DAU, ARPU), builds their day states
with a replay job, then:

  read:   times the API reads (monthly MAU, rolling-30-day MAU of every day, DAU of every day,
          monthly ARPU) against the best equivalent SQL over the raw events, same run, and checks
          every distinct count against the exact SQL one;
  replay: drops the month's day states, rebuilds them with a replay job (timed), and checks the
          values are identical to the ones before.

Stdlib only; psql from the PostgreSQL the harness uses. Writes bench/results/<name>.json.
"""
import json
import os
import statistics
import subprocess
import sys
import time
import urllib.error
import uuid
from datetime import datetime, timezone

sys.path.insert(0, os.path.dirname(__file__))
from common import E, JAVA, ROOT, free_port, http, machine, psql, start_engine, timed, token, write  # noqa: E402

MODE = sys.argv[1] if __name__ == "__main__" else None  # read or replay; None when imported
N = int(os.environ.get("BENCH_EVENTS", "5000000"))
USERS = int(os.environ.get("BENCH_USERS", "600000"))
MAU_TYPES = ["session_start", "screen_view", "user_engagement", "first_open"]


def publish_definitions(project):
    version = int(time.time())
    now = datetime.now(timezone.utc).isoformat()

    def kpi(key, unit, frequency, window, measure):
        return {"kind": "kpi", "version": version, "updatedAt": now, "updatedBy": "bench",
                "kpi": {"key": key, "project": project, "name": {"en": key}, "unit": unit, "direction": "higher_is_better",
                        "frequency": frequency, "window": window, "measure": measure, "version": version}}

    defs = [
        kpi(project + ".mau", "users", "monthly", {"kind": "rolling", "days": 30},
            {"type": "distinct", "events": MAU_TYPES, "field": "subject"}),
        kpi(project + ".dau", "users", "daily", {"kind": "calendar"}, {"type": "distinct", "events": MAU_TYPES, "field": "subject"}),
        kpi(project + ".arpu", "XOF", "monthly", {"kind": "calendar"},
            {"type": "ratio", "numerator": {"type": "sum", "events": ["purchase"], "field": "value"},
             "denominator": {"type": "distinct", "field": "subject"}}),
    ]
    lines = "".join(f"{project}/{d['kpi']['key']}|{json.dumps(d)}\n" for d in defs)
    subprocess.run([JAVA, "-cp", E["PILOTAGE_KAFKA_HOME"] + "/lib/*", "org.apache.kafka.tools.ConsoleProducer",
                    "--bootstrap-server", E["PILOTAGE_KAFKA_BOOTSTRAP"], "--topic", "pilotage.definitions.v1",
                    "--property", "parse.key=true", "--property", "key.separator=|"],
                   input=lines, text=True, check=True, capture_output=True)


def generate(project):
    psql("create table if not exists raw_event_2026_10 partition of raw_event for values from ('2026-10-01') to ('2026-11-01')")
    psql(f"""
        insert into raw_event (day, source, event_id, project, type, occurred_at, subject, value)
        select (ts at time zone 'UTC')::date, 'bench', 'b' || g, '{project}', typ, ts, 'u' || u,
               case when typ = 'purchase' then (100 + (g % 50) * 40)::float8 end
        from (select g, timestamptz '2026-10-01 00:00:00+00' + random() * interval '31 days' as ts,
                     floor({USERS} * power(random(), 2))::int as u,
                     case when r < 0.40 then 'session_start' when r < 0.85 then 'screen_view'
                          when r < 0.95 then 'user_engagement' else 'purchase' end as typ
              from (select g, random() as r from generate_series(1, {N}) g) x) y
        on conflict do nothing""")
    psql("analyze raw_event_2026_10")


def replay(base, tok, project):
    _, headers, raw = http("POST", f"{base}/projects/{project}/replay?from=2026-10-01&to=2026-10-31", tok)
    job = json.loads(raw)
    while job["state"] in ("queued", "running"):
        time.sleep(0.5)
        job = json.loads(http("GET", f"{base}/kpi-jobs/{job['id']}", tok)[2])
    if job["state"] != "done":
        sys.exit("replay ended " + job["state"] + ": " + str(job.get("error")))
    return job


def await_jobs(base, tok, project):
    while any(j["project"] == project and j["state"] in ("queued", "running")
              for j in json.loads(http("GET", f"{base}/kpi-jobs", tok)[2])):
        time.sleep(1)


def api_values(base, tok, key, granularity):
    raw = http("GET", f"{base}/kpis/{key}/values?granularity={granularity}&from=2026-10-01&to=2026-10-31", tok)[2]
    return json.loads(raw)


def api_reads(base, tok, project):
    return {
        "mau_month": api_values(base, tok, project + ".mau", "month"),
        "mau_rolling_daily": api_values(base, tok, project + ".mau", "day"),
        "dau_daily": api_values(base, tok, project + ".dau", "day"),
        "arpu_month": api_values(base, tok, project + ".arpu", "month"),
    }


def sql_reads(project):
    types = "array[" + ",".join(f"'{t}'" for t in MAU_TYPES) + "]"
    where = f"project = '{project}' and type = any({types})"
    q = {
        "mau_month": f"select count(distinct subject) from raw_event where {where} and day between '2026-10-02' and '2026-10-31'",
        # islands of each subject's 30-day coverage, then how many cover each day: the best plain SQL we found
        "mau_rolling_daily": f"""
            with ud as (select distinct subject, day from raw_event where {where} and day between '2026-09-02' and '2026-10-31'),
                 g as (select subject, day, case when day - lag(day) over (partition by subject order by day) <= 30 then 0 else 1 end brk from ud),
                 isl as (select subject, day, sum(brk) over (partition by subject order by day) island from g),
                 iv as (select min(day) s, max(day) + 29 e from isl group by subject, island)
            select d::date, count(*) from generate_series('2026-10-01'::date, '2026-10-31'::date, interval '1 day') d
            join iv on d::date between iv.s and iv.e group by d order by d""",
        "dau_daily": f"select day, count(distinct subject) from raw_event where {where} and day between '2026-10-01' and '2026-10-31' group by day order by day",
        "arpu_month": f"select sum(value) filter (where type = 'purchase') / count(distinct subject) from raw_event where project = '{project}' and day between '2026-10-01' and '2026-10-31'",
    }
    out = {}
    for name, sql in q.items():
        # the best plain SQL: enough memory for its sorts and hashes (the default 4 MB spills to disk)
        t, rows = timed(lambda: psql("set work_mem = '256MB'; " + sql), repeat=1)
        out[name] = (t, [r.split("|") for r in rows.splitlines()])
    return out


def main():
    project = os.environ.get("BENCH_PROJECT") or "bench" + uuid.uuid4().hex[:6]
    load = os.getloadavg()[0]
    # the engine first: its migrations create raw_event, which the generator writes into (a fresh
    # instance has no schema yet)
    port = free_port()
    proc, base = start_engine(port, MODE)
    if os.environ.get("BENCH_PROJECT"):
        print(f"[{MODE}] project {project}: reusing its raw events", file=sys.stderr)
    else:
        print(f"[{MODE}] project {project}: generating {N} events of {USERS} users (skewed) ...", file=sys.stderr)
        gen_s, _ = timed(lambda: generate(project))
        print(f"[{MODE}] generated in {gen_s:.1f} s", file=sys.stderr)
    distinct_users = int(psql(f"select count(distinct subject) from raw_event where project = '{project}'"))
    print(f"[{MODE}] {distinct_users} distinct users", file=sys.stderr)
    try:
        tok = token()
        publish_definitions(project)
        for _ in range(240):
            try:
                if len(json.loads(http("GET", f"{base}/kpis?project={project}", tok)[2])) == 3:
                    break
            except urllib.error.HTTPError:
                pass
            time.sleep(0.5)
        await_jobs(base, tok, project)  # backfills of the new definitions
        build_s, job = timed(lambda: replay(base, tok, project))
        print(f"[{MODE}] day states built by replay in {build_s:.1f} s ({job['doneEvents']} events)", file=sys.stderr)
        if MODE == "read":
            bench_read(base, tok, project, distinct_users, load)
        else:
            bench_replay(base, tok, project, distinct_users, load)
    finally:
        proc.terminate()
        proc.wait(30)
        if not os.environ.get("BENCH_KEEP"):
            psql(f"delete from kpi_day_state where kpi like '{project}.%'; delete from raw_event where project = '{project}'")


def bench_read(base, tok, project, distinct_users, load):
    cold = {}
    for name, (key, gran) in {"mau_month": (".mau", "month"), "mau_rolling_daily": (".mau", "day"), "dau_daily": (".dau", "day"),
                              "arpu_month": (".arpu", "month")}.items():
        cold[name] = timed(lambda: api_values(base, tok, project + key, gran))[0]  # first read: merges the day states
    api_times = {}
    api = {}
    for name in ("mau_month", "mau_rolling_daily", "dau_daily", "arpu_month"):
        key, gran = {"mau_month": (".mau", "month"), "mau_rolling_daily": (".mau", "day"), "dau_daily": (".dau", "day"),
                     "arpu_month": (".arpu", "month")}[name]
        samples = []
        for _ in range(5):
            t, v = timed(lambda: api_values(base, tok, project + key, gran))
            samples.append(t)
            api[name] = v
        api_times[name] = statistics.median(samples)
    sql = sql_reads(project)
    sql_times = {k: v[0] for k, v in sql.items()}
    errors = []
    exact_mau = float(sql["mau_month"][1][0][0])
    errors.append(abs(api["mau_month"][0]["value"] - exact_mau) / exact_mau)
    for v, row in zip(api["mau_rolling_daily"], sql["mau_rolling_daily"][1]):
        errors.append(abs(v["value"] - float(row[1])) / float(row[1]))
    for v, row in zip(api["dau_daily"], sql["dau_daily"][1]):
        errors.append(abs(v["value"] - float(row[1])) / float(row[1]))
    api_total = sum(api_times.values())
    sql_total = sum(sql_times.values())
    result = {"name": "month-read", "metric": "read a month of mobile KPIs (monthly MAU, rolling-30-day MAU per day, DAU per day, "
              "ARPU) through the API vs the best SQL over the raw events, same run", "value": round(api_total, 4),
              "baseline": round(sql_total, 3), "ratio": round(sql_total / api_total, 1), "target": ">= 100x faster; every distinct count within 1 % of exact",
              "unit": "s", "machine": machine(), "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
              "coldApiSeconds": cold, "coldRatio": round(sql_total / sum(cold.values()), 1), "events": N, "distinctUsers": distinct_users, "apiSeconds": api_times, "sqlSeconds": sql_times,
              "maxRelativeError": round(max(errors), 5), "withinOnePercent": max(errors) <= 0.01,
              "exact": {k: all(x["exact"] for x in v) for k, v in api.items()}, "loadAverageAtStart": load}
    write("month-read", result, f"month-read: API {api_total:.3f} s (first read {sum(cold.values()):.2f} s) vs SQL {sql_total:.1f} s = {sql_total / api_total:.0f}x "
          f"(target 100x), max distinct error {max(errors) * 100:.2f} % (target 1 %), {N} events, {distinct_users} users")


def bench_replay(base, tok, project, distinct_users, load):
    before = api_reads(base, tok, project)
    psql(f"delete from kpi_day_state where kpi like '{project}.%' and day between '2026-10-01' and '2026-10-31'")
    secs, job = timed(lambda: replay(base, tok, project))
    after = api_reads(base, tok, project)
    strip = lambda vs: [(v["period"], v.get("value"), v["sampleSize"]) for v in vs]
    identical = all(strip(before[k]) == strip(after[k]) for k in before)
    result = {"name": "replay-month", "metric": "rebuild a month's day states (3 mobile KPIs) from retained raw events",
              "value": round(secs, 2), "baseline": 60.0 * N / 5_000_000, "ratio": round(secs / (60.0 * N / 5_000_000), 3),
              "target": "<= 60 s for 5 M events, identical values", "unit": "s", "machine": machine(),
              "date": datetime.now(timezone.utc).isoformat(timespec="seconds"), "events": job["doneEvents"],
              "eventsPerSecond": round(job["doneEvents"] / secs), "distinctUsers": distinct_users, "identical": identical,
              "loadAverageAtStart": load}
    write("replay-month", result, f"replay-month: {job['doneEvents']} events rebuilt in {secs:.1f} s "
          f"({job['doneEvents'] / secs:.0f} events/s; target 60 s for 5 M), identical values: {identical}")


if __name__ == "__main__":
    main()
