package org.offload.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.offload.queueing.Work;
import org.offload.scenario.ApplicationSpec;
import org.offload.scenario.QosClassSpec;
import org.offload.scenario.QosSpec;
import org.offload.scenario.Scenario;
import org.offload.scenario.SliceSpec;

/**
 * A scenario's {@link QosSpec} resolved to indices: each application's QoS class (-1: none), and per link kind
 * the flows of a {@link org.offload.queueing.GpsServer} — flow 0 the unreserved remainder
 * ({@code 1 - sum of shares}), then one flow per slice covering that kind, in file order — and the flow of each
 * class's traffic on that kind (0 when its slice does not cover it, or it has none). Immutable.
 */
public final class SlicePlan {
    /** No classes, no slices. */
    public static final SlicePlan NONE = new SlicePlan(QosSpec.NONE, List.of());

    private final QosSpec qos;
    private final int[] appClass;
    /** weights[kind][flow]. */
    private final double[][] weights = new double[LinkKind.values().length][];
    /** flow[kind][class]. */
    private final int[][] flow = new int[LinkKind.values().length][];

    /** The plan of {@code qos} for applications {@code apps} (in the scenario's order). */
    public SlicePlan(QosSpec qos, List<String> apps) {
        this.qos = qos;
        this.appClass = new int[apps.size()];
        for (int a = 0; a < apps.size(); a++) {
            String c = qos.applicationClasses().get(apps.get(a));
            appClass[a] = c == null ? -1 : qos.classIndex(c);
        }
        for (LinkKind kind : LinkKind.values()) {
            String k = kind.name().toLowerCase(Locale.ROOT);
            List<Double> w = new ArrayList<>();
            w.add(0.0);
            int[] sliceFlow = new int[qos.slices().size()];
            double reserved = 0;
            for (int s = 0; s < qos.slices().size(); s++) {
                SliceSpec slice = qos.slices().get(s);
                if (slice.covers(k)) {
                    sliceFlow[s] = w.size();
                    w.add(slice.share());
                    reserved += slice.share();
                }
            }
            w.set(0, Math.max(0, 1 - reserved));
            weights[kind.ordinal()] = w.stream().mapToDouble(Double::doubleValue).toArray();
            int[] byClass = new int[qos.classes().size()];
            for (int c = 0; c < byClass.length; c++) {
                String slice = qos.classes().get(c).slice();
                byClass[c] = slice == null ? 0 : sliceFlow[qos.sliceIndex(slice)];
            }
            flow[kind.ordinal()] = byClass;
        }
    }

    /** The plan of a scenario's {@code network.qos}. */
    public static SlicePlan of(Scenario scenario) {
        QosSpec q = scenario.network().qos();
        return q.isEmpty() ? NONE
                : new SlicePlan(q, scenario.applications().stream().map(ApplicationSpec::name).toList());
    }

    public QosSpec qos() {
        return qos;
    }

    /** Whether links of {@code kind} are partitioned (at least one slice covers them). */
    public boolean sliced(LinkKind kind) {
        return weights[kind.ordinal()].length > 1;
    }

    /** The GPS weights of links of {@code kind}: flow 0 the unreserved remainder, then the slices covering it. */
    public double[] weights(LinkKind kind) {
        return weights[kind.ordinal()].clone();
    }

    /** The flow of slice {@code name} on links of {@code kind}: -1 when no such slice covers them. */
    public int flowOfSlice(String name, LinkKind kind) {
        int s = qos.sliceIndex(name);
        if (s < 0 || !qos.slices().get(s).covers(kind.name().toLowerCase(Locale.ROOT))) {
            return -1;
        }
        int flow = 0;
        for (int i = 0; i <= s; i++) {
            flow += qos.slices().get(i).covers(kind.name().toLowerCase(Locale.ROOT)) ? 1 : 0;
        }
        return flow;
    }

    /** Names of the slices covering links of {@code kind}, in flow order (flow 1 first). */
    public List<String> sliceNames(LinkKind kind) {
        String k = kind.name().toLowerCase(Locale.ROOT);
        return qos.slices().stream().filter(s -> s.covers(k)).map(SliceSpec::name).toList();
    }

    /**
     * Starts a transfer of application {@code app}'s task on {@code link} in the flow its class uses there; without
     * classes and slices ({@link #NONE}) exactly {@link Link#start(Work, double, boolean)}.
     */
    public void start(Link link, Work w, int app, double bits, boolean upload) {
        if (this == NONE) {
            link.start(w, bits, upload);
        } else {
            link.start(w, bits, upload, flow(classOf(app), link.kind()));
        }
    }

    /** The QoS class of application {@code app}, -1 when it has none. */
    public int classOf(int app) {
        return app < appClass.length ? appClass[app] : -1;
    }

    /** The flow class {@code qosClass}'s transfers use on links of {@code kind} (0 for no class). */
    public int flow(int qosClass, LinkKind kind) {
        return qosClass < 0 ? 0 : flow[kind.ordinal()][qosClass];
    }

    /** The class at index {@code qosClass}. */
    public QosClassSpec qosClass(int qosClass) {
        return qos.classes().get(qosClass);
    }

    public int classCount() {
        return qos.classes().size();
    }
}
