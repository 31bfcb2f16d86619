#!/usr/bin/env bash
# A standalone Spark cluster on this machine, started as a user starts one from a Spark distribution: a master
# (what sbin/start-master.sh runs), a worker with 2 cores (sbin/start-worker.sh), each its own JVM, and the sweep
# submitted through Spark's launcher (what bin/spark-submit runs) with only Spark's jars on its class path. Then the
# same sweep on the thread engine, and sweep.csv, aggregate.csv and the runs' files compared apart from wall time.
# Needs no Spark distribution: its jars/ folder is made from Maven's copy of spark-core_2.13 and its dependencies.
# Usage (from the repository root, after 'mvn -B package -pl offload-spark -am -DskipTests'):
#   offload-spark/scripts/standalone-check.sh [OUT_DIR]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="${1:-$(mktemp -d /tmp/offload-standalone.XXXXXX)}"
jar="$root/offload-spark/target/offload-spark.jar"
[ -f "$jar" ] || { echo "build first: mvn -B package -pl offload-spark -am -DskipTests" >&2; exit 2; }
version=$(sed -n 's:.*<spark.version>\(.*\)</spark.version>.*:\1:p' "$root/offload-spark/pom.xml")
home="$out/spark-home"
mkdir -p "$home/jars" "$out/resolve"
cat > "$out/resolve/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
<groupId>local</groupId><artifactId>spark-jars</artifactId><version>1</version>
<dependencies><dependency><groupId>org.apache.spark</groupId><artifactId>spark-core_2.13</artifactId>
<version>$version</version></dependency></dependencies></project>
POM
(cd "$out/resolve" && mvn -B -q dependency:build-classpath -Dmdep.outputFile="$out/spark-classpath.txt" >&2)
tr ':' '\n' < "$out/spark-classpath.txt" | while read -r j; do ln -sf "$j" "$home/jars/"; done
opts=$("$root/offload-spark/scripts/java-options.sh")
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export SPARK_HOME="$home" SPARK_SCALA_VERSION=2.13
# shellcheck disable=SC2086  # opts holds several words on purpose
java $opts -cp "$home/jars/*" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$port" \
  --webui-port 0 > "$out/master.log" 2>&1 &
master=$!
sleep 5
# shellcheck disable=SC2086
java $opts -cp "$home/jars/*" org.apache.spark.deploy.worker.Worker --cores 2 --memory 1g --webui-port 0 \
  --work-dir "$out/work" "spark://127.0.0.1:$port" > "$out/worker.log" 2>&1 &
worker=$!
trap 'kill $worker $master 2>/dev/null || true' EXIT
for _ in $(seq 60); do grep -q "Successfully registered with master" "$out/worker.log" && break; sleep 2; done
args=(sweep --devices 20,40 --policies least-utilised,greedy,dl-tier --replications 2 --duration 60 --warmup 10
      --seed 7 --no-report --quiet)
rm -rf "$out/thread" "$out/cluster"
# shellcheck disable=SC2086
java $opts -cp "$home/jars/*" org.apache.spark.deploy.SparkSubmit --master "spark://127.0.0.1:$port" \
  --conf spark.driver.host=127.0.0.1 --executor-memory 512m --class org.offload.cli.Main "$jar" \
  "${args[@]}" --engine spark --out "$out/cluster" > "$out/submit.log" 2>&1 || { tail -n 30 "$out/submit.log"; exit 1; }
grep -h "^Sweep" "$out/submit.log"
grep -c "ExecutorRunner: Launch command" "$out/worker.log" | sed 's/^/executor JVMs launched by the worker: /'
"$root/offload" "${args[@]}" --threads 2 --out "$out/thread"
python3 "$root/offload-spark/scripts/compare.py" "$out/thread" "$out/cluster"
