#!/usr/bin/env bash
# Usage: deploy/loadtest/rtt.sh RATE_PER_S (limits.rate_per_s; 0 = off). Writes under results/scaleout.
# Redis round trips per decision: EVALSHA + EVAL calls (one per round trip; every operation is one script; EVAL
# only when Redis has not cached a script yet) / decisions.
set -u
mkdir -p "$(dirname "$0")/../../results/scaleout" && cd "$(dirname "$0")/../../results/scaleout"
OFF=../../offload; RP=16380
redis-server --port $RP --bind 127.0.0.1 --save '' --appendonly no > redis-rtt.log 2>&1 &
RPID=$!; sleep 1
printf 'host: 127.0.0.1\nlimits: {rate_per_s: %s}\nstate: {backend: redis, url: "redis://127.0.0.1:%s", claims_ttl_s: 0.05}\n' "$1" $RP > rtt.yaml
for p in 18092 18093; do $OFF serve --config rtt.yaml --no-auth --port $p > serve-rtt-$p.log 2>&1 & echo $! > rttpid-$p; done
for p in 18092 18093; do for i in $(seq 100); do curl -sf http://127.0.0.1:$p/readyz >/dev/null && break; sleep 0.2; done; done
evals() { redis-cli -p $RP info commandstats | awk -F'[=,:]' '/^cmdstat_eval(sha)?:/{n+=$3} END{print n+0}'; }
e0=$(evals)
$OFF loadtest http://127.0.0.1:18092 http://127.0.0.1:18093 --rate 300 --duration 5 --warmup 1 --connections 4 2>/dev/null | grep -E "requests|latency"
e1=$(evals)
echo "round trips (EVALSHA + EVAL): $((e1 - e0)) for 1800 decisions (300/s x 6 s incl. warm-up; rate_per_s=$1)"
for p in 18092 18093; do kill $(cat rttpid-$p); rm -f rttpid-$p; done
kill $RPID
