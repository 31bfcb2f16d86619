package org.offload.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.offload.io.ScenarioLoader;
import org.offload.metrics.SimulationResult;
import org.offload.scenario.Scenario;
import org.offload.sim.OffloadSimulation;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A whole default-scenario run per invocation. The score is seconds per run; the run's task count is
 * published as a secondary result, so tasks per second = tasks / score.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "--add-modules=jdk.incubator.vector"})
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class SimulationBenchmark {
    @Param({"200", "2000", "20000"})
    public int devices;

    @Param({"least-utilised"})
    public String policy;

    /** Simulated seconds; scaled so every device count generates a comparable number of tasks. */
    @Param({"0"})
    public double durationS;

    private Scenario scenario;

    @Setup(Level.Trial)
    public void setUp() {
        Scenario base = new ScenarioLoader().loadDefault(List.of());
        double duration = durationS > 0 ? durationS : Math.max(120, 2_000_000.0 / devices * 0.5);
        scenario = base.withDevices(devices).withPolicy(policy).withDuration(duration, Math.min(60, duration / 10));
    }

    @Benchmark
    public void run(Blackhole bh) {
        SimulationResult r = OffloadSimulation.builder(scenario).build().run();
        bh.consume(r.tasksGeneratedTotal());
        bh.consume(r.overall());
    }
}
