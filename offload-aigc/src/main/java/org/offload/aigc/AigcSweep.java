package org.offload.aigc;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.offload.aigc.learn.MaddpgTrainer;
import org.offload.engine.RandomStreams;
import org.offload.experiment.Estimate;
import org.offload.io.AtomicFiles;
import org.offload.io.Section;

/**
 * The paper's two experiments: the number of models (task types) varied at the scenario's device count, and the
 * number of devices varied at the scenario's model count, comparing every approach. Each replication r trains
 * each learning agent afresh (training seed derived from the sweep seed and r) and evaluates every approach on
 * the same {@code evalEpisodes} episodes (common random numbers, derived from the seed and r); the replication's
 * value of a metric is its mean over those episodes. Estimates are Student-t 95% intervals over replications
 * ({@link Estimate}), so they include the variation between trainings.
 *
 * <p>Writes, under the output directory: {@code checkpoints/m<M>-d<N>/r<r>/<agent>/} (checkpoint and learning
 * curve; a sweep re-run reuses checkpoints that exist, so an interrupted sweep resumes), {@value #RUNS_FILE},
 * {@value #AGGREGATE_FILE}, and {@link AigcReport}'s charts and {@code report.html}.
 */
public final class AigcSweep {
    public static final String RUNS_FILE = "aigc-runs.csv";
    public static final String AGGREGATE_FILE = "aigc-aggregate.csv";
    /**
     * Every approach, in report order: the three learning agents of the paper and MATO's download-free ablation,
     * the paper's two heuristics, then ours (greedy-cost, without downloads, and with frequency-based prefetch).
     */
    public static final List<String> ALL_POLICIES = List.of("maddpg-mato", "maddpg-nomodel", "saddpg",
            "maddpg-mato-nodl", "random", "greedy", "greedy-cost", "greedy-cost-nodl", "greedy-prefetch");

    private AigcSweep() {
    }

    /** The grid and effort of a sweep. */
    public record Spec(List<Integer> models, List<Integer> devices, List<String> policies, int replications,
                       int evalEpisodes, TrainConfig train, long seed) {
        public Spec {
            models = List.copyOf(models);
            devices = List.copyOf(devices);
            policies = List.copyOf(policies);
            for (String p : policies) {
                if (!ALL_POLICIES.contains(p)) {
                    throw new IllegalArgumentException("unknown policy '" + p + "'; known: "
                            + String.join(", ", ALL_POLICIES));
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

    /** One configuration of the grid, in one or both experiments. */
    public record Point(int models, int devices) {
        String dir() {
            return "m" + models + "-d" + devices;
        }
    }

    /** One approach at one point in one replication: the mean of its evaluation episodes. */
    public record Row(int models, int devices, String policy, int replication, EpisodeStats stats,
                      double trainSeconds) {
    }

    /** The metrics the sweep tabulates: name, unit, accessor. */
    public enum Metric {
        LATENCY("latency_s", "Mean task latency (s)"),
        ENERGY("energy_j", "Mean task energy (J)"),
        COMPLETION("completion", "Task completion rate (%)"),
        SWITCHES("switches", "Model switches per episode"),
        HIT_RATIO("cache_hit_ratio", "Cache hit ratio (%)"),
        REWARD("reward", "Mean reward per device and slot");

        private final String column;
        private final String label;

        Metric(String column, String label) {
            this.column = column;
            this.label = label;
        }

        public String column() {
            return column;
        }

        public String label() {
            return label;
        }

        public double of(EpisodeStats s) {
            return switch (this) {
                case LATENCY -> s.latencyS();
                case ENERGY -> s.energyJ();
                case COMPLETION -> s.completion();
                case SWITCHES -> s.switches();
                case HIT_RATIO -> s.hitRatio();
                case REWARD -> s.reward();
            };
        }
    }

    /** The points of both experiments, without duplicates, in run order. */
    public static List<Point> points(AigcScenario base, Spec spec) {
        Set<Point> out = new LinkedHashSet<>();
        for (int m : spec.models()) {
            out.add(new Point(m, base.devices().count()));
        }
        for (int d : spec.devices()) {
            out.add(new Point(base.modelCount(), d));
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

    /** Runs the sweep, writes its files and returns every row. */
    public static List<Row> run(AigcScenario base, Spec spec, Path out, Consumer<String> log) throws IOException {
        Files.createDirectories(out);
        List<Row> rows = new ArrayList<>();
        for (Point p : points(base, spec)) {
            AigcScenario s = base.withModelCount(p.models()).withDevices(p.devices());
            for (int r = 0; r < spec.replications(); r++) {
                Map<String, AigcPolicy> policies = new LinkedHashMap<>();
                Map<String, Double> trainSeconds = new LinkedHashMap<>();
                for (String name : spec.policies()) {
                    AigcPolicy heuristic = AigcRunner.heuristic(name, s);
                    if (heuristic != null) {
                        policies.put(name, heuristic);
                    } else {
                        AgentKind kind = AgentKind.byId(name);
                        Path dir = out.resolve("checkpoints").resolve(p.dir()).resolve("r" + r).resolve(name);
                        long t0 = System.nanoTime();
                        Checkpoint cp;
                        if (Files.isRegularFile(dir.resolve(Checkpoint.INFO_FILE))) {
                            cp = Checkpoint.load(dir);
                            log.accept(String.format(Locale.ROOT, "%s r%d %s: reusing %s", p.dir(), r, name, dir));
                        } else {
                            MaddpgTrainer.Result res = new MaddpgTrainer(s, kind, spec.train(),
                                    trainSeed(spec.seed(), r)).train(null);
                            cp = res.checkpoint();
                            cp.save(dir);
                            AigcTraining.writeCurve(res.curve(), dir, kind.id() + " (" + p.models() + " models, "
                                    + p.devices() + " devices)");
                            log.accept(String.format(Locale.ROOT, "%s r%d %s: trained in %.1f s", p.dir(), r,
                                    name, (System.nanoTime() - t0) / 1e9));
                        }
                        cp.requireCompatible(s);
                        trainSeconds.put(name, (System.nanoTime() - t0) / 1e9);
                        policies.put(name, cp.policy());
                    }
                }
                AigcEnv env = new AigcEnv(s);
                for (Map.Entry<String, AigcPolicy> e : policies.entrySet()) {
                    List<EpisodeStats> eps = new ArrayList<>();
                    for (int k = 0; k < spec.evalEpisodes(); k++) {
                        eps.add(EpisodeStats.run(env, e.getValue(), evalSeed(spec.seed(), r, k)));
                    }
                    rows.add(new Row(p.models(), p.devices(), e.getKey(), r, EpisodeStats.mean(eps),
                            trainSeconds.getOrDefault(e.getKey(), 0.0)));
                }
            }
            writeRuns(out.resolve(RUNS_FILE), rows);
        }
        writeRuns(out.resolve(RUNS_FILE), rows);
        writeAggregate(out.resolve(AGGREGATE_FILE), aggregate(rows, spec.policies()));
        AigcTraining.writeCurveBands(out);
        return rows;
    }

    /** The estimate of {@code metric} for one policy at one point, over replications. */
    public record Cell(int models, int devices, String policy, Metric metric, Estimate estimate) {
    }

    /** Per point, policy and metric: an {@link Estimate} over replications (completion and hit ratio in %). */
    public static List<Cell> aggregate(List<Row> rows, List<String> policies) {
        Set<Point> points = new LinkedHashSet<>();
        for (Row r : rows) {
            points.add(new Point(r.models(), r.devices()));
        }
        List<Cell> out = new ArrayList<>();
        for (Point p : points) {
            for (String policy : policies) {
                for (Metric m : Metric.values()) {
                    double scale = m == Metric.COMPLETION || m == Metric.HIT_RATIO ? 100 : 1;
                    double[] v = rows.stream().filter(r -> r.models() == p.models() && r.devices() == p.devices()
                            && r.policy().equals(policy)).mapToDouble(r -> m.of(r.stats()) * scale).toArray();
                    out.add(new Cell(p.models(), p.devices(), policy, m, Estimate.of(v)));
                }
            }
        }
        return out;
    }

    static void writeRuns(Path file, List<Row> rows) throws IOException {
        AtomicFiles.write(file, w -> {
            w.write("models,devices,policy,replication,latency_s,energy_j,completion,switches,cache_hit_ratio,"
                    + "reward,local_share,edge_share,relay_share,cloud_share,train_seconds\n");
            for (Row r : rows) {
                EpisodeStats s = r.stats();
                line(w, r.models(), r.devices(), r.policy(), r.replication(), s.latencyS(), s.energyJ(),
                        s.completion(), s.switches(), s.hitRatio(), s.reward(), s.localShare(), s.edgeShare(),
                        s.relayShare(), s.cloudShare(), r.trainSeconds());
            }
        });
    }

    static void writeAggregate(Path file, List<Cell> cells) throws IOException {
        AtomicFiles.write(file, w -> {
            w.write("models,devices,policy,metric,n,mean,ci95_low,ci95_high\n");
            for (Cell c : cells) {
                Estimate e = c.estimate();
                line(w, c.models(), c.devices(), c.policy(), c.metric().column(), e.n(), e.mean(), e.ci95Low(),
                        e.ci95High());
            }
        });
    }

    private static void line(Writer w, Object... values) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            Object v = values[i];
            if (v instanceof Double d) {
                b.append(Double.isFinite(d) ? String.format(Locale.ROOT, "%.6g", d) : "");
            } else {
                b.append(v);
            }
        }
        w.write(b.append('\n').toString());
    }
}
