#!/usr/bin/env bash
# Usage: deploy/loadtest/rtt.sh RATE_PER_S (limits.rate_per_s; 0 = off). Writes under results/scaleout.
# Redis round trips per decision: EVALSHA + EVAL calls (one per round trip; every operation is one script; EVAL
# only when Redis has not cached a script yet) / decisions.
set -u
. "$(dirname "$0")/common.sh"
mkdir -p "$(dirname "$0")/../../results/scaleout" && cd "$(dirname "$0")/../../results/scaleout"
OFF=../../offload; RP=16380
redis_start $RP redis-rtt.log || exit 1
service_yaml redis $RP "$1" rtt.yaml
trap 'for p in 18092 18093; do [ -f rttpid-$p ] && kill $(cat rttpid-$p) && rm -f rttpid-$p; done; redis_stop' EXIT
for p in 18092 18093; do $OFF serve --config rtt.yaml --no-auth --port $p > serve-rtt-$p.log 2>&1 & echo $! > rttpid-$p; done
for p in 18092 18093; do ready http://127.0.0.1:$p; done
e0=$(evals $RP)
$OFF loadtest http://127.0.0.1:18092 http://127.0.0.1:18093 --rate 300 --duration 5 --warmup 1 --connections 4 2>/dev/null | grep -E "requests|latency"
e1=$(evals $RP)
echo "round trips (EVALSHA + EVAL): $((e1 - e0)) for 1800 decisions (300/s x 6 s incl. warm-up; rate_per_s=$1)"
