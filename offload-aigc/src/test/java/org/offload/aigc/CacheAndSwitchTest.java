package org.offload.aigc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Model caches (hits, misses, LRU eviction) and the switching delay and energy the environment charges. */
class CacheAndSwitchTest {
    @Test
    void lruEvictsTheLeastRecentlyUsedModel() {
        ModelCache c = new ModelCache(2, 0);
        assertEquals(List.of(), c.insert(0, 100));
        assertEquals(List.of(), c.insert(1, 100));
        assertTrue(c.lookup(0), "model 0 is cached"); // 0 is now the most recently used
        assertFalse(c.lookup(2), "model 2 was never inserted");
        assertEquals(List.of(1), c.insert(2, 100));
        assertEquals(List.of(0, 2), c.models());
        assertEquals(1, c.hits());
        assertEquals(1, c.misses());
        assertEquals(3, c.insertions());
        assertEquals(1, c.evictions());
        assertEquals(List.of(), c.insert(2, 100)); // already cached: only touched
        assertEquals(3, c.insertions());
    }

    @Test
    void storageCapacityEvictsUntilTheModelFits() {
        ModelCache c = new ModelCache(0, 350);
        c.insert(0, 120);
        c.insert(1, 90);
        c.insert(2, 90);
        assertEquals(300, c.usedMb(), 1e-9);
        assertEquals(List.of(0, 1), c.insert(3, 250)); // 300 + 250 > 350: evict 120 (LRU), then 90
        assertEquals(List.of(2, 3), c.models());
        assertThrows(IllegalArgumentException.class, () -> c.insert(4, 400));
    }

    @Test
    void downloadChargesSwitchDelayAndEnergyOnceAndFillsTheCache() {
        // Two devices, one server with an empty single-model cache, one model type (120 MB).
        AigcScenario s = TestScenarios.small("devices.count=2", "edge.servers=1", "model_count=1",
                "edge.cache.initial=empty");
        AigcEnv env = new AigcEnv(s);
        AigcObservation obs = env.reset(11);
        assertFalse(obs.cached(0, 0), "the cache starts empty");
        StepResult r = env.step(new AigcAction[] {new AigcAction(0, 1, true), new AigcAction(0, 1, true)});
        assertEquals(1, r.info().switches());
        assertEquals(0, r.info().cacheHits());
        assertEquals(2, r.info().cacheMisses());
        double delay = 960e6 / 500e6 + 960e6 / 16_000e6;
        double energy = 2 * 960e6 / 500e6;
        assertEquals(energy, r.info().switchEnergyJ(), 1e-12);
        for (int i = 0; i < 2; i++) {
            SlotOutcome o = r.info().outcomes().get(i);
            assertTrue(o.switched(), "task " + i + " switched the model");
            assertEquals(SlotOutcome.Where.EDGE, o.where());
            double bits = obs.dataMb(i) * 8e6;
            double rate = Formulas.shannonRateBps(10e6 / 2, 0.2, Formulas.channelGain(1e-3, obs.distanceM(i, 0), 3),
                    s.radio().noiseWPerHz());
            double up = bits / rate;
            assertEquals(up + delay + 300 * bits / (7e9 / 2), o.latencyS(), 1e-9);
            assertEquals(0.2 * up + energy / 2, o.energyJ(), 1e-9); // the download's energy is shared
        }
        // Next slot: the model is cached; a hit costs no switch.
        assertTrue(r.observation().cached(0, 0), "the downloaded model is cached");
        r = env.step(new AigcAction[] {new AigcAction(0, 1, true), AigcAction.local()});
        assertEquals(0, r.info().switches());
        assertEquals(1, r.info().cacheHits());
        assertTrue(r.info().outcomes().get(0).cacheHit(), "a cached model is a hit");
        assertEquals(1, env.cache(0).insertions());
    }

    @Test
    void missWithoutDownloadIsRelayedToTheCloud() {
        AigcScenario s = TestScenarios.small("devices.count=1", "edge.servers=1", "model_count=1",
                "edge.cache.initial=empty");
        AigcEnv env = new AigcEnv(s);
        env.reset(1);
        StepResult r = env.step(new AigcAction[] {new AigcAction(0, 1, false)});
        assertEquals(SlotOutcome.Where.RELAY, r.info().outcomes().get(0).where());
        assertEquals(0, r.info().switches());
        assertFalse(r.observation().cached(0, 0), "model 0 is not cached");
    }

    @Test
    void switchingEvictsTheLeastRecentlyUsedModelOfAFullCache() {
        // One server holding one model; the round-robin start gives it model 0; a download of model 1 evicts it.
        AigcScenario s = TestScenarios.small("devices.count=1", "edge.servers=1", "model_count=2");
        AigcEnv env = new AigcEnv(s);
        AigcObservation obs = env.reset(2);
        assertTrue(obs.cached(0, 0), "model 0 is cached at the start");
        // Step until the device holds a task of type 1, computing locally meanwhile.
        while (obs.type(0) != 1) {
            obs = env.step(new AigcAction[] {AigcAction.local()}).observation();
        }
        StepResult r = env.step(new AigcAction[] {new AigcAction(0, 1, true)});
        assertEquals(1, r.info().switches());
        assertTrue(r.observation().cached(0, 1), "model 1 is cached after its download");
        assertFalse(r.observation().cached(0, 0), "model 0 is not cached");
        assertEquals(1, env.cache(0).evictions());
    }
}
