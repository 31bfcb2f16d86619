#!/usr/bin/env bash
# Spark's overhead on a 2,000-run sweep (5 policies x 20 device counts x 20 replications, 300 simulated s each):
# the thread engine (2 threads) and --engine spark --master local[2], same jar, same machine, in the order
# thread, spark, spark, thread per round (so that a drift in the machine's load falls on both alike). Prints each
# run's wall and CPU time, then Spark's overhead per run point in ms and as a share of Spark's wall time, and checks
# that sweep.csv and aggregate.csv agree apart from wall-time columns.
# Usage (from the repository root, after 'mvn -B package -pl offload-spark -am -DskipTests'):
#   offload-spark/scripts/overhead.sh [OUT_DIR] [ROUNDS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="${1:-$(mktemp -d /tmp/offload-overhead.XXXXXX)}"
rounds="${2:-1}"
cp_file="$root/offload-spark/target/classpath.txt"
jar="$root/offload-spark/target/offload-spark.jar"
[ -f "$cp_file" ] && [ -f "$jar" ] || { echo "build first: mvn -B package -pl offload-spark -am -DskipTests" >&2; exit 2; }
export OFFLOAD_CLASSPATH="$jar:$(cat "$cp_file")"
args=(sweep --devices 50..1000:50 --policies least-utilised,greedy,random,edge-only,dl-tier --replications 20
      --duration 300 --warmup 30 --no-report --quiet)
mkdir -p "$out"
: > "$out/times.txt"
one() { # engine label, extra args...
  local label="$1"; shift
  rm -rf "${out:?}/$label"
  /usr/bin/time -f "$label %e %U %S" -a -o "$out/times.txt" "$root/offload" "${args[@]}" "$@" --out "$out/$label" \
    > "$out/$label.log" 2>&1
  tail -n 1 "$out/times.txt"
}
for ((r = 1; r <= rounds; r++)); do
  one thread --threads 2
  one spark --engine spark --master 'local[2]'
  one spark --engine spark --master 'local[2]'
  one thread --threads 2
done
python3 - "$out" <<'PY'
import csv, io, pathlib, statistics, sys
out = pathlib.Path(sys.argv[1])
t = {"thread": [], "spark": []}
for line in (out / "times.txt").read_text().split("\n"):
    if line.split() and line.split()[0] in t:
        label, wall, user, sys_ = line.split()
        t[label].append((float(wall), float(user) + float(sys_)))
runs = 2000
for label, xs in t.items():
    print(f"{label}: wall {[w for w, _ in xs]} s, cpu {[c for _, c in xs]} s")
tw, sw = (statistics.mean(w for w, _ in t[k]) for k in ("thread", "spark"))
tc, sc = (statistics.mean(c for _, c in t[k]) for k in ("thread", "spark"))
print(f"mean wall: thread {tw:.1f} s, spark {sw:.1f} s; overhead {(sw - tw) / runs * 1000:.1f} ms per run point, "
      f"{(sw - tw) / sw * 100:.1f} % of Spark's wall time")
print(f"mean cpu (user+sys): thread {tc:.1f} s, spark {sc:.1f} s; overhead {(sc - tc) / runs * 1000:.1f} ms per run "
      f"point, {(sc - tc) / sc * 100:.1f} % of Spark's cpu time")
PY
python3 "$root/offload-spark/scripts/compare.py" "$out/thread" "$out/spark"
