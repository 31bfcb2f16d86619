package org.offload.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.offload.metrics.SimulationResult;
import org.offload.model.Decision;
import org.offload.model.Task;
import org.offload.policy.ForwardingPolicy;
import org.offload.policy.OffloadPolicy;
import org.offload.policy.PolicyRegistry;
import org.offload.policy.SystemView;
import org.offload.scenario.Scenario;
import org.offload.sim.OffloadSimulation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code offload bench}: simulated tasks per wall-clock second, events per second, cost per task, peak heap and
 * policy decision cost, for a scenario at several device counts. Each configuration runs in a fresh simulation
 * on this thread, repeated until it has run at least {@code --min-seconds}; the median run is reported. One
 * unreported run first warms the JIT.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measure simulator speed (tasks per wall second) at several device counts.")
final class BenchCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO",
            description = "Scenario YAML file (default: the bundled default scenario).")
    java.nio.file.Path scenarioFile;

    @Option(names = "--devices", split = ",", paramLabel = "N[,N...]",
            description = "Device counts (default: ${DEFAULT-VALUE}).", defaultValue = "200,2000,20000")
    List<Integer> devices;

    @Option(names = "--policies", split = ",", paramLabel = "NAME[,NAME...]",
            description = "Policies to measure, or 'all' (default: ${DEFAULT-VALUE}).", defaultValue = "least-utilised")
    List<String> policies;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "600",
            description = "Simulated seconds per run (default: ${DEFAULT-VALUE}).")
    double duration;

    @Option(names = "--warmup", paramLabel = "SECONDS", defaultValue = "60",
            description = "Simulated warm-up seconds per run (default: ${DEFAULT-VALUE}).")
    double warmup;

    @Option(names = "--min-seconds", paramLabel = "SECONDS", defaultValue = "3",
            description = "Repeat each configuration until its runs took this long in all (default: ${DEFAULT-VALUE}).")
    double minSeconds;

    @Option(names = "--replay", description = "Also time each configuration with its policy's decisions replayed"
            + " at no cost, and report how many times slower the live policy is (the policy's own share).")
    boolean replay;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a scenario value (repeatable).")
    List<String> sets = new ArrayList<>();

    @Spec
    CommandSpec spec;

    /** One configuration's median run. */
    record Row(String policy, int devices, int runs, long tasks, long events, double wallS, double failureRate,
               double decisionNs, long peakHeapBytes) {
        double tasksPerSecond() {
            return tasks / wallS;
        }
    }

    @Override
    public Integer call() {
        PolicyRegistry registry = Main.policyRegistry();
        List<String> names = policies.size() == 1 && policies.get(0).equals("all")
                ? new ArrayList<>(registry.entries().keySet()) : policies;
        for (String p : names) {
            if (!registry.contains(p)) {
                throw new UsageException("unknown policy '" + p + "'; known policies: "
                        + String.join(", ", registry.entries().keySet()));
            }
        }
        for (int d : devices) {
            if (d < 1) {
                throw new UsageException("--devices: counts must be >= 1, got " + d);
            }
        }
        List<String> overrides = new ArrayList<>(sets);
        LoadedScenario.addTimes(overrides, duration, warmup);
        Scenario base = LoadedScenario.load(scenarioFile, overrides).scenario();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        out.printf(Locale.ROOT, "Scenario %s, %.0f simulated s per run, Java %s, %d cores, max heap %d MiB%n",
                base.name(), duration, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        measure(base.withDevices(devices.get(0)).withPolicy(names.get(0)), registry);
        List<String> columns = new ArrayList<>(List.of("policy", "devices", "runs", "tasks/run", "tasks/s",
                "events/s", "ns/task", "decision ns", "failed %", "peak heap MiB"));
        if (replay) {
            columns.addAll(List.of("replay ns/task", "x replay"));
        }
        TextTable table = new TextTable(columns.toArray(new String[0]));
        for (String p : names) {
            for (int d : devices) {
                err.printf(Locale.ROOT, "bench: %s at %d devices...%n", p, d);
                err.flush();
                Scenario scenario = base.withDevices(d).withPolicy(p);
                Row r = median(scenario, registry);
                List<Object> cells = new ArrayList<>(List.of(p, d, r.runs(), r.tasks(),
                        fmt("%.0f", r.tasksPerSecond()), fmt("%.0f", r.events() / r.wallS()),
                        fmt("%.0f", r.wallS() * 1e9 / r.tasks()), fmt("%.0f", r.decisionNs()),
                        fmt("%.2f", 100 * r.failureRate()), fmt("%.0f", r.peakHeapBytes() / 1048576.0)));
                if (replay) {
                    err.printf(Locale.ROOT, "bench: %s at %d devices, decisions replayed...%n", p, d);
                    err.flush();
                    Row z = replay(scenario, registry, r);
                    cells.add(fmt("%.0f", z.wallS() * 1e9 / z.tasks()));
                    cells.add(fmt("%.2f", r.wallS() / z.wallS()));
                }
                table.row(cells.toArray());
            }
        }
        out.print(table.render(""));
        out.println("tasks/s = tasks generated per wall-clock second on one thread; decision ns = mean time per"
                + " decision (every batch and 1 in " + TimedPolicy.SAMPLE + " single decisions timed); peak heap ="
                + " largest used heap sampled every 1% of simulated time.");
        if (replay) {
            out.println("replay = the same run with the policy's decisions replayed in order by a policy that does"
                    + " no work; x replay = ns/task / replay ns/task, the slow-down due to the policy itself.");
        }
        return Main.OK;
    }

    private static String fmt(String f, double v) {
        return String.format(Locale.ROOT, f, v);
    }

    private Row median(Scenario scenario, PolicyRegistry registry) {
        return median(() -> measure(scenario, registry));
    }

    private Row median(java.util.function.Supplier<Row> run) {
        List<Row> runs = new ArrayList<>();
        double total = 0;
        while (runs.size() < 3 || total < minSeconds) {
            Row r = run.get();
            runs.add(r);
            total += r.wallS();
            if (runs.size() >= 25) {
                break;
            }
        }
        Row[] sorted = runs.toArray(new Row[0]);
        Arrays.sort(sorted, (a, b) -> Double.compare(a.tasksPerSecond(), b.tasksPerSecond()));
        Row m = sorted[sorted.length / 2];
        return new Row(m.policy(), m.devices(), runs.size(), m.tasks(), m.events(), m.wallS(), m.failureRate(),
                m.decisionNs(), runs.stream().mapToLong(Row::peakHeapBytes).max().orElse(0));
    }

    private static Row measure(Scenario scenario, PolicyRegistry registry) {
        TimedPolicy[] timed = new TimedPolicy[1];
        Row r = run(OffloadSimulation.builder(scenario).registry(registry)
                .decorate(p -> timed[0] = new TimedPolicy(p)), scenario);
        return new Row(r.policy(), r.devices(), 1, r.tasks(), r.events(), r.wallS(), r.failureRate(),
                timed[0].meanNs(), r.peakHeapBytes());
    }

    private static Row run(OffloadSimulation.Builder builder, Scenario scenario) {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        long[] peak = {rt.totalMemory() - rt.freeMemory()};
        OffloadSimulation sim = builder
                .progress((now, total, gen) -> peak[0] = Math.max(peak[0], rt.totalMemory() - rt.freeMemory()))
                .build();
        long t0 = System.nanoTime();
        SimulationResult r = sim.run();
        double wall = (System.nanoTime() - t0) / 1e9;
        peak[0] = Math.max(peak[0], rt.totalMemory() - rt.freeMemory());
        return new Row(scenario.policy(), scenario.devices().count(), 1, r.tasksGeneratedTotal(), r.eventsProcessed(),
                wall, r.overall().failureRate(), 0, peak[0]);
    }

    /**
     * The median run of {@code scenario} with the decisions its policy took in {@code live}, replayed in call
     * order by a policy that does no work: the cost of the simulation alone, with the same outcome.
     */
    private Row replay(Scenario scenario, PolicyRegistry registry, Row live) {
        List<Decision> recorded = new ArrayList<>();
        OffloadPolicy[] inner = new OffloadPolicy[1];
        run(OffloadSimulation.builder(scenario).registry(registry).decorate(p -> {
            inner[0] = p;
            return new RecordingPolicy(p, recorded);
        }), scenario);
        Decision[] decisions = recorded.toArray(new Decision[0]);
        double window = inner[0].batchWindowS();
        return median(() -> {
            ReplayPolicy replay = new ReplayPolicy(decisions, window);
            Row one = run(OffloadSimulation.builder(scenario).policy(scenario.policy(), replay), scenario);
            if (replay.next != decisions.length || one.events() != live.events()
                    || one.failureRate() != live.failureRate()) {
                throw new IllegalStateException("replaying " + scenario.policy() + "'s decisions did not reproduce"
                        + " its run (" + one.events() + " vs " + live.events() + " events): is it deterministic?");
            }
            return one;
        });
    }

    /** Times the wrapped policy's decisions: every batch, and one in {@value #SAMPLE} single decisions. */
    private static final class TimedPolicy extends ForwardingPolicy {
        /** Single decisions are cheap and many; timing each would add two clock reads to every one. */
        static final int SAMPLE = 16;
        long singleCalls;
        long singleTimed;
        long singleNanos;
        long batchTasks;
        long batchNanos;

        TimedPolicy(OffloadPolicy inner) {
            super(inner);
        }

        double meanNs() {
            double single = singleTimed == 0 ? 0 : (double) singleNanos / singleTimed * singleCalls;
            long calls = singleCalls + batchTasks;
            return calls == 0 ? 0 : (single + batchNanos) / calls;
        }

        @Override
        public Decision decide(Task task, SystemView view) {
            if (singleCalls++ % SAMPLE != 0) {
                return delegate().decide(task, view);
            }
            long t = System.nanoTime();
            Decision d = delegate().decide(task, view);
            singleNanos += System.nanoTime() - t;
            singleTimed++;
            return d;
        }

        @Override
        public List<Decision> decideBatch(List<Task> tasks, SystemView view) {
            long t = System.nanoTime();
            List<Decision> d = delegate().decideBatch(tasks, view);
            batchNanos += System.nanoTime() - t;
            batchTasks += tasks.size();
            return d;
        }
    }

    /** Passes decisions through and records them in call order. */
    private static final class RecordingPolicy extends ForwardingPolicy {
        private final List<Decision> recorded;

        RecordingPolicy(OffloadPolicy inner, List<Decision> recorded) {
            super(inner);
            this.recorded = recorded;
        }

        @Override
        public Decision decide(Task task, SystemView view) {
            Decision d = delegate().decide(task, view);
            recorded.add(d);
            return d;
        }

        @Override
        public List<Decision> decideBatch(List<Task> tasks, SystemView view) {
            List<Decision> d = delegate().decideBatch(tasks, view);
            recorded.addAll(d);
            return d;
        }
    }

    /** Returns recorded decisions in order, doing no work of its own. */
    private static final class ReplayPolicy implements OffloadPolicy {
        private final Decision[] decisions;
        private final double window;
        int next;

        ReplayPolicy(Decision[] decisions, double window) {
            this.decisions = decisions;
            this.window = window;
        }

        @Override
        public Decision decide(Task task, SystemView view) {
            return decisions[next++];
        }

        @Override
        public double batchWindowS() {
            return window;
        }

        @Override
        public List<Decision> decideBatch(List<Task> tasks, SystemView view) {
            List<Decision> d = Arrays.asList(decisions).subList(next, next + tasks.size());
            next += tasks.size();
            return d;
        }
    }
}
