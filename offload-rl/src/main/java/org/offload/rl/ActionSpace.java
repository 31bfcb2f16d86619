package org.offload.rl;

import java.util.Locale;

/**
 * What an action of {@link OffloadEnv} names.
 *
 * <ul>
 * <li>{@link #TIER}: the tier class of {@link org.offload.policy.learned.TierFeatures} (0 {@code local-edge}: the
 * edge VMs of the device's site; 1 {@code remote-edge}: the edge VMs of the other site with the lowest mean
 * utilisation; 2 {@code cloud}; 3 {@code device}: the device's own CPU), then 4 {@code reject}. Within a server tier
 * the VM is the least-utilised VM of the tier that admits the task (claimed share and memory), ties to the lower
 * index ({@link org.offload.policy.Vms#leastUtilisedAdmitting}).</li>
 * <li>{@link #TIER_VM}: 0 {@code device}, then one action per VM ({@code 1 + v} for global VM index v: edge VMs
 * site by site, then cloud VMs), then {@code reject}.</li>
 * </ul>
 * In both, an action is masked as infeasible when nothing there admits the task (no tier of that class for this
 * device, no VM of it with room, a device without a CPU or room, or no coverage for a server placement);
 * {@code reject} is always allowed, so some action always is.
 */
public enum ActionSpace {
    TIER, TIER_VM;

    /** The space named {@code tier} or {@code tier-vm}. */
    public static ActionSpace parse(String s) {
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "tier" -> TIER;
            case "tier-vm", "tier_vm" -> TIER_VM;
            default -> throw new IllegalArgumentException("action space: expected tier or tier-vm, got '" + s + "'");
        };
    }

    /** The name {@link #parse} reads. */
    public String key() {
        return this == TIER ? "tier" : "tier-vm";
    }
}
