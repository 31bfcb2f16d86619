package org.offload.service;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.offload.model.Tier;

/**
 * Placement constraints applied to every policy's decisions: per data class the tiers its data may be processed
 * on (data locality) and a latency SLO, and per application the nodes it may use.
 *
 * @param dataClasses  by name; a task naming a class not listed here is rejected (400), so a typo cannot bypass
 *                     a constraint
 * @param allowedNodes by application name; an application not listed may use any node
 */
public record Constraints(Map<String, DataClass> dataClasses, Map<String, List<NodeSelector>> allowedNodes) {
    /** No constraints. */
    public static final Constraints NONE = new Constraints(Map.of(), Map.of());

    /**
     * @param keepOn      tiers the data may be processed on (LOCAL = on the device); all tiers when not restricted
     * @param maxLatencyS latency SLO: the estimated service time of the chosen option must not exceed it
     *                    ({@code +Infinity} = none)
     */
    public record DataClass(String name, Set<Tier> keepOn, double maxLatencyS) {
        public DataClass {
            keepOn = keepOn.isEmpty() ? EnumSet.noneOf(Tier.class) : EnumSet.copyOf(keepOn);
        }

        public boolean restrictsTiers() {
            return keepOn.size() < Tier.values().length;
        }

        public boolean hasSlo() {
            return maxLatencyS < Double.POSITIVE_INFINITY;
        }

        /** {@code device, edge} style list of the allowed tiers. */
        public String keepOnText() {
            List<String> out = new ArrayList<>();
            for (Tier t : keepOn) {
                out.add(t == Tier.LOCAL ? "device" : t.key());
            }
            return String.join(", ", out);
        }
    }

    public Constraints {
        dataClasses = Map.copyOf(new LinkedHashMap<>(dataClasses));
        Map<String, List<NodeSelector>> copy = new LinkedHashMap<>();
        allowedNodes.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        allowedNodes = Map.copyOf(copy);
    }

    public boolean isEmpty() {
        return dataClasses.isEmpty() && allowedNodes.isEmpty();
    }
}
