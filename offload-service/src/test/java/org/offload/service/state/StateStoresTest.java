package org.offload.service.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The in-memory state stores behind the interfaces a shared (Redis) backend will implement. */
class StateStoresTest {
    /** Concurrent claims on one VM never take more than its limit, whatever the shares. */
    @Property(tries = 40)
    void concurrentClaimsNeverOverCommitAVm(@ForAll @DoubleRange(min = 0.5, max = 40) double share,
                                            @ForAll @DoubleRange(min = 0, max = 90) double reported,
                                            @ForAll @IntRange(min = 2, max = 8) int threads) throws Exception {
        InMemoryClaimsStore claims = new InMemoryClaimsStore(2);
        AtomicInteger granted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            pool.submit(() -> {
                for (int i = 0; i < 50; i++) {
                    if (claims.tryClaim(1, reported, share, 100, 0, 10, 0, 0, 60)) {
                        granted.incrementAndGet();
                    }
                }
            });
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        assertTrue(reported + granted.get() * share <= 100 + 1e-6, granted + " claims of " + share + " on " + reported);
        assertEquals(Math.min(threads * 50, Math.floor((100 - reported) / share + 1e-9)), granted.get(), 1e-9,
                "free capacity left unclaimed");
        assertEquals(granted.get() * share, claims.claimedPercent(1, 0), 1e-6);
        assertEquals(0, claims.claimedPercent(0, 0));
    }

    @Test
    void claimsExpireAndFreshTelemetrySupersedesThem() {
        InMemoryClaimsStore claims = new InMemoryClaimsStore(1);
        assertTrue(claims.tryClaim(0, 0, 60, 100, 0, 100, 1000, 0, 5));
        assertFalse(claims.tryClaim(0, 0, 60, 100, 0, 100, 1000, 1, 6), "over the utilisation limit");
        assertFalse(claims.tryClaim(0, 0, 10, 100, 950, 100, 1000, 1, 6), "over the memory");
        assertTrue(claims.tryClaim(0, 0, 60, 100, 0, 100, 1000, 5, 10), "the first claim expired at 5 s");
        claims.supersede(0, 6);
        assertEquals(0, claims.claimedPercent(0, 6));
    }

    @Test
    void taskIdsAreRandomAndUnique() {
        RandomTaskIds ids = new RandomTaskIds();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            String id = ids.next();
            assertTrue(id.matches("t_[A-Za-z0-9_-]{22}"), id);
            assertTrue(seen.add(id), "duplicate " + id);
        }
    }

    @Test
    void rateLimitBucketsAreBoundedAndFailClosed() {
        AtomicLong nanos = new AtomicLong();
        InMemoryRateLimitBuckets b = new InMemoryRateLimitBuckets(nanos::get, 100);
        for (int i = 0; i < 100; i++) {
            assertTrue(b.tryAcquire("k" + i, 1, 2));
        }
        assertFalse(b.tryAcquire("new", 1, 2), "no room for a new key while every bucket holds information");
        nanos.addAndGet(2_000_000_000L); // all refilled: they can go
        assertTrue(b.tryAcquire("new", 1, 2));
        assertTrue(b.size() <= 100, "size " + b.size());
    }
}
