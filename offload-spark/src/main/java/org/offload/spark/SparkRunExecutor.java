package org.offload.spark;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.SimpleFutureAction;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.offload.experiment.engine.RunExecutor;
import org.offload.experiment.engine.RunOutput;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction1;
import scala.runtime.BoxedUnit;
import scala.util.Try;

/**
 * Runs a sweep's runs on Apache Spark, each run one Spark task. The runs are cut into jobs of
 * {@link #runsPerJob} runs (one partition per run), all submitted at once, so that the cluster stays busy; each
 * task's result reaches the driver as the task ends (Spark's result handler), and the calling thread hands it to the
 * engine, which writes the files on the driver and moves the progress bar.
 * A run that throws is a result, not a failed task (Spark would retry it in vain); a lost executor's tasks are
 * retried by Spark ({@code spark.task.maxFailures}). Progress (task starts, lost executors) comes from a
 * {@link ProgressListener} on the context's listener bus.
 */
public final class SparkRunExecutor implements RunExecutor, AutoCloseable {
    /** Local property naming a job's first run, read back by the {@link ProgressListener}. */
    static final String FIRST_RUN = "offload.firstRun";
    /** Spark configuration key for the runs per job (default {@value #DEFAULT_RUNS_PER_JOB}). */
    public static final String RUNS_PER_JOB_KEY = "spark.offload.runsPerJob";
    static final int DEFAULT_RUNS_PER_JOB = 8;

    private final JavaSparkContext context;
    private final int runsPerJob;
    private final String description;

    /** An executor on a started context; {@code runsPerJob} runs per Spark job (at least 1). */
    public SparkRunExecutor(JavaSparkContext context, int runsPerJob) {
        if (runsPerJob < 1) {
            throw new IllegalArgumentException("runs per job: must be at least 1, got " + runsPerJob);
        }
        this.context = context;
        this.runsPerJob = runsPerJob;
        this.description = "Spark " + context.version() + " (" + context.master() + ", "
                + context.defaultParallelism() + " cores)";
    }

    /**
     * Starts a Spark context on {@code master} (checked first, see {@link Masters}); null means the
     * {@code spark.master} that spark-submit set, else {@code local[*]}.
     */
    public static SparkRunExecutor start(String master) {
        SparkConf conf = new SparkConf().setAppName("offload sweep");
        if (master != null) {
            conf.setMaster(Masters.check(master));
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        } else {
            Masters.check(conf.get("spark.master"));
        }
        conf.setIfMissing("spark.ui.enabled", "false");
        String m = conf.get("spark.master");
        if (m.startsWith("local")) {
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        String jar = ownJar();
        if (!LOCAL.matcher(m).matches() && jar != null) {
            // executors in other JVMs need this code: ship the jar it came from (spark-submit sets spark.jars)
            conf.setIfMissing("spark.jars", jar);
        }
        java.util.regex.Matcher cluster = java.util.regex.Pattern.compile("local-cluster\\[\\d+,\\d+,(\\d+)]")
                .matcher(conf.get("spark.master"));
        if (cluster.matches()) {
            // an executor as large as the worker the master string gives (Spark's default 1g exceeds a small one)
            conf.setIfMissing("spark.executor.memory", cluster.group(1) + "m");
        }
        JavaSparkContext context = new JavaSparkContext(conf);
        context.setLogLevel(conf.get("spark.offload.logLevel", "WARN"));
        return new SparkRunExecutor(context, conf.getInt(RUNS_PER_JOB_KEY, DEFAULT_RUNS_PER_JOB));
    }

    private static final java.util.regex.Pattern LOCAL = java.util.regex.Pattern.compile("local(\\[.*])?");

    /** The jar this class was loaded from, or null (a classes folder in a build). */
    private static String ownJar() {
        try {
            java.net.URL where = SparkRunExecutor.class.getProtectionDomain().getCodeSource().getLocation();
            String path = java.nio.file.Path.of(where.toURI()).toString();
            return path.endsWith(".jar") ? path : null;
        } catch (java.net.URISyntaxException | SecurityException | NullPointerException e) {
            return null;
        }
    }

    /** The context the runs execute on. */
    public JavaSparkContext context() {
        return context;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public <K> void execute(List<K> runs, Evaluator<K> evaluator, Completion completion) throws InterruptedException {
        if (runs.isEmpty()) {
            return;
        }
        ProgressListener progress = new ProgressListener(completion);
        context.sc().addSparkListener(progress);
        // Spark's scheduler thread hands each task's result over as it arrives; this thread writes it
        BlockingQueue<Result> arrived = new LinkedBlockingQueue<>();
        // one copy of the evaluator per executor JVM (deserialised once; it may cache, e.g. its policy registry),
        // not one per task
        Broadcast<Evaluator<K>> shared = context.broadcast(evaluator);
        List<SimpleFutureAction<BoxedUnit>> jobs = new ArrayList<>();
        boolean[] reported = new boolean[runs.size()];
        int done = 0;
        try {
            for (int first = 0; first < runs.size(); first += runsPerJob) {
                List<Indexed<K>> part = new ArrayList<>();
                List<Object> partitions = new ArrayList<>();
                for (int i = first; i < Math.min(runs.size(), first + runsPerJob); i++) {
                    partitions.add(part.size());
                    part.add(new Indexed<>(i, runs.get(i)));
                }
                context.setLocalProperty(FIRST_RUN, Integer.toString(first));
                context.setJobDescription("offload runs " + (first + 1) + "-" + (first + part.size()) + " of "
                        + runs.size());
                jobs.add(context.sc().submitJob(context.parallelize(part, part.size()).rdd(), new RunTask<>(shared),
                        CollectionConverters.asScala(partitions).toSeq(), (i, r) -> {
                            arrived.add(r);
                            return BoxedUnit.UNIT;
                        }, () -> BoxedUnit.UNIT));
            }
            boolean[] failedJob = new boolean[jobs.size()];
            while (done < runs.size()) {
                Result r = arrived.poll(200, TimeUnit.MILLISECONDS);
                if (r != null) {
                    done += report(r, reported, completion);
                    continue;
                }
                for (int j = 0; j < jobs.size(); j++) {
                    Option<Try<BoxedUnit>> state = jobs.get(j).value();
                    if (failedJob[j] || state.isEmpty() || state.get().isSuccess()) {
                        continue;
                    }
                    // the job failed (e.g. a task lost more often than spark.task.maxFailures): the results it
                    // delivered before are in the queue; its other runs failed
                    failedJob[j] = true;
                    for (Result q; (q = arrived.poll()) != null; ) {
                        done += report(q, reported, completion);
                    }
                    Throwable cause = state.get().failed().get();
                    for (int i = j * runsPerJob; i < Math.min(runs.size(), (j + 1) * runsPerJob); i++) {
                        if (!reported[i]) {
                            reported[i] = true;
                            done++;
                            completion.finished(i, null, cause);
                        }
                    }
                }
            }
        } catch (InterruptedException e) {
            context.cancelAllJobs();
            throw e;
        } finally {
            context.setLocalProperty(FIRST_RUN, null);
            try {
                // let the listener see the last task events before it leaves the bus
                context.sc().listenerBus().waitUntilEmpty(10_000);
            } catch (TimeoutException e) {
                // progress only: the results are all in
            }
            context.sc().removeSparkListener(progress);
            shared.destroy();
        }
    }

    /** Hands a task's result to {@code completion} once; returns 1 if it was new. */
    private static int report(Result r, boolean[] reported, Completion completion) {
        if (reported[r.index()]) {
            return 0;
        }
        reported[r.index()] = true;
        completion.finished(r.index(), r.output(), r.error());
        return 1;
    }

    @Override
    public void close() {
        context.stop();
    }

    /** A run with its index in the executor's list. */
    record Indexed<K>(int index, K run) implements Serializable {
    }

    /** What a task sends back: the run's output, or the error it threw. */
    record Result(int index, RunOutput output, Throwable error) implements Serializable {
    }

    /** A task's work: evaluates the one run of its partition; an exception becomes part of the result. */
    static final class RunTask<K> extends AbstractFunction1<scala.collection.Iterator<Indexed<K>>, Result>
            implements Serializable {
        private static final long serialVersionUID = 1L;
        private final Broadcast<Evaluator<K>> evaluator;

        RunTask(Broadcast<Evaluator<K>> evaluator) {
            this.evaluator = evaluator;
        }

        @Override
        public Result apply(scala.collection.Iterator<Indexed<K>> partition) {
            Indexed<K> run = partition.next();
            try {
                return new Result(run.index(), evaluator.value().evaluate(run.run()), null);
            } catch (Exception | LinkageError | AssertionError e) {
                return new Result(run.index(), null, serialisable(e));
            }
        }
    }

    /** {@code e} itself if it serialises, else a stand-in with its class, message and stack trace. */
    static Throwable serialisable(Throwable e) {
        try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
            out.writeObject(e);
            return e;
        } catch (IOException notSerialisable) {
            RuntimeException copy = new RuntimeException(e.getClass().getName() + ": " + e.getMessage());
            copy.setStackTrace(e.getStackTrace());
            return copy;
        }
    }
}
