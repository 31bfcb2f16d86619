package org.offload.service.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.offload.service.RedisServer;

/**
 * A replica decides on its view of the shared claims: its own reserved claims count at once, a claim's answer
 * renews the view without a round trip of its own, and a view older than {@link RedisState#MAX_VIEW_AGE_S} is
 * fetched again. Against a real Redis; round trips are counted by the state itself.
 */
class ClaimsViewTest {
    private static final double NOW = 1_000;

    @Test
    void aReplicaDecidesOnItsViewAndFetchesItAgainWhenOld() {
        try (RedisServer redis = RedisServer.start();
             RedisState one = RedisState.connect(redis.url(), 2, 1, 1);
             RedisState two = RedisState.connect(redis.url(), 2, 1, 1)) {
            ClaimsStore claimsOne = one.claims(100);
            ClaimsStore claimsTwo = two.claims(100);
            TelemetryStore telOne = one.telemetry();
            telOne.table(NOW);
            two.telemetry().table(NOW);

            double w = RedisState.MAX_VIEW_AGE_S;
            long before = one.roundTrips();
            ClaimsStore.Claim c = claimsOne.reserve(0, 0, 10, 100, 0, 0, 0, NOW, NOW + 30);
            assertEquals(10, claimsOne.claimedPercent(0, NOW), 1e-9, "a reserved claim counts before Redis answers");
            assertTrue(c.confirm());
            assertEquals(10, claimsOne.claimedPercent(0, NOW), 1e-9, "confirmed: counted once, not twice");

            assertTrue(claimsTwo.tryClaim(0, 0, 20, 100, 0, 0, 0, NOW, NOW + 30));
            assertEquals(20, claimsTwo.claimedPercent(0, NOW), 1e-9,
                    "a recent view is kept: two adds its own claim and misses one's");
            assertTrue(claimsTwo.tryClaim(0, 0, 5, 100, 0, 0, 0, NOW + 0.75 * w, NOW + 30));
            assertEquals(35, claimsTwo.claimedPercent(0, NOW), 1e-9,
                    "a claim made with a view older than half its age brings every claim back");

            telOne.table(NOW + w / 2);
            assertEquals(10, claimsOne.claimedPercent(0, NOW), 1e-9, "a recent view is used as it is");
            assertFalse(claimsOne.tryClaim(0, 0, 70, 100, 0, 0, 0, NOW + w / 2, NOW + 30),
                    "Redis refuses what the view does not show: 35 + 70 > 100");
            assertEquals(10, claimsOne.claimedPercent(0, NOW), 1e-9, "a refused claim leaves no trace");
            assertTrue(one.roundTrips() - before <= 3, "two claims (plus loading the script once), no snapshot: "
                    + (one.roundTrips() - before));

            long beforeFetch = one.roundTrips();
            telOne.table(NOW + 2 * w);
            assertEquals(1, one.roundTrips() - beforeFetch, "an old view is fetched in one round trip");
            assertEquals(35, claimsOne.claimedPercent(0, NOW), 1e-9, "the fetched view holds every claim");
        }
    }

    @Test
    void telemetryWrittenThroughAnotherReplicaIsSeenOnceTheViewIsOld() {
        try (RedisServer redis = RedisServer.start();
             RedisState one = RedisState.connect(redis.url(), 2, 1, 1);
             RedisState two = RedisState.connect(redis.url(), 2, 1, 1)) {
            one.claims(100);
            two.claims(100);
            TelemetryStore telOne = one.telemetry();
            telOne.table(NOW);
            two.telemetry().apply(new Telemetry(java.util.List.of(new Telemetry.VmReport(1, 42, 0, 0, Double.NaN,
                    Double.NaN)), java.util.List.of(), java.util.List.of()), NOW);
            assertEquals(42, telOne.table(NOW + 2 * RedisState.MAX_VIEW_AGE_S).vmUtil(1), 1e-9);
        }
    }
}
