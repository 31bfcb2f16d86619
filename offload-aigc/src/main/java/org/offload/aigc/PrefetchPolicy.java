package org.offload.aigc;

/**
 * {@code greedy-prefetch}: greedy-cost plus frequency-based prefetching, the hand-made bar for model switching (ours,
 * not in the paper). Greedy-cost is myopic: it downloads a model only when that pays off for the task at hand.
 * This policy also credits a download with what it is expected to save later: for device i whose model m is not
 * cached at server j, downloading m there is scored as greedy-cost's estimate minus
 * <pre>
 *   credit = max(0, demand(m) - demand(v_j)) * N * H * max(0, best cost without this download - cost of a hit at j)
 * </pre>
 * where demand is the recent demand the devices observe ({@link AigcObservation#demand}), v_j the least-demanded
 * model cached at j (the one a full cache would most likely give up), N the devices, H = {@value #HORIZON_SLOTS}
 * slots a download is expected to stay useful, and the saving of one later request is estimated by this task's.
 * So it keeps the models in demand at the edge, and replaces cold ones when the popularity drifts.
 */
public final class PrefetchPolicy extends GreedyCostPolicy {
    /** Slots over which a prefetched model is expected to serve requests. */
    static final int HORIZON_SLOTS = 10;

    public PrefetchPolicy(AigcScenario scenario) {
        super(scenario, true);
    }

    @Override
    public String name() {
        return "greedy-prefetch";
    }

    @Override
    double score(AigcObservation obs, int i, AigcAction a, Slot slot) {
        double cost = cost(obs, i, a, slot, false);
        int servers = obs.servers();
        int m = obs.type(i);
        if (!a.download() || a.target() == servers || obs.cached(a.target(), m)) {
            return cost;
        }
        int j = a.target();
        double gap = obs.demand(m) - coldest(obs, j);
        if (gap <= 0) {
            return cost;
        }
        double without = Double.POSITIVE_INFINITY;
        double hit = Double.POSITIVE_INFINITY;
        for (int target = 0; target <= servers; target++) {
            for (int r = 0; r <= 10; r++) {
                if (r == 0 && target > 0) {
                    continue;
                }
                AigcAction b = new AigcAction(target, r / 10.0, false);
                without = Math.min(without, cost(obs, i, b, slot, false));
                if (target == j && r > 0) {
                    hit = Math.min(hit, cost(obs, i, b, slot, true));
                }
            }
        }
        double saving = Math.max(0, without - hit);
        return cost - gap * obs.devices() * HORIZON_SLOTS * saving;
    }

    /** Demand of the least-demanded model cached at server {@code j} (0 when the cache has room: nothing goes). */
    private double coldest(AigcObservation obs, int j) {
        int cached = 0;
        double coldest = Double.POSITIVE_INFINITY;
        for (int m = 0; m < obs.models(); m++) {
            if (obs.cached(j, m)) {
                cached++;
                coldest = Math.min(coldest, obs.demand(m));
            }
        }
        int capacity = s.edge().cache().capacityModels();
        boolean room = capacity > 0 ? cached < capacity : cached == 0;
        return room ? 0 : coldest;
    }
}
