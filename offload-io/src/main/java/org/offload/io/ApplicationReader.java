package org.offload.io;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.offload.model.Tier;
import org.offload.scenario.ApplicationSpec;
import org.offload.scenario.ArrivalSpec;
import org.offload.scenario.CascadeSpec;
import org.offload.scenario.DagSpec;
import org.offload.scenario.CloudSpec;
import org.offload.scenario.DevicesSpec;
import org.offload.scenario.DnnLayerCounter;
import org.offload.scenario.DriftSpec;
import org.offload.scenario.EdgeSpec;
import org.offload.scenario.ModelDemandResolver;
import org.offload.scenario.ModelSpec;
import org.offload.scenario.ModelVariant;
import org.offload.scenario.PartitionSpec;
import org.offload.scenario.Range;
import org.offload.scenario.StatusUpdateSpec;

/**
 * Reads one entry of a scenario's {@code applications} list (arrival, demand, model, kind, status updates, cascade,
 * drift)
 * for {@link ScenarioLoader}, with the same strict {@link Section} rules. The layer counter and the model-demand
 * resolver are looked up only when an application needs them.
 */
final class ApplicationReader {
    private static final ApplicationSpec.Distribution DEFAULT_DISTRIBUTION = ApplicationSpec.Distribution.EXPONENTIAL;
    private static final double DEFAULT_APP_MEMORY_MB = 0;
    private static final double DEFAULT_ACTIVE_S = 0;
    private static final double DEFAULT_IDLE_S = 0;
    private static final double DEFAULT_LOCAL_UTILIZATION = 0;

    private final Supplier<DnnLayerCounter> counter;
    private final Supplier<ModelDemandResolver> resolver;

    ApplicationReader(Supplier<DnnLayerCounter> counter, Supplier<ModelDemandResolver> resolver) {
        this.counter = counter;
        this.resolver = resolver;
    }

    /** One entry of {@code applications}; a model's demands are resolved later ({@link #resolveModel}). */
    ApplicationSpec read(Section a, boolean localCpu, double durationS) {
        a.allow("name", "usage_percent", "arrival", "distribution", "task_length_mi", "upload_kb", "download_kb",
                "delay_sensitivity", "max_delay_s", "memory_mb", "vm_utilization", "model", "status_update", "kind",
                "partial", "dnn", "dag", "cascade", "drift",
                "qos_class");
        PartitionSpec partition = new ApplicationKinds(counter.get()).partition(a);
        ModelSpec model = a.has("model") ? model(a) : null;
        StatusUpdateSpec statusUpdate = a.has("status_update") ? statusUpdate(a.section("status_update")) : null;
        CascadeSpec cascade = a.has("cascade") ? cascade(a, partition) : null;
        DriftSpec drift = a.has("drift") ? DriftReader.read(a, durationS) : null;
        String name = a.text("name");
        double usage = a.number("usage_percent");
        ArrivalSpec arrival = arrival(a.section("arrival"));
        ApplicationSpec.Distribution distribution =
                a.choice("distribution", ApplicationSpec.Distribution.class, DEFAULT_DISTRIBUTION);
        // With a model the length is a placeholder until the model's demand is resolved (see resolveModel).
        // A dnn or dag application's length is the sum of its layers or components.
        double length = partition instanceof PartitionSpec.Dnn dnn ? dnn.totalMi()
                : partition instanceof DagSpec dag ? dag.totalMi() : model != null ? 1 : a.number("task_length_mi");
        double upload = a.number("upload_kb");
        double download = a.number("download_kb");
        double sensitivity = a.number("delay_sensitivity");
        double maxDelay = a.number("max_delay_s");
        double memory = a.number("memory_mb", DEFAULT_APP_MEMORY_MB);
        Section u = a.section("vm_utilization").allow("edge", "cloud", "local");
        double edge = u.number("edge");
        double cloud = u.number("cloud");
        if (localCpu && !u.has("local")) {
            throw u.error("local", "is required when devices.cpu is set");
        }
        double local = u.number("local", DEFAULT_LOCAL_UTILIZATION);
        return a.build(() -> new ApplicationSpec(name, usage, arrival, distribution, length, upload, download,
                sensitivity, maxDelay, memory, edge, cloud, local, model, partition, statusUpdate, cascade, drift));
    }

    /**
     * {@code cascade: {threshold, edge_confidence_a, cloud_accuracy, features_kb}} (all required; threshold and
     * cloud_accuracy in [0, 1], edge_confidence_a > 0, features_kb >= 0); only for the plain kind {@code task}.
     */
    private static CascadeSpec cascade(Section a, PartitionSpec partition) {
        Section c = a.section("cascade").allow("threshold", "edge_confidence_a", "cloud_accuracy", "features_kb");
        if (partition != null) {
            throw a.error("cascade", "applies to applications of kind task only, not " + partition.kind());
        }
        double threshold = c.number("threshold");
        double shape = c.number("edge_confidence_a");
        double cloudAccuracy = c.number("cloud_accuracy");
        double features = c.number("features_kb");
        return a.build(() -> new CascadeSpec(threshold, shape, cloudAccuracy, features));
    }

    /** {@code status_update: {superseded: keep | drop}} ({@code {}} alone: keep). */
    private static StatusUpdateSpec statusUpdate(Section s) {
        s.allow("superseded");
        StatusUpdateSpec.Superseded superseded =
                s.choice("superseded", StatusUpdateSpec.Superseded.class, StatusUpdateSpec.Superseded.KEEP);
        return s.build(() -> new StatusUpdateSpec(superseded));
    }

    private ModelSpec model(Section a) {
        for (String k : new String[] {"task_length_mi", "memory_mb"}) {
            if (a.has(k)) {
                throw a.error(k, "not allowed beside model (the work and memory of its tasks come from the model's "
                        + "variants: give length_mi and memory_mb per variant, or let the profile predictor fill them)");
            }
        }
        Section m = a.section("model").allow("family", "input", "variants", "quality");
        String family = m.text("family");
        int input = m.integer("input", 0);
        List<ModelVariant> variants = new ArrayList<>();
        for (Section v : m.sections("variants")) {
            v.allow("name", "accuracy", "length_mi", "memory_mb");
            String name = v.text("name");
            double accuracy = v.number("accuracy");
            if (v.has("length_mi") != v.has("memory_mb")) {
                throw v.error(v.has("length_mi") ? "memory_mb" : "length_mi",
                        "is required when " + (v.has("length_mi") ? "length_mi" : "memory_mb") + " is given");
            }
            ModelVariant.Demand demand = null;
            if (v.has("length_mi")) {
                double[] mi = perTier(v, "length_mi");
                double[] mb = perTier(v, "memory_mb");
                demand = v.build(() -> new ModelVariant.Demand(mi[0], mi[1], mi[2], mb[0], mb[1], mb[2], "scenario"));
            }
            ModelVariant.Demand d = demand;
            variants.add(v.build(() -> new ModelVariant(name, accuracy, d)));
        }
        return m.build(() -> new ModelSpec(family, input, variants));
    }

    /** A number for every tier, or {@code {local, edge, cloud}} (local optional when devices cannot compute). */
    private static double[] perTier(Section v, String k) {
        if (v.raw(k).isNumber()) {
            double x = v.number(k);
            return new double[] {x, x, x};
        }
        Section t = v.section(k).allow("local", "edge", "cloud");
        double edge = t.number("edge");
        double cloud = t.number("cloud");
        return new double[] {t.number("local", edge), edge, cloud};
    }

    /**
     * Fills in the model's missing demands with the resolver, then sets the application's nominal length and memory
     * (what variant-agnostic policies and estimates see) to the default variant's demand on an edge VM.
     */
    ApplicationSpec resolveModel(Section a, ApplicationSpec app, DevicesSpec devices, EdgeSpec edge,
                                         CloudSpec cloud) {
        ModelSpec model = app.model();
        Section m = a.section("model");
        if (m.has("quality")) { // input-quality levels: operating points (variant, resolution), see QualityLevels
            model = QualityLevels.read(m, model, app.partition() != null, resolver, devices.cpu(), edge.vm(),
                    cloud.vm());
        }
        model = ModelDemands.resolve(m, model, resolver, devices.cpu(), edge.vm(), cloud.vm());
        ModelVariant.Demand nominal = model.variant(model.defaultVariant()).demand();
        ModelSpec resolved = model;
        return a.build(() -> new ApplicationSpec(app.name(), app.usagePercent(), app.arrival(), app.distribution(),
                nominal.lengthMi(Tier.EDGE), app.uploadKb(), app.downloadKb(), app.delaySensitivity(),
                app.maxDelayS(), nominal.memoryMb(Tier.EDGE), app.vmUtilizationEdge(), app.vmUtilizationCloud(),
                app.vmUtilizationLocal(), resolved, app.partition(), app.statusUpdate(), app.cascade(), app.drift()));
    }

    private ArrivalSpec arrival(Section r) {
        ArrivalSpec.Process process = r.choice("process", ArrivalSpec.Process.class, null);
        double mean = 0;
        Range gap = null;
        if (process == ArrivalSpec.Process.POISSON) {
            r.allow("process", "mean_interarrival_s", "active_s", "idle_s", "on_off");
            mean = r.number("mean_interarrival_s");
        } else {
            r.allow("process", "interarrival_s", "active_s", "idle_s", "on_off");
            gap = r.range("interarrival_s");
        }
        double active = r.number("active_s", DEFAULT_ACTIVE_S);
        double idle = r.number("idle_s", DEFAULT_IDLE_S);
        ArrivalSpec.OnOff onOff = r.choice("on_off", ArrivalSpec.OnOff.class, ArrivalSpec.OnOff.EXPONENTIAL);
        double meanGap = mean;
        Range gapRange = gap;
        return r.build(() -> new ArrivalSpec(process, meanGap, gapRange, active, idle, onOff));
    }
}
