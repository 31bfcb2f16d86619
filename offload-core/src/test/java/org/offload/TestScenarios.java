package org.offload;

import java.util.List;

import org.offload.metrics.SimulationResult;
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

/** Scenarios built in code for core tests (the YAML files live in offload-io). */
public final class TestScenarios {
    private TestScenarios() {
    }

    public static ApplicationSpec app(String name, double usage, double meanGap, double active, double idle,
                                      double mi, double up, double down, double sens, double maxDelay) {
        return new ApplicationSpec(name, usage,
                new ArrivalSpec(ArrivalSpec.Process.POISSON, meanGap, null, active, idle),
                ApplicationSpec.Distribution.EXPONENTIAL, mi, up, down, sens, maxDelay, 100, 6, 0.6, 25);
    }

    /** Seed-003-like: 3 edge sites x 8 VMs (2 x 10,000 MIPS), 1 cloud host x 4 VMs (4 x 20,000 MIPS). */
    public static Scenario seed003(int devices, long seed, String policy, Scenario.Scheduling scheduling,
                                   NetworkSpec.Model netModel, boolean mobile) {
        PlacementSpec area = new PlacementSpec(PlacementSpec.Type.GRID, 1000, 1000);
        MobilitySpec mobility = mobile
                ? new MobilitySpec(MobilitySpec.Type.RANDOM_WAYPOINT, new Range(1, 3), new Range(0, 10))
                : MobilitySpec.NONE;
        DevicesSpec dev = new DevicesSpec(devices, new VmSpec(1, 4000, 2048), area, mobility,
                new PowerSpec(2.0, 1.3, 1.0));
        List<ApplicationSpec> apps = List.of(
                app("AUGMENTED_REALITY", 30, 2, 40, 20, 9000, 1500, 25, 0.9, 2),
                app("HEALTH_APP", 20, 3, 45, 90, 3000, 20, 1250, 0.7, 3),
                app("HEAVY_COMP_APP", 20, 20, 60, 120, 45000, 2500, 200, 0.1, 20),
                app("INFOTAINMENT_APP", 30, 7, 30, 45, 15000, 25, 1000, 0.3, 8));
        EdgeSpec edge = new EdgeSpec(3, area, 1, 8, new VmSpec(2, 10000, 8192), 0, 100);
        CloudSpec cloud = new CloudSpec(1, 4, new VmSpec(4, 20000, 32768), 100);
        NetworkSpec net = new NetworkSpec(netModel, new LinkSpec(new Range(10, 100), 0),
                new LinkSpec(Range.of(1300), 0.005), new LinkSpec(new Range(10, 100), 0.1), 10, 10);
        return new Scenario("test", seed, 300, 30, 60, dev, apps, edge, cloud, net, scheduling, policy);
    }

    public static Scenario seed003(int devices, long seed, String policy) {
        return seed003(devices, seed, policy, Scenario.Scheduling.TIME_SHARED, NetworkSpec.Model.SHARED, false);
    }

    /** Copy of {@code s} with its devices replaced. */
    public static Scenario withDevicesSpec(Scenario s, DevicesSpec d) {
        return new Scenario(s.name(), s.seed(), s.durationS(), s.warmupS(), s.drainS(), d, s.applications(),
                s.edge(), s.cloud(), s.network(), s.scheduling(), s.policy());
    }

    /** Copy of {@code s} with its applications replaced. */
    public static Scenario withApplications(Scenario s, List<ApplicationSpec> apps) {
        return new Scenario(s.name(), s.seed(), s.durationS(), s.warmupS(), s.drainS(), s.devices(), apps,
                s.edge(), s.cloud(), s.network(), s.scheduling(), s.policy());
    }

    /** Copy of {@code s} with its edge tier replaced. */
    public static Scenario withEdge(Scenario s, EdgeSpec e) {
        return new Scenario(s.name(), s.seed(), s.durationS(), s.warmupS(), s.drainS(), s.devices(),
                s.applications(), e, s.cloud(), s.network(), s.scheduling(), s.policy());
    }

    /** Copy of {@code s} with its network replaced. */
    public static Scenario withNetwork(Scenario s, NetworkSpec n) {
        return new Scenario(s.name(), s.seed(), s.durationS(), s.warmupS(), s.drainS(), s.devices(),
                s.applications(), s.edge(), s.cloud(), n, s.scheduling(), s.policy());
    }

    /** Copy of {@code s} whose access points cover {@code coverageM} metres (0 = unlimited). */
    public static Scenario withCoverage(Scenario s, double coverageM) {
        EdgeSpec e = s.edge();
        return withEdge(s, new EdgeSpec(e.sites(), e.placement(), e.hostsPerSite(), e.vmsPerHost(), e.vm(),
                coverageM, e.utilizationLimitPercent()));
    }

    /** Copy of {@code s} with a different time frame (duration, warm-up, drain). */
    public static Scenario withTimes(Scenario s, double durationS, double warmupS, double drainS) {
        return new Scenario(s.name(), s.seed(), durationS, warmupS, drainS, s.devices(), s.applications(),
                s.edge(), s.cloud(), s.network(), s.scheduling(), s.policy());
    }

    /** Copy of {@code s} whose devices have no CPU of their own. */
    public static Scenario withoutLocalCpu(Scenario s) {
        DevicesSpec d = s.devices();
        return withDevicesSpec(s, new DevicesSpec(d.count(), null, d.placement(), d.mobility(), d.power()));
    }

    /** Copy of {@code s} whose applications use their mean sizes for every task ({@code FIXED}). */
    public static Scenario withFixedSizes(Scenario s) {
        List<ApplicationSpec> apps = s.applications().stream().map(a -> new ApplicationSpec(a.name(),
                a.usagePercent(), a.arrival(), ApplicationSpec.Distribution.FIXED, a.lengthMi(), a.uploadKb(),
                a.downloadKb(), a.delaySensitivity(), a.maxDelayS(), a.memoryMb(), a.vmUtilizationEdge(),
                a.vmUtilizationCloud(), a.vmUtilizationLocal())).toList();
        return withApplications(s, apps);
    }

    /** Copy of {@code s} whose tasks all need {@code memoryMb} (seed-003 devices have 2048 MB, edge VMs 8192). */
    public static Scenario withTaskMemory(Scenario s, double memoryMb) {
        List<ApplicationSpec> apps = s.applications().stream().map(a -> new ApplicationSpec(a.name(),
                a.usagePercent(), a.arrival(), a.distribution(), a.lengthMi(), a.uploadKb(), a.downloadKb(),
                a.delaySensitivity(), a.maxDelayS(), memoryMb, a.vmUtilizationEdge(), a.vmUtilizationCloud(),
                a.vmUtilizationLocal())).toList();
        return withApplications(s, apps);
    }

    /**
     * The result with the two wall-clock fields zeroed: what must be equal between two runs of the same scenario
     * and seed.
     */
    public static SimulationResult withoutWallClock(SimulationResult r) {
        return new SimulationResult(r.scenario(), r.policy(), r.seed(), r.devices(), r.simulatedTimeS(), r.warmupS(),
                r.overall(), r.perApplication(), r.perTier(), r.vmUtilization(), r.deviceEnergyTotalJ(),
                r.deviceEnergyMeanPerDeviceJ(), r.littleLaw(), r.tasksGeneratedTotal(), r.eventsProcessed(), 0, 0,
                r.studies());
    }
}
