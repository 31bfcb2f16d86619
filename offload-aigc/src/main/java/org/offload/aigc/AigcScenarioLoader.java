package org.offload.aigc;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.offload.io.ScenarioFileException;
import org.offload.io.ScenarioLoader;
import org.offload.io.Section;
import org.offload.scenario.Range;

/**
 * Reads an AIGC scenario ({@code kind: aigc}) into a validated {@link AigcScenario}, with the same strictness as
 * {@link ScenarioLoader} (it uses the same {@link Section} reader): unknown keys, wrong types, missing required
 * keys and out-of-range values fail with a {@link ScenarioFileException} reading {@code file:line: key: problem}.
 * {@code key=value} overrides ({@code --set}) are applied first.
 *
 * <p>Defaults of optional keys:
 * <pre>
 * name                      file name without extension
 * seed                      1
 * slots_per_episode         50
 * model_count               number of task_types
 * edge.placement            grid
 * edge.cache.capacity_mb    0 (no storage limit)
 * edge.cache.replacement    lru
 * edge.cache.initial        round_robin
 * edge.load_rate_mbps       0 (loading into accelerator memory not modelled)
 * edge.compute_kappa        0 (edge computation energy not counted)
 * cloud.propagation_s       0
 * radio.fading              none
 * reward.shared_weight      0
 * reward.sharing            mixed
 * task_types[].weight       1
 * popularity                uniform (distribution: uniform; zipf_exponent 1 and drift_every_slots 0 for zipf)
 * queueing                  shared (discipline: shared; fifo needs slot_s)
 * eval_episodes             20 (episodes {@code offload run} evaluates)
 * sweep                     none; see {@link AigcSweep.Spec#read}
 * training                  none: {@link TrainConfig}'s defaults; see {@link TrainConfig#with}
 * </pre>
 */
public final class AigcScenarioLoader {
    /** The value of the top-level {@code kind} key that marks an AIGC scenario. */
    public static final String KIND = "aigc";
    /** Classpath name of the bundled default AIGC scenario ({@code scenarios/aigc.yaml}). */
    public static final String DEFAULT_RESOURCE = ScenarioLoader.BUNDLED_DIR + "aigc.yaml";

    private AigcSweep.Spec lastSweep;
    private int lastEvalEpisodes;
    private Map<String, String> lastTraining = Map.of();

    /**
     * The {@code sweep:} block of the last scenario this loader read ({@code offload aigc sweep} reads it), or
     * null when it had none.
     */
    public AigcSweep.Spec lastSweep() {
        return lastSweep;
    }

    /** The {@code eval_episodes} of the last scenario read (default 20): episodes {@code offload run} evaluates. */
    public int lastEvalEpisodes() {
        return lastEvalEpisodes;
    }

    /**
     * The {@code training:} block of the last scenario read: training keys and values ({@link TrainConfig#with}),
     * checked when read; empty when it had none.
     */
    public Map<String, String> lastTraining() {
        return lastTraining;
    }

    /** Whether {@code file} is a YAML mapping with {@code kind: aigc} (false for anything unreadable). */
    public static boolean isAigcFile(Path file) {
        String kind = Section.peekText(file, "kind");
        return kind != null && KIND.equalsIgnoreCase(kind.trim());
    }

    public AigcScenario load(Path file, List<String> overrides) {
        return map(Section.load(file, overrides), baseName(file.toString()));
    }

    /** The bundled default scenario. */
    public AigcScenario loadDefault(List<String> overrides) {
        return map(Section.loadResource(DEFAULT_RESOURCE, "aigc.yaml (bundled)", overrides), "aigc");
    }

    /** The text of the bundled default scenario. */
    public static String defaultText() {
        try (InputStream in = AigcScenarioLoader.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("bundled scenario " + DEFAULT_RESOURCE + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DEFAULT_RESOURCE, e);
        }
    }

    /** Parses YAML text; {@code source} labels error messages and gives the default name. */
    public AigcScenario parse(String yaml, String source, List<String> overrides) {
        return map(Section.parse(source, new StringReader(yaml), overrides), baseName(source));
    }

    private static String baseName(String source) {
        String name = source.substring(Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\')) + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private AigcScenario map(Section s, String defaultName) {
        s.allow("kind", "name", "seed", "slots_per_episode", "area_m", "model_count", "devices", "edge", "cloud",
                "radio", "reward", "task_types", "popularity", "queueing", "eval_episodes", "sweep", "training");
        lastSweep = null;
        lastTraining = Map.of();
        String kind = s.text("kind");
        if (!KIND.equalsIgnoreCase(kind.trim())) {
            throw s.error("kind", "expected '" + KIND + "', got '" + kind + "'");
        }
        String name = s.text("name", defaultName);
        long seed = s.longInteger("seed", 1);
        int slots = s.integer("slots_per_episode", 50);
        double[] area = s.pair("area_m");
        AigcScenario.Devices devices = devices(s.section("devices"));
        AigcScenario.Edge edge = edge(s.section("edge"));
        AigcScenario.Cloud cloud = cloud(s.section("cloud"));
        AigcScenario.Radio radio = radio(s.section("radio"));
        AigcScenario.Reward reward = reward(s.section("reward"));
        List<AigcScenario.TaskType> types = new ArrayList<>();
        for (Section t : s.sections("task_types")) {
            types.add(taskType(t));
        }
        int modelCount = s.integer("model_count", types.size());
        AigcScenario.Popularity popularity = s.has("popularity") ? popularity(s.section("popularity"))
                : AigcScenario.Popularity.UNIFORM;
        AigcScenario.Queueing queueing = s.has("queueing") ? queueing(s.section("queueing"))
                : AigcScenario.Queueing.SHARED;
        lastEvalEpisodes = s.integer("eval_episodes", 20);
        if (lastEvalEpisodes < 1) {
            throw s.error("eval_episodes", "must be an integer >= 1, got " + lastEvalEpisodes);
        }
        if (s.has("training")) {
            lastTraining = training(s);
        }
        if (s.has("sweep")) {
            lastSweep = sweep(s.section("sweep"), lastTraining);
        }
        return s.build(() -> new AigcScenario(name, seed, slots, area[0], area[1], modelCount, devices, edge, cloud,
                radio, reward, types, popularity, queueing));
    }

    private static AigcScenario.Popularity popularity(Section p) {
        p.allow("distribution", "zipf_exponent", "drift_every_slots");
        AigcScenario.Distribution d = p.choice("distribution", AigcScenario.Distribution.class, null);
        if (d == AigcScenario.Distribution.UNIFORM) {
            for (String k : List.of("zipf_exponent", "drift_every_slots")) {
                if (p.has(k)) {
                    throw p.error(k, "only allowed with distribution: zipf");
                }
            }
        }
        double exponent = p.number("zipf_exponent", 1);
        int drift = p.integer("drift_every_slots", 0);
        return p.build(() -> new AigcScenario.Popularity(d, exponent, drift));
    }

    private static AigcScenario.Queueing queueing(Section q) {
        q.allow("discipline", "slot_s");
        AigcScenario.Discipline d = q.choice("discipline", AigcScenario.Discipline.class, null);
        if (d == AigcScenario.Discipline.SHARED && q.has("slot_s")) {
            throw q.error("slot_s", "only allowed with discipline: fifo (shared slots carry nothing over)");
        }
        double slot = d == AigcScenario.Discipline.FIFO ? q.number("slot_s") : 0;
        return q.build(() -> new AigcScenario.Queueing(d, slot));
    }

    /** The {@code sweep:} block; its trainings start from the scenario's {@code training:} block. */
    private static AigcSweep.Spec sweep(Section sw, Map<String, String> training) {
        AigcSweep.Spec spec = AigcSweep.Spec.read(sw);
        TrainConfig t = AigcTraining.defaults().with(training);
        if (sw.has("train_episodes")) {
            t = t.withEpisodes(spec.train().episodes());
        }
        if (sw.has("batch")) {
            t = t.withBatch(spec.train().batchSize(), spec.train().bufferSize());
        }
        return spec.withTrain(t);
    }

    /** Checks every key and value of the {@code training:} block now, so that errors point at the file. */
    private static Map<String, String> training(Section parent) {
        Section t = parent.section("training");
        Map<String, String> values = parent.scalars("training");
        t.build(() -> AigcTraining.defaults().with(values));
        return new LinkedHashMap<>(values);
    }

    private AigcScenario.Devices devices(Section d) {
        d.allow("count", "cpu_ghz", "kappa", "transmit_w");
        int count = d.integer("count");
        Range cpu = d.range("cpu_ghz");
        double kappa = d.number("kappa");
        double p = d.number("transmit_w");
        return d.build(() -> new AigcScenario.Devices(count, cpu, kappa, p));
    }

    private AigcScenario.Edge edge(Section e) {
        e.allow("servers", "cpu_ghz", "placement", "positions", "cache", "load_rate_mbps", "download_power_w",
                "compute_kappa");
        int servers = e.integer("servers");
        double cpu = e.number("cpu_ghz");
        AigcScenario.Placement placement = e.choice("placement", AigcScenario.Placement.class,
                AigcScenario.Placement.GRID);
        List<double[]> positions = new ArrayList<>();
        if (placement == AigcScenario.Placement.LIST) {
            for (Section p : e.sections("positions")) {
                p.allow("x", "y");
                positions.add(new double[] {p.number("x"), p.number("y")});
            }
        } else if (e.has("positions")) {
            throw e.error("positions", "only allowed with placement: list");
        }
        Section c = e.section("cache").allow("capacity_models", "capacity_mb", "replacement", "initial");
        int capModels = c.integer("capacity_models");
        double capMb = c.number("capacity_mb", 0);
        AigcScenario.Replacement repl = c.choice("replacement", AigcScenario.Replacement.class,
                AigcScenario.Replacement.LRU);
        AigcScenario.InitialCache initial = c.choice("initial", AigcScenario.InitialCache.class,
                AigcScenario.InitialCache.ROUND_ROBIN);
        AigcScenario.Cache cache = c.build(() -> new AigcScenario.Cache(capModels, capMb, repl, initial));
        double load = e.number("load_rate_mbps", 0);
        double power = e.number("download_power_w");
        double kappa = e.number("compute_kappa", 0);
        return e.build(() -> new AigcScenario.Edge(servers, cpu, placement, positions, cache, load, power, kappa));
    }

    private AigcScenario.Cloud cloud(Section c) {
        c.allow("cpu_ghz", "edge_to_cloud_mbps", "cloud_to_edge_mbps", "propagation_s");
        double cpu = c.number("cpu_ghz");
        double up = c.number("edge_to_cloud_mbps");
        double down = c.number("cloud_to_edge_mbps");
        double prop = c.number("propagation_s", 0);
        return c.build(() -> new AigcScenario.Cloud(cpu, up, down, prop));
    }

    private AigcScenario.Radio radio(Section r) {
        r.allow("bandwidth_mhz", "noise_dbm_per_hz", "path_loss_db_at_1m", "path_loss_exponent", "fading");
        double b = r.number("bandwidth_mhz");
        double n0 = r.number("noise_dbm_per_hz");
        double g0 = r.number("path_loss_db_at_1m");
        double alpha = r.number("path_loss_exponent");
        AigcScenario.Fading fading = r.choice("fading", AigcScenario.Fading.class, AigcScenario.Fading.NONE);
        return r.build(() -> new AigcScenario.Radio(b, n0, g0, alpha, fading));
    }

    private AigcScenario.Reward reward(Section r) {
        r.allow("latency_weight", "energy_weight", "energy_ref_j", "deadline_penalty", "shared_weight", "sharing");
        double wt = r.number("latency_weight");
        double we = r.number("energy_weight");
        double eref = r.number("energy_ref_j");
        double psi = r.number("deadline_penalty");
        AigcScenario.Sharing sharing = r.choice("sharing", AigcScenario.Sharing.class, AigcScenario.Sharing.MIXED);
        if (sharing != AigcScenario.Sharing.MIXED && r.has("shared_weight")) {
            throw r.error("shared_weight", "only allowed with sharing: mixed");
        }
        double shared = r.number("shared_weight", 0);
        return r.build(() -> new AigcScenario.Reward(wt, we, eref, psi, shared, sharing));
    }

    private AigcScenario.TaskType taskType(Section t) {
        t.allow("name", "model", "data_mb", "cycles_per_bit", "deadline_s", "weight");
        String name = t.text("name");
        Section m = t.section("model").allow("name", "size_mb");
        String modelName = m.text("name");
        double size = m.number("size_mb");
        AigcScenario.Model model = m.build(() -> new AigcScenario.Model(modelName, size));
        Range data = t.range("data_mb");
        double cpb = t.number("cycles_per_bit");
        Range deadline = t.range("deadline_s");
        double weight = t.number("weight", 1);
        return t.build(() -> new AigcScenario.TaskType(name, model, data, cpb, deadline, weight));
    }
}
