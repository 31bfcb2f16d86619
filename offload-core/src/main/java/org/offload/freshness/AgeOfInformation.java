package org.offload.freshness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Age of Information accounting for status-update sources (one source per device running a status-update
 * application), clipped to a measured window {@code [fromS, toS]}: O(1) and allocation-free per delivery. The age
 * of source {@code s} at time {@code t} is {@code t - u_s(t)}, {@code u_s(t)} the generation time of the newest
 * update delivered by {@code t}; it is integrated piecewise between deliveries (a sawtooth) from the source's first
 * delivery on. An update delivered after a newer one of its source leaves the age unchanged (it is obsolete).
 * Deliveries must be reported in time order; {@link #metrics} integrates the last pieces up to {@code toS}.
 */
public final class AgeOfInformation {
    private final List<String> appNames;
    private final int[] appOf;
    private final double fromS;
    private final double toS;
    private final double[] newestGenS;
    private final double[] lastS;
    private final double[] area;
    private final double[] covered;
    private final double[] peakSum;
    private final long[] peaks;
    private final long[] obsolete;
    private final long[] superseded;

    /**
     * @param appNames the scenario's application names
     * @param appOf    the application of each source (device), -1 for a device that is not a status-update source
     * @param fromS    start of the measured window
     * @param toS      end of the measured window
     */
    public AgeOfInformation(List<String> appNames, int[] appOf, double fromS, double toS) {
        this.appNames = List.copyOf(appNames);
        this.appOf = appOf.clone();
        this.fromS = fromS;
        this.toS = toS;
        int n = appOf.length;
        newestGenS = new double[n];
        java.util.Arrays.fill(newestGenS, Double.NaN);
        lastS = new double[n];
        area = new double[n];
        covered = new double[n];
        peakSum = new double[n];
        peaks = new long[n];
        obsolete = new long[n];
        superseded = new long[n];
    }

    /** True when {@code device} is a status-update source. */
    public boolean isSource(int device) {
        return appOf[device] >= 0;
    }

    /** An update of {@code source} generated at {@code generatedS} was delivered at {@code nowS}. */
    public void delivered(int source, double generatedS, double nowS) {
        double u = newestGenS[source];
        if (!Double.isNaN(u) && generatedS <= u) {
            if (inWindow(nowS)) {
                obsolete[source]++;
            }
            return;
        }
        if (!Double.isNaN(u)) {
            integrate(source, nowS);
            if (inWindow(nowS)) {
                peakSum[source] += nowS - u;
                peaks[source]++;
            }
        }
        newestGenS[source] = generatedS;
        lastS[source] = nowS;
    }

    /** An update of {@code source} generated at {@code generatedS} was ended in flight by a newer one. */
    public void superseded(int source, double generatedS) {
        if (generatedS >= fromS && generatedS <= toS) {
            superseded[source]++;
        }
    }

    private boolean inWindow(double t) {
        return t >= fromS && t <= toS;
    }

    /** Adds the area under the age from the source's last delivery to {@code nowS}, clipped to the window. */
    private void integrate(int source, double nowS) {
        double a = Math.max(lastS[source], fromS);
        double b = Math.min(nowS, toS);
        if (b > a) {
            double u = newestGenS[source];
            area[source] += (b - a) * ((a + b) / 2 - u);
            covered[source] += b - a;
        }
    }

    /** Per status-update application (scenario order), the window's metrics; call once, after the last delivery. */
    public Map<String, FreshnessMetrics> metrics() {
        int apps = appNames.size();
        int[] sources = new int[apps];
        int[] updated = new int[apps];
        long[] deliveries = new long[apps];
        long[] obsoleteN = new long[apps];
        long[] supersededN = new long[apps];
        double[] ageSum = new double[apps];
        double[] peakMeanSum = new double[apps];
        int[] peakSources = new int[apps];
        double[] worst = new double[apps];
        java.util.Arrays.fill(worst, Double.NaN);
        List<List<FreshnessMetrics.Source>> perSource = new ArrayList<>();
        for (int a = 0; a < apps; a++) {
            perSource.add(new ArrayList<>());
        }
        for (int s = 0; s < appOf.length; s++) {
            int a = appOf[s];
            if (a < 0) {
                continue;
            }
            sources[a]++;
            obsoleteN[a] += obsolete[s];
            supersededN[a] += superseded[s];
            deliveries[a] += peaks[s];
            if (!Double.isNaN(newestGenS[s])) {
                integrate(s, toS);
                lastS[s] = Math.max(lastS[s], toS);
            }
            if (covered[s] > 0) {
                double age = area[s] / covered[s];
                updated[a]++;
                ageSum[a] += age;
                worst[a] = Double.isNaN(worst[a]) ? age : Math.max(worst[a], age);
            }
            if (peaks[s] > 0) {
                peakMeanSum[a] += peakSum[s] / peaks[s];
                peakSources[a]++;
            }
            perSource.get(a).add(new FreshnessMetrics.Source(s, covered[s] > 0 ? area[s] / covered[s] : Double.NaN,
                    peaks[s] > 0 ? peakSum[s] / peaks[s] : Double.NaN, peaks[s]));
        }
        Map<String, FreshnessMetrics> out = new LinkedHashMap<>();
        for (int a = 0; a < apps; a++) {
            if (sources[a] == 0) {
                continue;
            }
            out.put(appNames.get(a), new FreshnessMetrics(sources[a], updated[a], deliveries[a], obsoleteN[a],
                    supersededN[a], updated[a] > 0 ? ageSum[a] / updated[a] : Double.NaN,
                    peakSources[a] > 0 ? peakMeanSum[a] / peakSources[a] : Double.NaN, worst[a], perSource.get(a)));
        }
        return out;
    }
}
