package org.offload.scenario;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A complete, validated description of one simulation: time frame, devices, applications, infrastructure,
 * network, VM scheduling and the offloading policy with its options ({@code policy_options}, handed to the policy
 * whatever its name, in file order). Immutable; {@code with*} methods return modified copies.
 */
public record Scenario(String name, long seed, double durationS, double warmupS, double drainS,
                       DevicesSpec devices, List<ApplicationSpec> applications, EdgeSpec edge, CloudSpec cloud,
                       NetworkSpec network, Scheduling scheduling, String policy, Map<String, String> policyOptions,
                       Admission admission) {

    /** How a VM shares its cores among tasks. */
    public enum Scheduling { TIME_SHARED, FCFS }

    /**
     * When a task's claim on a VM counts: from placement ({@code ON_DECIDE}, Offload's default) or from the start
     * of execution ({@code ON_EXECUTE}, what EdgeCloudSim's orchestrators see).
     */
    public enum Admission { ON_DECIDE, ON_EXECUTE }

    public Scenario {
        Check.present("name", name);
        Check.positive("duration_s", durationS);
        Check.nonNegative("warmup_s", warmupS);
        if (warmupS >= durationS) {
            throw new ScenarioException("warmup_s", "must be < duration_s (" + durationS + "), got " + warmupS);
        }
        Check.nonNegative("drain_s", drainS);
        Check.present("devices", devices);
        Check.present("applications", applications);
        if (applications.isEmpty()) {
            throw new ScenarioException("applications", "needs at least one application");
        }
        applications = List.copyOf(applications);
        double usage = 0;
        Set<String> names = new HashSet<>();
        for (int i = 0; i < applications.size(); i++) {
            usage += applications.get(i).usagePercent();
            if (!names.add(applications.get(i).name())) {
                throw new ScenarioException("applications[" + i + "].name",
                        "duplicate application name '" + applications.get(i).name() + "'");
            }
        }
        if (Math.abs(usage - 100) > 1e-6) {
            throw new ScenarioException("applications", "usage_percent must add up to 100, got " + usage);
        }
        Check.present("edge", edge);
        Check.present("cloud", cloud);
        Check.present("network", network);
        for (String app : network.qos().applicationClasses().keySet()) {
            if (!names.contains(app)) {
                throw new ScenarioException("qos", "maps unknown application '" + app + "' to a class");
            }
        }
        MobilitySpec mobility = devices.mobility();
        if (mobility.type() == MobilitySpec.Type.NOMADIC && mobility.attractiveness().size() != edge.sites()) {
            throw new ScenarioException("devices.mobility.attractiveness", "needs one level per edge site ("
                    + edge.sites() + "), got " + mobility.attractiveness().size());
        }
        Check.present("scheduling", scheduling);
        Check.present("policy", policy);
        Check.present("admission", admission);
        policyOptions = policyOptions == null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(policyOptions));
        for (String k : policyOptions.keySet()) {
            if (k.isBlank()) {
                throw new ScenarioException("policy_options", "option names must not be blank");
            }
        }
    }

    /** A scenario with {@link Admission#ON_DECIDE} admission. */
    public Scenario(String name, long seed, double durationS, double warmupS, double drainS, DevicesSpec devices,
                    List<ApplicationSpec> applications, EdgeSpec edge, CloudSpec cloud, NetworkSpec network,
                    Scheduling scheduling, String policy, Map<String, String> policyOptions) {
        this(name, seed, durationS, warmupS, drainS, devices, applications, edge, cloud, network, scheduling, policy,
                policyOptions, Admission.ON_DECIDE);
    }

    /** A scenario whose policy takes no options. */
    public Scenario(String name, long seed, double durationS, double warmupS, double drainS, DevicesSpec devices,
                    List<ApplicationSpec> applications, EdgeSpec edge, CloudSpec cloud, NetworkSpec network,
                    Scheduling scheduling, String policy) {
        this(name, seed, durationS, warmupS, drainS, devices, applications, edge, cloud, network, scheduling, policy,
                Map.of());
    }

    /** This scenario with {@code qos} as its network's QoS classes and slices (the decision service's config). */
    public Scenario withQos(QosSpec qos) {
        return new Scenario(name, seed, durationS, warmupS, drainS, devices, applications, edge, cloud,
                network.withQos(qos), scheduling, policy, policyOptions, admission);
    }

    public Scenario withSeed(long newSeed) {
        return new Scenario(name, newSeed, durationS, warmupS, drainS, devices, applications, edge, cloud, network,
                scheduling, policy, policyOptions, admission);
    }

    public Scenario withPolicy(String newPolicy) {
        return new Scenario(name, seed, durationS, warmupS, drainS, devices, applications, edge, cloud, network,
                scheduling, newPolicy, policyOptions, admission);
    }

    public Scenario withDevices(int count) {
        return new Scenario(name, seed, durationS, warmupS, drainS, devices.withCount(count), applications, edge,
                cloud, network, scheduling, policy, policyOptions, admission);
    }

    public Scenario withDuration(double newDurationS, double newWarmupS) {
        return new Scenario(name, seed, newDurationS, newWarmupS, drainS, devices, applications, edge, cloud,
                network, scheduling, policy, policyOptions, admission);
    }

    public List<String> applicationNames() {
        List<String> out = new ArrayList<>(applications.size());
        applications.forEach(a -> out.add(a.name()));
        return out;
    }
}
