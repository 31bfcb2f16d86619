package org.offload.mobility;

import java.util.SplittableRandom;

import org.offload.engine.RandomStreams;
import org.offload.scenario.MobilitySpec;
import org.offload.topology.Sites;

/**
 * EdgeCloudSim's nomadic mobility, re-implemented from {@code src/edu/boun/edgecloudsim/mobility/NomadicMobility.java}
 * (class {@code NomadicMobility}): devices stand at edge sites, never between them. Each device starts at a
 * uniformly drawn site, stays there for an exponentially distributed time whose mean is the dwell time of the
 * site's attractiveness level, then jumps to a uniformly drawn <em>other</em> site (the same one only when there is
 * a single site). A device therefore always attaches to the site it stands at. Differences: EdgeCloudSim places
 * devices at {@code CLIENT_ACTIVITY_START_TIME} (10 s) and precomputes the whole timeline; here the timeline
 * starts at 0 and is generated lazily, from the device's own random stream, as positions are asked for.
 */
public final class NomadicMobility implements MobilityModel {
    private final Sites sites;
    private final double[] meanDwell;
    private final RandomStreams streams;
    private final SplittableRandom[] random;
    private final int[] site;
    private final double[] leave;

    public NomadicMobility(MobilitySpec spec, Sites sites, int devices, RandomStreams streams) {
        if (spec.attractiveness().size() != sites.count()) {
            throw new IllegalArgumentException("attractiveness needs " + sites.count() + " levels, got "
                    + spec.attractiveness().size());
        }
        this.sites = sites;
        this.streams = streams;
        meanDwell = new double[sites.count()];
        for (int s = 0; s < meanDwell.length; s++) {
            meanDwell[s] = spec.dwellS().get(spec.attractiveness().get(s));
        }
        random = new SplittableRandom[devices];
        site = new int[devices];
        leave = new double[devices];
    }

    /** Site a device stands at at time {@code t} (non-decreasing per device, as {@link #position}). */
    public int site(int d, double t) {
        SplittableRandom r = random[d];
        if (r == null) {
            r = random[d] = streams.stream("mobility", d);
            site[d] = r.nextInt(sites.count());
            leave[d] = dwell(r, site[d]);
        }
        while (t >= leave[d]) {
            int n = sites.count();
            int next = n == 1 ? 0 : r.nextInt(n - 1);
            if (n > 1 && next >= site[d]) {
                next++; // uniform over the other sites
            }
            site[d] = next;
            leave[d] += dwell(r, next);
        }
        return site[d];
    }

    private double dwell(SplittableRandom r, int s) {
        return -meanDwell[s] * Math.log(1 - r.nextDouble());
    }

    @Override
    public void position(int d, double t, double[] xy) {
        int s = site(d, t);
        xy[0] = sites.x(s);
        xy[1] = sites.y(s);
    }

    @Override
    public boolean moves() {
        return true;
    }
}
