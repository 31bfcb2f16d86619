package org.offload.cli;

import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.offload.experiment.engine.RunListener;

/**
 * Progress of a sweep over its runs (any study): a progress bar with ETA on a console, otherwise a line on standard
 * error at every 10% of the runs, nothing when quiet. It always counts the runs kept so far (resumed and finished
 * ones) for {@link InterruptNotice}.
 */
final class SweepProgress implements RunListener<Object>, AutoCloseable, InterruptNotice.Counts {
    private final boolean console;
    private final boolean quiet;
    private final PrintWriter err;
    private ProgressBar bar;
    private int all;
    private int total;
    private int resumed;
    private int done;
    private int failed;
    private int lastDecile;
    private long startNanos;

    SweepProgress(boolean console, boolean quiet, PrintWriter err) {
        this.console = console;
        this.quiet = quiet;
        this.err = err;
    }

    @Override
    public synchronized void sweepStarted(int runs, int toRun) {
        all = runs;
        total = toRun;
        resumed = runs - toRun;
        startNanos = System.nanoTime();
        if (quiet) {
            return;
        }
        if (runs > toRun) {
            err.printf("offload sweep: %d of %d runs already done, resuming%n", runs - toRun, runs);
            err.flush();
        }
        if (console && toRun > 0) {
            bar = new ProgressBarBuilder()
                    .setTaskName("sweep")
                    .setInitialMax(toRun)
                    .setUnit(" runs", 1)
                    .setUpdateIntervalMillis(500)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err))
                    .clearDisplayOnFinish()
                    .build();
        }
    }

    @Override
    public synchronized void runFinished(Object run, boolean ok) {
        done++;
        if (!ok) {
            failed++;
        }
        if (quiet) {
            return;
        }
        if (bar != null) {
            bar.step();
            if (failed > 0) {
                bar.setExtraMessage(failed + " failed");
            }
            return;
        }
        int decile = total == 0 ? 10 : done * 10 / total;
        if (!console && decile > lastDecile) {
            lastDecile = decile;
            double elapsed = (System.nanoTime() - startNanos) / 1e9;
            double left = done == 0 ? 0 : elapsed / done * (total - done);
            err.printf(Locale.ROOT, "offload sweep: %3d%% (%d/%d runs%s), elapsed %s%s%n", decile * 10, done, total,
                    failed > 0 ? ", " + failed + " failed" : "", clock(elapsed),
                    done < total ? ", about " + clock(left) + " left" : "");
            err.flush();
        }
    }

    @Override
    public synchronized int kept() {
        return resumed + done - failed;
    }

    @Override
    public synchronized int total() {
        return all;
    }

    @Override
    public synchronized void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s % 3600 / 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
