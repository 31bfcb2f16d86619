package org.offload.workload;

import java.util.List;
import java.util.SplittableRandom;

import org.offload.engine.EventHandler;
import org.offload.engine.RandomStreams;
import org.offload.engine.Simulation;
import org.offload.model.Task;
import org.offload.scenario.ApplicationSpec;
import org.offload.scenario.ArrivalSpec;

/**
 * Generates tasks lazily: each device has exactly one pending arrival event, so memory does not grow with
 * simulated time. Each device runs one application, drawn by usage share; arrivals follow the application's
 * process, with exponential or fixed-length (EdgeCloudSim's {@code IdleActiveLoadGenerator},
 * {@code task_generator/IdleActiveLoadGenerator.java}) active/idle periods when configured. Every device draws
 * from its own random stream, so adding devices does not change what existing devices generate.
 */
public final class TaskGenerator implements EventHandler {
    /** Receives each new task at its generation time. */
    @FunctionalInterface
    public interface Sink {
        void accept(Task task);
    }

    private final Simulation sim;
    private final List<ApplicationSpec> apps;
    private final int[] appOf;
    private final SplittableRandom[] random;
    private final double[] activeUntil;
    private final double stopS;
    private final Sink sink;
    private long nextId;

    public TaskGenerator(Simulation sim, List<ApplicationSpec> apps, int devices, double stopS,
                         RandomStreams streams, Sink sink) {
        this.sim = sim;
        this.apps = apps;
        this.stopS = stopS;
        this.sink = sink;
        appOf = new int[devices];
        random = new SplittableRandom[devices];
        activeUntil = new double[devices];
        double[] cumulative = new double[apps.size()];
        double acc = 0;
        for (int a = 0; a < apps.size(); a++) {
            acc += apps.get(a).usagePercent();
            cumulative[a] = acc;
        }
        for (int d = 0; d < devices; d++) {
            SplittableRandom r = streams.stream("workload", d);
            random[d] = r;
            double u = r.nextDouble() * acc;
            int a = 0;
            while (a < cumulative.length - 1 && u >= cumulative[a]) {
                a++;
            }
            appOf[d] = a;
        }
    }

    /** Schedules every device's first arrival. */
    public void start() {
        for (int d = 0; d < appOf.length; d++) {
            ArrivalSpec arr = apps.get(appOf[d]).arrival();
            SplittableRandom r = random[d];
            double t = 0;
            if (!arr.hasPeriods()) {
                activeUntil[d] = Double.POSITIVE_INFINITY;
            } else if (arr.onOff() == ArrivalSpec.OnOff.IDLE_ACTIVE) {
                // EdgeCloudSim's IdleActiveLoadGenerator: the first active period starts uniformly within one
                // active period's length, so devices do not start in step
                t = arr.activeS() * r.nextDouble();
                activeUntil[d] = t + arr.activeS();
            } else if (r.nextDouble() < arr.activeS() / (arr.activeS() + arr.idleS())) {
                // Start in the stationary on/off state so the warm-up is not dominated by a synchronised burst.
                activeUntil[d] = exp(r, arr.activeS());
            } else {
                t = exp(r, arr.idleS());
                activeUntil[d] = t + exp(r, arr.activeS());
            }
            scheduleNext(d, t);
        }
    }

    /** Length of the next active or idle period with the given mean. */
    private static double period(SplittableRandom r, ArrivalSpec arr, double mean) {
        return arr.onOff() == ArrivalSpec.OnOff.IDLE_ACTIVE ? mean : exp(r, mean);
    }

    private static double exp(SplittableRandom r, double mean) {
        return -mean * Math.log(1 - r.nextDouble());
    }

    private void scheduleNext(int d, double from) {
        ApplicationSpec app = apps.get(appOf[d]);
        ArrivalSpec arr = app.arrival();
        SplittableRandom r = random[d];
        double t = from + gap(r, arr);
        while (t > activeUntil[d]) {
            // a task falling after the active period is dropped and the next period starts after the idle one
            // (as IdleActiveLoadGenerator skips it too)
            double idleEnd = activeUntil[d] + period(r, arr, arr.idleS());
            activeUntil[d] = idleEnd + period(r, arr, arr.activeS());
            t = idleEnd + gap(r, arr);
        }
        if (t < stopS) {
            sim.scheduleAt(t, this, d, null, 0);
        }
    }

    private static double gap(SplittableRandom r, ArrivalSpec arr) {
        if (arr.process() == ArrivalSpec.Process.POISSON) {
            return exp(r, arr.meanInterarrivalS());
        }
        double lo = arr.interarrivalS().min();
        double hi = arr.interarrivalS().max();
        return lo + (hi - lo) * r.nextDouble();
    }

    @Override
    public void onEvent(int device, Object data, long stamp) {
        ApplicationSpec app = apps.get(appOf[device]);
        SplittableRandom r = random[device];
        boolean exponential = app.distribution() == ApplicationSpec.Distribution.EXPONENTIAL;
        double length = exponential ? exp(r, app.lengthMi()) : app.lengthMi();
        double up = exponential ? exp(r, app.uploadKb()) : app.uploadKb();
        double down = exponential ? exp(r, app.downloadKb()) : app.downloadKb();
        Task task = new Task(nextId++, appOf[device], device, sim.now(), length, up, down, app.delaySensitivity(),
                app.maxDelayS(), app.memoryMb());
        scheduleNext(device, sim.now());
        sink.accept(task);
    }

    public long generated() {
        return nextId;
    }

    /** Application run by a device. */
    public int applicationOf(int device) {
        return appOf[device];
    }
}
