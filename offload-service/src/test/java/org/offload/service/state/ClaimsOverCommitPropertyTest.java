package org.offload.service.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;
import org.offload.service.RedisServer;

/**
 * N concurrent claims on one VM, spread over two replicas (two connections pools to one real Redis), never take
 * more than the VM's capacity, and take all of it that fits: the check-and-add is one atomic Lua script.
 */
@AddLifecycleHook(ClaimsOverCommitPropertyTest.NeedsRedis.class)
class ClaimsOverCommitPropertyTest {
    private static RedisServer redis;

    /** jqwik's way to skip with a reason where redis-server is missing (a JUnit assumption would be an error). */
    static final class NeedsRedis implements SkipExecutionHook {
        @Override
        public SkipResult shouldBeSkipped(LifecycleContext context) {
            return RedisServer.installed() ? SkipResult.doNotSkip()
                    : SkipResult.skip(RedisServer.NOT_INSTALLED);
        }
    }

    @BeforeContainer
    static void startRedis() {
        if (RedisServer.installed()) {
            redis = RedisServer.start();
        }
    }

    @AfterContainer
    static void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    @Property(tries = 25)
    void concurrentClaimsOnTwoReplicasNeverExceedTheVm(@ForAll @IntRange(min = 2, max = 60) int claims,
                                                       @ForAll @IntRange(min = 1, max = 30) int share,
                                                       @ForAll @IntRange(min = 0, max = 95) int reported,
                                                       @ForAll @IntRange(min = 0, max = 3) int vm) throws Exception {
        assertEquals("+OK", redis.command("FLUSHALL"));
        double limit = 100;
        double now = 1_000;
        try (RedisState one = RedisState.connect(redis.url(), 4, 1, 1);
             RedisState two = RedisState.connect(redis.url(), 4, 1, 1)) {
            List<ClaimsStore> replicas = List.of(one.claims(10_000), two.claims(10_000));
            ExecutorService pool = Executors.newFixedThreadPool(8);
            CountDownLatch go = new CountDownLatch(1);
            try {
                List<Future<Boolean>> results = new ArrayList<>();
                for (int i = 0; i < claims; i++) {
                    ClaimsStore store = replicas.get(i % 2);
                    results.add(pool.submit(() -> {
                        go.await();
                        return store.tryClaim(vm, reported, share, limit, 0, 0, 0, now, now + 30);
                    }));
                }
                go.countDown();
                int accepted = 0;
                for (Future<Boolean> f : results) {
                    accepted += f.get() ? 1 : 0;
                }
                int fits = (int) Math.min(claims, Math.floor((limit - reported) / share));
                assertTrue(reported + accepted * share <= limit, "over-committed: " + accepted + " x " + share
                        + " on " + reported);
                assertEquals(fits, accepted, "every claim that fits is taken");
                // A view older than MAX_VIEW_AGE_S is fetched again: then it holds both replicas' claims.
                double later = now + 2 * RedisState.MAX_VIEW_AGE_S;
                one.telemetry().table(later);
                assertEquals(accepted * (double) share, replicas.get(0).claimedPercent(vm, later), 1e-9);
                two.telemetry().table(now + 31);
                assertEquals(0, replicas.get(1).claimedPercent(vm, now + 31), 1e-9, "claims expire");
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
