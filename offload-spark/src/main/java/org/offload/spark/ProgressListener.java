package org.offload.spark;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.offload.experiment.engine.RunExecutor;

/**
 * Feeds a sweep's progress from Spark's listener bus: a task's start is its run's start
 * ({@link RunExecutor.Completion#started}), found from the job's first run (a local property) and the task's
 * partition; a lost executor is reported on standard error (Spark retries its tasks).
 */
final class ProgressListener extends SparkListener {
    private final RunExecutor.Completion completion;
    private final PrintStream err;
    /** Stage id → index of its job's first run. */
    private final Map<Integer, Integer> firstRun = new ConcurrentHashMap<>();

    ProgressListener(RunExecutor.Completion completion) {
        this(completion, System.err);
    }

    ProgressListener(RunExecutor.Completion completion, PrintStream err) {
        this.completion = completion;
        this.err = err;
    }

    @Override
    public void onJobStart(SparkListenerJobStart job) {
        String first = job.properties() == null ? null : job.properties().getProperty(SparkRunExecutor.FIRST_RUN);
        if (first == null) {
            return;
        }
        int f = Integer.parseInt(first);
        job.stageIds().foreach(id -> firstRun.put((Integer) id, f));
    }

    @Override
    public void onTaskStart(SparkListenerTaskStart task) {
        Integer first = firstRun.get(task.stageId());
        if (first != null && task.taskInfo().attemptNumber() == 0) {
            completion.started(first + task.taskInfo().partitionId());
        }
    }

    @Override
    public void onExecutorRemoved(SparkListenerExecutorRemoved removed) {
        err.println("offload sweep: Spark executor " + removed.executorId() + " removed (" + removed.reason()
                + "); Spark retries its tasks");
        err.flush();
    }
}
