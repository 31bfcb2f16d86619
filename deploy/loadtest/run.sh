#!/usr/bin/env bash
# Load test: two replicas sharing Redis vs one process with in-memory state, back to back, repeated.
set -u
. "$(dirname "$0")/common.sh"
mkdir -p "$(dirname "$0")/../../results/scaleout" && cd "$(dirname "$0")/../../results/scaleout"
OFF=../../offload
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
for rep in 1; do
  for rate in 2000 10000; do
    echo "=== rep $rep rate $rate single-process (memory) load $(cut -d' ' -f1-3 /proc/loadavg)"
    start memory.yaml 18081
    $OFF loadtest http://127.0.0.1:18081 --rate $rate --duration 10 --warmup 10 --connections 16
    stopall
    redis-cli -p $RP flushall >/dev/null
    echo "=== rep $rep rate $rate two replicas + redis load $(cut -d' ' -f1-3 /proc/loadavg)"
    start redis.yaml 18082; start redis.yaml 18083
    c0=$(evals $RP)
    $OFF loadtest http://127.0.0.1:18082 http://127.0.0.1:18083 --rate $rate --duration 10 --warmup 10 --connections 16
    c1=$(evals $RP)
    # decision requests the two replicas answered (warm-up included), from their /metrics
    n=$(for p in 18082 18083; do curl -s http://127.0.0.1:$p/metrics; done \
      | awk '/^offload_http_requests_total\{endpoint="\/v1\/decisions"/{n+=$NF} END{printf "%d", n}')
    python3 -c "import sys; r, n = int(sys.argv[1]), int(sys.argv[2]); print(f'redis round trips (EVALSHA + EVAL, warm-up included): {r} for {n} decision requests = {r / max(n, 1):.2f} per decision')" $((c1 - c0)) "$n"
    stopall
  done
done
