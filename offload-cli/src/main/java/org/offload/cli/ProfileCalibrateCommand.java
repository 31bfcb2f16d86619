package org.offload.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.offload.profile.measure.Calibration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code offload profile calibrate}: GFLOP/s of matrix products of several sizes and of ResNet-18, in one JVM, so
 * that the profiler's 256x256 calibration can be compared with larger products and with a network. Pin the process
 * with {@code taskset -c 0} for the one-core figure.
 */
@Command(name = "calibrate", sortOptions = false,
        description = {"GFLOP/s of square matrix products and of a ResNet-18 forward pass (224x224, batch 1, "
                + "FLOPs = 2 x MACs), timed call by call as the profiler's 256x256 calibration is.",
                "Run it under 'taskset -c 0' for one core; compare the rows of one run (the machine may be shared)."})
final class ProfileCalibrateCommand implements Callable<Integer> {
    @Option(names = "--sizes", split = ",", paramLabel = "N", defaultValue = "256,512,1024,2048",
            description = "Matrix sizes (default: ${DEFAULT-VALUE}).")
    List<Integer> sizes;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "1",
            description = "Time per measurement (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--rounds", paramLabel = "R", defaultValue = "3", converter = Converters.Count.class,
            description = "Rounds over all measurements (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--threads", paramLabel = "T", defaultValue = "1", converter = Converters.Count.class,
            description = "PyTorch intra-op threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Mixin
    CommonOptions.Help help;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Problems problems = new Problems();
        if (sizes.isEmpty() || sizes.stream().anyMatch(n -> n < 1 || n > 8192)) {
            problems.add("--sizes: expected whole numbers from 1 to 8192, got " + sizes);
        }
        if (!(seconds > 0) || seconds > 600) {
            problems.add("--seconds: expected a number of seconds in (0, 600], got " + seconds);
        }
        problems.throwIfAny();
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "%-5s %-30s %14s %12s %10s%n", "round", "what", "FLOPs per call", "ms per call",
                "GFLOP/s");
        int[] n = sizes.stream().mapToInt(Integer::intValue).toArray();
        for (int r = 1; r <= rounds; r++) {
            for (Calibration.Rate rate : Calibration.round(n, seconds, threads, 1)) {
                o.printf(Locale.ROOT, "%-5d %-30s %14d %12.3f %10.1f%n", r, rate.what(), rate.flopsPerCall(),
                        rate.msPerCall(), rate.gflops());
            }
            o.flush();
        }
        return Main.OK;
    }
}
