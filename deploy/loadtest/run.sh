#!/usr/bin/env bash
# Load test: two replicas sharing Redis vs one process with in-memory state, back to back (docs/service.md, "Load
# test: two replicas on Redis vs one process"). For each rate and mode: fresh services, a 10 s warm-up run at the
# rate (discarded: JIT compilation), then the measured run (5 s warm-up + 10 s at the rate, 16 connections, open
# loop), and for the replicas the Redis round trips per decision request over the measured run.
# Usage: deploy/loadtest/run.sh [RATE ...]   (default 2000 10000); REPS (default 2); OFFLOAD (the offload script).
set -u
. "$(dirname "$0")/common.sh"
mkdir -p "$(dirname "$0")/../../results/scaleout" && cd "$(dirname "$0")/../../results/scaleout"
OFF=${OFFLOAD:-../../offload}  # another build to compare: OFFLOAD=/path/to/checkout/offload
RP=16379
redis_start $RP redis.log || exit 1
service_yaml redis $RP 0 redis.yaml
service_yaml memory $RP 0 memory.yaml
start() { # config port
  $OFF serve --config $1 --no-auth --port $2 > serve-$2.log 2>&1 &
  echo $! > pid-$2
  ready http://127.0.0.1:$2 || { echo "replica on $2 did not start"; cat serve-$2.log; }
}
stopall() { for p in pid-*; do [ -f "$p" ] || continue; kill $(cat $p) 2>/dev/null; wait $(cat $p) 2>/dev/null; rm -f $p; done; }
trap 'stopall; redis_stop' EXIT
# decision requests answered so far by the services on the given ports (their /metrics)
answered() { for p in "$@"; do curl -s http://127.0.0.1:$p/metrics; done \
  | awk '/^offload_http_requests_total\{endpoint="\/v1\/decisions"/{n+=$NF} END{printf "%d", n}'; }
measure() { # rate port...
  local rate=$1; shift
  local urls=(); for p in "$@"; do urls+=(http://127.0.0.1:$p); done
  $OFF loadtest "${urls[@]}" --rate $rate --duration 10 --warmup 0 --connections 16 > /dev/null 2>&1
  local c0 n0 c1 n1; c0=$(evals $RP); n0=$(answered "$@")
  $OFF loadtest "${urls[@]}" --rate $rate --duration 10 --warmup 5 --connections 16 2>&1 | grep -E '^(requests|rate|latency)'
  c1=$(evals $RP); n1=$(answered "$@")
  [ $# -gt 1 ] && python3 -c "import sys; r, n = int(sys.argv[1]), int(sys.argv[2]); print(f'redis round trips (EVALSHA + EVAL): {r} for {n} decision requests = {r / max(n, 1):.2f} per decision')" $((c1 - c0)) $((n1 - n0))
  return 0
}
for rep in $(seq ${REPS:-2}); do
  for rate in ${@:-2000 10000}; do
    echo "=== rep $rep rate $rate single-process (memory) load $(cut -d' ' -f1-3 /proc/loadavg)"
    start memory.yaml 18081
    measure $rate 18081
    stopall
    redis-cli -p $RP flushall >/dev/null
    echo "=== rep $rep rate $rate two replicas + redis load $(cut -d' ' -f1-3 /proc/loadavg)"
    start redis.yaml 18082; start redis.yaml 18083
    measure $rate 18082 18083
    stopall
  done
done
