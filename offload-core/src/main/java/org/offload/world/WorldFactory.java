package org.offload.world;

import org.offload.compute.Vm;
import org.offload.engine.RandomStreams;
import org.offload.engine.Simulation;
import org.offload.mobility.MobilityModel;
import org.offload.mobility.NomadicMobility;
import org.offload.mobility.RandomWaypointMobility;
import org.offload.mobility.StaticMobility;
import org.offload.model.Tier;
import org.offload.network.Link;
import org.offload.network.NetworkModel;
import org.offload.queueing.Server;
import org.offload.scenario.DevicesSpec;
import org.offload.scenario.EdgeSpec;
import org.offload.scenario.MobilitySpec;
import org.offload.scenario.NetworkSpec;
import org.offload.scenario.PlacementSpec;
import org.offload.scenario.Scenario;
import org.offload.topology.EuaDataset;
import org.offload.topology.Placement;
import org.offload.topology.Sites;

/**
 * Builds the {@link World} of a scenario: places sites and devices (named random streams {@code placement.*}),
 * sets up mobility, the VMs in {@link Topology} order and the links. The placement methods are public so that
 * another view of the same scenario (the decision service's) puts every device at the same site.
 */
public final class WorldFactory {
    private WorldFactory() {
    }

    /**
     * The world of {@code scenario} on {@code sim}: VMs report finished work to {@code executed}, links report
     * finished transfers to {@code transferred}.
     */
    public static World build(Scenario scenario, Simulation sim, RandomStreams streams, Server.Listener executed,
                              Server.Listener transferred) {
        EuaDataset eua = needsEua(scenario) ? EuaDataset.load() : null;
        Sites sites = sites(scenario, streams, eua);
        double[][] devicePos = devicePositions(scenario, streams, eua);
        MobilityModel mobility = mobility(scenario.devices(), devicePos, sites, streams, eua);
        int[] staticSite = mobility.moves() ? null : homeSites(sites, devicePos);
        Topology topology = Topology.of(scenario);
        Vm[] vms = vms(scenario, topology, sim, executed);
        int siteCount = topology.sites();
        Link[] wlan = new Link[siteCount];
        Link[] wan = new Link[siteCount];
        NetworkSpec net = scenario.network();
        NetworkModel model = NetworkModel.of(net);
        for (int s = 0; s < siteCount; s++) { // links schedule their bandwidth redraws: keep this order
            wlan[s] = new Link("wlan" + s, sim, net.wlan(), net, model, streams.stream("link.wlan", s), transferred);
            wan[s] = new Link("wan" + s, sim, net.wan(), net, model, streams.stream("link.wan", s), transferred);
        }
        Link man = new Link("man", sim, net.man(), net, model, streams.stream("link.man", 0), transferred);
        return new World(sim, scenario, topology, sites, mobility, staticSite, vms, executed, wlan, wan, man);
    }

    /** Whether the scenario places sites or devices from the bundled EUA data set. */
    public static boolean needsEua(Scenario scenario) {
        return scenario.devices().placement().type() == PlacementSpec.Type.EUA
                || scenario.edge().placement().type() == PlacementSpec.Type.EUA;
    }

    /** The edge sites and their coverage ({@code eua}: the data set, when {@link #needsEua} says so). */
    public static Sites sites(Scenario scenario, RandomStreams streams, EuaDataset eua) {
        EdgeSpec edge = scenario.edge();
        double[][] pos = Placement.place(edge.placement(), edge.sites(), true, streams.stream("placement.sites", 0),
                eua);
        return new Sites(pos, edge.coverageM());
    }

    /** Each device's starting position. */
    public static double[][] devicePositions(Scenario scenario, RandomStreams streams, EuaDataset eua) {
        DevicesSpec devices = scenario.devices();
        return Placement.place(devices.placement(), devices.count(), false, streams.stream("placement.devices", 0),
                eua);
    }

    /** The site nearest each position (-1 outside coverage). */
    public static int[] homeSites(Sites sites, double[][] positions) {
        int[] site = new int[positions.length];
        for (int d = 0; d < positions.length; d++) {
            site[d] = sites.nearest(positions[d][0], positions[d][1]);
        }
        return site;
    }

    private static MobilityModel mobility(DevicesSpec devices, double[][] start, Sites sites, RandomStreams streams,
                                          EuaDataset eua) {
        if (devices.mobility().type() == MobilitySpec.Type.NOMADIC) {
            return new NomadicMobility(devices.mobility(), sites, devices.count(), streams);
        }
        if (devices.mobility().type() != MobilitySpec.Type.RANDOM_WAYPOINT) {
            return new StaticMobility(start);
        }
        PlacementSpec p = devices.placement();
        double w = p.type() == PlacementSpec.Type.EUA ? eua.widthM() : p.widthM();
        double h = p.type() == PlacementSpec.Type.EUA ? eua.heightM() : p.heightM();
        return new RandomWaypointMobility(devices.mobility(), start, w, h, streams);
    }

    private static Vm[] vms(Scenario scenario, Topology t, Simulation sim, Server.Listener executed) {
        Vm[] vms = new Vm[t.vmCount()];
        for (int v = 0; v < vms.length; v++) {
            vms[v] = new Vm(v, t.tier(v), t.site(v), t.spec(v), t.limitPercent(v), scenario.scheduling(), sim,
                    executed);
        }
        return vms;
    }
}
