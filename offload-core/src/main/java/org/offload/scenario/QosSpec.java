package org.offload.scenario;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A scenario's QoS classes and network slices (YAML {@code qos}, with {@code applications[].qos_class}):
 * {@code slices} partition links into reserved shares (per link kind the shares add up to at most 1),
 * {@code classes} give targets and a slice, {@code applicationClasses} maps application names to class names
 * (an application without a class is in no class: the unreserved remainder, no targets reported). {@link #NONE}
 * (no slices, no classes) is the default and changes nothing.
 */
public record QosSpec(List<SliceSpec> slices, List<QosClassSpec> classes, Map<String, String> applicationClasses) {
    /** No slices and no classes. */
    public static final QosSpec NONE = new QosSpec(List.of(), List.of(), Map.of());

    /** Tolerance on the sum of shares (decimal shares like 0.1 + 0.2 + 0.7). */
    private static final double SUM_TOLERANCE = 1e-9;

    public QosSpec {
        slices = List.copyOf(slices);
        classes = List.copyOf(classes);
        applicationClasses = Collections.unmodifiableMap(new LinkedHashMap<>(applicationClasses));
        Set<String> names = new HashSet<>();
        for (int i = 0; i < slices.size(); i++) {
            if (!names.add(slices.get(i).name())) {
                throw new ScenarioException("slices[" + i + "].name", "duplicate slice name '"
                        + slices.get(i).name() + "'");
            }
        }
        for (String kind : SliceSpec.LINK_KINDS) {
            double sum = 0;
            for (SliceSpec s : slices) {
                sum += s.covers(kind) ? s.share() : 0;
            }
            if (sum > 1 + SUM_TOLERANCE) {
                throw new ScenarioException("slices", "the shares of the slices on " + kind
                        + " links add up to " + sum + ": they must add up to at most 1");
            }
        }
        Set<String> classNames = new HashSet<>();
        for (int i = 0; i < classes.size(); i++) {
            QosClassSpec c = classes.get(i);
            if (!classNames.add(c.name())) {
                throw new ScenarioException("classes[" + i + "].name", "duplicate class name '" + c.name() + "'");
            }
            if (c.slice() != null && !names.contains(c.slice())) {
                throw new ScenarioException("classes[" + i + "].slice", "unknown slice '" + c.slice()
                        + "'; slices: " + sliceNames(slices));
            }
        }
        for (Map.Entry<String, String> e : applicationClasses.entrySet()) {
            if (!classNames.contains(e.getValue())) {
                throw new ScenarioException("applications." + e.getKey(), "unknown QoS class '" + e.getValue()
                        + "'; classes: " + classes.stream().map(QosClassSpec::name).toList());
            }
        }
    }

    private static List<String> sliceNames(List<SliceSpec> slices) {
        return slices.stream().map(SliceSpec::name).toList();
    }

    /** True for {@link #NONE}: nothing to partition, nothing to report. */
    public boolean isEmpty() {
        return slices.isEmpty() && classes.isEmpty();
    }

    /** Index of the class named {@code name} in {@link #classes}, or -1. */
    public int classIndex(String name) {
        for (int i = 0; i < classes.size(); i++) {
            if (classes.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Index of the slice named {@code name} in {@link #slices}, or -1. */
    public int sliceIndex(String name) {
        for (int i = 0; i < slices.size(); i++) {
            if (slices.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
