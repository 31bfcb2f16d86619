package org.offload.queueing;

import java.util.SplittableRandom;

import org.offload.engine.EventHandler;
import org.offload.engine.Simulation;

/**
 * A tiny open-system driver for the closed-form tests: Poisson arrivals of rate {@code lambda} bring jobs of
 * exponentially distributed size (mean {@code 1 / mu} work units at rate 1 per unit) to one server. It records
 * sojourn and waiting time of every job after the first {@code warmupJobs}, and batch means over
 * {@code batches} equal batches (by arrival order) for a confidence interval.
 */
final class QueueDriver implements EventHandler {
    /** What one run measured. */
    record Estimate(long jobs, double meanSojourn, double meanWait, double sojournHalfWidth95,
                    double waitHalfWidth95, double busyUnitSeconds, double endTime) {
    }

    static final class Job extends Work {
        final long index;

        Job(long index) {
            this.index = index;
        }
    }

    /** How the driver builds its server. */
    @FunctionalInterface
    interface ServerFactory {
        Server create(Simulation sim, Server.Listener listener);
    }

    private final Simulation sim = new Simulation();
    private final Server server;
    private final SplittableRandom arrivals;
    private final SplittableRandom sizes;
    private final double lambda;
    private final double meanSize;
    private final long warmupJobs;
    private final long totalJobs;
    private final int batches;
    private final double[] batchSojourn;
    private final double[] batchWait;
    private final long perBatch;
    private long arrived;
    private long departed;

    QueueDriver(ServerFactory factory, double lambda, double mu, long warmupJobs, long measuredJobs, int batches,
                long seed) {
        this.server = factory.create(sim, this::onServed);
        SplittableRandom root = new SplittableRandom(seed);
        this.arrivals = root.split();
        this.sizes = root.split();
        this.lambda = lambda;
        this.meanSize = 1 / mu;
        this.warmupJobs = warmupJobs;
        this.totalJobs = warmupJobs + measuredJobs;
        this.batches = batches;
        this.batchSojourn = new double[batches];
        this.batchWait = new double[batches];
        this.perBatch = measuredJobs / batches;
    }

    private static double exp(SplittableRandom r, double mean) {
        return -mean * Math.log(1 - r.nextDouble());
    }

    Estimate run() {
        sim.schedule(exp(arrivals, 1 / lambda), this, 0, null, 0);
        sim.runUntil(Double.POSITIVE_INFINITY);
        if (departed != totalJobs) {
            throw new AssertionError("departed " + departed + " of " + totalJobs);
        }
        return new Estimate(perBatch * batches, mean(batchSojourn) / perBatch, mean(batchWait) / perBatch,
                halfWidth(batchSojourn) / perBatch, halfWidth(batchWait) / perBatch, server.busyUnitSeconds(),
                sim.now());
    }

    @Override
    public void onEvent(int tag, Object data, long stamp) {
        Job j = new Job(arrived++);
        server.add(j, exp(sizes, meanSize));
        if (arrived < totalJobs) {
            sim.schedule(exp(arrivals, 1 / lambda), this, 0, null, 0);
        }
    }

    private void onServed(Work w) {
        departed++;
        Job j = (Job) w;
        long k = j.index - warmupJobs;
        if (k < 0) {
            return;
        }
        int b = (int) (k / perBatch);
        if (b >= batches) {
            return;
        }
        batchSojourn[b] += sim.now() - j.enteredS();
        batchWait[b] += j.startedS() - j.enteredS();
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    /** 95% half-width of the mean of the batch sums (normal approximation, fine for >= 20 batches). */
    private static double halfWidth(double[] x) {
        double m = mean(x);
        double ss = 0;
        for (double v : x) {
            ss += (v - m) * (v - m);
        }
        double sd = Math.sqrt(ss / (x.length - 1));
        return 1.96 * sd / Math.sqrt(x.length);
    }
}
