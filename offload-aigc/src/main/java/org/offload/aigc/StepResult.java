package org.offload.aigc;

import java.util.List;

/**
 * The result of {@link AigcEnv#step}: the next observation, one reward per device, whether the episode is over,
 * and what happened ({@link Info}).
 */
public record StepResult(AigcObservation observation, double[] rewards, boolean done, Info info) {
    /**
     * Per-slot details: each device's outcome, the model downloads started (switches) and the cache lookups of
     * edge-bound tasks.
     */
    public record Info(int slot, List<SlotOutcome> outcomes, int switches, int cacheHits, int cacheMisses,
                       double switchEnergyJ) {
        public Info {
            outcomes = List.copyOf(outcomes);
        }

        public double meanLatencyS() {
            return outcomes.stream().mapToDouble(SlotOutcome::latencyS).average().orElse(Double.NaN);
        }

        public double meanEnergyJ() {
            return outcomes.stream().mapToDouble(SlotOutcome::energyJ).average().orElse(Double.NaN);
        }

        public double completionRate() {
            return outcomes.stream().filter(SlotOutcome::deadlineMet).count() / (double) outcomes.size();
        }
    }
}
