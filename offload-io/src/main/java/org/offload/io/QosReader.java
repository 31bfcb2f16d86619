package org.offload.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.offload.scenario.QosClassSpec;
import org.offload.scenario.QosSpec;
import org.offload.scenario.SliceSpec;

/**
 * Reads a {@code qos:} block (QoS classes and network slices, docs/network.md) with the strict {@link Section}
 * rules: {@code slices: [{name, share, links}]} (optional), {@code classes: [{name, latency_target_s,
 * bandwidth_mbps, slice}]}; {@code slice: none} or no slice is the unreserved remainder. A scenario maps
 * applications with {@code applications[].qos_class}; the decision service's config with
 * {@code qos.applications: {APP: class}}. One reader for both, so the two files take the same block.
 */
public final class QosReader {
    private QosReader() {
    }

    /** A scenario's {@code qos} block; each application's {@code qos_class} must name one of its classes. */
    static QosSpec scenario(Section q, List<Section> appSections) {
        q.allow("slices", "classes");
        List<SliceSpec> slices = slices(q);
        List<QosClassSpec> classes = classes(q);
        List<String> names = classes.stream().map(QosClassSpec::name).toList();
        Map<String, String> byApp = new LinkedHashMap<>();
        for (Section a : appSections) {
            if (a.has("qos_class")) {
                String c = a.text("qos_class");
                if (!names.contains(c)) {
                    throw a.error("qos_class", "unknown QoS class '" + c + "'; qos.classes: " + names);
                }
                byApp.put(a.text("name"), c);
            }
        }
        return q.build(() -> new QosSpec(slices, classes, byApp));
    }

    /**
     * The decision service's {@code qos} block: as a scenario's, plus {@code applications: {APP: class}} (whether
     * the applications exist is checked against the scenario the service runs, see the service's config loader).
     */
    public static QosSpec service(Section q) {
        q.allow("slices", "classes", "applications");
        List<SliceSpec> slices = slices(q);
        List<QosClassSpec> classes = classes(q);
        List<String> names = classes.stream().map(QosClassSpec::name).toList();
        Map<String, String> byApp = q.scalars("applications");
        for (Map.Entry<String, String> e : byApp.entrySet()) {
            if (!names.contains(e.getValue())) {
                throw q.error("applications." + e.getKey(), "unknown QoS class '" + e.getValue() + "'; qos.classes: "
                        + names);
            }
        }
        return q.build(() -> new QosSpec(slices, classes, byApp));
    }

    private static List<SliceSpec> slices(Section q) {
        List<SliceSpec> slices = new ArrayList<>();
        if (q.has("slices")) {
            for (Section sl : q.sections("slices")) {
                sl.allow("name", "share", "links");
                String name = sl.text("name");
                if (name.equalsIgnoreCase("none")) {
                    throw sl.error("name", "'none' means no slice; choose another name");
                }
                double share = sl.number("share");
                List<String> links = sl.has("links") ? sl.texts("links") : SliceSpec.LINK_KINDS;
                slices.add(sl.build(() -> new SliceSpec(name, share, links)));
            }
        }
        return slices;
    }

    private static List<QosClassSpec> classes(Section q) {
        List<QosClassSpec> classes = new ArrayList<>();
        for (Section c : q.sections("classes")) {
            c.allow("name", "latency_target_s", "bandwidth_mbps", "slice");
            String name = c.text("name");
            double latency = c.number("latency_target_s");
            double bandwidth = c.number("bandwidth_mbps", 0);
            String slice = c.has("slice") && !c.text("slice").equalsIgnoreCase("none") ? c.text("slice") : null;
            classes.add(c.build(() -> new QosClassSpec(name, latency, bandwidth, slice)));
        }
        return classes;
    }
}
