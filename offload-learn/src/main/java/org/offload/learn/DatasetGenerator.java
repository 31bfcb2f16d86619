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
import org.offload.model.Decision;
import org.offload.model.Task;
import org.offload.policy.OffloadPolicy;
import org.offload.policy.PolicyContext;
import org.offload.policy.PolicyRegistry;
import org.offload.policy.SystemView;
import org.offload.policy.TaskOutcome;
import org.offload.policy.learned.ExpertLabeler;
import org.offload.policy.learned.PendingClaims;
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
     * Runs the episodes and writes the files into {@code dir} (created if needed). Every episode's scenario is built,
     * and so checked, before anything is written; the files are written in a temporary directory inside {@code dir}
     * and moved into place only when all episodes have run and recorded at least one tier row. On any failure,
     * including a dataset without tier rows ({@link DatasetException}), nothing is left behind: neither the
     * temporary files nor the directories this call created.
     */
    public static Summary generate(Scenario base, Options o, Path dir, Consumer<String> log) throws IOException {
        long t0 = System.nanoTime();
        PolicyRegistry registry = PolicyRegistry.builtIn();
        for (String b : o.behaviours()) {
            if (!registry.contains(b)) {
                throw new IllegalArgumentException("unknown behaviour policy '" + b + "'");
            }
        }
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
            Summary s = write(base, o, scenarios, work, log, registry, t0);
            if (s.tierRows() == 0) {
                throw new DatasetException("no tier rows recorded in " + s.episodes() + " episodes ("
                        + s.tasksSimulated() + " tasks simulated): decisions are sampled only after the warm-up ("
                        + o.warmupS() + " s of " + o.durationS() + " s per episode); shorten --warmup or lengthen"
                        + " --duration");
            }
            for (String f : List.of(TIER_FILE, VM_FILE, EPISODES_FILE, INFO_FILE)) {
                Files.move(work.resolve(f), dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
            }
            Files.delete(work);
            return s;
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

    /** Runs the episodes of {@code scenarios} and writes the files into {@code dir}. */
    private static Summary write(Scenario base, Options o, List<Scenario> scenarios, Path dir, Consumer<String> log,
                                 PolicyRegistry registry, long t0) throws IOException {
        int[] expertCounts = new int[TierFeatures.TIERS];
        int[] oracleCounts = new int[TierFeatures.TIERS];
        long tasks = 0;
        try (PrintWriter tier = writer(dir.resolve(TIER_FILE));
             PrintWriter vm = writer(dir.resolve(VM_FILE));
             PrintWriter episodes = writer(dir.resolve(EPISODES_FILE))) {
            tier.println(String.join(",", tierHeader()));
            vm.println(String.join(",", vmHeader()));
            episodes.println("episode,behaviour,seed,devices,arrival_scale,wan_min_mbps,wan_max_mbps,tasks,"
                    + "tier_rows,vm_rows,failure_rate");
            Recorder rec = new Recorder(o, tier, vm, expertCounts, oracleCounts);
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
                int tierBefore = rec.tierRows;
                int vmBefore = rec.vmRows;
                rec.startEpisode(e, quota, Math.min(1, 3.0 * quota / Math.max(1, expected)),
                        new RandomStreams(o.seed()).stream("dataset.record", e));
                var result = OffloadSimulation.builder(s)
                        .policy(behaviour, rec.wrap(registry.create(behaviour,
                                new PolicyContext(s, new RandomStreams(s.seed()).stream("policy", 0)))))
                        .build().run();
                int got = rec.tierRows - tierBefore;
                deficit = Math.max(0, quota - got);
                tasks += result.tasksGeneratedTotal();
                LinkSpec wan = s.network().wan();
                episodes.printf(Locale.ROOT, "%d,%s,%d,%d,%.4f,%.3f,%.3f,%d,%d,%d,%.4f%n", e, behaviour, s.seed(),
                        s.devices().count(), s.applications().get(0).arrival().meanGapS()
                                / base.applications().get(0).arrival().meanGapS(),
                        wan.bandwidthMbps().min(), wan.bandwidthMbps().max(), result.tasksGeneratedTotal(), got,
                        rec.vmRows - vmBefore, result.overall().failureRate());
                if (log != null) {
                    log.accept(String.format(Locale.ROOT, "episode %d/%d: %s, %d devices, %d tasks, %d samples",
                            e + 1, o.episodes(), behaviour, s.devices().count(), result.tasksGeneratedTotal(), got));
                }
            }
            double secs = (System.nanoTime() - t0) / 1e9;
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
                info.println("vm_fraction " + o.vmFraction());
                info.println("behaviours " + String.join(",", o.behaviours()));
                info.println("tier_rows " + rec.tierRows);
                info.println("vm_rows " + rec.vmRows);
            }
            return new Summary(rec.tierRows, rec.vmRows, o.episodes(), tasks, secs,
                    rec.tierRows == 0 ? 0 : (double) rec.covered / rec.tierRows, expertCounts, oracleCounts);
        }
    }

    private static PrintWriter writer(Path p) throws IOException {
        BufferedWriter w = Files.newBufferedWriter(p, StandardCharsets.UTF_8);
        return new PrintWriter(w);
    }

    /** Wraps behaviour policies and records sampled decisions. */
    private static final class Recorder {
        private final Options options;
        private final PrintWriter tier;
        private final PrintWriter vm;
        private final int[] expertCounts;
        private final int[] oracleCounts;
        private final TierFeatures f = new TierFeatures();
        private final PendingClaims none = new PendingClaims();
        private final StringBuilder line = new StringBuilder(1024);
        private final double[] bestFeasible = new double[TierFeatures.TIERS];
        private final double[] bestAdmit = new double[TierFeatures.TIERS];
        private final double[] bestAny = new double[TierFeatures.TIERS];
        private int episode;
        private int quota;
        private int inEpisode;
        private double probability;
        private SplittableRandom random;
        int tierRows;
        int vmRows;
        int covered;

        Recorder(Options options, PrintWriter tier, PrintWriter vm, int[] expertCounts, int[] oracleCounts) {
            this.options = options;
            this.tier = tier;
            this.vm = vm;
            this.expertCounts = expertCounts;
            this.oracleCounts = oracleCounts;
        }

        void startEpisode(int e, int q, double p, SplittableRandom r) {
            episode = e;
            quota = q;
            inEpisode = 0;
            probability = p;
            random = r;
        }

        OffloadPolicy wrap(OffloadPolicy inner) {
            return new OffloadPolicy() {
                @Override
                public Decision decide(Task task, SystemView view) {
                    if (inEpisode < quota && view.now() >= options.warmupS()
                            && random.nextDouble() < probability) {
                        record(task, view);
                    }
                    return inner.decide(task, view);
                }

                @Override
                public double batchWindowS() {
                    return inner.batchWindowS();
                }

                @Override
                public void onTaskEnded(TaskOutcome outcome) {
                    inner.onTaskEnded(outcome);
                }
            };
        }

        private void record(Task task, SystemView view) {
            f.observe(task, view, none);
            boolean exists = false;
            for (int k = 0; k < TierFeatures.TIERS; k++) {
                exists |= f.available(k);
            }
            if (!exists) {
                return;
            }
            double timeLeft = task.deadlineS() - view.now();
            for (int k = 0; k < TierFeatures.TIERS; k++) {
                bestFeasible[k] = Double.POSITIVE_INFINITY;
                bestAdmit[k] = Double.POSITIVE_INFINITY;
                bestAny[k] = Double.POSITIVE_INFINITY;
                if (!f.available(k)) {
                    continue;
                }
                if (k == TierFeatures.DEVICE) {
                    double est = f.estimateServiceTimeS(-1);
                    bestAny[k] = est;
                    if (f.feasible(k)) {
                        bestAdmit[k] = est;
                        if (est <= timeLeft) {
                            bestFeasible[k] = est;
                        }
                    }
                    continue;
                }
                for (int v = f.firstVm(k); v < f.firstVm(k) + f.vmCount(k); v++) {
                    double est = f.estimateServiceTimeS(v);
                    bestAny[k] = Math.min(bestAny[k], est);
                    if (view.vmAdmits(v, task)) {
                        bestAdmit[k] = Math.min(bestAdmit[k], est);
                        if (est <= timeLeft) {
                            bestFeasible[k] = Math.min(bestFeasible[k], est);
                        }
                    }
                }
            }
            int level = 0;
            int oracle = argmin(bestFeasible);
            if (oracle < 0) {
                level = 1;
                oracle = argmin(bestAdmit);
            }
            if (oracle < 0) {
                level = 2;
                oracle = argmin(bestAny);
            }
            if (oracle < 0) {
                return;
            }
            float[] x = f.features();
            int expert = ExpertLabeler.label(x);
            boolean cov = ExpertLabeler.covered(x);
            int sample = tierRows;
            line.setLength(0);
            line.append(sample).append(',').append(episode).append(',').append(view.now());
            for (float v : x) {
                line.append(',').append(v);
            }
            line.append(',').append(expert).append(',').append(cov ? 1 : 0).append(',').append(oracle).append(',')
                    .append(level);
            for (double b : bestAny) {
                line.append(',').append(Double.isFinite(b) ? b : -1);
            }
            tier.println(line);
            tierRows++;
            inEpisode++;
            if (cov) {
                covered++;
            }
            expertCounts[expert]++;
            oracleCounts[oracle]++;

            if (random.nextDouble() < options.vmFraction()) {
                int n = 0;
                for (int k = 0; k < 3; k++) {
                    if (f.available(k)) {
                        n++;
                    }
                }
                if (n == 0) {
                    return;
                }
                int pick = random.nextInt(n);
                int k = 0;
                for (; k < 3; k++) {
                    if (f.available(k) && pick-- == 0) {
                        break;
                    }
                }
                double horizon = timeLeft > 0 ? timeLeft : task.maxDelayS();
                for (int v = f.firstVm(k); v < f.firstVm(k) + f.vmCount(k); v++) {
                    float[] vx = f.vmFeatures(k, v);
                    boolean admits = view.vmAdmits(v, task);
                    double est = f.estimateServiceTimeS(v);
                    double target = admits ? Math.exp(-est / horizon) : 0;
                    line.setLength(0);
                    line.append(sample).append(',').append(episode).append(',').append(k).append(',').append(v);
                    for (float val : vx) {
                        line.append(',').append(val);
                    }
                    line.append(',').append(admits ? 1 : 0).append(',').append(est).append(',')
                            .append(admits && est <= timeLeft ? 1 : 0).append(',').append((float) target);
                    vm.println(line);
                    vmRows++;
                }
            }
        }

        private static int argmin(double[] v) {
            int best = -1;
            for (int i = 0; i < v.length; i++) {
                if (v[i] < Double.POSITIVE_INFINITY && (best < 0 || v[i] < v[best])) {
                    best = i;
                }
            }
            return best;
        }
    }
}
