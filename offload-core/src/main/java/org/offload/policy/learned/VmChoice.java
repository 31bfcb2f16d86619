package org.offload.policy.learned;

import java.util.Arrays;
import java.util.Locale;

import org.offload.policy.PolicyOptionException;

/**
 * Algorithm 1, lines 13-23: which VM of the chosen server tier takes the task. The learned policies score the VMs
 * with the VM network (VMCompatibilityNN); the ablations replace it with the rule its training target comes from or
 * with a constant score (policy option {@code vm}, see {@link #parse}).
 *
 * <p>The policy asks only when two or more VMs of the tier admit the task and meet its deadline; with one, that one
 * is taken whatever the choice.
 */
public interface VmChoice {
    /** The values of the {@code vm} option, for messages and help. */
    String ALLOWED = "net, estimate or constant";

    /**
     * The VM of server tier {@code k} that takes the task {@code f} last observed: one of the VMs that admit it and
     * whose estimate is within {@link TierFeatures#deadlineLimitS()}.
     */
    int choose(TierFeatures f, int k);

    /** The system state may have changed since the last call (a new batch, or a decision outside one). */
    default void newState() {
    }

    /** A task of the current batch was sent to {@code vm}. */
    default void claimed(int vm) {
    }

    /** The option value that gives this choice. */
    String spec();

    /**
     * The choice named by a {@code vm} option value: {@code net} (the VM network {@code net}, highest score, ties to
     * the lower VM index), {@code estimate} (lowest estimated service time, ties to the lower index: the order of the
     * network's training target {@code exp(-estimate / time left)}), {@code constant} (a constant score: the
     * first such VM in index order). Anything else is a {@link PolicyOptionException}.
     */
    static VmChoice parse(String spec, Mlp net) {
        return switch (spec.strip().toLowerCase(Locale.ROOT)) {
            case "net" -> new Network(net);
            case "estimate" -> new Estimate();
            case "constant" -> new Constant();
            default -> throw new PolicyOptionException("policy option vm: expected " + ALLOWED + ", got '" + spec
                    + "'");
        };
    }

    /**
     * The VM network. The first layer's sum over the task and route features (the same for every VM of the tier) is
     * computed once per task; its sum over a VM's own features is cached while the state it was computed from holds:
     * within one batch until a task of the batch is sent to that VM.
     */
    final class Network implements VmChoice {
        private final Mlp.Runner runner;
        /** Changes whenever the state the cached VM parts were computed from may have changed. */
        private long stateStamp = 1;
        private long[] partStamp = new long[0];
        private float[][] parts = new float[0][];

        Network(Mlp net) {
            this.runner = net.runner();
        }

        @Override
        public int choose(TierFeatures f, int k) {
            double limit = f.deadlineLimitS();
            int best = -1;
            int firstMeeting = -1;
            float bestScore = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < f.admittingCount(k); i++) {
                if (f.admittingEstimateS(k, i) > limit) {
                    continue;
                }
                int v = f.admittingVm(k, i);
                if (firstMeeting < 0) {
                    firstMeeting = v;
                    // the task and route features are the same for every VM of the tier: fold them in once
                    runner.prepare(f.vmFeatures(k, v), TierFeatures.VM_SHARED);
                }
                float s = runner.runPreparedWith(part(f, k, v))[0];
                if (s > bestScore) {
                    bestScore = s;
                    best = v;
                }
            }
            return best >= 0 ? best : firstMeeting; // the first only if every score was NaN
        }

        @Override
        public void newState() {
            stateStamp++;
        }

        @Override
        public void claimed(int vm) {
            if (vm < partStamp.length) {
                partStamp[vm] = 0;
            }
        }

        private float[] part(TierFeatures f, int k, int vm) {
            if (partStamp.length <= vm) {
                partStamp = Arrays.copyOf(partStamp, Math.max(vm + 1, 2 * partStamp.length));
                parts = Arrays.copyOf(parts, partStamp.length);
            }
            if (partStamp[vm] != stateStamp || parts[vm] == null) {
                if (parts[vm] == null) {
                    parts[vm] = new float[runner.firstWidth()];
                }
                float[] vx = f.vmFeatures(k, vm);
                runner.firstLayerPart(vx, TierFeatures.VM_SHARED, vx.length, parts[vm]);
                partStamp[vm] = stateStamp;
            }
            return parts[vm];
        }

        @Override
        public String spec() {
            return "net";
        }
    }

    /** The lowest estimated service time. */
    final class Estimate implements VmChoice {
        @Override
        public int choose(TierFeatures f, int k) {
            double limit = f.deadlineLimitS();
            int best = -1;
            double bestEst = Double.POSITIVE_INFINITY;
            for (int i = 0; i < f.admittingCount(k); i++) {
                double est = f.admittingEstimateS(k, i);
                if (est <= limit && (best < 0 || est < bestEst)) {
                    bestEst = est;
                    best = f.admittingVm(k, i);
                }
            }
            return best;
        }

        @Override
        public String spec() {
            return "estimate";
        }
    }

    /** A constant score: the first VM that admits the task and meets its deadline. */
    final class Constant implements VmChoice {
        @Override
        public int choose(TierFeatures f, int k) {
            double limit = f.deadlineLimitS();
            for (int i = 0; i < f.admittingCount(k); i++) {
                if (f.admittingEstimateS(k, i) <= limit) {
                    return f.admittingVm(k, i);
                }
            }
            return -1;
        }

        @Override
        public String spec() {
            return "constant";
        }
    }
}
