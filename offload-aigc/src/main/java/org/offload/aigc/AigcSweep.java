package org.offload.aigc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.offload.aigc.learn.MaddpgTrainer;
import org.offload.engine.RandomStreams;
import org.offload.experiment.MetricDef;
import org.offload.experiment.Range;
import org.offload.experiment.SweepSpecException;
import org.offload.experiment.engine.Group;
import org.offload.experiment.engine.Point;
import org.offload.experiment.engine.RunExecutor;
import org.offload.experiment.engine.RunKey;
import org.offload.experiment.engine.RunListener;
import org.offload.experiment.engine.RunOutput;
import org.offload.experiment.engine.Study;
import org.offload.experiment.engine.SweepEngine;
import org.offload.experiment.engine.Tables;
import org.offload.io.Section;
import org.offload.registry.Capability;
import org.offload.registry.Registry;

/**
 * The paper's two experiments as a {@link Study} of the one sweep engine: the number of models (task types) varied
 * at the scenario's device count, and the number of devices varied at the scenario's model count, comparing every
 * approach. A run is one approach at one point in one replication r: a learning agent is trained afresh (training
 * seed derived from the sweep seed and r) and every approach is evaluated on the same {@code evalEpisodes} episodes
 * (common random numbers, derived from the seed and r); the run's value of a metric is its mean over those episodes.
 * Estimates are 95% intervals over replications, built in each metric's range ({@link Range}), so they include the
 * variation between trainings.
 *
 * <p>Writes, like every sweep: {@code runs/<approach>/m<M>-d<N>/r<r>/} ({@code summary.json} and, for a learning
 * agent, its {@code checkpoint/} with the learning curve), {@value Tables#RUNS_FILE}, {@value Tables#AGGREGATE_FILE};
 * {@link AigcReport} adds the charts and {@code report.html}. {@code resume} keeps finished runs, so an interrupted
 * sweep continues where it stopped.
 */
public final class AigcSweep {
    public static final String RUNS_FILE = Tables.RUNS_FILE;
    public static final String AGGREGATE_FILE = Tables.AGGREGATE_FILE;
    /** A learning agent's checkpoint folder inside its run folder. */
    public static final String CHECKPOINT_DIR = "checkpoint";
    /** Every approach, in report order: the learning agents, the paper's two heuristics, then ours. */
    public static final List<String> ALL_POLICIES = List.copyOf(AigcPolicies.registry().entries().keySet());

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    /**
     * DJL's PyTorch engine allows one gradient collector per JVM ("A PtGradientCollector is already collecting"):
     * trainings in one JVM take turns; evaluations (the pure-Java forward pass) run in parallel.
     */
    private static final Object ONE_TRAINING_PER_JVM = new Object();

    private AigcSweep() {
    }

    /** The grid and effort of a sweep. */
    public record Spec(List<Integer> models, List<Integer> devices, List<String> policies, int replications,
                       int evalEpisodes, TrainConfig train, long seed) implements Serializable {
        public Spec {
            models = List.copyOf(models);
            devices = List.copyOf(devices);
            policies = List.copyOf(policies);
            for (String p : policies) {
                if (!ALL_POLICIES.contains(p)) {
                    throw new IllegalArgumentException(AigcPolicies.registry().unknownPolicy(p));
                }
            }
            if (replications < 1 || evalEpisodes < 1) {
                throw new IllegalArgumentException("replications and eval_episodes must be >= 1");
            }
        }

        /**
         * Defaults: models 3..6 and devices 5, 10, 15, 20 (the paper's ranges), every approach, 3 replications of
         * 10 evaluation episodes, and {@link AigcTraining#defaults()} for training.
         */
        public static Spec defaults() {
            return new Spec(List.of(3, 4, 5, 6), List.of(5, 10, 15, 20), ALL_POLICIES, 3, 10,
                    AigcTraining.defaults(), 1);
        }

        /** The optional {@code sweep:} block of an AIGC scenario over {@link #defaults()}. */
        public static Spec read(Section s) {
            s.allow("models", "devices", "policies", "replications", "eval_episodes", "train_episodes", "batch",
                    "seed");
            Spec d = defaults();
            List<Integer> models = s.has("models") ? ints(s, "models") : d.models();
            List<Integer> devices = s.has("devices") ? ints(s, "devices") : d.devices();
            List<String> policies = d.policies();
            if (s.has("policies")) {
                policies = new ArrayList<>();
                for (com.fasterxml.jackson.databind.JsonNode v : s.raw("policies")) {
                    if (!v.isTextual() || !ALL_POLICIES.contains(v.textValue())) {
                        throw s.error("policies", "expected a list of " + String.join(", ", ALL_POLICIES) + ", got "
                                + Section.describe(v));
                    }
                    policies.add(v.textValue());
                }
            }
            int reps = s.integer("replications", d.replications());
            int eval = s.integer("eval_episodes", d.evalEpisodes());
            long seed = s.longInteger("seed", d.seed());
            if (reps < 1) {
                throw s.error("replications", "must be an integer >= 1, got " + reps);
            }
            if (eval < 1) {
                throw s.error("eval_episodes", "must be an integer >= 1, got " + eval);
            }
            TrainConfig train = d.train();
            if (s.has("train_episodes")) {
                int e = s.integer("train_episodes");
                if (e < 1) {
                    throw s.error("train_episodes", "must be an integer >= 1, got " + e);
                }
                train = train.withEpisodes(e);
            }
            if (s.has("batch")) {
                int b = s.integer("batch");
                if (b < 1) {
                    throw s.error("batch", "must be an integer >= 1, got " + b);
                }
                train = train.withBatch(b, Math.max(train.bufferSize(), b));
            }
            return new Spec(models, devices, policies, reps, eval, train, seed);
        }

        private static List<Integer> ints(Section s, String k) {
            List<Integer> out = new ArrayList<>();
            com.fasterxml.jackson.databind.JsonNode v = s.raw(k);
            if (!v.isArray()) {
                throw s.error(k, "expected a list of integers, got " + Section.describe(v));
            }
            for (com.fasterxml.jackson.databind.JsonNode e : v) {
                if (!e.canConvertToInt() || !e.isIntegralNumber() || e.intValue() < 1) {
                    throw s.error(k, "expected a list of integers >= 1, got " + Section.describe(e));
                }
                out.add(e.intValue());
            }
            return out;
        }

        public Spec withTrain(TrainConfig t) {
            return new Spec(models, devices, policies, replications, evalEpisodes, t, seed);
        }
    }

    /** The metrics the sweep tabulates, in column order; {@link #TRAIN_SECONDS} (wall time) last. */
    public enum Metric implements MetricDef {
        LATENCY("latency_s", "Mean task latency (s)", Range.NON_NEGATIVE),
        ENERGY("energy_j", "Mean task energy (J)", Range.NON_NEGATIVE),
        COMPLETION("completion_rate", "Task completion rate (%)", Range.FRACTION),
        SWITCHES("model_switches_per_episode", "Model switches per episode", Range.NON_NEGATIVE),
        HIT_RATIO("cache_hit_ratio", "Cache hit ratio (%)", Range.FRACTION),
        REWARD("reward", "Mean reward per device and slot", Range.REAL),
        LOCAL_SHARE("local_share", "Tasks run locally (%)", Range.FRACTION),
        EDGE_SHARE("edge_share", "Tasks at the edge (%)", Range.FRACTION),
        RELAY_SHARE("relay_share", "Tasks relayed (%)", Range.FRACTION),
        CLOUD_SHARE("cloud_share", "Tasks in the cloud (%)", Range.FRACTION),
        TRAIN_SECONDS("train_seconds", "Training wall time (s)", Range.NON_NEGATIVE);

        private final String column;
        private final String label;
        private final Range range;

        Metric(String column, String label, Range range) {
            this.column = column;
            this.label = label;
            this.range = range;
        }

        @Override
        public String column() {
            return column;
        }

        @Override
        public String label() {
            return label;
        }

        @Override
        public Range range() {
            return range;
        }

        @Override
        public boolean integral() {
            return false;
        }

        /** The metric's value in an episode mean (NaN for {@link #TRAIN_SECONDS}, which is not an episode's). */
        public double of(EpisodeStats s) {
            return switch (this) {
                case LATENCY -> s.latencyS();
                case ENERGY -> s.energyJ();
                case COMPLETION -> s.completion();
                case SWITCHES -> s.switches();
                case HIT_RATIO -> s.hitRatio();
                case REWARD -> s.reward();
                case LOCAL_SHARE -> s.localShare();
                case EDGE_SHARE -> s.edgeShare();
                case RELAY_SHARE -> s.relayShare();
                case CLOUD_SHARE -> s.cloudShare();
                case TRAIN_SECONDS -> Double.NaN;
            };
        }
    }

    /** One run: an approach at a point ({@code models}, {@code devices}) in replication r; its seed trains it. */
    public record Run(String policy, int models, int devices, int replication, long seed) implements RunKey {
        @Override
        public Point point() {
            return Point.of("models", models, "devices", devices);
        }
    }

    /** The points of both experiments, without duplicates, in run order. */
    public static List<Point> points(AigcScenario base, Spec spec) {
        Set<Point> out = new LinkedHashSet<>();
        for (int m : spec.models()) {
            out.add(Point.of("models", m, "devices", base.devices().count()));
        }
        for (int d : spec.devices()) {
            out.add(Point.of("models", base.modelCount(), "devices", d));
        }
        return new ArrayList<>(out);
    }

    /** Seed of training in replication {@code r}. */
    public static long trainSeed(long seed, int r) {
        return RandomStreams.derive(seed, "aigc-sweep-train", r);
    }

    /** Seed of evaluation episode {@code k} of replication {@code r}. */
    public static long evalSeed(long seed, int r, int k) {
        return RandomStreams.derive(seed, "aigc-sweep-eval", r * 100_000L + k);
    }

    /** The AIGC sweep as a study of the sweep engine. */
    public static final class AigcStudy implements Study<Run> {
        private final AigcScenario base;
        private final Spec spec;

        public AigcStudy(AigcScenario base, Spec spec) {
            this.base = base;
            this.spec = spec;
        }

        /** Every approach at every point and replication, in report order (approach, point, replication). */
        @Override
        public List<Run> runs() {
            List<Run> out = new ArrayList<>();
            for (String p : spec.policies()) {
                for (Point pt : points(base, spec)) {
                    for (int r = 0; r < spec.replications(); r++) {
                        out.add(new Run(p, pt.get("models"), pt.get("devices"), r, trainSeed(spec.seed(), r)));
                    }
                }
            }
            return out;
        }

        @Override
        public List<String> policies() {
            return spec.policies();
        }

        @Override
        public List<Metric> metrics() {
            return Arrays.asList(Metric.values());
        }

        /** Learning agents first (they train), so the slowest runs start early; otherwise report order. */
        @Override
        public Comparator<Run> executionOrder() {
            Registry<AigcPolicyContext, AigcPolicy> reg = AigcPolicies.registry();
            return Comparator.comparing((Run r) -> !reg.spec(r.policy()).has(Capability.NEEDS_MODEL_FILE));
        }

        @Override
        public RunExecutor.Evaluator<Run> evaluator() {
            // locals, not fields: the lambda then carries the (serialisable) scenario and spec, not this study,
            // so that a cluster engine can ship it to its executors
            AigcScenario b = base;
            Spec sp = spec;
            return run -> evaluate(b, sp, run);
        }

        @Override
        public double[] resume(Run run, Path runDir) throws IOException {
            JsonNode s;
            try {
                s = JSON.readTree(runDir.resolve(summaryFile()).toFile());
            } catch (IOException e) {
                return null;
            }
            if (!run.policy().equals(s.path("policy").asText()) || run.models() != s.path("models").asInt()
                    || run.devices() != s.path("devices").asInt() || run.seed() != s.path("seed").asLong()
                    || spec.evalEpisodes() != s.path("eval_episodes").asInt()) {
                throw new SweepSpecException("cannot resume: " + run.relativeDir() + " was written by a different "
                        + "sweep (its summary.json is of " + s.path("policy").asText() + ", " + s.path("models").asInt()
                        + " models, " + s.path("devices").asInt() + " devices, seed " + s.path("seed").asLong()
                        + ", " + s.path("eval_episodes").asInt() + " evaluation episodes). Use another output "
                        + "directory, or --force to replace it");
            }
            double[] v = new double[Metric.values().length];
            for (Metric m : Metric.values()) {
                JsonNode x = s.path("metrics").path(m.column());
                v[m.ordinal()] = x.isNumber() ? x.doubleValue() : Double.NaN;
            }
            return v;
        }
    }

    /** A run's {@code summary.json}: what ran and the mean of each metric over its evaluation episodes. */
    record RunSummary(String kind, String scenario, String policy, int models, int devices, int replication,
                      long seed, int eval_episodes, Map<String, Double> metrics) {
    }

    /**
     * One run: trains the agent at the run's point if it is a learning one (its checkpoint and learning curve go to
     * {@value #CHECKPOINT_DIR}/), then evaluates the approach on the replication's episodes.
     */
    static RunOutput evaluate(AigcScenario base, Spec spec, Run run) throws IOException {
        AigcScenario s = base.withModelCount(run.models()).withDevices(run.devices());
        Registry<AigcPolicyContext, AigcPolicy> registry = AigcPolicies.registry();
        Map<String, byte[]> files = new LinkedHashMap<>();
        double trainSeconds = 0;
        AigcPolicy policy;
        if (registry.spec(run.policy()).has(Capability.NEEDS_MODEL_FILE)) {
            Path tmp = Files.createTempDirectory("offload-aigc-run");
            try {
                long t0 = System.nanoTime();
                AgentKind kind = AgentKind.byId(run.policy());
                MaddpgTrainer.Result res;
                synchronized (ONE_TRAINING_PER_JVM) {
                    res = new MaddpgTrainer(s, kind, spec.train(), run.seed()).train(null);
                }
                Path cp = tmp.resolve(CHECKPOINT_DIR);
                res.checkpoint().save(cp);
                AigcTraining.writeCurve(res.curve(), cp, kind.id() + " (" + run.models() + " models, "
                        + run.devices() + " devices)");
                trainSeconds = (System.nanoTime() - t0) / 1e9;
                policy = registry.create(run.policy(), new AigcPolicyContext(s, cp));
                RunOutput.readTree(tmp).forEach(files::put);
            } finally {
                try (Stream<Path> walk = Files.walk(tmp)) {
                    for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        } else {
            policy = registry.create(run.policy(), new AigcPolicyContext(s, null));
        }
        AigcEnv env = new AigcEnv(s);
        List<EpisodeStats> eps = new ArrayList<>();
        for (int k = 0; k < spec.evalEpisodes(); k++) {
            eps.add(EpisodeStats.run(env, policy, evalSeed(spec.seed(), run.replication(), k)));
        }
        EpisodeStats mean = EpisodeStats.mean(eps);
        double[] values = new double[Metric.values().length];
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (Metric m : Metric.values()) {
            values[m.ordinal()] = m == Metric.TRAIN_SECONDS ? trainSeconds : m.of(mean);
            metrics.put(m.column(), Double.isFinite(values[m.ordinal()]) ? values[m.ordinal()] : null);
        }
        RunSummary summary = new RunSummary("aigc-sweep-run", s.name(), run.policy(), run.models(), run.devices(),
                run.replication(), run.seed(), spec.evalEpisodes(), metrics);
        files.put("summary.json", (JSON.writeValueAsString(summary) + "\n").getBytes(StandardCharsets.UTF_8));
        return new RunOutput(files, values);
    }

    /** A finished AIGC sweep: every run's outcome and the estimates per approach and point. */
    public record Result(SweepEngine.Result<Run> engine, List<Group> groups) {
        public int failed() {
            return engine.failures().size();
        }
    }

    /**
     * Runs the sweep on {@code executor} into {@code out} and writes its tables. {@code resume} keeps the finished
     * runs of the same sweep, {@code force} replaces another sweep's; without either a folder with runs is refused.
     */
    public static Result run(AigcScenario base, Spec spec, Path out, RunExecutor executor, boolean resume,
                             boolean force, RunListener<? super Run> listener) throws IOException, InterruptedException {
        AigcStudy study = new AigcStudy(base, spec);
        SweepEngine.Result<Run> r = SweepEngine.run(study, out, executor, resume, force, listener);
        List<Group> groups = Tables.groups(study, r.outcomes());
        Tables.writeRuns(out.resolve(Tables.RUNS_FILE), study.metrics(), r.outcomes());
        Tables.writeAggregate(out.resolve(Tables.AGGREGATE_FILE), study.metrics(), groups);
        AigcTraining.writeCurveBands(out);
        return new Result(r, groups);
    }
}
