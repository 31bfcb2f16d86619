package org.offload.aigc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * cloud.propagation_s       0
 * radio.fading              none
 * reward.shared_weight      0
 * task_types[].weight       1
 * eval_episodes             20 (episodes {@code offload run} evaluates)
 * sweep                     none; see {@link AigcSweep.Spec#read}
 * </pre>
 */
public final class AigcScenarioLoader {
    /** The value of the top-level {@code kind} key that marks an AIGC scenario. */
    public static final String KIND = "aigc";
    /** Classpath name of the bundled default AIGC scenario ({@code scenarios/aigc.yaml}). */
    public static final String DEFAULT_RESOURCE = ScenarioLoader.BUNDLED_DIR + "aigc.yaml";

    private static final YAMLMapper YAML = new YAMLMapper();

    private AigcSweep.Spec lastSweep;
    private int lastEvalEpisodes;

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

    /** Whether {@code file} is a YAML mapping with {@code kind: aigc} (false for anything unreadable). */
    public static boolean isAigcFile(Path file) {
        if (file == null || !Files.isRegularFile(file)) {
            return false;
        }
        try {
            JsonNode root = YAML.readTree(file.toFile());
            return root != null && root.isObject() && root.path("kind").isTextual()
                    && KIND.equalsIgnoreCase(root.path("kind").textValue().trim());
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    public AigcScenario load(Path file, List<String> overrides) {
        String label = file.toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ScenarioFileException(label, -1, "", "cannot read the file (" + e + ")");
        }
        return parse(text, label, overrides);
    }

    /** The bundled default scenario. */
    public AigcScenario loadDefault(List<String> overrides) {
        try (InputStream in = AigcScenarioLoader.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new ScenarioFileException(DEFAULT_RESOURCE, -1, "", "no such scenario on the classpath");
            }
            try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                return map(Section.parse("aigc.yaml (bundled)", r, overrides), "aigc");
            }
        } catch (IOException e) {
            throw new ScenarioFileException(DEFAULT_RESOURCE, -1, "", "cannot read the resource (" + e + ")");
        }
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
                "radio", "reward", "task_types", "eval_episodes", "sweep");
        lastSweep = null;
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
        lastEvalEpisodes = s.integer("eval_episodes", 20);
        if (lastEvalEpisodes < 1) {
            throw s.error("eval_episodes", "must be an integer >= 1, got " + lastEvalEpisodes);
        }
        if (s.has("sweep")) {
            lastSweep = AigcSweep.Spec.read(s.section("sweep"));
        }
        return s.build(() -> new AigcScenario(name, seed, slots, area[0], area[1], modelCount, devices, edge, cloud,
                radio, reward, types));
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
        e.allow("servers", "cpu_ghz", "placement", "positions", "cache", "load_rate_mbps", "download_power_w");
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
        return e.build(() -> new AigcScenario.Edge(servers, cpu, placement, positions, cache, load, power));
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
        r.allow("latency_weight", "energy_weight", "energy_ref_j", "deadline_penalty", "shared_weight");
        double wt = r.number("latency_weight");
        double we = r.number("energy_weight");
        double eref = r.number("energy_ref_j");
        double psi = r.number("deadline_penalty");
        double shared = r.number("shared_weight", 0);
        return r.build(() -> new AigcScenario.Reward(wt, we, eref, psi, shared));
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
