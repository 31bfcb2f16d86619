package org.offload.service;

import java.util.Locale;
import java.util.SplittableRandom;

import org.offload.scenario.Scenario;

/** Random telemetry and task bodies for a scenario, as JSON text (numbers written so they parse back exactly). */
final class StateJson {
    private StateJson() {
    }

    /** Telemetry for every VM and link and about half the devices, with values around the admission limits. */
    static String randomTelemetry(Scenario sc, SplittableRandom r) {
        int sites = sc.edge().sites();
        int vms = sc.edge().vmCount() + sc.cloud().vmCount();
        StringBuilder b = new StringBuilder("{\"vms\":[");
        for (int v = 0; v < vms; v++) {
            if (v > 0) {
                b.append(',');
            }
            double util = switch (r.nextInt(4)) {
                case 0 -> 0;
                case 1 -> 100 - r.nextInt(8);
                default -> r.nextDouble() * 100;
            };
            b.append("{\"vm\":").append(v).append(",\"utilization_percent\":").append(util)
                    .append(",\"load\":").append(r.nextInt(12)).append(",\"queue_length\":").append(r.nextInt(3));
            if (r.nextBoolean()) {
                b.append(",\"free_memory_mb\":").append(r.nextDouble() * 4000);
            }
            if (r.nextInt(4) == 0) {
                b.append(",\"wait_s\":").append(r.nextDouble() * 2);
            }
            b.append('}');
        }
        b.append("],\"links\":[");
        for (int s = 0; s < sites; s++) {
            link(b, "wlan", s, r, s > 0, sc.network().wlan());
            link(b, "wan", s, r, true, sc.network().wan());
        }
        link(b, "man", -1, r, true, sc.network().man());
        b.append("],\"devices\":[");
        boolean first = true;
        for (int d = 0; d < sc.devices().count(); d++) {
            if (r.nextBoolean()) {
                continue;
            }
            if (!first) {
                b.append(',');
            }
            first = false;
            b.append("{\"device\":").append(d);
            if (r.nextInt(5) == 0) {
                b.append(",\"site\":").append(r.nextInt(sites + 1) - 1);
            }
            b.append(",\"battery_percent\":").append(r.nextInt(101))
                    .append(",\"cpu_utilization_percent\":").append(r.nextDouble() * 100)
                    .append(",\"cpu_load\":").append(r.nextInt(4)).append('}');
        }
        return b.append("]}").toString();
    }

    private static void link(StringBuilder b, String kind, int site, SplittableRandom r, boolean comma,
                             org.offload.scenario.LinkSpec spec) {
        // within the service's plausibility limits: [min / 100, max * 10] of the scenario's bandwidth range
        double lo = spec.bandwidthMbps().min() / 50;
        double hi = spec.bandwidthMbps().max() * 5;
        if (comma) {
            b.append(',');
        }
        b.append("{\"link\":\"").append(kind).append('"');
        if (site >= 0) {
            b.append(",\"site\":").append(site);
        }
        b.append(",\"bandwidth_mbps\":").append(lo * Math.pow(hi / lo, r.nextDouble()))
                .append(",\"latency_s\":").append(r.nextDouble() * 0.05)
                .append(",\"active_transfers\":").append(r.nextInt(20))
                .append(",\"utilization\":").append(r.nextDouble() * 0.95).append('}');
    }

    /** A random task body; {@code dataClass} may be null. */
    static String randomTask(Scenario sc, SplittableRandom r, long id, String dataClass) {
        var apps = sc.applications();
        var app = apps.get(r.nextInt(apps.size()));
        StringBuilder b = new StringBuilder("{\"id\":").append(id)
                .append(",\"application\":\"").append(app.name()).append('"')
                .append(",\"device\":").append(r.nextInt(sc.devices().count()));
        if (r.nextBoolean()) {
            b.append(",\"length_mi\":").append(app.lengthMi() * (0.05 + 3 * r.nextDouble()))
                    .append(",\"upload_kb\":").append(app.uploadKb() * 3 * r.nextDouble())
                    .append(",\"download_kb\":").append(app.downloadKb() * 3 * r.nextDouble());
        }
        if (r.nextInt(3) == 0) {
            b.append(",\"memory_mb\":").append(r.nextDouble() * 1500);
        }
        if (r.nextInt(4) == 0) {
            b.append(",\"site\":").append(r.nextInt(sc.edge().sites() + 1) - 1);
        }
        if (dataClass != null) {
            b.append(",\"data_class\":\"").append(dataClass).append('"');
        }
        return b.append('}').toString();
    }

    static String fmt(double d) {
        return String.format(Locale.ROOT, "%.6f", d);
    }
}
