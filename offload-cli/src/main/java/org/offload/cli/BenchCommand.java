package org.offload.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
import org.offload.sim.SimulationBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code offload bench}: simulated tasks per wall-clock second, events per second, cost per task, peak heap and
 * policy decision cost, for a scenario at several device counts. Each configuration (policy and device count) runs
 * in a JVM of its own, started with this one's options, as JMH does: in a shared JVM the code common to all
 * policies (the engine's calls into the policy, for one) is compiled for the mix of policies seen so far, which
 * slows whichever configuration runs later. There, after one unreported run that warms the JIT, the configuration
 * runs in fresh simulations on one thread until its runs took at least {@code --min-seconds}; the median run is
 * reported. With {@code --forks N}, N JVMs measure each configuration and the one with the median speed is
 * reported: the JIT compiles each JVM a little differently. {@code --no-fork} measures everything in this JVM.
 */
@Command(name = "bench", sortOptions = false,
        description = "Measure simulator speed (tasks per wall second) at several device counts.")
final class BenchCommand implements Callable<Integer>, CommonOptions.Defaults, CommonOptions.Checked {
    @Mixin
    CommonOptions.ScenarioFile scenario;

    @Mixin
    CommonOptions.Overrides overrides;

    @Option(names = {"-n", "--devices"}, split = ",", paramLabel = "N", converter = Converters.Count.class,
            description = "Device counts (default: ${DEFAULT-VALUE}).", defaultValue = "200,2000,20000")
    List<Integer> devices;

    @Option(names = {"-p", "--policies"}, split = ",", paramLabel = "NAME",
            description = "Policies to measure, or 'all' (default: ${DEFAULT-VALUE}).", defaultValue = "least-utilised")
    List<String> policies;

    @Mixin
    CommonOptions.Times times;

    @Option(names = "--min-seconds", paramLabel = "SECONDS", defaultValue = "3", converter = Converters.NonNegative.class,
            description = "Repeat each configuration until its runs took this long in all (default: ${DEFAULT-VALUE}).")
    double minSeconds;

    @Option(names = "--replay", description = "Also time each configuration with its policy's decisions replayed"
            + " at no cost, and report how many times slower the live policy is (the policy's own share).")
    boolean replay;

    @Option(names = "--ceiling", description = "Also time a bare event loop with no model (3 events per task, a"
            + " primitive heap) on the same devices, task count and time in system, in the same JVM, and print the"
            + " ratio of tasks/s: how close the simulator is to the floor of any event loop.")
    boolean ceiling;

    @Option(names = "--fork", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Measure each configuration in a JVM of its own, started with this one's options (default);"
                    + " --no-fork measures all in this JVM (for profilers), where earlier policies can slow later"
                    + " ones.")
    boolean fork;

    @Option(names = "--forks", paramLabel = "N", defaultValue = "1", converter = Converters.Count.class,
            description = "JVMs per configuration; the one with the median tasks/s is reported (default:"
                    + " ${DEFAULT-VALUE}). The JIT compiles each JVM a little differently, so single JVMs of the same"
                    + " configuration differ by a few percent.")
    int forks;

    /** Child mode: measure the one configuration and print it as {@value #ROW} lines instead of a table. */
    @Option(names = "--emit-rows", hidden = true)
    boolean emitRows;

    /** Prefix of the lines a child JVM reports its measurements on. */
    static final String ROW = "bench-row";
    /** The line the JVM prints when the Vector API module is enabled; children's copies are not repeated. */
    private static final String INCUBATOR_WARNING = "WARNING: Using incubator modules";

    @Mixin
    CommonOptions.Help help;

    @Spec
    CommandSpec spec;

    @Override
    public Map<String, String> optionDefaults() {
        return Map.of("--duration", "600", "--warmup", "60");
    }

    /** One configuration's median run. */
    record Row(String policy, int devices, int runs, long tasks, long events, double wallS, double failureRate,
               double decisionNs, long peakHeapBytes, double timeInSystemS) {
        double tasksPerSecond() {
            return tasks / wallS;
        }

        /** As a child reports it: every number exactly, space-separated (policy names have no spaces). */
        String line(String kind) {
            return String.join(" ", ROW, kind, policy, Integer.toString(devices), Integer.toString(runs),
                    Long.toString(tasks), Long.toString(events), Double.toString(wallS), Double.toString(failureRate),
                    Double.toString(decisionNs), Long.toString(peakHeapBytes), Double.toString(timeInSystemS));
        }

        static Row parse(String[] t) {
            return new Row(t[2], Integer.parseInt(t[3]), Integer.parseInt(t[4]), Long.parseLong(t[5]),
                    Long.parseLong(t[6]), Double.parseDouble(t[7]), Double.parseDouble(t[8]),
                    Double.parseDouble(t[9]), Long.parseLong(t[10]), Double.parseDouble(t[11]));
        }
    }

    @Override
    public Integer call() {
        PolicyRegistry registry = Main.policyRegistry(spec);
        Problems problems = new Problems();
        Scenario base = checked(problems);
        problems.throwIfAny();
        List<String> names = policyNames(registry);
        double duration = times.duration;
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (emitRows) {
            // one configuration in a fresh JVM: warm up on it, then measure
            Scenario scenario = base.withDevices(devices.get(0)).withPolicy(names.get(0));
            measure(scenario, registry);
            Row r = median(scenario, registry);
            out.println(r.line("live"));
            if (replay) {
                out.println(replay(scenario, registry, r).line("replay"));
            }
            if (ceiling) {
                out.println(ceiling(r).line("ceiling"));
            }
            return Main.OK;
        }
        out.printf(Locale.ROOT, "Scenario %s, %.0f simulated s per run, Java %s, %d cores, max heap %d MiB, %s%n",
                base.name(), duration, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, !fork ? "all in one JVM"
                        : forks == 1 ? "one JVM per configuration" : forks + " JVMs per configuration (median)");
        if (!fork) {
            measure(base.withDevices(devices.get(0)).withPolicy(names.get(0)), registry);
        }
        List<String> columns = new ArrayList<>(List.of("policy", "devices", "runs", "tasks/run", "tasks/s",
                "events/s", "ns/task", "decision ns", "failed %", "peak heap MiB"));
        if (replay) {
            columns.addAll(List.of("replay ns/task", "x replay"));
        }
        if (ceiling) {
            columns.addAll(List.of("ceiling tasks/s", "x ceiling"));
        }
        TextTable table = new TextTable(columns.toArray(new String[0]));
        for (String p : names) {
            for (int d : devices) {
                err.printf(Locale.ROOT, "bench: %s at %d devices%s...%n", p, d,
                        fork && replay ? ", then with its decisions replayed" : "");
                err.flush();
                Scenario scenario = base.withDevices(d).withPolicy(p);
                Row[] measured = fork ? medianFork(p, d, err) : null;
                Row r = fork ? measured[0] : median(scenario, registry);
                List<Object> cells = new ArrayList<>(List.of(p, d, r.runs(), r.tasks(),
                        fmt("%.0f", r.tasksPerSecond()), fmt("%.0f", r.events() / r.wallS()),
                        fmt("%.0f", r.wallS() * 1e9 / r.tasks()), fmt("%.0f", r.decisionNs()),
                        fmt("%.2f", 100 * r.failureRate()), fmt("%.0f", r.peakHeapBytes() / 1048576.0)));
                if (replay) {
                    if (!fork) {
                        err.printf(Locale.ROOT, "bench: %s at %d devices, decisions replayed...%n", p, d);
                        err.flush();
                    }
                    Row z = fork ? measured[1] : replay(scenario, registry, r);
                    cells.add(fmt("%.0f", z.wallS() * 1e9 / z.tasks()));
                    cells.add(fmt("%.2f", r.wallS() / z.wallS()));
                }
                if (ceiling) {
                    Row c = fork ? measured[2] : ceiling(r);
                    cells.add(fmt("%.0f", c.tasksPerSecond()));
                    cells.add(fmt("%.2f", r.tasksPerSecond() / c.tasksPerSecond()));
                }
                table.row(cells.toArray());
            }
        }
        out.print(table.render(""));
        out.println("tasks/s = tasks generated per wall-clock second on one thread; decision ns = mean time per"
                + " decision (every batch and 1 in " + BenchPolicies.Timed.SAMPLE + " single decisions timed); peak heap ="
                + " largest used heap sampled every 1% of simulated time.");
        if (replay) {
            out.println("replay = the same run with the policy's decisions replayed in order by a policy that does"
                    + " no work; x replay = ns/task / replay ns/task, the slow-down due to the policy itself.");
        }
        if (ceiling) {
            out.println("ceiling = a bare event loop in the same JVM (no model: 3 events per task in a primitive 4-ary"
                    + " heap, the same devices, task count and time in system); x ceiling = tasks/s / ceiling tasks/s.");
        }
        return Main.OK;
    }

    /**
     * The bare loop's median over repeats (as many as {@link #median} takes) with the live run's devices, simulated
     * time, number of tasks and mean time in system (two exponential steps of half of it each).
     */
    private Row ceiling(Row live) {
        double gapS = times.duration * live.devices() / live.tasks();
        double stepS = Math.max(live.timeInSystemS(), 1e-6) / 2;
        long[] seed = {0};
        return median(() -> {
            CeilingLoop.Result c = CeilingLoop.run(live.devices(), times.duration, gapS, stepS, ++seed[0]);
            return new Row("ceiling", live.devices(), 1, c.tasks(), c.events(), c.wallS(), 0, 0, 0, stepS * 2);
        });
    }

    @Override
    public void check(Problems problems) {
        checked(problems);
    }

    private Scenario checked(Problems problems) {
        PolicyRegistry registry = Main.policyRegistry(spec);
        policyNames(registry).stream().filter(p -> !registry.contains(p))
                .forEach(p -> problems.add("--policies: " + registry.unknownPolicy(p)));
        List<String> all = new ArrayList<>(overrides.sets);
        times.addTo(all);
        LoadedScenario loaded = problems.attempt(() -> times.explained(() -> LoadedScenario.load(scenario.file, all)));
        return loaded == null ? null : loaded.scenario();
    }

    private List<String> policyNames(PolicyRegistry registry) {
        return policies.size() == 1 && policies.get(0).equals("all")
                ? new ArrayList<>(registry.entries().keySet()) : policies;
    }

    /** {@link #forked} {@code --forks} times; the fork with the median live tasks/s (its replay row with it). */
    private Row[] medianFork(String policy, int deviceCount, PrintWriter err) {
        List<Row[]> all = new ArrayList<>();
        for (int i = 0; i < forks; i++) {
            all.add(forked(policy, deviceCount, err));
        }
        all.sort((a, b) -> Double.compare(a[0].tasksPerSecond(), b[0].tasksPerSecond()));
        Row[] m = all.get(all.size() / 2);
        int runs = all.stream().mapToInt(r -> r[0].runs()).sum();
        Row live = new Row(m[0].policy(), m[0].devices(), runs, m[0].tasks(), m[0].events(), m[0].wallS(),
                m[0].failureRate(), m[0].decisionNs(), all.stream().mapToLong(r -> r[0].peakHeapBytes()).max()
                .orElse(0), m[0].timeInSystemS());
        return new Row[] {live, m[1], m[2]};
    }

    /**
     * Measures one configuration in a child JVM started with this JVM's options and classpath: the live row and,
     * with {@code --replay}, the replay row. The child's error output is passed on, except the JVM's warning about
     * the incubating Vector API module, which this JVM has already printed.
     */
    private Row[] forked(String policy, int deviceCount, PrintWriter err) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "bench"));
        for (Path jar : Main.policyJars(spec)) {
            cmd.addAll(List.of("--policy-jar", jar.toAbsolutePath().toString()));
        }
        if (scenario.file != null) {
            cmd.add(scenario.file.toAbsolutePath().toString());
        }
        cmd.addAll(List.of("--devices", Integer.toString(deviceCount), "--policies", policy,
                "--duration", Double.toString(times.duration), "--warmup", Double.toString(times.warmup),
                "--min-seconds", Double.toString(minSeconds), "--no-fork", "--emit-rows"));
        for (String set : overrides.sets) {
            cmd.add("--set");
            cmd.add(set);
        }
        if (replay) {
            cmd.add("--replay");
        }
        if (ceiling) {
            cmd.add("--ceiling");
        }
        Path errFile = null;
        try {
            errFile = Files.createTempFile("offload-bench", ".err");
            Process child = new ProcessBuilder(cmd)
                    .redirectError(ProcessBuilder.Redirect.to(errFile.toFile())).start();
            child.getOutputStream().close();
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int code = child.waitFor();
            for (String line : Files.readAllLines(errFile, StandardCharsets.UTF_8)) {
                if (!line.startsWith(INCUBATOR_WARNING)) {
                    err.println(line);
                }
            }
            err.flush();
            Row live = null;
            Row replayed = null;
            Row ceilingRow = null;
            for (String line : output.split("\\R")) {
                String[] t = line.split(" ");
                if (t[0].equals(ROW)) {
                    switch (t[1]) {
                        case "live" -> live = Row.parse(t);
                        case "replay" -> replayed = Row.parse(t);
                        default -> ceilingRow = Row.parse(t);
                    }
                }
            }
            if (code != 0 || live == null || (replay && replayed == null) || (ceiling && ceilingRow == null)) {
                throw new IllegalStateException("the JVM measuring " + policy + " at " + deviceCount
                        + " devices failed (exit " + code + "); its output: " + output.strip());
            }
            return new Row[] {live, replayed, ceilingRow};
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a JVM to measure " + policy + " at " + deviceCount
                    + " devices", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring " + policy, e);
        } finally {
            if (errFile != null) {
                try {
                    Files.deleteIfExists(errFile);
                } catch (IOException ignored) {
                    // a temporary file left behind is harmless
                }
            }
        }
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
                m.decisionNs(), runs.stream().mapToLong(Row::peakHeapBytes).max().orElse(0), m.timeInSystemS());
    }

    private static Row measure(Scenario scenario, PolicyRegistry registry) {
        BenchPolicies.Timed[] timed = new BenchPolicies.Timed[1];
        Row r = run(OffloadSimulation.builder(scenario).registry(registry)
                .decorate(p -> timed[0] = new BenchPolicies.Timed(p)), scenario);
        return new Row(r.policy(), r.devices(), 1, r.tasks(), r.events(), r.wallS(), r.failureRate(),
                timed[0].meanNs(), r.peakHeapBytes(), r.timeInSystemS());
    }

    private static Row run(SimulationBuilder builder, Scenario scenario) {
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
                wall, r.overall().failureRate(), 0, peak[0], r.littleLaw().meanTimeInSystemS());
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
            return new BenchPolicies.Recording(p, recorded);
        }), scenario);
        Decision[] decisions = recorded.toArray(new Decision[0]);
        double window = inner[0].batchWindowS();
        return median(() -> {
            BenchPolicies.Replay replay = new BenchPolicies.Replay(decisions, window);
            Row one = run(OffloadSimulation.builder(scenario).policy(scenario.policy(), replay), scenario);
            if (replay.next != decisions.length || one.events() != live.events()
                    || one.failureRate() != live.failureRate()) {
                throw new IllegalStateException("replaying " + scenario.policy() + "'s decisions did not reproduce"
                        + " its run (" + one.events() + " vs " + live.events() + " events): is it deterministic?");
            }
            return one;
        });
    }
}
