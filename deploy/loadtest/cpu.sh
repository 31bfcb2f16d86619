#!/usr/bin/env bash
# CPU time per decision of each process (replicas, Redis) at a rate below saturation (docs/service.md, "Load test:
# two replicas on Redis vs one process"). MODE=redis (two replicas sharing one Redis, default) or memory (one
# process); RATE (default 800 decisions/s), D (measured seconds, default 10), JAR (default this checkout's jar),
# JOPTS (extra JVM options for the replicas). Needs redis-server, redis-cli and curl.
set -u
. "$(dirname "$0")/common.sh"
root="$(cd "$(dirname "$0")/../.." && pwd)"
J=${JAR:-$root/offload-cli/target/offload.jar}; RATE=${RATE:-800}; D=${D:-10}; MODE=${MODE:-redis}
out="$root/results/cpu"; mkdir -p "$out"; cd "$out"
RP=16389
redis_start $RP redis.log || exit 1
service_yaml "$MODE" $RP 0 s.yaml
if [ "$MODE" = redis ]; then ports="18182 18183"; else ports="18182"; fi
pids=(); urls=()
trap 'kill "${pids[@]}" 2>/dev/null; redis_stop' EXIT
for p in $ports; do
  # shellcheck disable=SC2086
  java ${JOPTS:-} -jar "$J" serve --config s.yaml --no-auth --port $p > serve-$p.log 2>&1 &
  pids+=($!); urls+=(http://127.0.0.1:$p)
  ready http://127.0.0.1:$p
done
cpu() { awk '{print $14+$15}' /proc/$1/stat; }
usr() { awk '{print $14}' /proc/$1/stat; }
csw() { awk '/ctxt_switches/{s+=$2} END{print s}' /proc/$1/task/*/status 2>/dev/null; }
java -jar "$J" loadtest "${urls[@]}" --rate $RATE --duration 10 --connections 16 > /dev/null 2>&1   # warm-up
before=(); ub=(); cb=(); for p in "${pids[@]}" $R; do before+=($(cpu $p)); ub+=($(usr $p)); cb+=($(csw $p)); done
redis-cli -p $RP config resetstat > /dev/null
java -jar "$J" loadtest "${urls[@]}" --rate $RATE --duration $D --connections 16 2>&1 | grep -E '^(requests|rate|latency)'
i=0; tck=$(getconf CLK_TCK)
for p in "${pids[@]}" $R; do
  name=$([ $p = $R ] && echo redis || echo "replica ${urls[$i]}")
  python3 -c "import sys; a=[float(x) for x in sys.argv[1:8]]; t=(a[1]-a[0])/a[2]; u=(a[6]-a[5])/a[2]; print(f'{sys.argv[8]}: {t/a[3]:.2f} of a core ({u/a[3]:.2f} user, {(t-u)/a[3]:.2f} system), {(a[4])/a[3]:.0f} context switches/s')" \
      ${before[$i]} $(cpu $p) $tck $D $(( $(csw $p) - ${cb[$i]} )) ${ub[$i]} $(usr $p) "$name"
  i=$((i+1))
done
redis-cli -p $RP info commandstats | grep -E 'cmdstat_eval(sha)?:'
