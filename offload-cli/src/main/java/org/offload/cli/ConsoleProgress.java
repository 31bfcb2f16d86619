package org.offload.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.offload.sim.ProgressListener;

/** A progress bar on standard error: percent of the simulated duration, with the number of tasks generated. */
final class ConsoleProgress implements ProgressListener, AutoCloseable {
    private final ProgressBar bar;

    ConsoleProgress(String taskName) {
        bar = new ProgressBarBuilder()
                .setTaskName(taskName)
                .setInitialMax(100)
                .setUnit("%", 1)
                .setUpdateIntervalMillis(200)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .clearDisplayOnFinish()
                .build();
    }

    @Override
    public void onProgress(double simulatedS, double totalS, long tasksGenerated) {
        long percent = totalS > 0 ? Math.min(100, Math.round(100 * simulatedS / totalS)) : 0;
        bar.stepTo(percent);
        bar.setExtraMessage(tasksGenerated + " tasks");
    }

    @Override
    public void close() {
        bar.close();
    }
}
