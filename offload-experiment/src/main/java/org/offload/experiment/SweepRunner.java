package org.offload.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.offload.io.AtomicFiles;
import org.offload.io.ResultWriter;
import org.offload.io.ScenarioFileException;
import org.offload.io.ScenarioLoader;
import org.offload.io.SummaryJson;
import org.offload.metrics.SimulationResult;
import org.offload.policy.PolicyRegistry;
import org.offload.scenario.Scenario;
import org.offload.scenario.ScenarioException;
import org.offload.sim.OffloadSimulation;

/**
 * Runs a {@link SweepSpec}: each run is an independent {@link OffloadSimulation} of the scenario with
 * {@code devices.count}, {@code policy} and {@code seed} overridden, on a fixed pool of {@code threads} threads
 * (largest device counts first). Each run writes {@code runs/<policy>/d<devices>/r<rep>/} ({@code scenario.yaml},
 * {@code summary.json}); the sweep then writes {@value SweepCsv#RUNS_FILE}, {@value SweepCsv#AGGREGATE_FILE},
 * {@value SweepManifest#FILE_NAME} and, if runs failed, {@value #FAILURES_FILE}. Results are aggregated in spec
 * order, so the CSV files (wall time aside) do not depend on the thread count.
 *
 * <p>Bad input (unknown policy, invalid scenario, a resumed run from a different sweep) fails before any run
 * starts, with {@link SweepSpecException}, {@link ScenarioFileException} or {@link ScenarioException}. A run that
 * throws is recorded and the others go on.
 */
public final class SweepRunner {
    /** Lists the failed runs with their stack traces; deleted when a sweep has no failures. */
    public static final String FAILURES_FILE = "failures.txt";

    private final SweepSpec spec;
    private final Path dir;
    private final PolicyRegistry registry;
    private final boolean resume;
    private final SweepListener listener;
    private final String commandLine;
    private final String generator;

    private SweepRunner(Builder b) {
        this.spec = b.spec;
        this.dir = b.dir;
        this.registry = b.registry != null ? b.registry : PolicyRegistry.builtIn();
        this.resume = b.resume;
        this.listener = b.listener != null ? b.listener : new SweepListener() { };
        this.commandLine = b.commandLine;
        this.generator = b.generator;
    }

    public static Builder builder(SweepSpec spec, Path directory) {
        return new Builder(spec, directory);
    }

    /** Options of a sweep; everything but the spec and the output directory is optional. */
    public static final class Builder {
        private final SweepSpec spec;
        private final Path dir;
        private PolicyRegistry registry;
        private boolean resume;
        private SweepListener listener;
        private String commandLine = "";
        private String generator = "offload";

        private Builder(SweepSpec spec, Path dir) {
            this.spec = Objects.requireNonNull(spec, "spec");
            this.dir = Objects.requireNonNull(dir, "directory");
        }

        /** Registry the policies are looked up in (default: {@link PolicyRegistry#builtIn()}). */
        public Builder registry(PolicyRegistry r) {
            this.registry = r;
            return this;
        }

        /** Reuses runs whose {@code summary.json} exists instead of running them again. */
        public Builder resume(boolean r) {
            this.resume = r;
            return this;
        }

        public Builder listener(SweepListener l) {
            this.listener = l;
            return this;
        }

        /** The command line recorded in {@value SweepManifest#FILE_NAME}. */
        public Builder commandLine(String c) {
            this.commandLine = c;
            return this;
        }

        /** Names the program (and version) in {@value SweepManifest#FILE_NAME}. */
        public Builder generator(String g) {
            this.generator = g;
            return this;
        }

        public SweepRunner build() {
            return new SweepRunner(this);
        }
    }

    /** Runs the sweep. Throws only for bad input (before any run) and for I/O errors writing the sweep files. */
    public SweepResult run() throws IOException {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        List<String> unknown = spec.policies().stream().filter(p -> !registry.contains(p)).toList();
        if (!unknown.isEmpty()) {
            throw new SweepSpecException("unknown polic" + (unknown.size() == 1 ? "y" : "ies") + " '"
                    + String.join("', '", unknown) + "'; known policies: "
                    + String.join(", ", registry.entries().keySet()));
        }
        ScenarioSource source = ScenarioSource.read(spec.scenario());
        String scenarioName = null;
        for (int d : spec.devices()) {
            Scenario s = source.parse(overrides(new RunPoint(spec.policies().get(0), d, 0, spec.seedOf(0))));
            scenarioName = s.name();
        }

        List<RunPoint> points = spec.points();
        RunResult[] results = new RunResult[points.size()];
        List<Integer> toRun = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            RunResult done = resume ? resumed(source, points.get(i)) : null;
            if (done != null) {
                results[i] = done;
            } else {
                toRun.add(i);
            }
        }
        Files.createDirectories(dir);
        if (!resume) {
            removeOtherRuns(points);
        }
        listener.sweepStarted(points.size(), toRun.size());

        Throwable[] errors = new Throwable[points.size()];
        toRun.sort(Comparator.comparingInt((Integer i) -> -points.get(i).devices()).thenComparingInt(i -> i));
        ExecutorService pool = Executors.newFixedThreadPool(spec.threads(), threads());
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i : toRun) {
                futures.add(pool.submit(() -> {
                    RunPoint p = points.get(i);
                    listener.runStarted(p);
                    try {
                        results[i] = execute(source, p);
                    } catch (Throwable e) {
                        errors[i] = e;
                    }
                    listener.runFinished(p, errors[i] == null);
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the runs", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("sweep worker failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }

        List<RunResult> runs = new ArrayList<>();
        List<RunFailure> failures = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            if (results[i] != null) {
                runs.add(results[i]);
            } else {
                failures.add(new RunFailure(points.get(i), errors[i]));
            }
        }
        List<AggregateRow> aggregate = AggregateRow.aggregate(spec.policies(), spec.devices(), runs);
        SweepCsv.writeRuns(dir.resolve(SweepCsv.RUNS_FILE), runs);
        SweepCsv.writeAggregate(dir.resolve(SweepCsv.AGGREGATE_FILE), aggregate);
        writeFailures(failures);
        int resumedCount = points.size() - toRun.size();
        double wall = (System.nanoTime() - t0) / 1e9;
        new SweepManifest(commandLine, spec, source.label(), scenarioName, toRun.size(), resumedCount,
                failures.stream().map(RunFailure::describe).toList(),
                started.truncatedTo(ChronoUnit.SECONDS).toString(), wall, generator)
                .write(dir.resolve(SweepManifest.FILE_NAME));
        return new SweepResult(spec, dir, runs, failures, aggregate, toRun.size(), resumedCount, wall);
    }

    /** The overrides of one run: the spec's, then devices, policy and seed. */
    public List<String> overrides(RunPoint p) {
        List<String> all = new ArrayList<>(spec.overrides());
        all.add("devices.count=" + p.devices());
        all.add("policy=" + p.policy());
        all.add("seed=" + p.seed());
        return all;
    }

    private RunResult execute(ScenarioSource source, RunPoint p) throws IOException {
        Path runDir = dir.resolve(p.relativeDir());
        List<String> overrides = overrides(p);
        Scenario scenario = source.parse(overrides);
        ResultWriter writer = new ResultWriter(runDir);
        Files.deleteIfExists(runDir.resolve(SummaryJson.FILE_NAME));
        writer.deleteStaleTrace();
        SimulationResult result = OffloadSimulation.builder(scenario).registry(registry).build().run();
        writer.writeScenario(scenario.name(), source.label(), source.text(), overrides);
        writer.writeSummary(result);
        return new RunResult(p, Metric.readAll(SummaryJson.toJson(result)), false);
    }

    /**
     * Without {@code --resume} a sweep overwrites the directory: the files an earlier sweep wrote for runs that are
     * not part of this one are deleted, with the run folders they leave empty. Nothing else is touched.
     */
    private void removeOtherRuns(List<RunPoint> points) throws IOException {
        Path runs = dir.resolve("runs");
        if (!Files.isDirectory(runs)) {
            return;
        }
        Set<Path> mine = new HashSet<>();
        points.forEach(p -> mine.add(dir.resolve(p.relativeDir()).normalize()));
        List<Path> runDirs;
        try (Stream<Path> walk = Files.walk(runs, 3)) {
            runDirs = walk.filter(d -> runs.relativize(d).getNameCount() == 3 && Files.isDirectory(d))
                    .map(Path::normalize).filter(d -> !mine.contains(d)).sorted().toList();
        }
        for (Path d : runDirs) {
            for (String f : ResultWriter.FILES) {
                Files.deleteIfExists(d.resolve(f));
            }
            for (Path empty = d; !empty.equals(runs) && isEmptyDirectory(empty); empty = empty.getParent()) {
                Files.delete(empty);
            }
        }
    }

    private static boolean isEmptyDirectory(Path d) throws IOException {
        try (Stream<Path> entries = Files.list(d)) {
            return entries.findAny().isEmpty();
        }
    }

    /**
     * The completed run at {@code p} read back, or null if it has no summary. A summary (or scenario) that does
     * not belong to this sweep's run is an error rather than being silently mixed in.
     */
    private RunResult resumed(ScenarioSource source, RunPoint p) throws IOException {
        Path runDir = dir.resolve(p.relativeDir());
        Path summaryFile = runDir.resolve(SummaryJson.FILE_NAME);
        if (!Files.isRegularFile(summaryFile)) {
            return null;
        }
        JsonNode summary;
        try {
            summary = SummaryJson.read(summaryFile);
        } catch (IOException e) {
            return null;
        }
        String where = dir.relativize(runDir).toString();
        if (!p.policy().equals(summary.path("policy").asText()) || p.devices() != summary.path("devices").asInt()
                || p.seed() != summary.path("seed").asLong()) {
            throw mismatch(where, "its summary is of policy " + summary.path("policy").asText() + ", "
                    + summary.path("devices").asInt() + " devices, seed " + summary.path("seed").asLong()
                    + "; this sweep expects " + p.policy() + ", " + p.devices() + ", seed " + p.seed());
        }
        Path scenarioFile = runDir.resolve(ResultWriter.SCENARIO_FILE);
        if (Files.isRegularFile(scenarioFile)) {
            Scenario expected = source.parse(overrides(p));
            Scenario actual;
            try {
                actual = new ScenarioLoader().load(scenarioFile);
            } catch (ScenarioFileException | ScenarioException e) {
                throw mismatch(where, "its scenario.yaml does not load (" + e.getMessage() + ")");
            }
            if (!expected.equals(actual)) {
                throw mismatch(where, "its scenario.yaml differs from this sweep's scenario");
            }
        }
        return new RunResult(p, Metric.readAll(summary), true);
    }

    private static SweepSpecException mismatch(String where, String why) {
        return new SweepSpecException("cannot resume: " + where + " was written by a different sweep: " + why
                + ". Use another output directory, or run without --resume to overwrite");
    }

    private void writeFailures(List<RunFailure> failures) throws IOException {
        Path file = dir.resolve(FAILURES_FILE);
        if (failures.isEmpty()) {
            Files.deleteIfExists(file);
            return;
        }
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        out.printf("%d of %d runs failed.%n", failures.size(), spec.runCount());
        for (RunFailure f : failures) {
            out.println();
            out.println(f.describe());
            out.println("  directory: " + f.point().relativeDir());
            StringWriter trace = new StringWriter();
            f.error().printStackTrace(new PrintWriter(trace));
            trace.toString().lines().forEach(l -> out.println("  " + l));
        }
        out.flush();
        AtomicFiles.writeString(file, text.toString());
    }

    private static ThreadFactory threads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "sweep-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
