#!/usr/bin/env bash
# Runs a small sweep on Spark's local-cluster master (a standalone master and workers in this JVM, each executor a
# separate JVM, so runs are serialised to other processes) and on the thread engine, and compares sweep.csv and
# aggregate.csv (wall-time columns left out) and every run's summary.json (wall-time lines left out).
# Spark's workers launch executors through its launcher, which needs a SPARK_HOME with a jars/ folder and the Scala
# version: this script builds that folder from offload-spark/target/classpath.txt (symlinks) in a temporary folder.
# Usage (from the repository root, after 'mvn -B package -pl offload-spark -am -DskipTests'):
#   offload-spark/scripts/local-cluster-check.sh [OUT_DIR]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="${1:-$(mktemp -d /tmp/offload-local-cluster.XXXXXX)}"
cp_file="$root/offload-spark/target/classpath.txt"
jar="$root/offload-spark/target/offload-spark.jar"
[ -f "$cp_file" ] && [ -f "$jar" ] || { echo "build first: mvn -B package -pl offload-spark -am -DskipTests" >&2; exit 2; }
home="$out/spark-home"
mkdir -p "$home/jars"
tr ':' '\n' < "$cp_file" | while read -r j; do ln -sf "$j" "$home/jars/"; done
args=(sweep --devices 20,40 --policies least-utilised,greedy,dl-tier --replications 2 --duration 60 --warmup 10
      --seed 7 --no-report --quiet)
rm -rf "$out/thread" "$out/cluster"
OFFLOAD_CLASSPATH="$jar:$(cat "$cp_file")" "$root/offload" "${args[@]}" --threads 2 --out "$out/thread"
SPARK_HOME="$home" SPARK_SCALA_VERSION=2.13 OFFLOAD_CLASSPATH="$jar:$(cat "$cp_file")" "$root/offload" "${args[@]}" \
  --engine spark --master 'local-cluster[2,1,512]' --out "$out/cluster"
python3 "$root/offload-spark/scripts/compare.py" "$out/thread" "$out/cluster"
