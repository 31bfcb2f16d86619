package org.offload.experiment;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A sweep axis over one scenario key besides the number of devices: every run of the sweep sets {@code key} to one
 * of {@code values}, as {@code --set key=value} would (the same override path of the scenario loader, so the same
 * keys and the same checks). Values are numbers, kept in canonical text ({@code 2}, {@code 2.5}, {@code 0.6}) in
 * the order given; the report charts against them. {@code devices.count}, {@code policy} and {@code seed} cannot be
 * varied here: they are the sweep's own axes (devices, policies, replications).
 *
 * @param key    a scenario key in {@code --set} form, e.g. {@code network.wlan.bandwidth_mbps} or
 *               {@code applications.CLASSIFY.cascade.threshold}
 * @param values its values, distinct numbers, at least one
 */
public record SweepAxis(String key, List<String> values) implements Serializable {
    /** Keys the sweep sets itself for every run, which an axis may not vary. */
    public static final List<String> RESERVED = List.of("devices.count", "policy", "seed");

    public SweepAxis {
        if (key == null || key.isBlank()) {
            throw new SweepSpecException("vary: empty key; expected KEY=V1,V2,... (e.g. "
                    + "network.wlan.bandwidth_mbps=2,5,10)");
        }
        key = key.strip();
        if (!key.matches("[A-Za-z0-9_.\\[\\]-]+")) {
            throw new SweepSpecException("vary: '" + key + "' is not a scenario key (letters, digits, '_', '-', "
                    + "'.', [index]; e.g. network.wlan.bandwidth_mbps)");
        }
        String reason = switch (key) {
            case "devices.count", "devices" -> "the number of devices is the sweep's devices axis; use --devices";
            case "policy" -> "policies are the sweep's policies axis; use --policies";
            case "seed" -> "seeds are derived per replication; use --replications and --seed";
            default -> null;
        };
        if (reason != null) {
            throw new SweepSpecException("vary: " + key + ": cannot be varied here: " + reason);
        }
        if (values == null || values.isEmpty()) {
            throw new SweepSpecException("vary: " + key + ": at least one value is needed");
        }
        List<String> canonical = new ArrayList<>();
        Set<BigDecimal> seen = new HashSet<>();
        for (String v : values) {
            BigDecimal d = number(key, v);
            if (!seen.add(d)) {
                throw new SweepSpecException("vary: " + key + ": " + v.strip() + " is listed twice");
            }
            canonical.add(d.toPlainString());
        }
        values = List.copyOf(canonical);
    }

    /** Parses {@code KEY=V1,V2,...} (the command line's {@code --vary}). */
    public static SweepAxis parse(String text) {
        String t = text == null ? "" : text.strip();
        int eq = t.indexOf('=');
        if (eq <= 0 || eq == t.length() - 1) {
            throw new SweepSpecException("vary: expected KEY=V1,V2,... (e.g. network.wlan.bandwidth_mbps=2,5,10), "
                    + "got '" + t + "'");
        }
        List<String> values = new ArrayList<>();
        for (String v : t.substring(eq + 1).split(",", -1)) {
            values.add(v);
        }
        return new SweepAxis(t.substring(0, eq), values);
    }

    /** The override of a run at value {@code value}: {@code key=value}. */
    public String override(String value) {
        return key + "=" + value;
    }

    /** Every value's override, in order. */
    public List<String> overrides() {
        return values.stream().map(this::override).toList();
    }

    /** Value {@code i} as a number (for charts). */
    public double number(int i) {
        return Double.parseDouble(values.get(i));
    }

    private static BigDecimal number(String key, String v) {
        String s = v == null ? "" : v.strip();
        try {
            BigDecimal d = new BigDecimal(s);
            d = d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
            return d.scale() < 0 ? d.setScale(0) : d;
        } catch (NumberFormatException e) {
            throw new SweepSpecException("vary: " + key + ": '" + s + "' is not a number; an axis takes numbers "
                    + "(e.g. 2,5,10 or 0.5,0.6,0.7), which the report charts against");
        }
    }

    @Override
    public String toString() {
        return key + "=" + String.join(",", values);
    }
}
