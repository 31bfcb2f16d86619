package org.offload.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.offload.engine.RandomStreams;
import org.offload.engine.Simulation;
import org.offload.model.Task;
import org.offload.scenario.ApplicationSpec;
import org.offload.scenario.ArrivalSpec;
import org.offload.scenario.Range;

/** The workload generator produces the rates, sizes and application mix the scenario asks for. */
class TaskGeneratorTest {
    private static ApplicationSpec app(String name, double usage, ArrivalSpec arrival,
                                       ApplicationSpec.Distribution dist, double mi, double up, double down) {
        return new ApplicationSpec(name, usage, arrival, dist, mi, up, down, 0.5, 5, 100, 10, 5, 20);
    }

    private static List<Task> generate(List<ApplicationSpec> apps, int devices, double stopS, long seed) {
        Simulation sim = new Simulation();
        List<Task> tasks = new ArrayList<>();
        TaskGenerator g = new TaskGenerator(sim, apps, devices, stopS, new RandomStreams(seed), tasks::add);
        g.start();
        sim.runUntil(Double.POSITIVE_INFINITY);
        assertEquals(tasks.size(), g.generated());
        for (int i = 0; i < tasks.size(); i++) {
            Task t = tasks.get(i);
            assertEquals(i, t.id(), "ids in generation order");
            assertTrue(t.createdS() >= 0 && t.createdS() < stopS, "task " + i + " created at " + t.createdS());
            assertEquals(g.applicationOf(t.device()), t.app());
            if (i > 0) {
                assertTrue(t.createdS() >= tasks.get(i - 1).createdS(),
                        "task " + i + " created at " + t.createdS() + ", before task " + (i - 1) + " at "
                                + tasks.get(i - 1).createdS());
            }
        }
        return tasks;
    }

    @Test
    void arrivalRatesApplicationMixAndSizesMatchTheSpec() {
        List<ApplicationSpec> apps = List.of(
                app("onoff", 50, new ArrivalSpec(ArrivalSpec.Process.POISSON, 2, null, 40, 20),
                        ApplicationSpec.Distribution.EXPONENTIAL, 9000, 1500, 25),
                app("poisson", 30, new ArrivalSpec(ArrivalSpec.Process.POISSON, 5, null, 0, 0),
                        ApplicationSpec.Distribution.EXPONENTIAL, 3000, 20, 1250),
                app("uniform", 20, new ArrivalSpec(ArrivalSpec.Process.UNIFORM, 0, new Range(2, 6), 0, 0),
                        ApplicationSpec.Distribution.FIXED, 45000, 2500, 200));
        int devices = 2000;
        double stop = 2000;
        List<Task> tasks = generate(apps, devices, stop, 3);
        int[] devicesPerApp = new int[3];
        long[] count = new long[3];
        double[][] sums = new double[3][3];
        boolean[] seen = new boolean[devices];
        for (Task t : tasks) {
            if (!seen[t.device()]) {
                seen[t.device()] = true;
                devicesPerApp[t.app()]++;
            }
            count[t.app()]++;
            sums[t.app()][0] += t.lengthMi();
            sums[t.app()][1] += t.uploadKb();
            sums[t.app()][2] += t.downloadKb();
            ApplicationSpec a = apps.get(t.app());
            assertEquals(a.maxDelayS(), t.maxDelayS());
            assertEquals(a.memoryMb(), t.memoryMb());
            if (a.distribution() == ApplicationSpec.Distribution.FIXED) {
                assertEquals(a.lengthMi(), t.lengthMi());
                assertEquals(a.uploadKb(), t.uploadKb());
                assertEquals(a.downloadKb(), t.downloadKb());
            }
        }
        for (int a = 0; a < 3; a++) {
            ApplicationSpec spec = apps.get(a);
            double share = devicesPerApp[a] / (double) devices;
            assertEquals(spec.usagePercent() / 100, share, 0.04, spec.name() + " device share");
            double expected = devicesPerApp[a] * spec.arrival().meanRate() * stop;
            System.out.printf("%-8s devices %4d tasks %7d expected %9.1f (%+.2f%%)%n", spec.name(), devicesPerApp[a],
                    count[a], expected, 100 * (count[a] / expected - 1));
            assertEquals(expected, count[a], 0.02 * expected, spec.name() + " task count");
            assertEquals(spec.lengthMi(), sums[a][0] / count[a], 0.02 * spec.lengthMi(), spec.name() + " length");
            assertEquals(spec.uploadKb(), sums[a][1] / count[a], 0.02 * spec.uploadKb(), spec.name() + " upload");
            assertEquals(spec.downloadKb(), sums[a][2] / count[a], 0.02 * spec.downloadKb(), spec.name() + " down");
        }
    }

    @Test
    void addingDevicesDoesNotChangeWhatExistingDevicesGenerate() {
        List<ApplicationSpec> apps = List.of(
                app("a", 60, new ArrivalSpec(ArrivalSpec.Process.POISSON, 2, null, 10, 10),
                        ApplicationSpec.Distribution.EXPONENTIAL, 9000, 1500, 25),
                app("b", 40, new ArrivalSpec(ArrivalSpec.Process.POISSON, 3, null, 0, 0),
                        ApplicationSpec.Distribution.EXPONENTIAL, 3000, 20, 1250));
        List<Task> small = generate(apps, 10, 300, 9);
        List<Task> large = generate(apps, 50, 300, 9);
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        small.forEach(t -> a.add(t.device() + "@" + t.createdS() + ":" + t.lengthMi()));
        large.stream().filter(t -> t.device() < 10).forEach(t -> b.add(t.device() + "@" + t.createdS() + ":"
                + t.lengthMi()));
        assertEquals(a, b);
    }
}
