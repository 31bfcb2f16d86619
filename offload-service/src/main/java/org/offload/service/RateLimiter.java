package org.offload.service;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token buckets per key (the token's identity name): {@code ratePerS} requests per second sustained, bursts of
 * up to {@code burst}. Keys are the configured identities, so the map stays small. Rate 0 disables limiting.
 */
final class RateLimiter {
    private final double ratePerS;
    private final double burst;
    private final LongSupplier nanos;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(double ratePerS, double burst, LongSupplier nanos) {
        this.ratePerS = ratePerS;
        this.burst = burst;
        this.nanos = nanos;
    }

    private final class Bucket {
        private double tokens = burst;
        private long last = nanos.getAsLong();

        synchronized boolean take() {
            long now = nanos.getAsLong();
            tokens = Math.min(burst, tokens + (now - last) * 1e-9 * ratePerS);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }
    }

    boolean tryAcquire(String key) {
        if (ratePerS <= 0) {
            return true;
        }
        return buckets.computeIfAbsent(key, k -> new Bucket()).take();
    }
}
