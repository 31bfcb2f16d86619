package org.offload;

import java.util.List;

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
}
