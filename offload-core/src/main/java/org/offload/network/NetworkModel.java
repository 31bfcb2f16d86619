package org.offload.network;

import org.offload.engine.Simulation;
import org.offload.model.FailureReason;
import org.offload.queueing.Discipline;
import org.offload.queueing.Mm1DelayServer;
import org.offload.queueing.ProcessorSharingServer;
import org.offload.queueing.Server;
import org.offload.queueing.StationState;
import org.offload.queueing.Work;
import org.offload.scenario.NetworkSpec;
import org.offload.scenario.Scenario;

/**
 * How links carry transfers: the station a link is (whose estimate is the model's delay formula), whether it
 * takes a transfer, and that formula over a link's numbers ({@link #transferS}) for states that are not a live
 * station (telemetry). A new network model (EdgeCloudSim's lookup tables, reserved slices) is one more
 * implementation with its station ({@link EcsNetworkModel}); the simulator's links, its views and the policies'
 * estimates all go through it.
 */
public interface NetworkModel {
    /** The station carrying one link's transfers, at {@code rateBps} to start with. */
    Server newStation(Simulation sim, double rateBps, Server.Listener listener);

    /**
     * Expected time to serve {@code bits} started now on a link in state {@code link}, propagation excluded: the
     * formula the model's station applies to its own state.
     */
    double transferS(StationState link, double bits);

    /** Whether {@code link} takes a transfer of {@code bits} now; a refused one fails with {@link #refusal}. */
    default boolean admits(StationState link, double bits) {
        return true;
    }

    /**
     * Whether {@code link} takes a transfer of {@code bits} now in direction {@code upload} (toward the VM) or not;
     * called once per transfer attempt, just before {@link #start}. By default {@link #admits(StationState, double)}.
     */
    default boolean admits(LinkState link, double bits, boolean upload) {
        return admits(link, bits);
    }

    /** Starts a transfer the link admitted on its {@code station}. By default the station serves {@code bits}. */
    default void start(Server station, Work w, double bits, boolean upload) {
        station.add(w, bits);
    }

    /** The failure reason of a transfer this model refuses. */
    default FailureReason refusal() {
        return FailureReason.NETWORK_CONGESTION;
    }

    /** Whether transfers to and from the cloud cross the site's WLAN before its WAN uplink (a WLAN model's answer). */
    default boolean cloudCrossesWlan() {
        return true;
    }

    /** Told each time the policy's decision on a task is acted on (EdgeCloudSim's orchestrator probes the MAN). */
    default void onDecision() {
    }

    /** The model of links of {@code kind}: this one, unless links of different kinds follow different rules. */
    default NetworkModel forLink(LinkKind kind) {
        return this;
    }

    /** The model a scenario's network names ({@code ecs} needs the whole scenario: {@link #of(Scenario)}). */
    static NetworkModel of(NetworkSpec spec) {
        return switch (spec.model()) {
            case SHARED -> new Shared();
            case MM1 -> new Mm1(spec.mm1WindowS());
            case ECS -> throw new IllegalArgumentException(
                    "network model ecs estimates its MAN load from the scenario: use NetworkModel.of(scenario)");
        };
    }

    /** The model a scenario's network names, built for that scenario (one instance per simulated world). */
    static NetworkModel of(Scenario scenario) {
        if (!scenario.network().qos().slices().isEmpty()) {
            return new SlicedNetworkModel(SlicePlan.of(scenario));
        }
        return scenario.network().model() == NetworkSpec.Model.ECS ? new EcsNetworkModel(scenario)
                : of(scenario.network());
    }

    /** {@code shared}: concurrent transfers share the link's capacity equally (processor sharing, one unit). */
    final class Shared implements NetworkModel {
        @Override
        public Server newStation(Simulation sim, double rateBps, Server.Listener listener) {
            return new ProcessorSharingServer(sim, 1, rateBps, listener);
        }

        @Override
        public double transferS(StationState link, double bits) {
            return Discipline.processorSharingS(bits, link.rate(), link.servers(), link.inSystem());
        }
    }

    /**
     * {@code mm1}: each transfer takes the M/M/1 sojourn at the link's recent offered load
     * ({@link Mm1DelayServer}); a transfer that would bring the load to 1 or more is refused.
     */
    final class Mm1 implements NetworkModel {
        private final double windowS;

        Mm1(double windowS) {
            this.windowS = windowS;
        }

        @Override
        public Server newStation(Simulation sim, double rateBps, Server.Listener listener) {
            return new Mm1DelayServer(sim, rateBps, windowS, listener);
        }

        @Override
        public double transferS(StationState link, double bits) {
            return Discipline.mm1S(bits, link.rate(), link.utilisationWith(bits));
        }

        @Override
        public boolean admits(StationState link, double bits) {
            return link.utilisationWith(bits) < 1;
        }
    }
}
