package org.offload.aigc;

/**
 * Metrics of one episode (or their mean over episodes): mean task latency (s), mean task energy (J), task
 * completion rate (share of tasks that met their deadline), model switches (downloads) per episode, cache hit
 * ratio (hits over lookups of edge-bound shares; NaN without lookups), mean own reward per device and slot (the
 * team's reward; for mixed and cooperative sharing the same as the mean of the shared rewards), and the
 * share of tasks that ran fully locally, went to the edge, were relayed and went to the cloud.
 */
public record EpisodeStats(int tasks, double latencyS, double energyJ, double completion, double switches,
                           double hitRatio, double reward, double localShare, double edgeShare, double relayShare,
                           double cloudShare) {

    /** Accumulates the slots of one episode. */
    public static final class Accumulator {
        private int tasks;
        private double latency;
        private double energy;
        private int met;
        private int switches;
        private int hits;
        private int lookups;
        private double reward;
        private final int[] where = new int[SlotOutcome.Where.values().length];

        public void add(StepResult r) {
            StepResult.Info info = r.info();
            for (SlotOutcome o : info.outcomes()) {
                tasks++;
                latency += o.latencyS();
                energy += o.energyJ();
                met += o.deadlineMet() ? 1 : 0;
                where[o.where().ordinal()]++;
                reward += o.ownReward();
            }
            switches += info.switches();
            hits += info.cacheHits();
            lookups += info.cacheHits() + info.cacheMisses();
        }

        public EpisodeStats result() {
            double t = Math.max(1, tasks);
            return new EpisodeStats(tasks, latency / t, energy / t, met / t, switches,
                    lookups == 0 ? Double.NaN : hits / (double) lookups, reward / t,
                    where[0] / t, where[1] / t, where[2] / t, where[3] / t);
        }
    }

    /** The mean of each metric over {@code episodes} (hit ratio over the episodes that have one). */
    public static EpisodeStats mean(java.util.List<EpisodeStats> episodes) {
        int k = episodes.size();
        int tasks = 0;
        double lat = 0, en = 0, cr = 0, sw = 0, rw = 0, lo = 0, ed = 0, re = 0, cl = 0, hr = 0;
        int hrN = 0;
        for (EpisodeStats e : episodes) {
            tasks += e.tasks();
            lat += e.latencyS() / k;
            en += e.energyJ() / k;
            cr += e.completion() / k;
            sw += e.switches() / k;
            rw += e.reward() / k;
            lo += e.localShare() / k;
            ed += e.edgeShare() / k;
            re += e.relayShare() / k;
            cl += e.cloudShare() / k;
            if (!Double.isNaN(e.hitRatio())) {
                hr += e.hitRatio();
                hrN++;
            }
        }
        return new EpisodeStats(tasks, lat, en, cr, sw, hrN == 0 ? Double.NaN : hr / hrN, rw, lo, ed, re, cl);
    }

    /** Runs one episode of {@code policy} from {@code seed}. */
    public static EpisodeStats run(AigcEnv env, AigcPolicy policy, long seed) {
        AigcObservation obs = env.reset(seed);
        policy.reset(seed);
        Accumulator acc = new Accumulator();
        while (true) {
            StepResult r = env.step(policy.act(obs));
            acc.add(r);
            obs = r.observation();
            if (r.done()) {
                return acc.result();
            }
        }
    }
}
