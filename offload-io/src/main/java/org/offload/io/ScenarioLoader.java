package org.offload.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.offload.scenario.ApplicationSpec;
import org.offload.scenario.CloudSpec;
import org.offload.scenario.DevicesSpec;
import org.offload.scenario.DnnLayerCounter;
import org.offload.scenario.EdgeSpec;
import org.offload.scenario.LinkSpec;
import org.offload.scenario.MobilitySpec;
import org.offload.scenario.ModelDemandResolver;
import org.offload.scenario.NetworkSpec;
import org.offload.scenario.QosSpec;
import org.offload.scenario.PlacementSpec;
import org.offload.scenario.PowerSpec;
import org.offload.scenario.Range;
import org.offload.scenario.Scenario;
import org.offload.scenario.CascadeSpec;
import org.offload.scenario.VmSpec;

/**
 * Reads a scenario YAML file into a validated {@link Scenario}. Parsing is strict: unknown keys, wrong types,
 * missing required keys and out-of-range values fail with a {@link ScenarioFileException} naming file, line and
 * full key. {@code key=value} overrides (the CLI's {@code --set}) are applied before mapping.
 *
 * <p>Defaults of optional keys (their constants live here and, for {@code applications[]}, in
 * {@link ApplicationReader}):
 * <pre>
 * name                        file name without extension
 * seed                        1
 * warmup_s                    0
 * drain_s                     120
 * policy                      least-utilised
 * policy_options              none
 * scheduling                  time_shared
 * admission                   on_decide
 * devices.cpu                 none (no local execution)
 * devices.mobility            {type: none}; random_waypoint.pause_s 0
 * devices.power               compute_w 2.0, transmit_w 1.3, receive_w 1.0 (each key separately)
 * placement.type              grid
 * applications[].distribution exponential
 * applications[].memory_mb    0
 * arrival.active_s, idle_s    0 (always active)
 * arrival.on_off              exponential
 * vm_utilization.local        0; required when devices.cpu is set
 * edge.placement              eua if devices.placement is, else grid over devices.placement's area
 * edge.hosts_per_site         1
 * edge.coverage_m             0 (unlimited)
 * *.utilization_limit_percent 100
 * cloud.hosts                 1
 * network.model               shared
 * *.propagation_s             0
 * network.bandwidth_period_s  10
 * network.mm1_window_s        10
 * qos                         none (no QoS classes, no slices); qos.slices[].links all of wlan, man, wan;
 *                             qos.classes[].bandwidth_mbps 0; qos.classes[].slice none (the unreserved rest;
 *                             see QosReader)
 * applications[].qos_class    none (in no class)
 * applications[].model        none; model.input 0 (the family's default input size)
 * applications[].model.quality none (no input-quality levels; see QualityLevels: levels, accuracy_required, accuracy)
 * applications[].status_update none (not a status-update application); status_update.superseded keep
 * applications[].cascade      none (no cascaded inference; see CascadeSpec: all four keys required when given)
 * applications[].drift        none (no continual learning; see DriftReader: rate_per_s 0, events none, task_change
 *                             none, meta_factor 1, value_k 0, base_mi 0, memory_mb 0, series_s duration_s / 100)
 * applications[].kind         task; partial.aggregation_s 0; dnn.mi_per_mflop 1; dag (see ApplicationKinds)
 * </pre>
 *
 * <p>An application may name an AI model instead of a fixed task length:
 * {@code model: {family: resnet, input: 224, variants: [{name: resnet18, accuracy: 0.6976}, ...]}}. Its tasks'
 * work and memory then come from the chosen variant's per-tier demand; {@code task_length_mi} and
 * {@code memory_mb} are not allowed beside it. A variant's demand is given in the file
 * ({@code length_mi} and {@code memory_mb}, each a number or {@code {local, edge, cloud}}) or, when left out,
 * predicted by the {@link ModelDemandResolver} (the profile predictor of {@code offload-profile}, found on the
 * class path, or the one passed to the constructor) from the scenario's device, edge and cloud VMs.
 */
public final class ScenarioLoader {
    /**
     * Optional top-level block that {@code offload sweep} reads (devices, policies, replications, ...); a
     * scenario ignores it.
     */
    public static final String SWEEP_KEY = "sweep";
    /** Classpath folder of the bundled scenarios (the project's {@code scenarios/} folder). */
    public static final String BUNDLED_DIR = "org/offload/io/scenarios/";
    /** The key of a scenario that extends another (see {@link #parse}). */
    public static final String EXTENDS_KEY = Inheritance.KEY;
    /** Classpath name of the default scenario. */
    public static final String DEFAULT_RESOURCE = BUNDLED_DIR + "default.yaml";

    private static final long DEFAULT_SEED = 1;
    private static final double DEFAULT_WARMUP_S = 0;
    private static final double DEFAULT_DRAIN_S = 120;
    private static final String DEFAULT_POLICY = "least-utilised";
    private static final Scenario.Scheduling DEFAULT_SCHEDULING = Scenario.Scheduling.TIME_SHARED;
    private static final double DEFAULT_COMPUTE_W = 2.0;
    private static final double DEFAULT_TRANSMIT_W = 1.3;
    private static final double DEFAULT_RECEIVE_W = 1.0;
    private static final PlacementSpec.Type DEFAULT_PLACEMENT = PlacementSpec.Type.GRID;
    private static final double DEFAULT_PAUSE_S = 0;
    private static final int DEFAULT_HOSTS_PER_SITE = 1;
    private static final double DEFAULT_COVERAGE_M = 0;
    private static final double DEFAULT_UTILIZATION_LIMIT = 100;
    private static final int DEFAULT_CLOUD_HOSTS = 1;
    private static final NetworkSpec.Model DEFAULT_NETWORK_MODEL = NetworkSpec.Model.SHARED;
    private static final double DEFAULT_PROPAGATION_S = 0;
    private static final double DEFAULT_BANDWIDTH_PERIOD_S = 10;
    private static final double DEFAULT_MM1_WINDOW_S = 10;

    private ModelDemandResolver resolver;
    private boolean discovered;
    private DnnLayerCounter counter;
    private boolean counterDiscovered;
    private final ApplicationReader applications = new ApplicationReader(this::counter, this::resolver);

    /** A loader that resolves model demands with the {@link ModelDemandResolver} found on the class path, if any. */
    public ScenarioLoader() {
    }

    /** A loader that resolves model demands with {@code resolver} (null: models must give their demands). */
    public ScenarioLoader(ModelDemandResolver resolver) {
        this.resolver = resolver;
        this.discovered = true;
    }

    /**
     * A loader with {@code resolver} for model demands and {@code counter} for the layers of {@code kind: dnn}
     * architectures (null: none, such applications must give inline layers).
     */
    public ScenarioLoader(ModelDemandResolver resolver, DnnLayerCounter counter) {
        this(resolver);
        this.counter = counter;
        this.counterDiscovered = true;
    }

    private DnnLayerCounter counter() {
        if (!counterDiscovered) {
            counter = DnnLayerCounter.discover();
            counterDiscovered = true;
        }
        return counter;
    }

    private ModelDemandResolver resolver() {
        if (!discovered) {
            resolver = ModelDemandResolver.discover();
            discovered = true;
        }
        return resolver;
    }

    public Scenario load(Path file) {
        return load(file, List.of());
    }

    /**
     * Loads {@code file} (UTF-8 YAML, which may {@code extends} another scenario: see {@link #parse}) with
     * {@code overrides} applied; errors name the file as given.
     */
    public Scenario load(Path file, List<String> overrides) {
        String label = file.toString();
        return map(document(label, TextFiles.readUtf8(file, label), file), baseName(label), overrides);
    }

    /**
     * Loads a scenario from the classpath: {@code classpathName} as given, or else relative to
     * {@link #BUNDLED_DIR} (so {@code "default.yaml"} works). Errors name it {@code NAME.yaml (bundled)}.
     */
    public Scenario loadResource(String classpathName, List<String> overrides) {
        String name = classpathName.startsWith("/") ? classpathName.substring(1) : classpathName;
        ClassLoader cl = ScenarioLoader.class.getClassLoader();
        InputStream in = cl.getResourceAsStream(name);
        if (in == null) {
            name = BUNDLED_DIR + name;
            in = cl.getResourceAsStream(name);
        }
        if (in == null) {
            throw new ScenarioFileException(classpathName, -1, "", "no such scenario on the classpath");
        }
        String base = baseName(name);
        String label = BundledScenarios.label(base);
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            YamlTree tree = Inheritance.resolve(YamlTree.parse(label, r), null, "bundled:" + base);
            return map(tree, base, overrides);
        } catch (IOException e) {
            throw new ScenarioFileException(label, -1, "", "cannot read the resource (" + e + ")");
        }
    }

    /** Loads the bundled default scenario. */
    public Scenario loadDefault(List<String> overrides) {
        return loadResource(DEFAULT_RESOURCE, overrides);
    }

    /**
     * Parses YAML text; {@code source} labels error messages and gives the default name. When the text
     * {@code extends} another scenario by path, the path is relative to {@code source}'s folder (see
     * {@link Inheritance} for how the two are merged).
     */
    public Scenario parse(String yaml, String source, List<String> overrides) {
        return map(document(source, yaml, asPath(source)), baseName(source), overrides);
    }

    /** {@code text} of {@code source} parsed, with its {@code extends} chain resolved. */
    static YamlTree document(String source, String text, Path file) {
        YamlTree doc = YamlTree.parse(source, new StringReader(text));
        return Inheritance.resolve(doc, file, file != null ? Inheritance.identity(file) : source);
    }

    /** {@code source} as a file path, or null if it cannot be one (a label such as {@code "x (bundled)"}). */
    static Path asPath(String source) {
        try {
            return Path.of(source);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private static String baseName(String source) {
        String name = source.substring(Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\')) + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /**
     * An error about {@code key} of the scenario {@code yaml} (from {@code source}) after {@code overrides}, located
     * as this loader locates its own: at the file line that gave the value (in a parent file if it was inherited),
     * or at {@code --set}; for checks that need more than the file, such as whether its policy is known.
     */
    public static ScenarioFileException errorAt(String source, String yaml, List<String> overrides, String key,
                                                String problem) {
        YamlTree tree = document(source, yaml, asPath(source));
        overrides.forEach(tree::override);
        return tree.error(key, problem);
    }

    /** Names of the bundled scenarios ({@code default}, ...), sorted: the YAML files in {@link #BUNDLED_DIR}. */
    public static List<String> bundledScenarios() {
        return BundledScenarios.names();
    }

    private Scenario map(YamlTree tree, String defaultName, List<String> overrides) {
        overrides.forEach(tree::override);
        Section s = new Section(tree, "", tree.root()).allow("name", "seed", "duration_s", "warmup_s", "drain_s",
                "policy", "policy_options", "scheduling", "admission", "devices", "applications", "edge", "cloud", "network",
                "qos", SWEEP_KEY);
        String name = s.text("name", defaultName);
        long seed = s.longInteger("seed", DEFAULT_SEED);
        double duration = s.number("duration_s");
        double warmup = s.number("warmup_s", DEFAULT_WARMUP_S);
        double drain = s.number("drain_s", DEFAULT_DRAIN_S);
        String policy = s.text("policy", DEFAULT_POLICY);
        Map<String, String> policyOptions = s.scalars("policy_options");
        Scenario.Scheduling scheduling = s.choice("scheduling", Scenario.Scheduling.class, DEFAULT_SCHEDULING);
        Scenario.Admission admission = s.choice("admission", Scenario.Admission.class, Scenario.Admission.ON_DECIDE);
        DevicesSpec devices = devices(s.section("devices"));
        List<ApplicationSpec> apps = new ArrayList<>();
        List<Section> appSections = s.sections("applications");
        for (Section a : appSections) {
            apps.add(applications.read(a, devices.canComputeLocally(), duration));
        }
        EdgeSpec edge = edge(s.section("edge"), devices.placement());
        CloudSpec cloud = cloud(s.section("cloud"));
        for (int i = 0; i < apps.size(); i++) {
            if (apps.get(i).model() != null) {
                apps.set(i, applications.resolveModel(appSections.get(i), apps.get(i), devices, edge, cloud));
            }
        }
        QosSpec qos = s.has("qos") ? QosReader.scenario(s.section("qos"), appSections) : QosSpec.NONE;
        NetworkSpec network = network(s.section("network"), qos);
        return s.build(() -> new Scenario(name, seed, duration, warmup, drain, devices, apps, edge, cloud, network,
                scheduling, policy, policyOptions, admission));
    }

    private DevicesSpec devices(Section d) {
        d.allow("count", "cpu", "placement", "mobility", "power");
        int count = d.integer("count");
        if (d.has("cpu") && !d.raw("cpu").isObject() && !isNone(d, "cpu")) {
            throw d.error("cpu", "expected {cores, mips, memory_mb} or none, got " + Section.describe(d.raw("cpu")));
        }
        VmSpec cpu = isNone(d, "cpu") ? null : vm(d.section("cpu"));
        PlacementSpec placement = placement(d.section("placement"));
        MobilitySpec mobility = isNone(d, "mobility") ? MobilitySpec.NONE : mobility(d.section("mobility"));
        PowerSpec power = d.has("power") ? power(d.section("power"))
                : new PowerSpec(DEFAULT_COMPUTE_W, DEFAULT_TRANSMIT_W, DEFAULT_RECEIVE_W);
        return d.build(() -> new DevicesSpec(count, cpu, placement, mobility, power));
    }

    /** Absent, null, or the word {@code none}. */
    private static boolean isNone(Section s, String k) {
        return !s.has(k) || (s.raw(k).isTextual() && s.raw(k).textValue().trim().equalsIgnoreCase("none"));
    }

    private VmSpec vm(Section v) {
        v.allow("cores", "mips", "memory_mb");
        int cores = v.integer("cores");
        double mips = v.number("mips");
        double memory = v.number("memory_mb");
        return v.build(() -> new VmSpec(cores, mips, memory));
    }

    private PlacementSpec placement(Section p) {
        p.allow("type", "area_m");
        PlacementSpec.Type type = p.choice("type", PlacementSpec.Type.class, DEFAULT_PLACEMENT);
        if (type == PlacementSpec.Type.EUA) {
            if (p.has("area_m")) {
                throw p.error("area_m", "does not apply to type eua: the data set fixes the area; remove it");
            }
            return PlacementSpec.eua();
        }
        double[] area = p.pair("area_m");
        return p.build(() -> new PlacementSpec(type, area[0], area[1]));
    }

    private MobilitySpec mobility(Section m) {
        MobilitySpec.Type type = m.choice("type", MobilitySpec.Type.class, null);
        if (type == MobilitySpec.Type.NONE) {
            m.allow("type");
            return MobilitySpec.NONE;
        }
        if (type == MobilitySpec.Type.NOMADIC) {
            m.allow("type", "dwell_s", "attractiveness");
            List<Double> dwell = m.numbers("dwell_s");
            List<Integer> levels = new ArrayList<>();
            List<Double> given = m.numbers("attractiveness");
            for (int i = 0; i < given.size(); i++) {
                double v = given.get(i);
                if (v != Math.rint(v)) {
                    throw m.error("attractiveness[" + i + "]", "expected a whole number (a dwell_s level), got " + v);
                }
                levels.add((int) v);
            }
            return m.build(() -> MobilitySpec.nomadic(dwell, levels));
        }
        m.allow("type", "speed_mps", "pause_s");
        Range speed = m.range("speed_mps");
        Range pause = m.range("pause_s", Range.of(DEFAULT_PAUSE_S));
        return m.build(() -> new MobilitySpec(type, speed, pause));
    }

    private PowerSpec power(Section p) {
        p.allow("compute_w", "transmit_w", "receive_w");
        double compute = p.number("compute_w", DEFAULT_COMPUTE_W);
        double transmit = p.number("transmit_w", DEFAULT_TRANSMIT_W);
        double receive = p.number("receive_w", DEFAULT_RECEIVE_W);
        return p.build(() -> new PowerSpec(compute, transmit, receive));
    }

    private EdgeSpec edge(Section e, PlacementSpec devicePlacement) {
        e.allow("sites", "placement", "hosts_per_site", "vms_per_host", "vm", "coverage_m",
                "utilization_limit_percent");
        int sites = e.integer("sites");
        PlacementSpec placement = e.has("placement") ? placement(e.section("placement"))
                : devicePlacement.type() == PlacementSpec.Type.EUA ? PlacementSpec.eua()
                : new PlacementSpec(DEFAULT_PLACEMENT, devicePlacement.widthM(), devicePlacement.heightM());
        int hostsPerSite = e.integer("hosts_per_site", DEFAULT_HOSTS_PER_SITE);
        int vmsPerHost = e.integer("vms_per_host");
        VmSpec vm = vm(e.section("vm"));
        double coverage = e.number("coverage_m", DEFAULT_COVERAGE_M);
        double limit = e.number("utilization_limit_percent", DEFAULT_UTILIZATION_LIMIT);
        return e.build(() -> new EdgeSpec(sites, placement, hostsPerSite, vmsPerHost, vm, coverage, limit));
    }

    private CloudSpec cloud(Section c) {
        c.allow("hosts", "vms_per_host", "vm", "utilization_limit_percent");
        int hosts = c.integer("hosts", DEFAULT_CLOUD_HOSTS);
        int vmsPerHost = c.integer("vms_per_host");
        VmSpec vm = vm(c.section("vm"));
        double limit = c.number("utilization_limit_percent", DEFAULT_UTILIZATION_LIMIT);
        return c.build(() -> new CloudSpec(hosts, vmsPerHost, vm, limit));
    }

    private NetworkSpec network(Section n, QosSpec qos) {
        n.allow("model", "wlan", "man", "wan", "bandwidth_period_s", "mm1_window_s");
        NetworkSpec.Model model = n.choice("model", NetworkSpec.Model.class, DEFAULT_NETWORK_MODEL);
        LinkSpec wlan = link(n.section("wlan"));
        LinkSpec man = link(n.section("man"));
        LinkSpec wan = link(n.section("wan"));
        double period = n.number("bandwidth_period_s", DEFAULT_BANDWIDTH_PERIOD_S);
        double window = n.number("mm1_window_s", DEFAULT_MM1_WINDOW_S);
        return n.build(() -> new NetworkSpec(model, wlan, man, wan, period, window, qos));
    }

    private LinkSpec link(Section l) {
        l.allow("bandwidth_mbps", "propagation_s");
        Range bandwidth = l.range("bandwidth_mbps");
        double propagation = l.number("propagation_s", DEFAULT_PROPAGATION_S);
        return l.build(() -> new LinkSpec(bandwidth, propagation));
    }
}
