package org.offload.rl;

import java.util.ArrayList;
import java.util.List;

import org.offload.policy.learned.TierFeatures;

/**
 * What an observation of {@link OffloadEnv} holds: a chosen subset of the seed-003 tier features
 * ({@link TierFeatures#NAMES}, in the order given; all 25 by default) and, optionally, the state of every VM
 * ({@code vm<i>_u}: claimed utilisation 0-1, {@code vm<i>_admits}: 1 if the VM would admit the task now), which a
 * {@link ActionSpace#TIER_VM tier x VM} agent needs to tell the VMs apart. Values are raw (seconds, GB, Mbit/s,
 * shares); agents normalise them (the trainers store the mean and std in the model).
 */
public record ObservationSpec(List<String> tierFeatures, boolean vmState) {
    public ObservationSpec {
        tierFeatures = List.copyOf(tierFeatures);
        for (String f : tierFeatures) {
            if (!TierFeatures.NAMES.contains(f)) {
                throw new IllegalArgumentException("observation feature '" + f + "' is not a tier feature; allowed: "
                        + String.join(", ", TierFeatures.NAMES));
            }
        }
        if (tierFeatures.isEmpty() && !vmState) {
            throw new IllegalArgumentException("an observation needs at least one tier feature or the VM state");
        }
    }

    /** Every tier feature; the VM state when the action space names VMs. */
    public static ObservationSpec defaults(ActionSpace actions) {
        return new ObservationSpec(TierFeatures.NAMES, actions == ActionSpace.TIER_VM);
    }

    /** Feature names in observation order, for {@code vms} VMs. */
    public List<String> names(int vms) {
        List<String> out = new ArrayList<>(tierFeatures);
        if (vmState) {
            for (int v = 0; v < vms; v++) {
                out.add("vm" + v + "_u");
                out.add("vm" + v + "_admits");
            }
        }
        return out;
    }

    /** Indices into {@link TierFeatures#NAMES} of the chosen tier features. */
    int[] tierIndices() {
        int[] idx = new int[tierFeatures.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = TierFeatures.NAMES.indexOf(tierFeatures.get(i));
        }
        return idx;
    }
}
