package org.offload.mobility;

import java.util.SplittableRandom;

import org.offload.engine.RandomStreams;
import org.offload.scenario.MobilitySpec;

/**
 * Random waypoint: each device walks in a straight line to a uniformly drawn point of the area at a uniformly
 * drawn speed, pauses for a uniformly drawn time, and repeats. Legs are generated lazily when a position is
 * asked for, from the device's own random stream, so no events are scheduled and cost grows only with queries.
 */
public final class RandomWaypointMobility implements MobilityModel {
    private final MobilitySpec spec;
    private final double width;
    private final double height;
    private final RandomStreams streams;
    private final SplittableRandom[] random;
    private final double[] fromX, fromY, toX, toY, legStart, arrive, leave;

    public RandomWaypointMobility(MobilitySpec spec, double[][] start, double width, double height,
                                  RandomStreams streams) {
        this.spec = spec;
        this.width = width;
        this.height = height;
        this.streams = streams;
        int n = start.length;
        random = new SplittableRandom[n];
        fromX = new double[n];
        fromY = new double[n];
        toX = new double[n];
        toY = new double[n];
        legStart = new double[n];
        arrive = new double[n];
        leave = new double[n];
        for (int i = 0; i < n; i++) {
            fromX[i] = toX[i] = start[i][0];
            fromY[i] = toY[i] = start[i][1];
            leave[i] = Double.NaN;
        }
    }

    private static double uniform(SplittableRandom r, double lo, double hi) {
        return lo == hi ? lo : lo + (hi - lo) * r.nextDouble();
    }

    private void nextLeg(int d, double startTime) {
        SplittableRandom r = random[d];
        fromX[d] = toX[d];
        fromY[d] = toY[d];
        toX[d] = r.nextDouble() * width;
        toY[d] = r.nextDouble() * height;
        double speed = uniform(r, spec.speedMps().min(), spec.speedMps().max());
        double dist = Math.hypot(toX[d] - fromX[d], toY[d] - fromY[d]);
        legStart[d] = startTime;
        arrive[d] = startTime + dist / speed;
        leave[d] = arrive[d] + uniform(r, spec.pauseS().min(), spec.pauseS().max());
    }

    @Override
    public void position(int d, double t, double[] xy) {
        if (random[d] == null) {
            random[d] = streams.stream("mobility", d);
            nextLeg(d, 0);
        }
        while (t >= leave[d]) {
            nextLeg(d, leave[d]);
        }
        if (t >= arrive[d]) {
            xy[0] = toX[d];
            xy[1] = toY[d];
        } else {
            double f = (t - legStart[d]) / (arrive[d] - legStart[d]);
            xy[0] = fromX[d] + f * (toX[d] - fromX[d]);
            xy[1] = fromY[d] + f * (toY[d] - fromY[d]);
        }
    }

    @Override
    public boolean moves() {
        return true;
    }
}
