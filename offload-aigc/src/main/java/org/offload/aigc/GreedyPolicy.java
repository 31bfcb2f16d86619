package org.offload.aigc;

/**
 * The paper's Greedy baseline: offload the whole task (ratio 1.0) to the nearest edge server that caches the
 * task's model; if no server has it, run the task locally. It never downloads a model.
 */
public final class GreedyPolicy implements AigcPolicy {
    @Override
    public String name() {
        return "greedy";
    }

    @Override
    public AigcAction[] act(AigcObservation obs) {
        AigcAction[] out = new AigcAction[obs.devices()];
        for (int i = 0; i < out.length; i++) {
            int best = -1;
            for (int j = 0; j < obs.servers(); j++) {
                if (obs.cached(j, obs.type(i)) && (best < 0 || obs.distanceM(i, j) < obs.distanceM(i, best))) {
                    best = j;
                }
            }
            out[i] = best < 0 ? AigcAction.local() : new AigcAction(best, 1.0, false);
        }
        return out;
    }
}
