package org.offload.network;

import java.util.List;
import java.util.function.DoubleSupplier;

import org.offload.engine.Simulation;
import org.offload.model.FailureReason;
import org.offload.queueing.FixedDelayServer;
import org.offload.queueing.Server;
import org.offload.queueing.StationState;
import org.offload.queueing.Work;
import org.offload.scenario.ApplicationSpec;
import org.offload.scenario.Scenario;

/**
 * {@code network.model: ecs}: EdgeCloudSim's sample_app4 network model, re-implemented from
 * {@code applications/sample_app4/FuzzyExperimentalNetworkModel.java} and the way
 * {@code FuzzyMobileDeviceManager.java} and {@code FuzzyEdgeOrchestrator.java} call it (EdgeCloudSim commit
 * 0c82e35).
 * <ul>
 * <li><b>WLAN, WAN</b> ({@link Table}): a transfer's rate is looked up once, when it starts, in the measured table
 * ({@link EcsTables}) at the number of transfers already on the same site's WLAN (or WAN uplink), uploads and
 * downloads alike; the table is scaled so that a lone transfer gets the link's {@code bandwidth_mbps} (sample_app4:
 * 3 × 88,040.279 kbit/s for 802.11ac, 20,703.973 kbit/s, which is what {@code offload import-ecs} writes, so the
 * rates are EdgeCloudSim's). A transfer that finds as many others as the table has entries fails
 * ({@code wlan_congestion} / {@code wan_congestion}). Transfers to and from the cloud cross the WAN only, not the
 * WLAN, as in sample_app4.</li>
 * <li><b>MAN</b> ({@link Man}): each transfer takes {@code 1 / (mu - lambda * N)} seconds plus the MAN's propagation
 * ({@code lan_internal_delay}), with {@code N} the number of devices, {@code mu} the link's rate over the mean task
 * size and {@code lambda} the estimated per-device arrival rate; upload and download keep separate estimates. A
 * negative result or more than 15 s fails ({@code man_congestion}).</li>
 * </ul>
 */
public final class EcsNetworkModel implements NetworkModel {
    private final Table wlan = new Table(EcsTables.WLAN_KBPS, FailureReason.WLAN_CONGESTION);
    private final Table wan = new Table(EcsTables.WAN_KBPS, FailureReason.WAN_CONGESTION);
    private final Man man;

    /** The model of {@code scenario}'s network (its MAN estimates start from the scenario's applications). */
    public EcsNetworkModel(Scenario scenario) {
        this.man = new Man(scenario.applications(), scenario.devices().count());
    }

    @Override
    public NetworkModel forLink(LinkKind kind) {
        return switch (kind) {
            case WLAN -> wlan;
            case WAN -> wan;
            case MAN -> man;
        };
    }

    @Override
    public Server newStation(Simulation sim, double rateBps, Server.Listener listener) {
        throw new IllegalStateException("the ecs network model differs by link: use forLink(kind)");
    }

    @Override
    public double transferS(StationState link, double bits) {
        throw new IllegalStateException("the ecs network model differs by link: use forLink(kind)");
    }

    /**
     * WLAN or WAN: the rate of a transfer is the table's entry at the number of transfers already on the link,
     * scaled so that entry 0 is the link's rate; fixed for the whole transfer.
     */
    public static final class Table implements NetworkModel {
        private final double[] kbps;
        private final FailureReason refusal;

        Table(double[] kbps, FailureReason refusal) {
            this.kbps = kbps;
            this.refusal = refusal;
        }

        /** The rate (bit/s) of a transfer that starts while {@code others} are on a link of {@code linkBps}. */
        public double rateBps(double linkBps, int others) {
            return linkBps * (kbps[others] / kbps[0]);
        }

        /** Entries of the table: a transfer that finds this many others on the link is refused. */
        public int users() {
            return kbps.length;
        }

        @Override
        public Server newStation(Simulation sim, double rateBps, Server.Listener listener) {
            return new FixedDelayServer(sim, rateBps, listener, this::transferS);
        }

        @Override
        public double transferS(StationState link, double bits) {
            int others = link.inSystem();
            return others < kbps.length ? bits / rateBps(link.rate(), others) : Double.POSITIVE_INFINITY;
        }

        @Override
        public boolean admits(StationState link, double bits) {
            return link.inSystem() < kbps.length;
        }

        @Override
        public FailureReason refusal() {
            return refusal;
        }

        @Override
        public boolean cloudCrossesWlan() {
            return false;
        }
    }

    /**
     * The MAN: EdgeCloudSim's {@code calculateMM1} with its online estimates ({@code initialize},
     * {@code getManUploadDelay}/{@code getManDownloadDelay}, {@code updateMM1QueeuModel}), per direction:
     * <ul>
     * <li>start: mean inter-arrival {@code sum_i(gap_i * w_i * 4) / A} and mean task size
     * {@code sum_i(size_i * w_i) / A} over the {@code A} applications with usage shares {@code w_i} (upload size
     * for uploads, download size for downloads; EdgeCloudSim divides the weighted sums by {@code A} once more);</li>
     * <li>every transfer attempt, refused ones included, counts as an arrival and adds the <i>current mean</i>
     * size (not its own) to the interval's total; so does the orchestrator's MAN probe, made for every task it
     * decides ({@link #onDecision}, upload direction);</li>
     * <li>every {@value #UPDATE_S} s (EdgeCloudSim: from {@code CLIENT_ACTIVITY_START_TIME}; here from t = 0, where
     * Offload's devices start): an interval with arrivals sets the mean inter-arrival to
     * {@code interval / (arrivals / N)} and the mean size to total over arrivals (which stays the starting
     * estimate, since each arrival added the mean);</li>
     * <li>a transfer takes {@code 1 / (mu - lambda * N)} with {@code mu = rate / (8 * mean size)} and
     * {@code lambda = 1 / mean inter-arrival}, whatever its own size, plus the link's propagation; a negative
     * value, or more than {@value #MAX_DELAY_S} s with the propagation, is refused.</li>
     * </ul>
     * Estimates for a policy ({@link #transferS}) use the upload direction's numbers.
     */
    public static final class Man implements NetworkModel {
        /** {@code FuzzyMobileDeviceManager.MM1_QUEUE_MODEL_UPDATE_INTEVAL}. */
        public static final double UPDATE_S = 5;
        /** {@code calculateMM1}: a longer delay is a failure. */
        public static final double MAX_DELAY_S = 15;
        private static final int UP = 0;
        private static final int DOWN = 1;
        private static final double BITS_PER_KB = 8000;

        private final int devices;
        private final double[] meanGapS = new double[2];
        private final double[] meanKb = new double[2];
        private final double[] totalKb = new double[2];
        private final long[] arrivals = new long[2];
        private double lastUpdateS;
        private DoubleSupplier clock;

        Man(List<ApplicationSpec> apps, int devices) {
            this.devices = devices;
            for (ApplicationSpec a : apps) {
                double w = a.usagePercent() / 100;
                meanGapS[UP] += a.arrival().meanGapS() * w * 4;
                meanKb[UP] += a.uploadKb() * w;
                meanKb[DOWN] += a.downloadKb() * w;
            }
            int n = apps.size();
            meanGapS[UP] /= n;
            meanGapS[DOWN] = meanGapS[UP];
            meanKb[UP] /= n;
            meanKb[DOWN] /= n;
        }

        @Override
        public Server newStation(Simulation sim, double rateBps, Server.Listener listener) {
            this.clock = sim::now;
            return new FixedDelayServer(sim, rateBps, listener, this::transferS);
        }

        /** Mean inter-arrival time per device (s) the {@code upload} direction's estimate holds now. */
        public double meanInterarrivalS(boolean upload) {
            advance();
            return meanGapS[upload ? UP : DOWN];
        }

        /** Mean task size (KB) the {@code upload} direction's estimate holds now. */
        public double meanTaskKb(boolean upload) {
            advance();
            return meanKb[upload ? UP : DOWN];
        }

        /**
         * EdgeCloudSim's queueing delay {@code 1 / (mu - lambda * N)} for a transfer in direction {@code upload} on
         * a MAN of {@code rateBps}, propagation excluded; negative or infinite when the MAN is saturated.
         */
        public double queueingS(double rateBps, boolean upload) {
            advance();
            int d = upload ? UP : DOWN;
            double mu = rateBps / (meanKb[d] * BITS_PER_KB);
            double lambda = 1 / meanGapS[d];
            return 1 / (mu - lambda * devices);
        }

        private boolean accepts(double queueingS, double propagationS) {
            return queueingS >= 0 && queueingS + propagationS <= MAX_DELAY_S;
        }

        private void record(boolean upload) {
            int d = upload ? UP : DOWN;
            arrivals[d]++;
            totalKb[d] += meanKb[d];
        }

        /** Applies the periodic updates due by now (lazily: an update with no arrivals changes nothing). */
        private void advance() {
            if (clock == null) {
                return;
            }
            double now = clock.getAsDouble();
            while (now >= lastUpdateS + UPDATE_S) {
                double interval = UPDATE_S;
                for (int d = UP; d <= DOWN; d++) {
                    if (arrivals[d] != 0) {
                        meanGapS[d] = interval / (arrivals[d] / (double) devices);
                        meanKb[d] = totalKb[d] / arrivals[d];
                    }
                    arrivals[d] = 0;
                    totalKb[d] = 0;
                }
                lastUpdateS += UPDATE_S;
            }
        }

        @Override
        public double transferS(StationState link, double bits) {
            double q = queueingS(link.rate(), true);
            return q >= 0 ? q : Double.POSITIVE_INFINITY;
        }

        /** Counts the attempt as an arrival (refused or not), as EdgeCloudSim's delay functions do. */
        @Override
        public boolean admits(LinkState link, double bits, boolean upload) {
            double q = queueingS(link.rate(), upload);
            record(upload);
            return accepts(q, link.propagationS());
        }

        @Override
        public void start(Server station, Work w, double bits, boolean upload) {
            ((FixedDelayServer) station).add(w, bits, queueingS(station.rate(), upload));
        }

        /** sample_app4's orchestrator asks the MAN's upload delay for every task it decides. */
        @Override
        public void onDecision() {
            advance();
            record(true);
        }

        @Override
        public FailureReason refusal() {
            return FailureReason.MAN_CONGESTION;
        }
    }
}
