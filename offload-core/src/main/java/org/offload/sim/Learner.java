package org.offload.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import org.offload.drift.DeviceModels;
import org.offload.drift.DriftMetrics;
import org.offload.drift.DriftSeries;
import org.offload.drift.SampleBuffers;
import org.offload.scenario.ApplicationSpec;
import org.offload.scenario.DriftSpec;

/**
 * One continual-learning application inside {@link ContinualLearning}: its devices, their models
 * ({@link DeviceModels}) and sample buffers, its time series and its counters, and from them its
 * {@link DriftMetrics} (which also checks that every retraining job ended exactly once).
 */
final class Learner {
    final ApplicationSpec app;
    final DriftSpec spec;
    final List<Integer> devices = new ArrayList<>();
    final SplittableRandom[] random;
    final DeviceModels models;
    final SampleBuffers buffers;
    final boolean[] busy;
    final List<double[]> series = new ArrayList<>();
    final Map<String, Long> failed = new TreeMap<>();
    int inFlight;
    double uploadKbTotal;
    long collected;
    long uploaded;
    long dropped;
    long jobs;
    long completed;
    long unfinished;
    long ends;
    long tasksScored;
    double taskAccuracySum;
    double useful;
    double uploadKb;
    double uploadJ;
    double modelKb;
    double downloadJ;
    double mi;
    double processingS;
    double waitS;

    Learner(ApplicationSpec app, int devices) {
        this.app = app;
        this.spec = app.drift();
        this.random = new SplittableRandom[devices];
        this.models = new DeviceModels(spec, devices);
        this.buffers = new SampleBuffers(spec.upload(), devices);
        this.busy = new boolean[devices];
    }

    DriftMetrics metrics(double warmupS, double durationS) {
        int k = series.size();
        double[][] cols = new double[6][k];
        int[] flight = new int[k];
        double windowSum = 0;
        int windowPoints = 0;
        double windowMin = Double.NaN;
        for (int i = 0; i < k; i++) {
            double[] row = series.get(i);
            for (int c = 0; c < 5; c++) {
                cols[c][i] = row[c];
            }
            flight[i] = (int) row[5];
            if (row[0] >= warmupS - 1e-9 && row[0] <= durationS + 1e-9 && !Double.isNaN(row[1])) {
                windowSum += row[1];
                windowPoints++;
                windowMin = Double.isNaN(windowMin) ? row[1] : Math.min(windowMin, row[1]);
            }
        }
        double last = k > 0 ? series.get(k - 1)[1] : Double.NaN;
        long failures = failed.values().stream().mapToLong(Long::longValue).sum();
        if (ends != jobs || ends != completed + failures + unfinished) {
            throw new IllegalStateException("retraining jobs: " + jobs + " started, " + ends + " ended, " + completed
                    + " completed, " + failures + " failed, " + unfinished + " unfinished");
        }
        return new DriftMetrics(devices.size(), spec.upload().policy().name().toLowerCase(Locale.ROOT),
                windowPoints > 0 ? windowSum / windowPoints : Double.NaN, windowMin, last,
                tasksScored > 0 ? taskAccuracySum / tasksScored : Double.NaN, tasksScored, collected, uploaded,
                dropped, useful, uploadKb, uploadJ, modelKb, downloadJ, jobs, completed, failed, unfinished, mi,
                processingS, waitS,
                new DriftSeries(cols[0], cols[1], cols[2], cols[3], cols[4], flight));
    }
}
