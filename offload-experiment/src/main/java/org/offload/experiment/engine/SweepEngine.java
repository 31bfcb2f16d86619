package org.offload.experiment.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.offload.experiment.SweepSpecException;
import org.offload.io.AtomicFiles;

/**
 * Runs a {@link Study}: points × replications × policies → per-run files → outcomes, on any {@link RunExecutor}.
 * It refuses a folder holding an earlier sweep's runs unless told to resume or replace them, resumes finished runs,
 * writes each run's files (atomically, on the calling side) as it finishes, and returns every run's outcome in the
 * study's order, so that tables and estimates do not depend on the executor, its parallelism or the finishing order.
 */
public final class SweepEngine {
    private SweepEngine() {
    }

    /** How a sweep ended: the outcome of every run in study order, and counts. */
    public record Result<K extends RunKey>(List<Outcome<K>> outcomes, int executed, int resumed, double wallTimeS) {
        public Result {
            outcomes = List.copyOf(outcomes);
        }

        public List<Outcome<K>> failures() {
            return outcomes.stream().filter(o -> !o.ok()).toList();
        }
    }

    /**
     * Runs {@code study} into {@code dir}.
     *
     * @param resume keep the finished runs of this sweep found in {@code dir} (a run of another sweep there is an
     *               error) and run the rest
     * @param force  replace whatever runs {@code dir} holds; without it or {@code resume}, a {@code dir} that holds
     *               runs is an error that names both options
     */
    public static <K extends RunKey> Result<K> run(Study<K> study, Path dir, RunExecutor executor, boolean resume,
                                                   boolean force, RunListener<? super K> listener)
            throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        List<K> runs = study.runs();
        if (!resume && !force) {
            int earlier = finishedRuns(dir, study.summaryFile()).size();
            if (earlier > 0) {
                throw new SweepSpecException(dir + " holds " + earlier + " run" + (earlier == 1 ? "" : "s")
                        + " of an earlier sweep; pass --resume to keep those that belong to this sweep and run the "
                        + "rest, or --force to replace them (or choose another --out)");
            }
        }
        List<Outcome<K>> outcomes = new ArrayList<>(runs.size());
        List<Integer> toRun = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            K run = runs.get(i);
            Path runDir = dir.resolve(run.relativeDir());
            double[] done = resume && Files.isRegularFile(runDir.resolve(study.summaryFile()))
                    ? study.resume(run, runDir) : null;
            outcomes.add(done == null ? null : new Outcome<>(run, done, true, null));
            if (done == null) {
                toRun.add(i);
            }
        }
        Files.createDirectories(dir);
        if (!resume) {
            removeOtherRuns(dir, study.summaryFile(), runs);
        }
        Comparator<K> order = study.executionOrder();
        toRun.sort((a, b) -> {
            int c = order.compare(runs.get(a), runs.get(b));
            return c != 0 ? c : Integer.compare(a, b);
        });
        for (int i : toRun) {
            deleteTree(dir.resolve(runs.get(i).relativeDir()));
        }
        listener.sweepStarted(runs.size(), toRun.size());
        List<K> keys = toRun.stream().map(runs::get).toList();
        @SuppressWarnings("unchecked")
        Outcome<K>[] executed = new Outcome[keys.size()];
        executor.execute(keys, study.evaluator(), new RunExecutor.Completion() {
            @Override
            public void started(int index) {
                listener.runStarted(keys.get(index));
            }

            @Override
            public void finished(int index, RunOutput output, Throwable error) {
                K run = keys.get(index);
                Throwable e = error;
                if (e == null) {
                    try {
                        write(dir.resolve(run.relativeDir()), output.files());
                    } catch (IOException | RuntimeException io) {
                        e = io;
                    }
                }
                executed[index] = new Outcome<>(run, e == null ? output.values() : null, false, e);
                listener.runFinished(run, e == null);
            }
        });
        for (int k = 0; k < keys.size(); k++) {
            outcomes.set(toRun.get(k), executed[k] != null ? executed[k]
                    : new Outcome<>(keys.get(k), null, false, new IllegalStateException("run did not finish")));
        }
        return new Result<>(outcomes, toRun.size(), runs.size() - toRun.size(), (System.nanoTime() - t0) / 1e9);
    }

    private static void write(Path runDir, Map<String, byte[]> files) throws IOException {
        Files.createDirectories(runDir);
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Path target = runDir.resolve(f.getKey()).normalize();
            if (!target.startsWith(runDir)) {
                throw new IOException("run output '" + f.getKey() + "' leaves its run folder");
            }
            Files.createDirectories(target.getParent());
            byte[] bytes = f.getValue();
            AtomicFiles.write(target, bytes);
        }
    }

    /** The folders under {@code dir/runs} that hold a {@code summaryFile}, sorted. */
    static List<Path> finishedRuns(Path dir, String summaryFile) throws IOException {
        Path runs = dir.resolve("runs");
        if (!Files.isDirectory(runs)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(runs)) {
            return walk.filter(p -> p.getFileName().toString().equals(summaryFile) && Files.isRegularFile(p))
                    .map(Path::getParent).map(Path::normalize).sorted().toList();
        }
    }

    /** Deletes the finished runs under {@code dir/runs} that are not {@code mine}, and the folders left empty. */
    private static <K extends RunKey> void removeOtherRuns(Path dir, String summaryFile, List<K> mine)
            throws IOException {
        Set<Path> keep = new HashSet<>();
        mine.forEach(r -> keep.add(dir.resolve(r.relativeDir()).normalize()));
        Path runs = dir.resolve("runs").normalize();
        for (Path d : finishedRuns(dir, summaryFile)) {
            if (keep.contains(d)) {
                continue;
            }
            deleteTree(d);
            for (Path empty = d.getParent(); empty != null && !empty.equals(runs) && isEmptyDirectory(empty);
                    empty = empty.getParent()) {
                Files.delete(empty);
            }
        }
    }

    private static void deleteTree(Path d) throws IOException {
        if (!Files.isDirectory(d)) {
            return;
        }
        List<Path> all;
        try (Stream<Path> walk = Files.walk(d)) {
            all = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path p : all) {
            Files.deleteIfExists(p);
        }
    }

    private static boolean isEmptyDirectory(Path d) throws IOException {
        if (!Files.isDirectory(d)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(d)) {
            return entries.findAny().isEmpty();
        }
    }
}
