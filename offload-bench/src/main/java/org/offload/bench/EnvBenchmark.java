package org.offload.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.offload.io.ScenarioLoader;
import org.offload.metrics.SimulationResult;
import org.offload.rl.EnvConfig;
import org.offload.rl.RandomAgent;
import org.offload.rl.VectorEnv;
import org.offload.scenario.Scenario;
import org.offload.sim.OffloadSimulation;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The cost of the environment's inversion of control: a random agent stepping {@code n} {@link VectorEnv} envs of
 * the default scenario (200 devices, 600 s) versus the same scenario run in-process with policy {@code random}.
 * {@code step} scores microseconds per env step (4,096 env steps per invocation, episodes auto-reset);
 * {@code plainRun} scores seconds per whole run, whose task count (one decision each) its set-up prints, so
 * plain-run microseconds per task = score x 1e6 / tasks.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "--add-modules=jdk.incubator.vector"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class EnvBenchmark {
    private static final int STEPS = 4096;

    @Param({"1", "16", "64"})
    public int n;

    @Param({"1"})
    public int threads;

    private Scenario scenario;
    private VectorEnv env;
    private RandomAgent agent;
    private int[] actions;

    @Setup(Level.Trial)
    public void setUp() {
        scenario = new ScenarioLoader().loadDefault(List.of()).withDuration(600, 60).withPolicy("random");
        env = new VectorEnv(EnvConfig.of(scenario), n, threads);
        env.reset(1);
        agent = new RandomAgent(7);
        actions = new int[n];
        SimulationResult r = OffloadSimulation.builder(scenario).build().run();
        System.out.println("plain run: " + r.tasksGeneratedTotal() + " tasks per run");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        env.close();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @OperationsPerInvocation(STEPS)
    public void step(Blackhole bh) {
        int a = env.actionCount();
        for (int s = 0; s < STEPS / n; s++) {
            boolean[] masks = env.masks();
            for (int i = 0; i < n; i++) {
                actions[i] = agent.act(masks, i * a, a);
            }
            bh.consume(env.step(actions));
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Measurement(iterations = 5)
    @Warmup(iterations = 2)
    public void plainRun(Blackhole bh) {
        SimulationResult r = OffloadSimulation.builder(scenario).build().run();
        bh.consume(r.overall());
    }
}
