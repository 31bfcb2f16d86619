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
python3 - "$out/thread" "$out/cluster" <<'PY'
import csv, io, pathlib, sys
a, b = map(pathlib.Path, sys.argv[1:3])
def table(p):
    rows = list(csv.reader(io.StringIO(p.read_text())))
    keep = [i for i, h in enumerate(rows[0]) if "wall" not in h]
    return [[r[i] for i in keep] for r in rows]
def runs(d):
    return {str(f.relative_to(d)): [l for l in f.read_text().splitlines()
            if '"wall_time_s"' not in l and '"tasks_per_wall_second"' not in l]
            for f in sorted((d / "runs").rglob("*")) if f.is_file()}
ok = True
for t in ("sweep.csv", "aggregate.csv"):
    same = table(a / t) == table(b / t)
    ok &= same
    print(f"{t}: {len(table(a / t)) - 1} rows, {'identical' if same else 'DIFFERENT'} apart from wall-time columns")
ra, rb = runs(a), runs(b)
same = ra == rb
ok &= same
print(f"runs/: {len(ra)} files, {'identical' if same else 'DIFFERENT'} apart from wall-time lines")
sys.exit(0 if ok else 1)
PY
