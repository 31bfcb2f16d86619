package org.offload.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.offload.engine.RandomStreams;

/**
 * What a sweep runs: every policy at every device count (and, with an {@code axis}, at every value of the varied
 * scenario key: a grid of the axis × device counts), {@code replications} times, on {@code threads} threads.
 * Replication {@code r} (0-based) of every point uses the seed {@link #seedOf(int)}, so all policies, device counts
 * and axis values see common random numbers. One axis besides the devices is supported, not more.
 *
 * @param scenario     scenario YAML file, or null for the bundled default scenario
 * @param overrides    {@code key=value} scenario overrides applied before the per-run ones
 *                     ({@code devices.count}, {@code policy}, {@code seed})
 * @param devices      device counts, distinct and ascending (sorted by the constructor)
 * @param policies     policy names in report order, distinct
 * @param replications runs per policy and device count, at least 1
 * @param seed         base seed from which each replication's seed is derived
 * @param threads      simulations run at once, at least 1; does not change any result
 * @param axis         the scenario key varied besides the devices, or null
 * @param variants     configured policies under names of their own ({@link PolicyVariant}); a name in
 *                     {@code policies} that is a variant's runs it, any other a registered policy
 */
public record SweepSpec(Path scenario, List<String> overrides, List<Integer> devices, List<String> policies,
                        int replications, long seed, int threads, SweepAxis axis, List<PolicyVariant> variants) {
    /** Name under which replication seeds are derived: {@code RandomStreams.derive(seed, "replication", r)}. */
    public static final String SEED_STREAM = "replication";

    /** A sweep over devices only. */
    public SweepSpec(Path scenario, List<String> overrides, List<Integer> devices, List<String> policies,
                     int replications, long seed, int threads) {
        this(scenario, overrides, devices, policies, replications, seed, threads, null);
    }

    /** A sweep without configured policy variants. */
    public SweepSpec(Path scenario, List<String> overrides, List<Integer> devices, List<String> policies,
                     int replications, long seed, int threads, SweepAxis axis) {
        this(scenario, overrides, devices, policies, replications, seed, threads, axis, List.of());
    }

    public SweepSpec {
        overrides = List.copyOf(overrides);
        if (devices == null || devices.isEmpty()) {
            throw new SweepSpecException("devices: at least one device count is needed");
        }
        TreeSet<Integer> sorted = new TreeSet<>();
        for (Integer d : devices) {
            if (d == null || d < 1) {
                throw new SweepSpecException("devices: counts must be positive, got " + d);
            }
            if (!sorted.add(d)) {
                throw new SweepSpecException("devices: " + d + " is listed twice");
            }
        }
        devices = List.copyOf(sorted);
        if (policies == null || policies.isEmpty()) {
            throw new SweepSpecException("policies: at least one policy is needed");
        }
        Set<String> seen = new HashSet<>();
        for (String p : policies) {
            if (p == null || p.isBlank()) {
                throw new SweepSpecException("policies: empty policy name");
            }
            if (!p.matches("[A-Za-z0-9_-][A-Za-z0-9._-]*")) {
                throw new SweepSpecException("policies: '" + p + "' is not a usable name (letters, digits, '.', "
                        + "'_', '-')");
            }
            if (!seen.add(p)) {
                throw new SweepSpecException("policies: '" + p + "' is listed twice");
            }
        }
        policies = List.copyOf(policies);
        variants = variants == null ? List.of() : List.copyOf(variants);
        Set<String> variantNames = new HashSet<>();
        for (PolicyVariant v : variants) {
            if (!variantNames.add(v.name())) {
                throw new SweepSpecException(v.at("name") + ": '" + v.name() + "' names two policy variants");
            }
        }
        if (replications < 1) {
            throw new SweepSpecException("replications: must be at least 1, got " + replications);
        }
        if (threads < 1) {
            throw new SweepSpecException("threads: must be at least 1, got " + threads);
        }
    }

    /** The seed of replication {@code r} (0-based), the same for every policy and device count. */
    public long seedOf(int r) {
        return RandomStreams.derive(seed, SEED_STREAM, r);
    }

    /** Number of runs: policies × axis values (1 without an axis) × device counts × replications. */
    public int runCount() {
        return policies.size() * axisValues().size() * devices.size() * replications;
    }

    /** The axis's values, or a single null without an axis. */
    private List<String> axisValues() {
        return axis == null ? java.util.Collections.singletonList(null) : axis.values();
    }

    /** Every run, ordered by policy (as given), then axis value (as given), then device count, then replication. */
    public List<RunPoint> points() {
        List<RunPoint> out = new ArrayList<>(runCount());
        for (String p : policies) {
            for (String v : axisValues()) {
                for (int d : devices) {
                    for (int r = 0; r < replications; r++) {
                        out.add(new RunPoint(p, axis == null ? null : axis.key(), v, d, r, seedOf(r)));
                    }
                }
            }
        }
        return out;
    }

    public SweepSpec withThreads(int t) {
        return new SweepSpec(scenario, overrides, devices, policies, replications, seed, t, axis, variants);
    }

    /** The variant named {@code name}, or null when it names a registered policy. */
    public PolicyVariant variant(String name) {
        for (PolicyVariant v : variants) {
            if (v.name().equals(name)) {
                return v;
            }
        }
        return null;
    }

    /** The number of processors available to the JVM: the default thread count. */
    public static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Parses device counts: an inclusive range with a step, {@code 200..2000:200} (step 1 when left out), or a
     * comma-separated list, {@code 200,400,1000}.
     */
    public static List<Integer> parseDevices(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            throw new SweepSpecException("devices: empty; expected FROM..TO:STEP (e.g. 200..2000:200) or a list "
                    + "(e.g. 200,400,1000)");
        }
        int dots = t.indexOf("..");
        if (dots < 0) {
            List<Integer> out = new ArrayList<>();
            for (String part : t.split(",", -1)) {
                out.add(positive(part, text));
            }
            return out;
        }
        String rest = t.substring(dots + 2);
        int colon = rest.indexOf(':');
        int from = positive(t.substring(0, dots), text);
        int to = positive(colon < 0 ? rest : rest.substring(0, colon), text);
        int step = colon < 0 ? 1 : positive(rest.substring(colon + 1), text);
        if (to < from) {
            throw new SweepSpecException("devices: range '" + text + "' ends (" + to + ") before it starts (" + from
                    + ")");
        }
        List<Integer> out = new ArrayList<>();
        for (long d = from; d <= to; d += step) {
            out.add((int) d);
        }
        return out;
    }

    /** Splits a comma-separated list of policy names, trimming each. */
    public static List<String> parsePolicies(String text) {
        List<String> out = new ArrayList<>();
        for (String p : (text == null ? "" : text).split(",", -1)) {
            if (p.isBlank()) {
                throw new SweepSpecException("policies: empty name in '" + text + "'");
            }
            out.add(p.strip());
        }
        return out;
    }

    private static int positive(String part, String whole) {
        String s = part.strip();
        try {
            int v = Integer.parseInt(s);
            if (v < 1) {
                throw new SweepSpecException("devices: counts must be positive, got " + v + " in '" + whole + "'");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new SweepSpecException("devices: '" + s + "' is not a whole number in '" + whole
                    + "'; expected FROM..TO:STEP (e.g. 200..2000:200) or a list (e.g. 200,400,1000)");
        }
    }
}
