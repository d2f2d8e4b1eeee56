#!/usr/bin/env python3
"""Freshness: from an event acknowledged by Kafka to the updated KPI value visible on the API, under
a sustained background load.

A background stream of BENCH_RATE events/s (default 10 000) of a load project runs for
BENCH_SECONDS (default 60) through one Kafka producer (acks=all); every 250 ms a probe event of a
probe project is produced on its own (synchronously, acks=all) and the API is polled every 10 ms
until the probe KPI's count includes it (Driver.java, on the broker's own client jars). Reports
p50/p99 of those latencies and the engine's sustained events/s (events applied / seconds from the
load's start until the last one was visible). Needs `PILOTAGE_INSTANCE=dev ./pilotage infra-up`
and the engine built. Measured from the Kafka acknowledgement, not from ingestion's 202 (this
benchmark does not run ingestion); ingestion answers 202 after the same acknowledgement.
"""
import json
import os
import subprocess
import sys
import time
import uuid
from datetime import datetime, timezone

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from common import E, JAVA, free_port, machine, start_engine, write  # noqa: E402

RATE = int(os.environ.get("BENCH_RATE", "10000"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "60"))
NAME = os.environ.get("BENCH_NAME", "freshness")
DAY = datetime.now(timezone.utc).strftime("%Y-%m-%d")
KAFKA_CP = E["PILOTAGE_KAFKA_HOME"] + "/lib/*"


def define(project, key):
    d = {"kind": "kpi", "version": 1, "updatedAt": datetime.now(timezone.utc).isoformat(), "updatedBy": "bench",
         "kpi": {"key": key, "project": project, "name": {"en": key}, "unit": "count", "direction": "higher_is_better",
                 "frequency": "daily", "measure": {"type": "count", "events": ["thing"]}, "version": 1}}
    p = subprocess.Popen([JAVA, "-cp", KAFKA_CP, "org.apache.kafka.tools.ConsoleProducer", "--bootstrap-server",
                          E["PILOTAGE_KAFKA_BOOTSTRAP"], "--topic", "pilotage.definitions.v1", "--producer-property", "acks=all",
                          "--property", "parse.key=true", "--property", "key.separator=|"],
                         stdin=subprocess.PIPE, text=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    p.communicate(f"{project}/{key}|{json.dumps(d)}\n")


def main():
    run = uuid.uuid4().hex[:6]
    load, probe = "fload" + run, "fprobe" + run
    port = free_port()
    # a consumer group of its own starting at the end of the topic: the events of earlier runs are not replayed
    proc, base = start_engine(port, NAME, {"MP_MESSAGING_INCOMING_EVENTS_IN_AUTO_OFFSET_RESET": "latest"})
    define(load, load + ".events")
    define(probe, probe + ".events")
    time.sleep(3)
    driver = subprocess.run([JAVA, "-Xmx256m", "-cp", KAFKA_CP, os.path.join(os.path.dirname(__file__), "Driver.java"),
                             E["PILOTAGE_KAFKA_BOOTSTRAP"], base, E["PILOTAGE_OIDC_URL"], load, probe, str(RATE), str(SECONDS),
                             run, DAY], capture_output=True, text=True)
    proc.terminate()
    proc.wait(30)
    if driver.returncode != 0:
        sys.exit("the driver failed: " + driver.stderr[-2000:])
    r = json.loads(driver.stdout.strip().splitlines()[-1])
    latencies = sorted(r["latencies"])
    sent, applied = r["sent"], r["applied"]
    p50 = latencies[len(latencies) // 2]
    p90 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.90))]
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    sustained = applied / r["drainSeconds"]
    result = {"name": "freshness", "metric": "event acknowledged by Kafka -> updated value visible on the API, p99, under "
              f"{RATE} events/s offered for {SECONDS} s", "value": round(p99, 3), "baseline": 1.0, "ratio": round(p99 / 1.0, 2),
              "target": "p99 <= 1 s at 10 000 events/s sustained", "unit": "s", "machine": machine(),
              "date": datetime.now(timezone.utc).isoformat(timespec="seconds"), "p50": round(p50, 3), "p90": round(p90, 3), "max": round(latencies[-1], 3),
              "probes": len(latencies), "offeredEventsPerSecond": RATE, "sent": sent, "applied": applied,
              "engineEventsPerSecond": round(sustained), "latenciesInProbeOrder": [round(x, 3) for x in r["latencies"]], "engineJavaOpts": os.environ.get("BENCH_ENGINE_JAVA_OPTS", "-Xmx1g")}
    write(NAME, result, f"freshness: p50 {p50:.3f} s, p90 {p90:.3f} s, p99 {p99:.3f} s, max {latencies[-1]:.3f} s over {len(latencies)} probes "
          f"(target p99 1 s) at {RATE} events/s offered; {applied} of {sent} applied; engine sustained {sustained:.0f} events/s")


if __name__ == "__main__":
    main()
