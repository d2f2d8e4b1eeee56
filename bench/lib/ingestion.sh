# Shared preamble of the ingestion benchmarks (sourced, not run): JDK 25, the harness instance
# (default "bench") with its environment, and the ingestion jar (built when missing, or REBUILD=1).
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
export PILOTAGE_INSTANCE=${PILOTAGE_INSTANCE:-bench}
JAVA_HOME=${JAVA_HOME:-$(ls -d /usr/lib/jvm/*25* | head -1)}
export JAVA_HOME
JAVA=$JAVA_HOME/bin/java
./pilotage infra-up >/dev/null
# shellcheck disable=SC1090
source "$(./pilotage env)"
[[ -f services/ingestion/target/quarkus-app/quarkus-run.jar && ${REBUILD:-0} == 0 ]] \
  || ./mvnw -B -q -pl services/ingestion -am package -DskipTests
