package org.offload.moo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.offload.io.ScenarioLoader;
import org.offload.metrics.SimulationResult;
import org.offload.metrics.TaskListener;
import org.offload.metrics.TaskRecord;
import org.offload.policy.OffloadPolicy;
import org.offload.policy.PolicyContext;
import org.offload.policy.PolicyOptionException;
import org.offload.policy.PolicyRegistry;
import org.offload.policy.builtin.BuiltInPolicies;
import org.offload.policy.partition.HeftPolicy;
import org.offload.policy.partition.WorkflowProblem;
import org.offload.scenario.DagSpec;
import org.offload.scenario.Scenario;
import org.offload.sim.OffloadSimulation;
import org.uma.jmetal.qualityindicator.impl.hypervolume.impl.PISAHypervolume;

/**
 * nsga3-dag on scenarios/workflow.yaml: its front against HEFT's placement and random placements of the same tasks
 * (dominance and hypervolume), its determinism on 1 and 4 threads, and its options.
 */
class Nsga3DagPolicyTest {
    private static Scenario workflow(int devices, double durationS) {
        Scenario s = new ScenarioLoader().load(Path.of("../scenarios/workflow.yaml"));
        return s.withDevices(devices).withDuration(durationS, 10);
    }

    private static PolicyRegistry registry() {
        return BuiltInPolicies.registry().register(Nsga3DagPolicy.SPEC);
    }

    /**
     * At every 10th workflow decision of a run, NSGA-III's front, HEFT's placement and 30 random placements of the
     * same task on the same system state: the front's hypervolume (objectives normalised over all points, reference
     * point 1.1 times the range) is on average above HEFT's point's and the random set's, and HEFT's placement and the
     * random placements are dominated or matched by a front point in most samples (measured: all of HEFT's, 86 % of
     * the random ones; not all, as 16 points after 25 generations do not cover the whole front).
     */
    @Test
    void theFrontDominatesOrMatchesRandomPlacementsAndHeft() {
        Scenario s = workflow(20, 120);
        List<double[]> hv = new ArrayList<>();
        int[] heftCovered = new int[2];
        long[] randomCovered = new long[2];
        SplittableRandom rnd = new SplittableRandom(7);
        OffloadPolicy heft = new HeftPolicy();
        int[] count = new int[1];
        OffloadPolicy probe = (task, view) -> {
            DagSpec dag = (DagSpec) view.application(task).partition();
            WorkflowProblem p = WorkflowProblem.of(view, task, dag);
            if (count[0]++ % 10 == 0) {
                Front front = Nsga3DagPolicy.front(p, count[0], 4, 25);
                double[] h = p.objectives(p.heft().processor());
                List<double[]> random = new ArrayList<>();
                for (int k = 0; k < 30; k++) {
                    int[] proc = new int[p.components()];
                    for (int i = 0; i < proc.length; i++) {
                        proc[i] = rnd.nextInt(view.deviceCanCompute(task.device()) ? 0 : 1, p.processors());
                    }
                    random.add(p.objectives(proc));
                }
                heftCovered[0] += covered(front.objectives, h) ? 1 : 0;
                heftCovered[1]++;
                for (double[] r : random) {
                    randomCovered[0] += covered(front.objectives, r) ? 1 : 0;
                    randomCovered[1]++;
                }
                hv.add(hypervolumes(front.objectives, List.of(h), random));
            }
            return heft.decide(task, view);
        };
        OffloadSimulation.builder(s).policy("probe", probe).build().run();
        double[] mean = new double[3];
        for (double[] v : hv) {
            for (int k = 0; k < 3; k++) {
                mean[k] += v[k] / hv.size();
            }
        }
        System.out.printf("nsga3-dag front vs heft vs 30 random placements, %d sampled tasks: mean hypervolume "
                        + "front %.4f, heft %.4f, random %.4f; heft dominated or matched in %d/%d samples, random "
                        + "placements in %d/%d%n", hv.size(), mean[0], mean[1], mean[2], heftCovered[0],
                heftCovered[1], randomCovered[0], randomCovered[1]);
        assertTrue(hv.size() >= 20, "samples: " + hv.size());
        assertTrue(heftCovered[0] >= 0.9 * heftCovered[1], "heft's placement not dominated or matched by the front");
        assertTrue(randomCovered[0] >= 0.8 * randomCovered[1], "random placements not dominated or matched");
        assertTrue(mean[0] > mean[1] && mean[0] > mean[2], "front's mean hypervolume not above heft's and random's");
    }

    /** True when some front point is no worse than {@code x} in every objective (dominates or matches it). */
    private static boolean covered(List<double[]> front, double[] x) {
        for (double[] f : front) {
            if (f[0] <= x[0] + 1e-12 && f[1] <= x[1] + 1e-12 && f[2] <= x[2] + 1e-12) {
                return true;
            }
        }
        return false;
    }

    /** Hypervolumes of the front, HEFT's point and the random set, normalised over all their points. */
    private static double[] hypervolumes(List<double[]> front, List<double[]> heft, List<double[]> random) {
        List<double[]> all = new ArrayList<>(front);
        all.addAll(heft);
        all.addAll(random);
        double[] lo = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        double[] hi = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (double[] p : all) {
            for (int k = 0; k < 3; k++) {
                lo[k] = Math.min(lo[k], p[k]);
                hi[k] = Math.max(hi[k], p[k]);
            }
        }
        PISAHypervolume hv = new PISAHypervolume(new double[] {1, 1, 1});
        return new double[] {hv.compute(norm(front, lo, hi)), hv.compute(norm(heft, lo, hi)),
                hv.compute(norm(random, lo, hi))};
    }

    private static double[][] norm(List<double[]> points, double[] lo, double[] hi) {
        double[][] out = new double[points.size()][3];
        for (int i = 0; i < points.size(); i++) {
            for (int k = 0; k < 3; k++) {
                // jMetal's PISA hypervolume measures to the point (1, 1, 1): the worst value of each objective maps
                // to 1 / 1.1, so the reference point is 1.1 times the observed range.
                out[i][k] = hi[k] > lo[k] ? (points.get(i)[k] - lo[k]) / (1.1 * (hi[k] - lo[k])) : 0;
            }
        }
        return out;
    }

    /** The same seed gives the same placements and results on 1 thread and on 4 at once. */
    @Test
    void placementsDependOnlyOnTheSeedWhateverTheThreads() throws Exception {
        Scenario s = workflow(10, 60);
        List<String> alone = run(s);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                runs.add(pool.submit(() -> run(s)));
            }
            for (Future<List<String>> f : runs) {
                assertEquals(alone, f.get());
            }
        } finally {
            pool.shutdown();
        }
    }

    private static List<String> run(Scenario s) {
        List<String> lines = new ArrayList<>();
        TaskListener l = (TaskRecord r) -> lines.add(r.toString());
        SimulationResult r = OffloadSimulation.builder(s.withPolicy("nsga3-dag")).registry(registry())
                .taskListener(l).build().run();
        lines.add(String.valueOf(r.partitions().dag()));
        return lines;
    }

    @Test
    void writesTheFrontOfSampledTasksAndChecksItsOptions(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("front.csv");
        Scenario s = workflow(5, 40);
        SimulationResult r = OffloadSimulation.builder(s.withPolicy("nsga3-dag")).registry(registry())
                .policyOptions(Map.of("front_out", out.toString(), "front_every", "10", "pick", "knee")).build().run();
        List<String> lines = Files.readAllLines(out);
        assertTrue(!Files.exists(Path.of("jMetal.log")), "jMetal's own log file is not created (JMetalLogging)");
        assertEquals("task,point,makespan_s,energy_j,server_mi,chosen,placement", lines.get(0));
        long tasks = lines.stream().skip(1).map(x -> x.split(",")[0]).distinct().count();
        assertEquals((r.tasksGeneratedTotal() + 9) / 10, tasks, "every 10th workflow's front (warm-up included)");
        assertEquals(tasks, lines.stream().skip(1).filter(x -> x.split(",")[5].equals("1")).count(),
                "one chosen point per sampled task");
        Scenario base = workflow(5, 40);
        for (Map<String, String> bad : List.of(Map.of("pick", "best"), Map.of("weights", "1,2"),
                Map.of("generations", "0"), Map.of("divisions", "2.5"))) {
            assertThrows(PolicyOptionException.class, () -> new Nsga3DagPolicy(new PolicyContext(base,
                    new SplittableRandom(1), bad)), bad.toString());
        }
    }
}
