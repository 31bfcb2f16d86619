package org.offload.network;

import org.offload.engine.Simulation;
import org.offload.queueing.Discipline;
import org.offload.queueing.Mm1DelayServer;
import org.offload.queueing.ProcessorSharingServer;
import org.offload.queueing.Server;
import org.offload.queueing.StationState;
import org.offload.scenario.NetworkSpec;

/**
 * How links carry transfers: the station a link is (whose estimate is the model's delay formula), whether it
 * takes a transfer, and that formula over a link's numbers ({@link #transferS}) for states that are not a live
 * station (telemetry). A new network model (EdgeCloudSim's lookup tables, reserved slices) is one more
 * implementation with its station; the simulator's links, its views and the policies' estimates all go through it.
 */
public interface NetworkModel {
    /** The station carrying one link's transfers, at {@code rateBps} to start with. */
    Server newStation(Simulation sim, double rateBps, Server.Listener listener);

    /**
     * Expected time to serve {@code bits} started now on a link in state {@code link}, propagation excluded: the
     * formula the model's station applies to its own state.
     */
    double transferS(StationState link, double bits);

    /** Whether {@code link} takes a transfer of {@code bits} now; a refused one fails with network_congestion. */
    default boolean admits(StationState link, double bits) {
        return true;
    }

    /** The model a scenario's network names. */
    static NetworkModel of(NetworkSpec spec) {
        return switch (spec.model()) {
            case SHARED -> new Shared();
            case MM1 -> new Mm1(spec.mm1WindowS());
        };
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
