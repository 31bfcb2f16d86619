package org.offload.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.offload.policy.learned.DlTierPolicy;
import org.offload.policy.learned.Mlp;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One forward pass of the bundled seed-003 networks ({@code dl-tier}'s hot path) in the pure-Java {@link Mlp}:
 * inputs are drawn around each feature's training mean and spread, cycling through a fixed set so that branch
 * predictors do not learn one input. {@code forward} runs in a JVM with the Vector API module enabled (as the
 * {@code offload} launcher starts it), {@code forwardPortable} in one without, i.e. on the portable kernel.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class MlpBenchmark {
    private static final int INPUTS = 1024;

    @Param({DlTierPolicy.TIER_EXPERT_RESOURCE, DlTierPolicy.VM_RESOURCE})
    public String model;

    private Mlp.Runner runner;
    private float[][] inputs;
    private int next;

    @Setup
    public void setUp() {
        Mlp mlp = DlTierPolicy.resource(model);
        runner = mlp.runner();
        float[] mean = mlp.mean();
        float[] std = mlp.std();
        SplittableRandom random = new SplittableRandom(7);
        inputs = new float[INPUTS][mean.length];
        for (float[] x : inputs) {
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (mean[i] + std[i] * (2 * random.nextDouble() - 1));
            }
        }
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
    public float forward() {
        return pass();
    }

    @Benchmark
    public float forwardPortable() {
        return pass();
    }

    private float pass() {
        float[] x = inputs[next];
        next = (next + 1) & (INPUTS - 1);
        return runner.run(x)[0];
    }
}
