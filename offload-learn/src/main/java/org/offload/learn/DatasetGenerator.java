package org.offload.learn;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.offload.engine.RandomStreams;
import org.offload.policy.OffloadPolicy;
import org.offload.policy.PolicyContext;
import org.offload.policy.PolicyRegistry;
import org.offload.policy.SystemView;
import org.offload.policy.builtin.BuiltInPolicies;
import org.offload.policy.learned.ExpertLabeler;
import org.offload.policy.learned.TierFeatures;
import org.offload.scenario.ApplicationSpec;
import org.offload.scenario.ArrivalSpec;
import org.offload.scenario.LinkSpec;
import org.offload.scenario.NetworkSpec;
import org.offload.scenario.Range;
import org.offload.scenario.Scenario;
import org.offload.sim.OffloadSimulation;

/**
 * Training data for the dl-tier networks, as the paper describes (Section IV-A): simulations that vary the number
 * of devices, the task arrival rate and the WAN bandwidth, run with a behaviour policy; at sampled decisions the
 * generator records the {@link TierFeatures tier features} and two labels, plus VM-level rows for the VM network.
 *
 * <p><b>Episodes.</b> Episode e (of {@link Options#episodes}) draws from its own seeded stream: a device count
 * log-uniform in {@code [devicesMin, devicesMax]}; an arrival scale s uniform in {@code [arrivalScaleMin,
 * arrivalScaleMax]} that multiplies every application's mean inter-arrival time (s &lt; 1 = more tasks); a WAN
 * bandwidth range {@code [lo, hi]} with lo uniform in {@code [wanMinMbps, wanMaxMbps]} and hi uniform in
 * {@code [lo, wanMaxMbps]}. CPU utilisation is not an input of the simulator; it varies through the load
 * (devices x arrival rate) and the behaviour policy. The behaviour policy cycles over {@link Options#behaviours}
 * by episode (default greedy, least-utilised, random), so the states include balanced, edge-heavy and overloaded
 * ones. Each episode simulates {@code durationS} seconds and samples decisions after {@code warmupS} with a
 * probability chosen to spread its quota of samples over the run.
 *
 * <p><b>Labels</b> ({@code tier.csv}): {@code expert} = {@link ExpertLabeler} (the paper's rules; uncovered
 * tasks get the documented fallback; {@code expert_covered} says which), {@code oracle} = the tier class whose best
 * VM has the lowest estimated service time ({@link SystemView#estimateServiceTimeS} for every VM of the class, or
 * the device) among VMs that admit the task and whose estimate meets the time left to the deadline
 * ({@code oracle_level} 0). If no VM qualifies, the deadline is dropped (level 1), then admission (level 2). The
 * oracle is an estimate from the current state, not a counterfactual replay of the simulation: it ignores tasks
 * that arrive later and the transfer contention the task itself adds.
 *
 * <p><b>VM rows</b> ({@code vm.csv}): at a share {@link Options#vmFraction} of the samples, one existing server tier
 * is drawn and every VM of it gets a row of {@link TierFeatures#VM_NAMES} features, whether it admits the task,
 * the estimate {@code est_s}, {@code feasible} (admits and meets the deadline) and the target
 * {@code target = admits ? exp(-est_s / time_left_s) : 0} (1 = instant, falls with the share of the time left the
 * task would need).
 *
 * <p>Also written: {@code episodes.csv} (each episode's parameters and counts) and {@code dataset.txt} (the
 * options). The same options and seed give the same files.
 */
public final class DatasetGenerator {
    /** Generation parameters; {@link #defaults()} are the ones the shipped models were trained on. */
    public record Options(int samples, long seed, int episodes, int devicesMin, int devicesMax, double arrivalScaleMin,
                          double arrivalScaleMax, double wanMinMbps, double wanMaxMbps, double durationS,
                          double warmupS, double vmFraction, List<String> behaviours) {
        public Options {
            if (samples < 1 || episodes < 1) {
                throw new IllegalArgumentException("samples and episodes must be >= 1");
            }
            if (devicesMin < 1 || devicesMax < devicesMin) {
                throw new IllegalArgumentException("devices range [" + devicesMin + ", " + devicesMax + "]");
            }
            if (!(arrivalScaleMin > 0) || arrivalScaleMax < arrivalScaleMin) {
                throw new IllegalArgumentException("arrival scale range");
            }
            if (!(wanMinMbps > 0) || wanMaxMbps < wanMinMbps) {
                throw new IllegalArgumentException("WAN bandwidth range");
            }
            if (!(warmupS >= 0) || durationS <= warmupS || !Double.isFinite(durationS)) {
                throw new IllegalArgumentException("need 0 <= warmup < duration, both finite");
            }
            if (!(vmFraction >= 0 && vmFraction <= 1)) {
                throw new IllegalArgumentException("vmFraction must be in [0, 1]");
            }
            behaviours = List.copyOf(behaviours);
            if (behaviours.isEmpty()) {
                throw new IllegalArgumentException("need a behaviour policy");
            }
        }

        public static Options defaults() {
            return new Options(10_000, 1, 20, 100, 2000, 0.5, 2.0, 5, 150, 300, 60, 0.5,
                    List.of("greedy", "least-utilised", "random"));
        }

        public Options withSamples(int n) {
            return new Options(n, seed, episodes, devicesMin, devicesMax, arrivalScaleMin, arrivalScaleMax,
                    wanMinMbps, wanMaxMbps, durationS, warmupS, vmFraction, behaviours);
        }

        public Options withSeed(long s) {
            return new Options(samples, s, episodes, devicesMin, devicesMax, arrivalScaleMin, arrivalScaleMax,
                    wanMinMbps, wanMaxMbps, durationS, warmupS, vmFraction, behaviours);
        }

        public Options withEpisodes(int e) {
            return new Options(samples, seed, e, devicesMin, devicesMax, arrivalScaleMin, arrivalScaleMax,
                    wanMinMbps, wanMaxMbps, durationS, warmupS, vmFraction, behaviours);
        }

        public Options withDevices(int min, int max) {
            return new Options(samples, seed, episodes, min, max, arrivalScaleMin, arrivalScaleMax,
                    wanMinMbps, wanMaxMbps, durationS, warmupS, vmFraction, behaviours);
        }

        public Options withDuration(double duration, double warmup) {
            return new Options(samples, seed, episodes, devicesMin, devicesMax, arrivalScaleMin, arrivalScaleMax,
                    wanMinMbps, wanMaxMbps, duration, warmup, vmFraction, behaviours);
        }
    }

    /** What was written. */
    public record Summary(int tierRows, int vmRows, int episodes, long tasksSimulated, double seconds,
                          double expertCoveredShare, int[] expertCounts, int[] oracleCounts) {
    }

    public static final String TIER_FILE = "tier.csv";
    public static final String VM_FILE = "vm.csv";
    public static final String EPISODES_FILE = "episodes.csv";
    public static final String INFO_FILE = "dataset.txt";
    /** The training data of the outcome network ({@link #generateOutcome}). */
    public static final String OUTCOME_FILE = "outcome.csv";
    /** The behaviour policy of outcome datasets (with its tier ranking replaced by a random one). */
    static final String OUTCOME_BEHAVIOUR = "dl-tier";

    private DatasetGenerator() {
    }

    /** The tier.csv column names (features, then labels and estimates). */
    public static List<String> tierHeader() {
        List<String> h = new ArrayList<>(List.of("sample", "episode", "time_s"));
        h.addAll(TierFeatures.NAMES);
        h.addAll(List.of("expert", "expert_covered", "oracle", "oracle_level", "est_local_edge_s",
                "est_remote_edge_s", "est_cloud_s", "est_device_s"));
        return h;
    }

    public static List<String> vmHeader() {
        List<String> h = new ArrayList<>(List.of("sample", "episode", "tier", "vm"));
        h.addAll(TierFeatures.VM_NAMES);
        h.addAll(List.of("admits", "est_s", "feasible", "target"));
        return h;
    }

    /** The scenario of episode {@code e}: {@code base} with the episode's devices, arrival scale and WAN. */
    public static Scenario episodeScenario(Scenario base, Options o, int e, String behaviour) {
        SplittableRandom r = new RandomStreams(o.seed()).stream("dataset.episode", e);
        int devices = (int) Math.round(Math.exp(uniform(r, Math.log(o.devicesMin()), Math.log(o.devicesMax()))));
        double scale = uniform(r, o.arrivalScaleMin(), o.arrivalScaleMax());
        double lo = uniform(r, o.wanMinMbps(), o.wanMaxMbps());
        double hi = uniform(r, lo, o.wanMaxMbps());
        List<ApplicationSpec> apps = new ArrayList<>();
        for (ApplicationSpec a : base.applications()) {
            ArrivalSpec ar = a.arrival();
            ArrivalSpec scaled = ar.process() == ArrivalSpec.Process.POISSON
                    ? new ArrivalSpec(ar.process(), ar.meanInterarrivalS() * scale, null, ar.activeS(), ar.idleS())
                    : new ArrivalSpec(ar.process(), 0, new Range(ar.interarrivalS().min() * scale,
                    ar.interarrivalS().max() * scale), ar.activeS(), ar.idleS());
            apps.add(new ApplicationSpec(a.name(), a.usagePercent(), scaled, a.distribution(), a.lengthMi(),
                    a.uploadKb(), a.downloadKb(), a.delaySensitivity(), a.maxDelayS(), a.memoryMb(),
                    a.vmUtilizationEdge(), a.vmUtilizationCloud(), a.vmUtilizationLocal()));
        }
        NetworkSpec n = base.network();
        NetworkSpec net = new NetworkSpec(n.model(), n.wlan(), n.man(),
                new LinkSpec(new Range(lo, hi), n.wan().propagationS()), n.bandwidthPeriodS(), n.mm1WindowS());
        long seed = RandomStreams.derive(o.seed(), "dataset.sim", e);
        return new Scenario(base.name(), seed, o.durationS(), o.warmupS(), Math.min(base.drainS(), 30),
                base.devices().withCount(devices), apps, base.edge(), base.cloud(), net, base.scheduling(), behaviour);
    }

    private static double uniform(SplittableRandom r, double lo, double hi) {
        return hi > lo ? lo + (hi - lo) * r.nextDouble() : lo;
    }

    /**
     * Runs the episodes and writes {@code tier.csv}, {@code vm.csv}, {@code episodes.csv} and {@code dataset.txt}
     * into {@code dir} (created if needed). Every episode's scenario is built, and so checked, before anything is
     * written; the files are written in a temporary directory inside {@code dir} and moved into place only when all
     * episodes have run and recorded at least one tier row. On any failure, including a dataset without tier rows
     * ({@link DatasetException}), nothing is left behind: neither the temporary files nor the directories this call
     * created.
     */
    public static Summary generate(Scenario base, Options o, Path dir, Consumer<String> log) throws IOException {
        long t0 = System.nanoTime();
        PolicyRegistry registry = BuiltInPolicies.registry();
        for (String b : o.behaviours()) {
            if (!registry.contains(b)) {
                throw new IllegalArgumentException("unknown behaviour policy '" + b + "'");
            }
        }
        TierRecorder rec = new TierRecorder(o);
        long tasks = run(base, o, dir, log, rec, "tier");
        return new Summary(rec.tierRows, rec.vmRows, o.episodes(), tasks, (System.nanoTime() - t0) / 1e9,
                rec.tierRows == 0 ? 0 : (double) rec.covered / rec.tierRows, rec.expertCounts, rec.oracleCounts);
    }

    /** What {@link #generateOutcome} wrote. */
    public record OutcomeSummary(int rows, int episodes, long tasksSimulated, double seconds, int[] chosenCounts,
                                 double failedShare, double meanCost) {
    }

    /**
     * As {@link #generate}, but records {@code outcome.csv} (with {@code episodes.csv} and {@code dataset.txt}): the
     * training data of the outcome network (ours, beyond the paper; see {@link OutcomeRecorder}). The behaviour is
     * Algorithm 1 with a random tier ranking in every episode; {@code o.behaviours()} is not used.
     */
    public static OutcomeSummary generateOutcome(Scenario base, Options o, Path dir, Consumer<String> log)
            throws IOException {
        long t0 = System.nanoTime();
        Options dl = new Options(o.samples(), o.seed(), o.episodes(), o.devicesMin(), o.devicesMax(),
                o.arrivalScaleMin(), o.arrivalScaleMax(), o.wanMinMbps(), o.wanMaxMbps(), o.durationS(), o.warmupS(),
                o.vmFraction(), List.of(OUTCOME_BEHAVIOUR));
        OutcomeRecorder rec = new OutcomeRecorder(dl);
        long tasks = run(base, dl, dir, log, rec, "outcome");
        int n = rec.rows();
        return new OutcomeSummary(n, o.episodes(), tasks, (System.nanoTime() - t0) / 1e9, rec.chosenCounts,
                n == 0 ? 0 : (double) rec.failed / n, n == 0 ? 0 : rec.costSum / n);
    }

    /**
     * Runs the episodes with {@code rec} recording, in a temporary directory moved into {@code dir} only when every
     * episode has run and {@code rec} wrote rows (see {@link #generate}); returns the number of tasks simulated.
     */
    private static long run(Scenario base, Options o, Path dir, Consumer<String> log, EpisodeRecorder rec,
                            String what) throws IOException {
        List<Scenario> scenarios = new ArrayList<>();
        for (int e = 0; e < o.episodes(); e++) {
            scenarios.add(episodeScenario(base, o, e, o.behaviours().get(e % o.behaviours().size())));
        }
        List<Path> made = new ArrayList<>(); // the directories this call creates, deepest first
        for (Path p = dir.toAbsolutePath(); p != null && !Files.exists(p); p = p.getParent()) {
            made.add(p);
        }
        Files.createDirectories(dir);
        Path work = null;
        try {
            work = Files.createTempDirectory(dir, ".dataset-");
            long tasks = write(base, o, scenarios, work, log, rec);
            if (rec.rows() == 0) {
                throw new DatasetException("no " + what + " rows recorded in " + o.episodes() + " episodes ("
                        + tasks + " tasks simulated): decisions are sampled only after the warm-up ("
                        + o.warmupS() + " s of " + o.durationS() + " s per episode); shorten --warmup or lengthen"
                        + " --duration");
            }
            List<String> files = new ArrayList<>(rec.files());
            files.addAll(List.of(EPISODES_FILE, INFO_FILE));
            for (String f : files) {
                Files.move(work.resolve(f), dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
            }
            Files.delete(work);
            return tasks;
        } catch (IOException | RuntimeException | Error e) {
            try {
                if (work != null) {
                    deleteFiles(work);
                }
                for (Path p : made) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** Deletes {@code d}'s files and then {@code d} (it has no subdirectories). */
    private static void deleteFiles(Path d) throws IOException {
        try (var files = Files.list(d)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.delete(f);
            }
        }
        Files.delete(d);
    }

    /** Runs the episodes of {@code scenarios} and writes the files into {@code dir}; returns the tasks simulated. */
    private static long write(Scenario base, Options o, List<Scenario> scenarios, Path dir, Consumer<String> log,
                              EpisodeRecorder rec) throws IOException {
        long tasks = 0;
        try (rec; PrintWriter episodes = writer(dir.resolve(EPISODES_FILE))) {
            rec.open(dir);
            episodes.println("episode,behaviour,seed,devices,arrival_scale,wan_min_mbps,wan_max_mbps,tasks,"
                    + (rec instanceof OutcomeRecorder ? "outcome_rows,unused" : "tier_rows,vm_rows") + ",failure_rate");
            int deficit = 0;
            for (int e = 0; e < o.episodes(); e++) {
                int quota = o.samples() / o.episodes() + (e < o.samples() % o.episodes() ? 1 : 0) + deficit;
                String behaviour = o.behaviours().get(e % o.behaviours().size());
                Scenario s = scenarios.get(e);
                double rate = 0;
                for (ApplicationSpec a : s.applications()) {
                    rate += a.usagePercent() / 100 * a.arrival().meanRate();
                }
                double expected = s.devices().count() * rate * (s.durationS() - s.warmupS());
                int rowsBefore = rec.rows();
                int secondBefore = rec.secondaryRows();
                OffloadPolicy policy = rec.start(e, quota, Math.min(1, 3.0 * quota / Math.max(1, expected)),
                        new RandomStreams(o.seed()).stream("dataset.record", e), s, behaviour,
                        new PolicyContext(s, new RandomStreams(s.seed()).stream("policy", 0)));
                var result = OffloadSimulation.builder(s).policy(behaviour, policy).build().run();
                int got = rec.rows() - rowsBefore;
                deficit = Math.max(0, quota - got);
                tasks += result.tasksGeneratedTotal();
                LinkSpec wan = s.network().wan();
                episodes.printf(Locale.ROOT, "%d,%s,%d,%d,%.4f,%.3f,%.3f,%d,%d,%d,%.4f%n", e, behaviour, s.seed(),
                        s.devices().count(), s.applications().get(0).arrival().meanGapS()
                                / base.applications().get(0).arrival().meanGapS(),
                        wan.bandwidthMbps().min(), wan.bandwidthMbps().max(), result.tasksGeneratedTotal(), got,
                        rec.secondaryRows() - secondBefore, result.overall().failureRate());
                if (log != null) {
                    log.accept(String.format(Locale.ROOT, "episode %d/%d: %s, %d devices, %d tasks, %d samples",
                            e + 1, o.episodes(), behaviour, s.devices().count(), result.tasksGeneratedTotal(), got));
                }
            }
            try (PrintWriter info = writer(dir.resolve(INFO_FILE))) {
                info.println("# offload dataset: options it was generated with");
                info.println("base_scenario " + base.name());
                info.println("samples " + o.samples());
                info.println("seed " + o.seed());
                info.println("episodes " + o.episodes());
                info.println("devices " + o.devicesMin() + " " + o.devicesMax());
                info.println("arrival_scale " + o.arrivalScaleMin() + " " + o.arrivalScaleMax());
                info.println("wan_mbps " + o.wanMinMbps() + " " + o.wanMaxMbps());
                info.println("duration_s " + o.durationS() + " warmup_s " + o.warmupS());
                if (rec instanceof OutcomeRecorder) {
                    info.println("kind outcome");
                    info.println("behaviour " + OUTCOME_BEHAVIOUR + " with tier=random");
                    info.println("outcome_rows " + rec.rows());
                } else {
                    info.println("vm_fraction " + o.vmFraction());
                    info.println("behaviours " + String.join(",", o.behaviours()));
                    info.println("tier_rows " + rec.rows());
                    info.println("vm_rows " + rec.secondaryRows());
                }
            }
            return tasks;
        }
    }

    static PrintWriter writer(Path p) throws IOException {
        BufferedWriter w = Files.newBufferedWriter(p, StandardCharsets.UTF_8);
        return new PrintWriter(w);
    }
}
