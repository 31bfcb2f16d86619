package org.offload.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.offload.io.ScenarioLoader;
import org.offload.model.Decision;
import org.offload.model.Task;
import org.offload.policy.ForwardingPolicy;
import org.offload.policy.OffloadPolicy;
import org.offload.policy.SystemView;
import org.offload.scenario.Scenario;
import org.offload.sim.OffloadSimulation;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * A policy's decisions alone, on system states taken from real default-scenario runs. Each state is a simulation
 * stopped at the moment it asked the policy for a decision (a batch of new tasks, a single new task, or an
 * overflow-queue retry), at one of {@link #states} times spread over the run; one operation decides all of them
 * again. The views do not move and the policies clear their batch claims, so every repetition sees the same states.
 * The secondary result {@code decideAll:tasks} is the time per task decided.
 *
 * <p>This leaves out the simulation, so a change in a policy's code shows with a few percent of noise instead of a
 * whole run's. With few states the branch predictors learn the decisions and everything stays in cache: with 16
 * states dl-tier took about 390 ns per task, with 128 states 610 ns, which is also what its decisions cost inside
 * a run ({@code offload bench}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xmx2g", "--add-modules=jdk.incubator.vector"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class DecisionBenchmark {
    /** Number of captured states; few states understate the cost (see the class comment). */
    @Param({"128"})
    public int states;

    /**
     * A simple policy, then every built-in policy with {@code Capability.BATCHES} (JMH needs constants here;
     * {@code DecisionBenchmarkPoliciesTest} fails when this list and the registry's capabilities drift apart). The
     * dl-tier ablations are among them: pick with {@code -p policy=dl-tier,...} for a shorter run.
     */
    @Param({"least-utilised", "dl-tier", "dl-tier-oracle", "dl-tier-outcome", "dl-tier-cloud-first",
        "dl-tier-local-first", "dl-tier-device-first", "dl-tier-expert-rule", "dl-tier-fastest-rule",
        "dl-tier-vm-estimate", "dl-tier-vm-constant", "dl-tier-rules", "dl-tier-no-overflow",
        "dl-tier-no-deadline-check", "dl-tier-outcome-own"})
    public String policy;

    @Param({"2000"})
    public int devices;

    /**
     * {@code new}: decisions on new tasks (the batches of a batching policy, single decisions otherwise);
     * {@code retry}: a batching policy's single decisions, i.e. overflow-queue retries ({@code -p kind=retry}).
     */
    @Param({"new"})
    public String kind;

    private final List<Captured> captured = new ArrayList<>();
    private int tasks;

    private record Captured(OffloadPolicy policy, List<Task> tasks, SystemView view, boolean batch) {
    }

    /** Thrown by the capturing policy to stop a run where the state is wanted. */
    private static final class Stop extends RuntimeException {
        Stop() {
            super(null, null, false, false);
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        Scenario base = new ScenarioLoader().loadDefault(List.of());
        Scenario scenario = base.withDevices(devices).withPolicy(policy).withDuration(600, 60);
        if (!kind.equals("new") && !kind.equals("retry")) {
            throw new IllegalArgumentException("kind: new or retry, got " + kind);
        }
        boolean retry = kind.equals("retry");
        for (int i = 0; i < states; i++) {
            double at = 60 + (600 - 60) * (i + 0.5) / states;
            List<Captured> got = new ArrayList<>(1);
            try {
                OffloadSimulation.builder(scenario).decorate(p -> new ForwardingPolicy(p) {
                    private final boolean batching = p.batchWindowS() > 0;

                    @Override
                    public Decision decide(Task task, SystemView view) {
                        if (batching == retry && view.now() >= at) {
                            got.add(new Captured(delegate(), List.of(task), view, false));
                            throw new Stop();
                        }
                        return delegate().decide(task, view);
                    }

                    @Override
                    public List<Decision> decideBatch(List<Task> batchTasks, SystemView view) {
                        if (!retry && view.now() >= at) {
                            got.add(new Captured(delegate(), List.copyOf(batchTasks), view, true));
                            throw new Stop();
                        }
                        return delegate().decideBatch(batchTasks, view);
                    }
                }).build().run();
            } catch (Stop expected) {
                // the state is captured
            }
            if (got.isEmpty()) {
                throw new IllegalStateException(policy + " made no " + kind + " decision after " + at + " s");
            }
            captured.add(got.get(0));
            tasks += got.get(0).tasks().size();
        }
        System.out.println("\n" + policy + ", " + kind + " decisions: " + tasks + " tasks per operation");
    }

    /** Tasks decided, so that JMH also reports the time per task ({@code decideAll:tasks}). */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Tasks {
        public long tasks;
    }

    @Benchmark
    public void decideAll(Tasks counter, Blackhole bh) {
        for (Captured s : captured) {
            if (s.batch()) {
                bh.consume(s.policy().decideBatch(s.tasks(), s.view()));
            } else {
                bh.consume(s.policy().decide(s.tasks().get(0), s.view()));
            }
        }
        counter.tasks += tasks;
    }
}
