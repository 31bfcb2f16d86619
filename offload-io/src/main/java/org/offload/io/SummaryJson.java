package org.offload.io;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.offload.freshness.FreshnessMetrics;
import org.offload.drift.DriftMetrics;
import org.offload.drift.DriftSeries;
import org.offload.metrics.CascadeMetrics;
import org.offload.metrics.QosMetrics;
import org.offload.metrics.QualityMetrics;
import org.offload.metrics.GroupMetrics;
import org.offload.metrics.DagMetrics;
import org.offload.metrics.PartitionMetrics;
import org.offload.metrics.SimulationResult;
import org.offload.metrics.TierMetrics;
import org.offload.metrics.TimeStats;
import org.offload.model.FailureReason;

/**
 * The {@code summary.json} of a run: a {@link SimulationResult} as pretty-printed JSON with snake_case keys in a
 * fixed order ({@link #TOP_LEVEL_KEYS}). Task counts and task metrics cover the measured window (tasks generated
 * after the warm-up); {@code tasks_generated_total} counts every task. Rates are fractions (0-1), utilisations
 * percent, times seconds, energies joules. Numbers never use exponent notation; a non-finite number is written as
 * {@code null}. Failure reasons appear in {@link FailureReason} order, only those that occurred.
 * {@code mean_accuracy} is the mean top-1 accuracy of the model variants run by completed tasks of applications that
 * name an AI model ({@code null} when there are none); {@code deadline_met_rate} the share of generated tasks whose
 * result arrived by their deadline. Both also close each {@code per_application} entry. {@code freshness} (only
 * when the scenario has status-update applications) gives each one's Age of Information. {@code partitions} (only
 * when the scenario has {@code partial} or {@code dnn} applications) holds the split-point and device-share
 * histograms of the measured tasks and the KB they moved ({@link PartitionMetrics}). {@code cascade} (last, only
 * when an application has a cascade) gives each cascade application's escalated share, accuracy and latencies
 * ({@link CascadeMetrics}). {@code quality} (after it, only when an application's model has input-quality levels)
 * gives each such application's accuracy-met rate, mean accuracy, latency, energy and upload ({@link QualityMetrics}).
 * {@code drift} (after it, only when an application has continual learning under drift) gives each such
 * application's model accuracy, sample uploads, their bytes and energy, and its retraining jobs ({@link DriftMetrics};
 * the accuracy over time goes to {@value #DRIFT_SERIES_FILE}, written by {@link #driftSeriesCsv}).
 * {@code qos} (last, only when the scenario has QoS classes) gives each class's latency-target-met rate and
 * achieved throughput against its bandwidth target ({@link QosMetrics}).
 */
public final class SummaryJson {
    /** The top-level keys, in the order they are written. */
    public static final List<String> TOP_LEVEL_KEYS = List.of("scenario", "policy", "seed", "devices",
            "simulated_time_s", "warmup_s", "tasks_generated", "tasks_completed", "tasks_failed", "failure_rate",
            "failures_by_reason", "service_time_s", "network_delay_s", "processing_time_s", "queueing_time_s",
            "vm_utilization", "device_energy_j", "per_application", "per_tier", "little_law",
            "tasks_generated_total", "events_processed", "wall_time_s", "tasks_per_wall_second",
            "mean_accuracy", "deadline_met_rate");

    /** Keys written after {@link #TOP_LEVEL_KEYS} only when the run measured them, in this order. */
    public static final List<String> OPTIONAL_KEYS = List.of("freshness", "partitions", "cascade", "quality",
            "drift", "qos");

    /** The accuracy time series of a run with continual learning, beside the summary. */
    public static final String DRIFT_SERIES_FILE = "drift.csv";

    /** The file name inside a result directory. */
    public static final String FILE_NAME = "summary.json";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter(
            Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"));

    private SummaryJson() {
    }

    /** The summary as a JSON tree (insertion-ordered). */
    public static ObjectNode toJson(SimulationResult r) {
        ObjectNode root = NODES.objectNode();
        GroupMetrics all = r.overall();
        root.put("scenario", r.scenario());
        root.put("policy", r.policy());
        root.put("seed", r.seed());
        root.put("devices", r.devices());
        number(root, "simulated_time_s", r.simulatedTimeS());
        number(root, "warmup_s", r.warmupS());
        root.put("tasks_generated", all.generated());
        root.put("tasks_completed", all.completed());
        root.put("tasks_failed", all.failed());
        number(root, "failure_rate", all.failureRate());
        root.set("failures_by_reason", reasons(all.failuresByReason()));
        root.set("service_time_s", timeStats(all.serviceTimeS()));
        mean(root, "network_delay_s", all.networkDelayMeanS());
        mean(root, "processing_time_s", all.processingTimeMeanS());
        mean(root, "queueing_time_s", all.queueingTimeMeanS());
        ObjectNode util = root.putObject("vm_utilization");
        number(util, "edge", r.vmUtilization().edge());
        number(util, "cloud", r.vmUtilization().cloud());
        number(util, "local", r.vmUtilization().local());
        ObjectNode energy = root.putObject("device_energy_j");
        number(energy, "total", r.deviceEnergyTotalJ());
        number(energy, "mean_per_device", r.deviceEnergyMeanPerDeviceJ());
        ObjectNode apps = root.putObject("per_application");
        for (Map.Entry<String, GroupMetrics> e : r.perApplication().entrySet()) {
            GroupMetrics g = e.getValue();
            ObjectNode app = apps.putObject(e.getKey());
            app.put("tasks_generated", g.generated());
            app.put("tasks_completed", g.completed());
            app.put("tasks_failed", g.failed());
            number(app, "failure_rate", g.failureRate());
            app.set("failures_by_reason", reasons(g.failuresByReason()));
            app.set("service_time_s", timeStats(g.serviceTimeS()));
            mean(app, "network_delay_s", g.networkDelayMeanS());
            mean(app, "processing_time_s", g.processingTimeMeanS());
            mean(app, "queueing_time_s", g.queueingTimeMeanS());
            number(app, "energy_j", g.energyJ());
            number(app, "mean_accuracy", g.meanAccuracy());
            number(app, "deadline_met_rate", g.deadlineMetRate());
        }
        ObjectNode tiers = root.putObject("per_tier");
        for (Map.Entry<String, TierMetrics> e : r.perTier().entrySet()) {
            ObjectNode tier = tiers.putObject(e.getKey());
            tier.put("tasks", e.getValue().tasks());
            tier.put("tasks_completed", e.getValue().completed());
            number(tier, "service_time_mean_s", e.getValue().serviceTimeMeanS());
        }
        ObjectNode little = root.putObject("little_law");
        number(little, "mean_tasks_in_system", r.littleLaw().meanTasksInSystem());
        number(little, "arrival_rate_per_s", r.littleLaw().arrivalRatePerS());
        number(little, "mean_time_in_system_s", r.littleLaw().meanTimeInSystemS());
        root.put("tasks_generated_total", r.tasksGeneratedTotal());
        root.put("events_processed", r.eventsProcessed());
        number(root, "wall_time_s", r.wallTimeS());
        number(root, "tasks_per_wall_second", r.tasksPerWallSecond());
        number(root, "mean_accuracy", all.meanAccuracy());
        number(root, "deadline_met_rate", all.deadlineMetRate());
        if (!r.freshness().isEmpty()) {
            ObjectNode fresh = root.putObject("freshness");
            r.freshness().forEach((name, f) -> freshness(fresh.putObject(name), f));
        }
        if (r.partitions() != null) {
            root.set("partitions", partitions(r.partitions()));
        }
        if (!r.cascade().isEmpty()) {
            ObjectNode cascade = root.putObject("cascade");
            r.cascade().forEach((name, c) -> cascade(cascade.putObject(name), c));
        }
        if (!r.quality().isEmpty()) {
            ObjectNode quality = root.putObject("quality");
            r.quality().forEach((name, q) -> quality(quality.putObject(name), q));
        }
        if (!r.drift().isEmpty()) {
            ObjectNode drift = root.putObject("drift");
            r.drift().forEach((name, d) -> drift(drift.putObject(name), d));
        }
        if (!r.qos().isEmpty()) {
            ObjectNode qos = root.putObject("qos");
            r.qos().forEach((name, q) -> qos(qos.putObject(name), q));
        }
        return root;
    }

    /** The summary as pretty-printed JSON text ending in a newline. */
    public static String toText(SimulationResult r) {
        try {
            return MAPPER.writer(PRETTY).writeValueAsString(toJson(r)) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise the summary", e);
        }
    }

    /** Writes the summary to {@code file} atomically. */
    public static void write(Path file, SimulationResult r) throws IOException {
        AtomicFiles.write(file, out -> out.write(toText(r)));
    }

    /** Reads a summary file back as a JSON tree. */
    public static JsonNode read(Path file) throws IOException {
        return MAPPER.readTree(file.toFile());
    }

    private static ObjectNode reasons(Map<String, Long> byReason) {
        ObjectNode out = NODES.objectNode();
        Map<String, Long> rest = new TreeMap<>(byReason);
        for (FailureReason reason : FailureReason.values()) {
            Long n = rest.remove(reason.key());
            if (n != null) {
                out.put(reason.key(), n);
            }
        }
        rest.forEach(out::put);
        return out;
    }

    private static void freshness(ObjectNode out, FreshnessMetrics f) {
        out.put("sources", f.sources());
        out.put("sources_updated", f.sourcesUpdated());
        out.put("deliveries", f.deliveries());
        out.put("obsolete_deliveries", f.obsoleteDeliveries());
        out.put("superseded", f.superseded());
        number(out, "aoi_mean_s", f.meanAgeS());
        number(out, "peak_aoi_mean_s", f.meanPeakAgeS());
        number(out, "worst_source_aoi_mean_s", f.worstSourceAgeS());
        ObjectNode per = out.putObject("per_source");
        ArrayNode devices = per.putArray("device");
        ArrayNode age = per.putArray("aoi_mean_s");
        ArrayNode peak = per.putArray("peak_aoi_mean_s");
        for (FreshnessMetrics.Source s : f.perSource()) {
            devices.add(s.device());
            element(age, s.meanAgeS());
            element(peak, s.meanPeakAgeS());
        }
    }

    private static void cascade(ObjectNode out, CascadeMetrics c) {
        out.put("edge_answers", c.edgeAnswers());
        out.put("escalated", c.escalated());
        out.put("answered", c.answered());
        out.put("answered_escalated", c.answeredEscalated());
        number(out, "escalated_share", c.escalatedShare());
        number(out, "accuracy", c.accuracy());
        number(out, "latency_mean_s", c.latencyMeanS());
        number(out, "escalated_latency_mean_s", c.escalatedLatencyMeanS());
    }

    private static void qos(ObjectNode out, QosMetrics q) {
        out.put("tasks", q.tasks());
        out.put("completed", q.completed());
        number(out, "latency_target_s", q.latencyTargetS());
        out.put("latency_met", q.latencyMet());
        number(out, "latency_met_rate", q.latencyMetRate());
        number(out, "bandwidth_target_mbps", q.bandwidthTargetMbps());
        out.put("transferred_tasks", q.transferredTasks());
        number(out, "mean_throughput_mbps", q.meanThroughputMbps());
        number(out, "bandwidth_met_rate", q.bandwidthMetRate());
        number(out, "carried_mbps", q.carriedMbps());
    }

    private static void quality(ObjectNode out, QualityMetrics q) {
        out.put("tasks", q.tasks());
        out.put("completed", q.completed());
        out.put("accuracy_met", q.accuracyMet());
        number(out, "accuracy_met_rate", q.accuracyMetRate());
        number(out, "accuracy_required", q.accuracyRequired());
        number(out, "mean_accuracy", q.meanAccuracy());
        number(out, "latency_mean_s", q.latencyMeanS());
        number(out, "energy_j_per_task", q.energyJPerTask());
        number(out, "upload_kb_per_task", q.uploadKbPerTask());
        number(out, "mean_level_px", q.meanLevelPx());
    }

    private static void drift(ObjectNode out, DriftMetrics d) {
        out.put("devices", d.devices());
        out.put("upload_policy", d.uploadPolicy());
        number(out, "accuracy_mean", d.accuracyMean());
        number(out, "accuracy_min", d.accuracyMin());
        number(out, "accuracy_final", d.accuracyFinal());
        number(out, "task_accuracy_mean", d.taskAccuracyMean());
        out.put("tasks_scored", d.tasksScored());
        out.put("samples_collected", d.samplesCollected());
        out.put("samples_uploaded", d.samplesUploaded());
        out.put("samples_dropped", d.samplesDropped());
        number(out, "useful_samples_learnt", d.usefulLearnt());
        number(out, "upload_kb", d.uploadKb());
        number(out, "upload_energy_j", d.uploadEnergyJ());
        number(out, "model_download_kb", d.modelKb());
        number(out, "download_energy_j", d.downloadEnergyJ());
        number(out, "energy_j", d.energyJ());
        ObjectNode jobs = out.putObject("retraining");
        jobs.put("jobs", d.retrainJobs());
        jobs.put("completed", d.retrainCompleted());
        ObjectNode failed = jobs.putObject("failed");
        d.retrainFailed().forEach(failed::put);
        jobs.put("unfinished", d.retrainUnfinished());
        number(jobs, "work_mi", d.retrainMi());
        number(jobs, "processing_s", d.retrainProcessingS());
        number(jobs, "waiting_s", d.retrainWaitS());
    }

    /**
     * The {@value #DRIFT_SERIES_FILE} text of a run: one row per continual-learning application and time-series
     * point ({@link DriftSeries}): {@code application,time_s,accuracy_mean,accuracy_min,knowledge_mean,upload_kb,
     * retraining_in_flight}; null when the run has no such application.
     */
    public static String driftSeriesCsv(SimulationResult r) {
        if (r.drift().isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder(
                "application,time_s,accuracy_mean,accuracy_min,knowledge_mean,upload_kb,retraining_in_flight\n");
        r.drift().forEach((name, d) -> {
            DriftSeries s = d.series();
            for (int i = 0; i < s.size(); i++) {
                out.append(name).append(',').append(plain(s.timeS()[i])).append(',')
                        .append(plain(s.meanAccuracy()[i])).append(',').append(plain(s.minAccuracy()[i])).append(',')
                        .append(plain(s.meanKnowledge()[i])).append(',').append(plain(s.uploadKb()[i])).append(',')
                        .append(s.retrainInFlight()[i]).append('\n');
            }
        });
        return out.toString();
    }

    private static String plain(double v) {
        return Double.isFinite(v) ? BigDecimal.valueOf(v).stripTrailingZeros().toPlainString() : "";
    }

    private static void element(ArrayNode array, double v) {
        if (Double.isFinite(v)) {
            array.add(BigDecimal.valueOf(v));
        } else {
            array.addNull();
        }
    }

    private static ObjectNode partitions(PartitionMetrics p) {
        ObjectNode out = NODES.objectNode();
        ObjectNode splits = out.putObject("dnn_split_points");
        p.dnnSplitPoints().forEach((k, n) -> splits.put(String.valueOf(k), n));
        ObjectNode shares = out.putObject("partial_local_shares");
        p.partialLocalShares().forEach((k, n) -> shares.put(String.valueOf(k), n));
        ObjectNode kb = out.putObject("network_kb");
        number(kb, "uploaded", p.uploadedKb());
        number(kb, "downloaded", p.downloadedKb());
        if (p.dag() != null) {
            dag(out.putObject("dag"), p.dag());
        }
        return out;
    }

    /** The workflow block (kind dag): makespan, component ends and places, KB moved between places. */
    private static void dag(ObjectNode out, DagMetrics d) {
        out.put("tasks", d.tasks());
        out.put("completed", d.completed());
        ObjectNode makespan = out.putObject("makespan_s");
        number(makespan, "mean", d.makespanMeanS());
        number(makespan, "max", d.makespanMaxS());
        ObjectNode ends = out.putObject("components");
        ends.put("done", d.componentsDone());
        ends.put("aborted", d.componentsAborted());
        ends.put("never_started", d.componentsNeverStarted());
        ObjectNode places = out.putObject("placements");
        places.put("device", d.onDevice());
        places.put("edge", d.onEdge());
        places.put("cloud", d.onCloud());
        number(out, "transferred_kb", d.transferredKb());
    }

    private static ObjectNode timeStats(TimeStats t) {
        ObjectNode out = NODES.objectNode();
        number(out, "mean", t.mean());
        number(out, "p50", t.p50());
        number(out, "p95", t.p95());
        number(out, "p99", t.p99());
        number(out, "max", t.max());
        return out;
    }

    private static void mean(ObjectNode parent, String key, double mean) {
        number(parent.putObject(key), "mean", mean);
    }

    private static void number(ObjectNode parent, String key, double v) {
        if (Double.isFinite(v)) {
            parent.put(key, BigDecimal.valueOf(v));
        } else {
            parent.putNull(key);
        }
    }
}
