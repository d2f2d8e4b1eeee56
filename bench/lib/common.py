"""Helpers shared by the KPI engine's benchmarks: the harness instance, psql, HTTP, the engine process."""
import glob
import json
import os
import platform
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import uuid

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def env():
    instance = os.environ.get("PILOTAGE_INSTANCE", "dev")
    path = os.path.join(ROOT, ".pilotage", instance, "env")
    if not os.path.exists(path):
        sys.exit(f"no {path}: start the infrastructure first (PILOTAGE_INSTANCE={instance} ./pilotage infra-up)")
    out = {}
    for line in open(path):
        if line.startswith("export "):
            k, v = line[7:].strip().split("=", 1)
            out[k] = v.strip("'\"")
    return out


E = env()
# the JDK 25 the launcher found (written to the env file by infra-up), never whatever "java" the PATH
# finds first (Java 17 on the development machine)
JAVA = os.path.join(E.get("PILOTAGE_JAVA_HOME") or os.environ.get("JAVA_HOME") or "/nonexistent", "bin", "java")
if not os.access(JAVA, os.X_OK):
    print(f"warning: no JDK 25 at {JAVA} (PILOTAGE_INSTANCE={E.get('PILOTAGE_INSTANCE', 'dev')} ./pilotage infra-up writes it to"
          " the env file): a benchmark that starts a JVM will fail", file=sys.stderr)
# the engine role's password (older harnesses exported it as PILOTAGE_PG_PASSWORD)
PG_PASSWORD = E.get("PILOTAGE_PG_PASSWORD_KPI_ENGINE") or E.get("PILOTAGE_PG_PASSWORD", "")
PSQL = sorted(glob.glob("/usr/lib/postgresql/*/bin/psql"))[-1]


def psql(sql, *args):
    cmd = [PSQL, "-h", E["PILOTAGE_PG_HOST"], "-p", E["PILOTAGE_PG_PORT"], "-U", "kpi_engine", "-d", E["PILOTAGE_PG_DATABASE"],
           "-v", "ON_ERROR_STOP=1", "-qAtX", "-c", "set search_path = kpi_engine; set jit = off; " + sql] + list(args)
    r = subprocess.run(cmd, env={**os.environ, "PGPASSWORD": PG_PASSWORD}, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit("psql failed: " + r.stderr)
    return r.stdout.strip()


def timed(fn, repeat=1):
    best, result = None, None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        d = time.perf_counter() - t
        best = d if best is None else min(best, d)
    return best, result


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


def http(method, url, token=None, data=None, accept="application/json"):
    req = urllib.request.Request(url, method=method, data=data)
    req.add_header("Accept", accept)
    if token:
        req.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(req, timeout=600) as r:
        return r.status, r.headers, r.read()


def token():
    body = urllib.parse.urlencode({"grant_type": "password", "client_id": "pilotage-web", "username": "admin",
                                   "password": "admin-pass"}).encode()
    _, _, raw = http("POST", E["PILOTAGE_OIDC_URL"] + "/protocol/openid-connect/token", data=body)
    return json.loads(raw)["access_token"]


def start_engine(port, name, extra_env=None):
    # BENCH_ENGINE_JAR: another build of the engine (e.g. a copy of an older quarkus-app, to compare)
    jar = os.environ.get("BENCH_ENGINE_JAR") or os.path.join(ROOT, "services", "kpi-engine", "target", "quarkus-app", "quarkus-run.jar")
    if not os.path.exists(jar):
        sys.exit("build the engine first: ./mvnw -B -q -pl services/kpi-engine -am install -DskipTests")
    log = open(os.path.join(ROOT, "bench", "results", f"{name}-engine.log"), "a")
    management = free_port()
    while management == port:  # a port just released may be handed out again
        management = free_port()
    penv = {**os.environ, **E, "QUARKUS_HTTP_PORT": str(port), "QUARKUS_MANAGEMENT_PORT": str(management), "PILOTAGE_DB_USER": "kpi_engine",
            "PILOTAGE_DB_PASSWORD": PG_PASSWORD, "PILOTAGE_KPI_ENGINE_GROUP": "bench-" + uuid.uuid4().hex[:8],
            "PILOTAGE_KPI_ENGINE_INSTANCE_ID": "bench-" + uuid.uuid4().hex[:8], "PILOTAGE_KPI_SEED_CATALOGUE": "false", **(extra_env or {})}
    # BENCH_ENGINE_JAVA_OPTS: the engine's JVM flags (default -Xmx1g), e.g. to add a JFR recording
    opts = os.environ.get("BENCH_ENGINE_JAVA_OPTS", "-Xmx1g").split()
    proc = subprocess.Popen([JAVA, *opts, "-jar", jar], env=penv, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(240):
        try:
            if http("GET", base + "/q/health/ready")[0] == 200:
                return proc, base
        except Exception:
            pass
        time.sleep(0.5)
    proc.kill()
    sys.exit("the engine did not become ready; see bench/results/" + name + "-engine.log")


def machine():
    return f"{platform.node()} {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f} at start"


def write(name, result, summary):
    path = os.path.join(ROOT, "bench", "results", name + ".json")
    with open(path, "w") as f:
        json.dump(result, f, indent=2)
    print(summary)


