package org.offload.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.offload.io.ScenarioLoader;
import org.offload.metrics.SimulationResult;
import org.offload.rl.EnvConfig;
import org.offload.rl.RandomAgent;
import org.offload.rl.VectorEnv;
import org.offload.scenario.Scenario;
import org.offload.sim.OffloadSimulation;

/**
 * The environment's speed against a plain run, measured interleaved in one JVM so that the ratios survive a
 * shared, drifting machine: each round runs the default scenario (200 devices, 600 s) once in-process with policy
 * {@code random}, then steps a random agent through a {@link VectorEnv} of n = 1, 16 and 64 envs, each env for
 * as many steps as the plain run had tasks (about one episode; the resets at the start are not timed, the
 * auto-resets are). Prints per-round microseconds per task / per env step and the median
 * ratio env / plain. Run: {@code java --add-modules jdk.incubator.vector -cp offload-bench/target/benchmarks.jar
 * org.offload.bench.EnvSpeed [rounds] [threads]}.
 */
public final class EnvSpeed {
    private EnvSpeed() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        Scenario scenario = new ScenarioLoader().loadDefault(List.of()).withDuration(600, 60).withPolicy("random");
        int[] sizes = {1, 16, 64};
        List<double[]> perRound = new ArrayList<>();
        for (int round = 0; round <= rounds; round++) { // round 0 warms the JIT up and is not reported
            double[] us = new double[1 + sizes.length];
            long t0 = System.nanoTime();
            SimulationResult r = OffloadSimulation.builder(scenario).build().run();
            long tasks = r.tasksGeneratedTotal();
            us[0] = (System.nanoTime() - t0) / 1e3 / tasks;
            for (int k = 0; k < sizes.length; k++) {
                us[1 + k] = envMicrosPerStep(scenario, sizes[k], threads, tasks, round);
            }
            if (round > 0) {
                perRound.add(us);
                System.out.printf(Locale.ROOT, "round %d: plain %.2f us/task; env n=1 %.2f, n=16 %.2f, n=64 %.2f"
                        + " us/step%n", round, us[0], us[1], us[2], us[3]);
            }
        }
        System.out.printf(Locale.ROOT, "median over %d rounds (threads %d): plain %.2f us/task (%.0f tasks/s)%n",
                rounds, threads, median(perRound, 0), 1e6 / median(perRound, 0));
        for (int k = 0; k < sizes.length; k++) {
            double[] ratio = new double[perRound.size()];
            for (int i = 0; i < perRound.size(); i++) {
                ratio[i] = perRound.get(i)[1 + k] / perRound.get(i)[0];
            }
            Arrays.sort(ratio);
            System.out.printf(Locale.ROOT, "env n=%d: %.2f us/step (%.0f steps/s), env / plain per round: median"
                            + " %.2fx (min %.2fx, max %.2fx)%n", sizes[k], median(perRound, 1 + k),
                    1e6 / median(perRound, 1 + k), ratio[ratio.length / 2], ratio[0], ratio[ratio.length - 1]);
        }
    }

    private static double envMicrosPerStep(Scenario scenario, int n, int threads, long steps, int round) {
        try (VectorEnv env = new VectorEnv(EnvConfig.of(scenario), n, threads)) {
            RandomAgent agent = new RandomAgent(round);
            int a = env.actionCount();
            int[] actions = new int[n];
            env.reset(1 + 1000L * round);
            long t0 = System.nanoTime();
            long done = 0;
            while (done < steps * n) {
                boolean[] masks = env.masks();
                for (int i = 0; i < n; i++) {
                    actions[i] = agent.act(masks, i * a, a);
                }
                env.step(actions);
                done += n;
            }
            return (System.nanoTime() - t0) / 1e3 / done;
        }
    }

    private static double median(List<double[]> rows, int col) {
        double[] v = rows.stream().mapToDouble(r -> r[col]).sorted().toArray();
        return v[v.length / 2];
    }
}
