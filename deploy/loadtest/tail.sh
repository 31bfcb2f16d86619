#!/usr/bin/env bash
# The decision service's latency tail (docs/service.md, "Latency tail"): for each JVM setting, the service runs
# pinned to CPU 1 and the load generator to CPU 0 (taskset); after a 15 s warm-up at 5,000 decisions/s it is
# measured at 2,000 and 10,000 decisions/s (10 s each, 16 connections, open loop) with GC pauses read from the
# service's GC log over each window. Then allocation per decision: the service under the Epsilon collector (which
# never frees), heap use read from /metrics before and after 20,000 decisions.
# Usage: deploy/loadtest/tail.sh [SERVICE_JAR] [CLIENT_JAR]   (default: this checkout's offload.jar for both)
# CPUs: TAIL_SERVICE_CPUS (default 1) and TAIL_CLIENT_CPUS (default 0), as taskset lists (0,1: unpinned).
# JVM settings: TAIL_SETTINGS, ';'-separated lists of java options (default below; 'none': allocation only).
# Output: results/tail/ (GC and service logs).
set -u
. "$(dirname "$0")/common.sh"
root="$(cd "$(dirname "$0")/../.." && pwd)"
jar="${1:-$root/offload-cli/target/offload.jar}"
client="${2:-$jar}"
[ -f "$jar" ] || { echo "no jar at $jar: run ./offload --help once to build it" >&2; exit 2; }
command -v taskset >/dev/null || { echo "taskset is needed (Debian package util-linux)" >&2; exit 2; }
out="$root/results/tail"; mkdir -p "$out"
port=18099
svc_cpus="${TAIL_SERVICE_CPUS:-1}"
cli_cpus="${TAIL_CLIENT_CPUS:-0}"
settings="${TAIL_SETTINGS:--XX:+UseSerialGC;-XX:+UseSerialGC -Xmn256m;-XX:+UseParallelGC -Xmn256m;-XX:+UseG1GC;-XX:+UseG1GC -Xms1g -Xmn512m;-XX:+UseZGC -Xms1g -Xmx1g}"
url=http://127.0.0.1:$port
metric() { curl -s $url/metrics | awk -v k="$1" '$1 == k { printf "%.6f\n", $2; exit }'; }
# JVM uptime now (s), from the service's own process start time
uptime_s() { python3 -c "import time,sys; print('%.3f' % (time.time() - float(sys.argv[1])))" "$start"; }
pauses() { # gc log, from, to (JVM uptime s): count, sum ms, max ms of stop-the-world pauses in the window
  python3 - "$@" <<'PY'
import re, sys
log, a, b = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
n, tot, mx = 0, 0.0, 0.0
for line in open(log):
    m = re.match(r'\[([\d.]+)s\].*GC\(\d+\) Pause .* ([\d.]+)ms$', line.strip())
    if m and a <= float(m.group(1)) <= b:
        ms = float(m.group(2)); n += 1; tot += ms; mx = max(mx, ms)
print(f"gc pauses {n} ({tot:.1f} ms in all, max {mx:.2f} ms)")
PY
}
load() { taskset -c "$cli_cpus" java -jar "$client" loadtest $url --rate "$1" --duration "$2" --connections 16 2>&1 \
    | grep -E '^(requests|rate|latency|send lag)'; }
list=()
[ "$settings" = none ] || IFS=';' read -ra list <<< "$settings"
for s in "${list[@]}"; do
  tag=$(echo "$s" | tr -c 'A-Za-z0-9' '_')
  echo "=== service JVM: $s  CPUs service $svc_cpus, client $cli_cpus   (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  # shellcheck disable=SC2086
  taskset -c "$svc_cpus" java $s -Xlog:gc,gc+phases=info:file="$out/gc-$tag.log":uptime -jar "$jar" serve --no-auth \
      --port $port > "$out/serve-$tag.log" 2>&1 &
  pid=$!
  ready $url || { echo "service did not start"; cat "$out/serve-$tag.log"; kill $pid; exit 1; }
  start=$(metric process_start_time_seconds)
  load 5000 15 > /dev/null
  for rate in 2000 10000; do
    a=$(uptime_s); r=$(load $rate 10); b=$(uptime_s)
    echo "--- $rate/s"; echo "$r"; pauses "$out/gc-$tag.log" "$a" "$b"
  done
  kill $pid; wait $pid 2>/dev/null
done
echo "=== allocation per decision (Epsilon collector, never frees)"
taskset -c "$svc_cpus" java -XX:+UnlockExperimentalVMOptions -XX:+UseEpsilonGC -Xms3g -Xmx3g -jar "$jar" serve --no-auth \
    --port $port > "$out/serve-epsilon.log" 2>&1 &
pid=$!
ready $url || { echo "service did not start"; kill $pid; exit 1; }
load 2000 5 > /dev/null
u1=$(metric 'jvm_memory_used_bytes{area="heap"}')
r=$(load 2000 10); echo "$r"
u2=$(metric 'jvm_memory_used_bytes{area="heap"}')
ok=$(echo "$r" | awk '/^requests/ {print $4}')
python3 -c "import sys; u1,u2,n=float(sys.argv[1]),float(sys.argv[2]),int(sys.argv[3]); print(f'allocated {(u2-u1)/n:.0f} bytes per decision over {n} decisions (heap {u1/1e6:.0f} -> {u2/1e6:.0f} MB)')" "$u1" "$u2" "$ok"
kill $pid; wait $pid 2>/dev/null
