package org.offload.service.state;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * {@link RateLimitBuckets} in this process. The number of buckets is bounded ({@code maxKeys}): when it is
 * reached, buckets that have refilled completely (which carry no information) are dropped, and if none can be
 * dropped a new key is refused (fail closed: a flood of new client addresses cannot grow the map).
 */
public final class InMemoryRateLimitBuckets implements RateLimitBuckets {
    private final LongSupplier nanos;
    private final int maxKeys;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public InMemoryRateLimitBuckets(LongSupplier nanos, int maxKeys) {
        this.nanos = nanos;
        this.maxKeys = maxKeys;
    }

    private static final class Bucket {
        private double tokens;
        private long last;
        private final double rate;
        private final double burst;

        Bucket(double rate, double burst, long now) {
            this.rate = rate;
            this.burst = burst;
            this.tokens = burst;
            this.last = now;
        }

        synchronized boolean take(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }

        synchronized boolean full(long now) {
            refill(now);
            return tokens >= burst;
        }

        private void refill(long now) {
            tokens = Math.min(burst, tokens + (now - last) * 1e-9 * rate);
            last = now;
        }
    }

    @Override
    public boolean tryAcquire(String key, double ratePerS, double burst) {
        if (ratePerS <= 0) {
            return true;
        }
        long now = nanos.getAsLong();
        Bucket b = buckets.get(key);
        if (b == null) {
            if (buckets.size() >= maxKeys && !evictFull(now)) {
                return false;
            }
            b = buckets.computeIfAbsent(key, k -> new Bucket(ratePerS, burst, now));
        }
        return b.take(now);
    }

    private boolean evictFull(long now) {
        boolean any = false;
        for (Iterator<Map.Entry<String, Bucket>> it = buckets.entrySet().iterator(); it.hasNext(); ) {
            if (it.next().getValue().full(now)) {
                it.remove();
                any = true;
            }
        }
        return any && buckets.size() < maxKeys;
    }

    /** Buckets kept now (tests). */
    public int size() {
        return buckets.size();
    }
}
