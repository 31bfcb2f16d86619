package org.offload.rl;

import java.util.ArrayList;
import java.util.List;

/**
 * The decisions of each env of a {@link VectorEnv} awaiting their delayed rewards, shared by the trainers
 * ({@link Ppo}, {@link Dqn}). A decision's reward is its own task's outcome, filled in when the env credits that
 * decision ({@link OffloadEnv}'s credit, by decision index within the episode); the last decision of an episode is
 * marked terminal. Decisions taken before tracking began (a warm-up) have no entry and their credits are ignored.
 *
 * @param <T> what a trainer keeps per decision
 */
final class Tracks<T extends Tracks.Step> {
    /** One decision: its reward (NaN until credited) and whether it ended its episode. */
    static class Step {
        double reward = Double.NaN;
        boolean terminal;

        boolean credited() {
            return !Double.isNaN(reward);
        }
    }

    private final List<List<T>> lists = new ArrayList<>();
    /** Per env, the list index of the current episode's first decision (negative: decisions before tracking). */
    private final int[] epBase;

    Tracks(VectorEnv env) {
        epBase = new int[env.size()];
        for (int i = 0; i < env.size(); i++) {
            lists.add(new ArrayList<>());
            epBase[i] = -(int) env.env(i).steps();
        }
    }

    List<T> of(int env) {
        return lists.get(env);
    }

    int size() {
        return lists.size();
    }

    /** After {@code env.step}: fills in the credited rewards and marks the decision that ended an episode. */
    void credit(VectorEnv env) {
        for (int i = 0; i < lists.size(); i++) {
            List<T> t = lists.get(i);
            for (int k = 0; k < env.creditCount(i); k++) {
                int at = epBase[i] + (int) env.creditedDecision(i, k);
                if (at >= 0) {
                    t.get(at).reward = env.creditedReward(i, k);
                }
            }
            if (env.terminated()[i] || env.truncated()[i]) {
                t.get(t.size() - 1).terminal = true;
                epBase[i] = t.size();
            }
        }
    }

    /** Forgets the first {@code count} decisions of env {@code i} (consumed by the trainer). */
    void dropFirst(int i, int count) {
        lists.get(i).subList(0, count).clear();
        epBase[i] -= count;
    }
}
