#!/usr/bin/env bash
# Load test: two replicas sharing Redis vs one process with in-memory state, back to back, repeated.
set -u
mkdir -p "$(dirname "$0")/../../results/scaleout" && cd "$(dirname "$0")/../../results/scaleout"
OFF=../../offload
RP=16379
redis-server --port $RP --bind 127.0.0.1 --save '' --appendonly no --daemonize no > redis.log 2>&1 &
RPID=$!
sleep 1
printf 'host: 127.0.0.1\nlimits: {rate_per_s: 0}\nstate: {backend: redis, url: "redis://127.0.0.1:%s", claims_ttl_s: 0.05}\n' $RP > redis.yaml
printf 'host: 127.0.0.1\nlimits: {rate_per_s: 0}\nstate: {backend: memory, claims_ttl_s: 0.05}\n' > memory.yaml
start() { # config port
  $OFF serve --config $1 --no-auth --port $2 > serve-$2.log 2>&1 &
  echo $! > pid-$2
  for i in $(seq 100); do curl -sf http://127.0.0.1:$2/readyz >/dev/null && return; sleep 0.2; done
  echo "replica on $2 did not start"; cat serve-$2.log
}
stopall() { for p in pid-*; do kill $(cat $p) 2>/dev/null; wait $(cat $p) 2>/dev/null; rm -f $p; done; }
evals() { redis-cli -p $RP info commandstats | awk -F'[=,:]' '/^cmdstat_eval(sha)?:/{n+=$3} END{print n+0}'; }
for rep in 1; do
  for rate in 2000 10000; do
    echo "=== rep $rep rate $rate single-process (memory) load $(cut -d' ' -f1-3 /proc/loadavg)"
    start memory.yaml 18081
    $OFF loadtest http://127.0.0.1:18081 --rate $rate --duration 10 --warmup 10 --connections 16
    stopall
    redis-cli -p $RP flushall >/dev/null
    echo "=== rep $rep rate $rate two replicas + redis load $(cut -d' ' -f1-3 /proc/loadavg)"
    start redis.yaml 18082; start redis.yaml 18083
    c0=$(evals)
    $OFF loadtest http://127.0.0.1:18082 http://127.0.0.1:18083 --rate $rate --duration 10 --warmup 10 --connections 16
    c1=$(evals)
    # decision requests the two replicas answered (warm-up included), from their /metrics
    n=$(for p in 18082 18083; do curl -s http://127.0.0.1:$p/metrics; done \
      | awk '/^offload_http_requests_total\{endpoint="\/v1\/decisions"/{n+=$NF} END{printf "%d", n}')
    python3 -c "import sys; r, n = int(sys.argv[1]), int(sys.argv[2]); print(f'redis round trips (EVALSHA + EVAL, warm-up included): {r} for {n} decision requests = {r / max(n, 1):.2f} per decision')" $((c1 - c0)) "$n"
    stopall
  done
done
kill $RPID
