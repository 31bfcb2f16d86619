# Shared by the load-test scripts (sourced, not run): a throwaway Redis, the service configurations they use, and
# waiting for a service to be ready.

# redis_start PORT LOG: a Redis without persistence on 127.0.0.1:PORT; sets R to its pid.
redis_start() {
  redis-server --port "$1" --bind 127.0.0.1 --save '' --appendonly no > "$2" 2>&1 &
  R=$!
  for _ in $(seq 50); do redis-cli -p "$1" ping > /dev/null 2>&1 && return 0; sleep 0.1; done
  echo "redis-server did not start on port $1 (see $2)" >&2; return 1
}

# redis_stop: stops the Redis redis_start started.
redis_stop() { kill "$R" 2>/dev/null; wait "$R" 2>/dev/null; }

# service_yaml BACKEND REDIS_PORT RATE_LIMIT FILE: the configuration every run uses (claims on, 50 ms), with
# state in memory or in the Redis on REDIS_PORT, and limits.rate_per_s RATE_LIMIT (0: off).
service_yaml() {
  if [ "$1" = redis ]; then
    printf 'host: 127.0.0.1\nlimits: {rate_per_s: %s}\nstate: {backend: redis, url: "redis://127.0.0.1:%s", claims_ttl_s: 0.05}\n' "$3" "$2" > "$4"
  else
    printf 'host: 127.0.0.1\nlimits: {rate_per_s: %s}\nstate: {backend: memory, claims_ttl_s: 0.05}\n' "$3" > "$4"
  fi
}

# ready URL: waits up to 30 s for URL/readyz; 1 when it never answers.
ready() { for _ in $(seq 150); do curl -sf "$1/readyz" > /dev/null && return 0; sleep 0.2; done; return 1; }

# evals PORT: Redis round trips so far (EVALSHA + EVAL calls: every operation of the service is one script).
evals() { redis-cli -p "$1" info commandstats | awk -F'[=,:]' '/^cmdstat_eval(sha)?:/{n+=$3} END{print n+0}'; }
