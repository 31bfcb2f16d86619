package org.offload.cli;

import org.offload.experiment.engine.RunExecutor;
import org.offload.experiment.engine.RunExecutorProvider;
import org.offload.experiment.engine.ThreadPoolRunExecutor;
import picocli.CommandLine.Option;

/**
 * {@code --engine} and {@code --master}: where a sweep's runs execute. {@code thread} (the default) is a pool of
 * threads in this JVM; any other engine is looked up as a {@link RunExecutorProvider} on the class path (the
 * {@code offload-spark} jar provides {@code spark}), so the command line does not depend on it at compile time.
 */
final class EngineOptions {
    static final String THREAD = "thread";

    @Option(names = "--engine", paramLabel = "NAME", description = "Where runs execute: thread (default: --threads "
            + "threads in this JVM) or spark (Apache Spark; needs the offload-spark jar, see docs/spark.md). "
            + "Results do not depend on it.")
    String engine = THREAD;

    @Option(names = "--master", paramLabel = "URL", description = "With --engine spark: the Spark master, local[*] "
            + "(default), local[N], spark://HOST:7077 or k8s://https://HOST:PORT.")
    String master;

    /** Adds the problems of the two options (a master without a cluster engine, an unknown engine name). */
    void check(Problems problems) {
        if (!THREAD.equals(engine) && !"spark".equals(engine)) {
            problems.add("--engine: unknown engine '" + engine + "'; known engines: thread, spark");
        }
        if (master != null && THREAD.equals(engine)) {
            problems.add("--master: only with --engine spark (the thread engine runs in this JVM)");
        }
    }

    /**
     * The executor: a pool of {@code threads} threads, or the named engine's. An engine missing from the class
     * path or an unusable master is a {@link UsageException}. Close the result when it is {@link AutoCloseable}.
     */
    RunExecutor executor(int threads) {
        if (THREAD.equals(engine)) {
            return new ThreadPoolRunExecutor(threads);
        }
        RunExecutorProvider provider = RunExecutorProvider.find(engine, EngineOptions.class.getClassLoader())
                .orElseThrow(() -> new UsageException("--engine " + engine + ": the " + engine + " engine is not on "
                        + "the class path; it is in offload-spark/target/offload-spark.jar (build it with 'mvn -B "
                        + "package -pl offload-spark -am -DskipTests'), e.g. OFFLOAD_CLASSPATH=offload-spark/target/"
                        + "offload-spark.jar:$(cat offload-spark/target/classpath.txt) ./offload sweep ..., or "
                        + "spark-submit --class "
                        + "org.offload.cli.Main offload-spark.jar sweep ... (see docs/spark.md)"));
        try {
            return provider.create(master);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--master: " + e.getMessage());
        }
    }

    /** Closes {@code executor} if it holds resources (a Spark context). */
    static void close(RunExecutor executor) {
        if (executor instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot stop " + executor.describe() + ": " + e.getMessage(), e);
            }
        }
    }
}
