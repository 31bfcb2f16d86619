package org.offload.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.offload.engine.EventHandler;
import org.offload.engine.Simulation;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The classic "hold" model: {@code pending} events are kept in the queue; each dispatched event schedules one
 * successor an exponential time ahead. Measures the cost of one schedule + dispatch at that queue size.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class EventQueueBenchmark {
    private static final int OPS = 1_000_000;

    @Param({"1000", "100000"})
    public int pending;

    private Simulation sim;
    private Hold hold;

    private static final class Hold implements EventHandler {
        final Simulation sim;
        final SplittableRandom random = new SplittableRandom(42);

        Hold(Simulation sim) {
            this.sim = sim;
        }

        @Override
        public void onEvent(int tag, Object data, long stamp) {
            sim.schedule(-Math.log(1 - random.nextDouble()), this, tag, data, stamp);
        }
    }

    @Setup
    public void setUp() {
        sim = new Simulation(pending);
        hold = new Hold(sim);
        for (int i = 0; i < pending; i++) {
            hold.onEvent(0, null, 0);
        }
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public long holdModel() {
        long before = sim.eventsProcessed();
        double target = sim.now() + (double) OPS / pending;
        sim.runUntil(target);
        return sim.eventsProcessed() - before;
    }
}
