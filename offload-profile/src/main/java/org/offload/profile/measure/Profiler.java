package org.offload.profile.measure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import org.offload.learn.Djl;
import org.offload.profile.arch.Arch;
import org.offload.profile.arch.Family;
import org.offload.profile.djl.DjlNets;

/**
 * Runs a {@link Grid} on each {@link HardwareProfile}: for each configuration it builds the network with random
 * weights (seeded), discards {@code warmup} runs, then times {@code repeats} runs (as many as fit the time budget,
 * within bounds) and records latency mean/p50/p95, the peak resident memory the configuration added (VmHWM after,
 * minus VmRSS before, with the peak reset and freed native memory trimmed first), CPU utilisation and energy per
 * batch ({@link EnergyMeter}).
 */
public final class Profiler {
    /** Called after each configuration. */
    public interface Listener {
        void onConfig(int done, int total, String label);
    }

    /** Shortest CPU time that the process clock resolves well; below it one busy core is assumed. */
    static final double MIN_CPU_S = 0.05;

    private final Grid grid;
    private final List<HardwareProfile> hardware;
    private final double budgetS;
    private final int warmup;
    private final int minRepeats;
    private final int maxRepeats;
    private final long seed;
    private final EnergyMeter energy = new EnergyMeter();
    private final List<HardwareProfile.Measured> measured = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private double referenceGflops = Double.NaN;

    public Profiler(Grid grid, List<HardwareProfile> hardware, double budgetS, int warmup, int minRepeats,
                    int maxRepeats, long seed) {
        this.grid = grid;
        this.hardware = List.copyOf(hardware);
        this.budgetS = budgetS;
        this.warmup = warmup;
        this.minRepeats = minRepeats;
        this.maxRepeats = maxRepeats;
        this.seed = seed;
    }

    /** Number of configurations {@link #run} measures. */
    public int total() {
        int n = 0;
        for (HardwareProfile h : hardware) {
            n += grid.inference().size() + (h.threads() == 1 ? grid.training().size() : 0);
        }
        return n;
    }

    public List<HardwareProfile.Measured> hardwareMeasured() {
        return List.copyOf(measured);
    }

    /** Remarks on what could not be done as asked (no affinity, no peak reset, ...). */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    public EnergyMeter energyMeter() {
        return energy;
    }

    /** One-thread matrix-multiply speed on a free core, the reference of every profile's {@code hw_core_speed}. */
    public double referenceGflops() {
        return referenceGflops;
    }

    public List<ProfileRow> run(Listener listener) {
        Djl.configure();
        Device device = Djl.device();
        String original = Affinity.current();
        boolean affinity = original != null;
        if (!affinity) {
            notes.add("taskset not available: hardware profiles restrict threads only");
        }
        if (!Host.resetPeak()) {
            notes.add("/proc/self/clear_refs not writable: peak memory is the process peak, not per configuration");
        }
        Djl.setThreads(1);
        referenceGflops = gflops(device);
        List<ProfileRow> rows = new ArrayList<>();
        int done = 0;
        int total = total();
        for (HardwareProfile hw : hardware) {
            boolean pinned = false;
            if (hw.cpus() != null && affinity) {
                pinned = Affinity.set(hw.cpus());
                if (!pinned) {
                    notes.add("could not pin to CPUs " + hw.cpus() + " for " + hw.name());
                }
            }
            Spinner spinner = hw.contended() ? Spinner.start() : null;
            try {
                Djl.setThreads(1);
                double g = gflops(device);
                HardwareProfile.Measured m = new HardwareProfile.Measured(hw, g / referenceGflops, g, pinned);
                measured.add(m);
                Djl.setThreads(hw.threads());
                List<Grid.Config> configs = new ArrayList<>(grid.inference());
                if (hw.threads() == 1) {
                    configs.addAll(grid.training());
                }
                for (Grid.Config c : configs) {
                    rows.add(measure(c, m, device, spinner));
                    listener.onConfig(++done, total, hw.name() + " " + c.label());
                }
            } finally {
                if (spinner != null) {
                    spinner.stop();
                }
                if (pinned && original != null) {
                    Affinity.set(original);
                }
            }
        }
        Djl.setThreads(1);
        return rows;
    }

    /** GFLOP/s of repeated 256x256 matrix products (about 0.3 s), with the current threads and affinity. */
    static double gflops(Device device) {
        return Calibration.matrixProductGflops(device, 256, 0.3);
    }

    private ProfileRow measure(Grid.Config c, HardwareProfile.Measured hw, Device device, Spinner spinner) {
        Arch arch = c.arch();
        long[] shape = arch.sample().batched(c.batch());
        Host.mallocTrim();
        Host.resetPeak();
        double rss0 = Host.rssMb();
        double[] times;
        double cpu;
        double joules;
        int warm;
        try (NDManager m = NDManager.newBaseManager(device)) {
            Block block = DjlNets.build(arch.net());
            Run run;
            Model model = null;
            Trainer trainer = null;
            if (c.training()) {
                model = Model.newInstance(arch.name(), device);
                model.setBlock(block);
                Djl.engine().setRandomSeed((int) seed);
                Optimizer opt = c.optimizer().equals("adam")
                        ? Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.001f)).build()
                        : Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.01f)).build();
                trainer = model.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss()).optOptimizer(opt)
                        .optDevices(new Device[] {device}));
                trainer.initialize(new Shape(shape));
                NDArray x = m.randomNormal(new Shape(shape));
                int classes = arch.family() == Family.RESNET || arch.family() == Family.MOBILENET_V2
                        ? Arch.IMAGENET_CLASSES : Arch.SMALL_CLASSES;
                NDArray y = m.randomInteger(0, classes, new Shape(c.batch()), DataType.INT64);
                Trainer t = trainer;
                run = () -> {
                    try (NDManager s = m.newSubManager()) {
                        x.tempAttach(s);
                        y.tempAttach(s);
                        try (GradientCollector gc = t.newGradientCollector()) {
                            NDList pred = t.forward(new NDList(x));
                            NDArray loss = t.getLoss().evaluate(new NDList(y), pred);
                            gc.backward(loss);
                        }
                        t.step();
                    }
                };
            } else {
                DjlNets.initialize(block, m, seed, shape);
                NDArray x = m.randomNormal(new Shape(shape));
                ParameterStore ps = new ParameterStore(m, false);
                run = () -> {
                    try (NDManager s = m.newSubManager()) {
                        x.tempAttach(s);
                        NDList out = block.forward(ps, new NDList(x), false);
                        out.head().toFloatArray();
                    }
                };
            }
            try {
                long t0 = System.nanoTime();
                run.run();
                double first = (System.nanoTime() - t0) / 1e9;
                warm = 1;
                for (int i = 1; i < warmup; i++) {
                    run.run();
                    warm++;
                }
                int repeats = (int) Math.max(minRepeats, Math.min(maxRepeats, Math.ceil(budgetS / Math.max(first, 1e-6))));
                times = new double[repeats];
                double cpu0 = Host.processCpuS();
                double spin0 = spinner == null ? 0 : spinner.cpuS();
                double e0 = energy.readJ();
                for (int i = 0; i < repeats; i++) {
                    long s = System.nanoTime();
                    run.run();
                    times[i] = (System.nanoTime() - s) / 1e6;
                }
                double e1 = energy.readJ();
                cpu = Host.processCpuS() - cpu0 - (spinner == null ? 0 : spinner.cpuS() - spin0);
                double wall = Arrays.stream(times).sum() / 1e3;
                if (!(cpu >= MIN_CPU_S) || !Double.isFinite(cpu)) {
                    // Below the CPU clock's resolution (10 ms ticks): assume one busy core for the interval.
                    cpu = wall;
                }
                joules = energy.energyJ(e0, e1, cpu) / repeats;
            } finally {
                if (trainer != null) {
                    trainer.close();
                }
                if (model != null) {
                    model.close();
                }
            }
        }
        double peak = Host.peakRssMb() - rss0;
        double wallS = Arrays.stream(times).sum() / 1e3;
        double[] sorted = times.clone();
        Arrays.sort(sorted);
        var count = arch.count();
        return new ProfileRow(hw.profile().name(), hw.profile().threads(), hw.coreSpeed(),
                hw.coreMips(Host.bogomips()), hw.profile().contended(), device.toString(), arch.family().key(),
                arch.name(), arch.depth(), arch.width(), arch.input(), c.batch(), c.mode(), c.optimizer(),
                count.params(), count.macs(), warm, times.length, Arrays.stream(times).average().orElse(Double.NaN),
                percentile(sorted, 50), percentile(sorted, 95), Math.max(0, peak), Host.rssMb(),
                wallS > 0 ? cpu / wallS : Double.NaN, joules, energy.source(), Host.loadAverage()[0]);
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    @FunctionalInterface
    private interface Run {
        void run();
    }

    /** A thread that spins until stopped: the co-runner of a contended hardware profile. */
    static final class Spinner {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;
        @SuppressWarnings("unused")
        private volatile long sink;

        private Spinner() {
            thread = new Thread(() -> {
                long x = 1;
                while (running.get()) {
                    for (int i = 0; i < 10_000; i++) {
                        x = x * 6364136223846793005L + 1442695040888963407L;
                    }
                    sink = x;
                }
            }, "profile-co-runner");
            thread.setDaemon(true);
        }

        static Spinner start() {
            Spinner s = new Spinner();
            s.thread.start();
            return s;
        }

        double cpuS() {
            return Host.threadCpuS(thread.getId());
        }

        void stop() {
            running.set(false);
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
