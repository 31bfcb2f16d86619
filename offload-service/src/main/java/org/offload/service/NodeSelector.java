package org.offload.service;

import java.util.Locale;

import org.offload.model.Tier;
import org.offload.policy.SystemView;

/**
 * Names a set of placement options in the service configuration: {@code local} (the task's own device),
 * {@code edge} (every edge VM), {@code cloud} (every cloud VM), {@code site:N} (the VMs of edge site N) or
 * {@code vm:N} (one VM by its global index, as in decisions).
 */
public record NodeSelector(Kind kind, int index) {
    public enum Kind { LOCAL, EDGE, CLOUD, SITE, VM }

    /** Parses a selector; the message of the exception says what is allowed. */
    public static NodeSelector parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "local", "device" -> {
                return new NodeSelector(Kind.LOCAL, -1);
            }
            case "edge" -> {
                return new NodeSelector(Kind.EDGE, -1);
            }
            case "cloud" -> {
                return new NodeSelector(Kind.CLOUD, -1);
            }
            default -> {
                int colon = t.indexOf(':');
                if (colon > 0) {
                    String k = t.substring(0, colon);
                    String n = t.substring(colon + 1);
                    if (n.matches("\\d{1,9}") && (k.equals("site") || k.equals("vm"))) {
                        return new NodeSelector(k.equals("site") ? Kind.SITE : Kind.VM, Integer.parseInt(n));
                    }
                }
                throw new IllegalArgumentException("unknown node '" + text
                        + "'; expected local, edge, cloud, site:N or vm:N");
            }
        }
    }

    /** Whether the option ({@code vm < 0} = local) is one of this selector's nodes. */
    public boolean matches(int vm, SystemView view) {
        return switch (kind) {
            case LOCAL -> vm < 0;
            case EDGE -> vm >= 0 && view.vmTier(vm) == Tier.EDGE;
            case CLOUD -> vm >= 0 && view.vmTier(vm) == Tier.CLOUD;
            case SITE -> vm >= 0 && view.vmTier(vm) == Tier.EDGE && view.vmSite(vm) == index;
            case VM -> vm == index;
        };
    }

    @Override
    public String toString() {
        return switch (kind) {
            case LOCAL -> "local";
            case EDGE -> "edge";
            case CLOUD -> "cloud";
            case SITE -> "site:" + index;
            case VM -> "vm:" + index;
        };
    }
}
