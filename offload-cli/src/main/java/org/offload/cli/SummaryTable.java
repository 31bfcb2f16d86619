package org.offload.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.offload.metrics.GroupMetrics;
import org.offload.metrics.SimulationResult;
import org.offload.metrics.TierMetrics;
import org.offload.metrics.TimeStats;
import org.offload.model.FailureReason;

/** The human-readable summary {@code offload run} prints on standard output. */
final class SummaryTable {
    private static final String LABEL = "%-17s %s%n";

    private SummaryTable() {
    }

    static String render(SimulationResult r, String output) {
        GroupMetrics all = r.overall();
        TimeStats st = all.serviceTimeS();
        StringBuilder b = new StringBuilder();
        line(b, "Scenario", r.scenario());
        line(b, "Policy", r.policy());
        line(b, "Seed", Long.toString(r.seed()));
        line(b, "Devices", Integer.toString(r.devices()));
        line(b, "Simulated", f("%s s, warm-up %s s (tasks measured: generated in the last %s s)",
                num(r.simulatedTimeS()), num(r.warmupS()), num(r.simulatedTimeS() - r.warmupS())));
        line(b, "Tasks", f("%d generated, %d completed, %d failed (%s %%)", all.generated(), all.completed(),
                all.failed(), fixed(100 * all.failureRate(), 2)));
        line(b, "Failures", reasons(all.failuresByReason()));
        line(b, "Service time", f("mean %s  p50 %s  p95 %s  p99 %s  max %s", s(st.mean()), s(st.p50()),
                s(st.p95()), s(st.p99()), s(st.max())));
        line(b, "Mean delays", f("network %s  processing %s  queueing %s", s(all.networkDelayMeanS()),
                s(all.processingTimeMeanS()), s(all.queueingTimeMeanS())));
        line(b, "VM utilisation", f("edge %s %%  cloud %s %%  local %s %%", fixed(r.vmUtilization().edge(), 1),
                fixed(r.vmUtilization().cloud(), 1), fixed(r.vmUtilization().local(), 1)));
        line(b, "Device energy", f("total %s J, mean %s J per device", fixed(r.deviceEnergyTotalJ(), 1),
                fixed(r.deviceEnergyMeanPerDeviceJ(), 2)));
        b.append('\n');

        TextTable apps = new TextTable("Application", "generated", "completed", "failed", "failed %", "mean s",
                "p95 s", "energy J");
        for (Map.Entry<String, GroupMetrics> e : r.perApplication().entrySet()) {
            GroupMetrics g = e.getValue();
            apps.row(e.getKey(), g.generated(), g.completed(), g.failed(), fixed(100 * g.failureRate(), 2),
                    fixed(g.serviceTimeS().mean(), 3), fixed(g.serviceTimeS().p95(), 3), fixed(g.energyJ(), 1));
        }
        b.append(apps.render(""));
        b.append('\n');

        TextTable tiers = new TextTable("Tier", "tasks", "completed", "mean service s");
        for (Map.Entry<String, TierMetrics> e : r.perTier().entrySet()) {
            TierMetrics t = e.getValue();
            tiers.row(e.getKey(), t.tasks(), t.completed(), fixed(t.serviceTimeMeanS(), 3));
        }
        b.append(tiers.render(""));
        b.append('\n');

        line(b, "Events", Long.toString(r.eventsProcessed()));
        line(b, "Wall time", f("%s s (%s tasks per wall second, %d tasks in all)", fixed(r.wallTimeS(), 2),
                fixed(r.tasksPerWallSecond(), 0), r.tasksGeneratedTotal()));
        line(b, "Output", output);
        return b.toString();
    }

    private static void line(StringBuilder b, String label, String value) {
        b.append(f(LABEL, label, value));
    }

    private static String reasons(Map<String, Long> byReason) {
        List<String> parts = new ArrayList<>();
        for (FailureReason reason : FailureReason.values()) {
            Long n = byReason.get(reason.key());
            if (n != null && n > 0) {
                parts.add(reason.key() + " " + n);
            }
        }
        byReason.keySet().stream().sorted()
                .filter(k -> parts.stream().noneMatch(p -> p.startsWith(k + " ")))
                .forEach(k -> parts.add(k + " " + byReason.get(k)));
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    private static String s(double seconds) {
        return fixed(seconds, 3) + " s";
    }

    private static String fixed(double v, int decimals) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v) : "-";
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : fixed(v, 3);
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
