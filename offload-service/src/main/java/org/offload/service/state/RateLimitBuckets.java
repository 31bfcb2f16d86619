package org.offload.service.state;

/**
 * Token buckets by key ({@code device:fleet/17}, {@code auth-fail:192.0.2.7}...): {@code ratePerS} sustained,
 * bursts of up to {@code burst}. Shared by replicas when the state is shared, so that a client cannot multiply its
 * rate by the number of replicas.
 */
public interface RateLimitBuckets {
    /** Takes one token from {@code key}'s bucket; false when it is empty (or no bucket can be kept for the key). */
    boolean tryAcquire(String key, double ratePerS, double burst);
}
