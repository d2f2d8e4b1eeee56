#!/usr/bin/env python3
"""Freshness: from an event acknowledged by Kafka to the updated KPI value visible on the API, under
a sustained background load.

A background stream of BENCH_RATE events/s (default 10 000) of a load project runs for
BENCH_SECONDS (default 60) through Kafka's console producer (acks=all); every 250 ms a probe event
of a probe project is produced on its own (synchronously, acks=all) and the API is polled every
10 ms until the probe KPI's count includes it. Reports p50/p99 of those latencies and the engine's
sustained events/s. Needs `PILOTAGE_INSTANCE=dev ./pilotage infra-up` and the engine built.
Measured from the Kafka acknowledgement, not from ingestion's 202 (this benchmark does not run
ingestion); ingestion answers 202 after the same acknowledgement.
"""
import json
import os
import subprocess
import sys
import threading
import time
import uuid
from datetime import datetime, timezone

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from common import E, free_port, http, machine, start_engine, token, write  # noqa: E402

RATE = int(os.environ.get("BENCH_RATE", "10000"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "60"))
DAY = datetime.now(timezone.utc).strftime("%Y-%m-%d")


def producer(topic):
    return subprocess.Popen(["java", "-cp", E["PILOTAGE_KAFKA_HOME"] + "/lib/*", "org.apache.kafka.tools.ConsoleProducer",
                             "--bootstrap-server", E["PILOTAGE_KAFKA_BOOTSTRAP"], "--topic", topic, "--producer-property", "acks=all",
                             "--producer-property", "linger.ms=5", "--property", "parse.key=true", "--property", "key.separator=|"],
                            stdin=subprocess.PIPE, text=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def define(project, key):
    d = {"kind": "kpi", "version": 1, "updatedAt": datetime.now(timezone.utc).isoformat(), "updatedBy": "bench",
         "kpi": {"key": key, "project": project, "name": {"en": key}, "unit": "count", "direction": "higher_is_better",
                 "frequency": "daily", "measure": {"type": "count", "events": ["thing"]}, "version": 1}}
    producer("pilotage.definitions.v1").communicate(f"{project}/{key}|{json.dumps(d)}\n")


def event(project, i, run):
    e = {"id": f"f{run}-{project}-{i}", "source": "bench", "project": project, "type": "thing",
         "occurredAt": datetime.now(timezone.utc).isoformat(), "entity": f"e{i}"}
    return f"{project}/e{i}|{json.dumps(e)}\n"


def count(base, tok, key):
    try:
        v = json.loads(http("GET", f"{base}/kpis/{key}/values?granularity=day&from={DAY}&to={DAY}", tok)[2])[0]
        return int(v.get("value") or 0)
    except Exception:
        return -1


def main():
    run = uuid.uuid4().hex[:6]
    load, probe = "fload" + run, "fprobe" + run
    port = free_port()
    proc, base = start_engine(port, "freshness")
    tok = token()
    define(load, load + ".events")
    define(probe, probe + ".events")
    time.sleep(3)
    stop = [False]

    def background():
        p = producer("pilotage.events.v1")
        start = time.time()
        i = 0
        while time.time() - start < SECONDS:
            target = int((time.time() - start) * RATE)
            chunk = []
            while i < target:
                chunk.append(event(load, i, run))
                i += 1
            p.stdin.write("".join(chunk))
            p.stdin.flush()
            time.sleep(0.01)
        p.stdin.close()
        p.wait()
        stop[0] = i

    t = threading.Thread(target=background)
    t.start()
    started = time.time()
    latencies = []
    n = 0
    while t.is_alive():
        before = count(base, tok, probe + ".events")
        p = producer("pilotage.events.v1")
        p.communicate(event(probe, n, run))  # returns once the console producer has flushed (acks=all) and exited
        acked = time.time()
        n += 1
        while count(base, tok, probe + ".events") <= before:
            time.sleep(0.01)
        latencies.append(time.time() - acked)
        time.sleep(0.25)
    t.join()
    sent = stop[0]
    deadline = time.time() + 600
    while count(base, tok, load + ".events") < sent and time.time() < deadline:
        time.sleep(0.5)
    drained = time.time() - started
    applied = count(base, tok, load + ".events")
    proc.terminate()
    proc.wait(30)
    latencies.sort()
    p50 = latencies[len(latencies) // 2]
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    result = {"name": "freshness", "metric": "event acknowledged by Kafka -> updated value visible on the API, p99, under "
              f"{RATE} events/s offered for {SECONDS} s", "value": round(p99, 3), "baseline": 1.0, "ratio": round(p99 / 1.0, 2),
              "target": "p99 <= 1 s at 10 000 events/s sustained", "unit": "s", "machine": machine(),
              "date": datetime.now(timezone.utc).isoformat(timespec="seconds"), "p50": round(p50, 3), "probes": len(latencies),
              "offeredEventsPerSecond": RATE, "sent": sent, "applied": applied,
              "engineEventsPerSecond": round(applied / drained), "note": "probe latency includes a console-producer JVM start "
              "before the acknowledgement only, not after it"}
    write("freshness", result, f"freshness: p50 {p50:.3f} s, p99 {p99:.3f} s (target 1 s) at {RATE} events/s offered; "
          f"engine sustained {applied / drained:.0f} events/s")


if __name__ == "__main__":
    main()
