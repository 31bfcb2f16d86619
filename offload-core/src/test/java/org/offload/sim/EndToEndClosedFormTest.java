package org.offload.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.offload.metrics.SimulationResult;
import org.offload.metrics.TaskListener;
import org.offload.metrics.TaskRecord;
import org.offload.model.Decision;
import org.offload.model.Tier;
import org.offload.policy.OffloadPolicy;
import org.offload.queueing.ClosedFormTestSupport;
import org.offload.scenario.ApplicationSpec;
import org.offload.scenario.ArrivalSpec;
import org.offload.scenario.CloudSpec;
import org.offload.scenario.DevicesSpec;
import org.offload.scenario.EdgeSpec;
import org.offload.scenario.LinkSpec;
import org.offload.scenario.MobilitySpec;
import org.offload.scenario.NetworkSpec;
import org.offload.scenario.PlacementSpec;
import org.offload.scenario.PowerSpec;
import org.offload.scenario.Range;
import org.offload.scenario.Scenario;
import org.offload.scenario.VmSpec;

/** Whole simulations whose answers are known in closed form. */
@Tag("slow")
class EndToEndClosedFormTest {
    private static final PowerSpec POWER = new PowerSpec(2.0, 1.3, 1.0);
    private static final PlacementSpec AREA = new PlacementSpec(PlacementSpec.Type.GRID, 1000, 1000);

    // ------------------------------------------------------------------ deterministic routes

    private static final double WLAN_BPS = 20e6, WLAN_PROP = 0.002;
    private static final double MAN_BPS = 100e6, MAN_PROP = 0.005;
    private static final double WAN_BPS = 50e6, WAN_PROP = 0.05;
    private static final double LENGTH_MI = 10_000, UP_KB = 500, DOWN_KB = 250;
    private static final double DEVICE_MIPS = 4000, EDGE_MIPS = 10_000, CLOUD_MIPS = 20_000;

    /** One device, one task every 50 s with fixed sizes, constant links: no two tasks ever overlap. */
    private static Scenario deterministic(Scenario.Scheduling scheduling) {
        ApplicationSpec app = new ApplicationSpec("APP", 100,
                new ArrivalSpec(ArrivalSpec.Process.UNIFORM, 0, new Range(50, 50), 0, 0),
                ApplicationSpec.Distribution.FIXED, LENGTH_MI, UP_KB, DOWN_KB, 0.5, 100, 0, 0, 0, 0);
        DevicesSpec dev = new DevicesSpec(1, new VmSpec(1, DEVICE_MIPS, 0), AREA, MobilitySpec.NONE, POWER);
        EdgeSpec edge = new EdgeSpec(3, AREA, 1, 2, new VmSpec(1, EDGE_MIPS, 0), 0, 100);
        CloudSpec cloud = new CloudSpec(1, 2, new VmSpec(1, CLOUD_MIPS, 0), 100);
        NetworkSpec net = new NetworkSpec(NetworkSpec.Model.SHARED,
                new LinkSpec(Range.of(WLAN_BPS / 1e6), WLAN_PROP), new LinkSpec(Range.of(MAN_BPS / 1e6), MAN_PROP),
                new LinkSpec(Range.of(WAN_BPS / 1e6), WAN_PROP), 10, 10);
        return new Scenario("routes", 5, 425, 0, 60, dev, List.of(app), edge, cloud, net, scheduling, "cycle");
    }

    /** Cycles local, edge VM at the device's site, edge VM at another site, cloud. */
    private static OffloadPolicy cycle() {
        int[] next = {0};
        return (task, view) -> {
            int home = view.deviceSite(task.device());
            int other = (home + 1) % view.siteCount();
            return switch (next[0]++ % 4) {
                case 0 -> Decision.LOCAL;
                case 1 -> Decision.edge(view.firstEdgeVm(home));
                case 2 -> Decision.edge(view.firstEdgeVm(other) + 1);
                default -> Decision.cloud(view.firstCloudVm() + 1);
            };
        };
    }

    @ParameterizedTest
    @EnumSource(Scenario.Scheduling.class)
    void eachRouteTakesExactlyTheSumOfItsStages(Scenario.Scheduling scheduling) {
        Recorder rec = new Recorder();
        SimulationResult r = OffloadSimulation.builder(deterministic(scheduling)).policy("cycle", cycle())
                .taskListener(rec).build().run();
        List<TaskRecord> records = rec.records;
        assertEquals(8, records.size(), "tasks at 50, 100, ..., 400");
        double upWlan = UP_KB * 8000 / WLAN_BPS;
        double downWlan = DOWN_KB * 8000 / WLAN_BPS;
        double upMan = UP_KB * 8000 / MAN_BPS;
        double downMan = DOWN_KB * 8000 / MAN_BPS;
        double upWan = UP_KB * 8000 / WAN_BPS;
        double downWan = DOWN_KB * 8000 / WAN_BPS;
        double radioEnergy = POWER.transmitW() * upWlan + POWER.receiveW() * downWlan;
        for (TaskRecord t : records) {
            String where = t.toString();
            assertNull(t.failure(), where);
            assertEquals(0.0, t.waitS(), where);
            double up;
            double exec;
            double down;
            double energy = radioEnergy;
            switch ((int) (t.id() % 4)) {
                case 0 -> {
                    assertEquals(Tier.LOCAL, t.tier());
                    up = 0;
                    down = 0;
                    exec = LENGTH_MI / DEVICE_MIPS;
                    energy = POWER.computeW() * LENGTH_MI / DEVICE_MIPS;
                }
                case 1 -> {
                    assertEquals(Tier.EDGE, t.tier());
                    up = upWlan + WLAN_PROP;
                    exec = LENGTH_MI / EDGE_MIPS;
                    down = downWlan + WLAN_PROP;
                }
                case 2 -> {
                    assertEquals(Tier.EDGE, t.tier());
                    up = upWlan + WLAN_PROP + upMan + MAN_PROP;
                    exec = LENGTH_MI / EDGE_MIPS;
                    down = downMan + MAN_PROP + downWlan + WLAN_PROP;
                }
                default -> {
                    assertEquals(Tier.CLOUD, t.tier());
                    up = upWlan + WLAN_PROP + upWan + WAN_PROP;
                    exec = LENGTH_MI / CLOUD_MIPS;
                    down = downWan + WAN_PROP + downWlan + WLAN_PROP;
                }
            }
            assertEquals(up, t.uploadS(), 1e-9, "upload, " + where);
            assertEquals(exec, t.processingS(), 1e-9, "processing, " + where);
            assertEquals(down, t.downloadS(), 1e-9, "download, " + where);
            assertEquals(up + exec + down, t.serviceTimeS(), 1e-9, "service, " + where);
            assertEquals(energy, t.energyJ(), 1e-9, "energy, " + where);
        }
        assertEquals(8, r.overall().completed());
        assertEquals(2, r.perTier().get("local").completed());
        assertEquals(2, r.perTier().get("cloud").completed());
        assertEquals(4, r.perTier().get("edge").completed());
    }

    // ------------------------------------------------------------------ queueing on the devices' own CPUs

    /** Sums of one quantity per device, for a confidence interval over independent devices. */
    private static final class PerDevice implements TaskListener {
        final double[] sum;
        final long[] count;
        final boolean wait;

        PerDevice(int devices, boolean wait) {
            sum = new double[devices];
            count = new long[devices];
            this.wait = wait;
        }

        @Override
        public void onTaskEnded(TaskRecord t) {
            if (t.measured() && t.completed()) {
                sum[t.device()] += wait ? t.waitS() : t.serviceTimeS();
                count[t.device()]++;
            }
        }

        /** 95% half-width of the mean over devices of per-device means. */
        double halfWidth() {
            int n = sum.length;
            double[] m = new double[n];
            double mean = 0;
            for (int d = 0; d < n; d++) {
                m[d] = sum[d] / count[d];
                mean += m[d] / n;
            }
            double ss = 0;
            for (double v : m) {
                ss += (v - mean) * (v - mean);
            }
            return 1.96 * Math.sqrt(ss / (n - 1) / n);
        }
    }

    /**
     * Devices that only compute locally, with Poisson arrivals, exponential lengths, no admission limits and no
     * deadline in reach: each device's CPU is an M/M/c station (time-shared: processor sharing).
     */
    private static Scenario localQueue(int devices, int cores, double lambda, double meanLengthMi, double mips,
                                       double durationS, Scenario.Scheduling scheduling) {
        ApplicationSpec app = new ApplicationSpec("APP", 100,
                new ArrivalSpec(ArrivalSpec.Process.POISSON, 1 / lambda, null, 0, 0),
                ApplicationSpec.Distribution.EXPONENTIAL, meanLengthMi, 10, 10, 0.5, 300, 0, 0, 0, 0);
        DevicesSpec dev = new DevicesSpec(devices, new VmSpec(cores, mips, 0), AREA, MobilitySpec.NONE, POWER);
        EdgeSpec edge = new EdgeSpec(1, AREA, 1, 1, new VmSpec(1, 1000, 0), 0, 100);
        CloudSpec cloud = new CloudSpec(0, 1, new VmSpec(1, 1000, 0), 100);
        LinkSpec link = new LinkSpec(Range.of(100), 0);
        NetworkSpec net = new NetworkSpec(NetworkSpec.Model.SHARED, link, link, link, 10, 10);
        return new Scenario("mm1-local", 99, durationS, 200, 100_000, dev, List.of(app), edge, cloud, net,
                scheduling, "local-only");
    }

    private static void check(String what, double simulated, double halfWidth, double formula) {
        double err = simulated / formula - 1;
        System.out.printf("%-40s simulated %.5f  formula %.5f  error %+.3f%%  (95%% half-width %.3f%%)%n", what,
                simulated, formula, 100 * err, 100 * halfWidth / formula);
        assertTrue(halfWidth / formula < 0.01, what + ": run too short");
        assertEquals(formula, simulated, 0.02 * formula, what);
    }

    /** Local CPUs, time-shared, 1 core: M/M/1-PS, mean service time 1 / (mu - lambda). */
    @Test
    void timeSharedDeviceCpuIsAnMm1ProcessorSharingQueue() {
        int devices = 100;
        double mu = 1;
        double lambda = 0.5;
        Scenario s = localQueue(devices, 1, lambda, 4000, 4000 * mu, 30_200, Scenario.Scheduling.TIME_SHARED);
        PerDevice per = new PerDevice(devices, false);
        SimulationResult r = OffloadSimulation.builder(s).taskListener(per).build().run();
        assertEquals(0, r.overall().failed(), "nothing fails: " + r.overall().failuresByReason());
        check("device CPU M/M/1-PS T, rho=0.5, " + r.overall().completed() + " tasks",
                r.overall().serviceTimeS().mean(), per.halfWidth(), 1 / (mu - lambda));
        assertEquals(100 * lambda / mu, r.vmUtilization().local(), 100 * 0.01 * lambda / mu, "local utilisation");
    }

    /** Local CPUs, FCFS over 2 cores: M/M/2, mean queueing time C(2, a) / (2 mu - lambda). */
    @Test
    void fcfsDeviceCpuIsAnMm2Queue() {
        int devices = 100;
        int cores = 2;
        double mu = 1;
        double lambda = 1.2; // rho = 0.6
        Scenario s = localQueue(devices, cores, lambda, 4000, 4000 * mu, 50_200, Scenario.Scheduling.FCFS);
        PerDevice perWait = new PerDevice(devices, true);
        SimulationResult r = OffloadSimulation.builder(s).taskListener(perWait).build().run();
        assertEquals(0, r.overall().failed(), "nothing fails: " + r.overall().failuresByReason());
        double wq = ClosedFormTestSupport.erlangC(cores, lambda / mu) / (cores * mu - lambda);
        check("device CPU M/M/2-FCFS Wq, rho=0.6, " + r.overall().completed() + " tasks",
                r.overall().queueingTimeMeanS(), perWait.halfWidth(), wq);
        assertEquals(wq + 1 / mu, r.overall().serviceTimeS().mean(), 0.02 * (wq + 1 / mu), "mean service time");
        assertEquals(100 * lambda / (cores * mu), r.vmUtilization().local(), 1.0, "local utilisation");
    }
}
